// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// exit, ids, uname, getrandom, futex and the signals musl's raise() and
// abort() use. exit_app and panic longjmp back into the test.

#include <string.h>

#include <rt/errno.h>

#include "syscall_fakes.h"
#include "unit.h"

#define SET_SIZE RT_SIGSET_SIZE
#define BIT(s)   (UINT64_C(1) << ((s)-1))

// What musl blocks in raise(): all but its three internal signals.
#define MUSL_APP_MASK UINT64_C(0xfffffffc7fffffff)

// App memory for sigsets, so that handlers can use it too.
static uint64_t *set, *old;

// Signals the handlers saw, in order, and the mask in force meanwhile.
static int seen[16];
static uint64_t seen_mask[16];
static unsigned int nseen;

static struct timespec *
ts_of(long sec, long nsec)
{
	struct timespec *ts = fake_alloc(sizeof(*ts));

	*ts = (struct timespec){ sec, nsec };
	return ts;
}

static void
reset(void)
{
	fake_reset();
	set = fake_alloc(sizeof(*set));
	old = fake_alloc(sizeof(*old));
	nseen = 0;
}

static uint64_t
blocked_now(void)
{
	uint64_t *m = fake_alloc(sizeof(*m));

	ASSERT_EQ(sys_rt_sigprocmask(RT_SIG_BLOCK, NULL, m, SET_SIZE), 0);
	return *m;
}

static long
record(long s, long info)
{
	EXPECT_EQ(info, 0);
	if (nseen < 16) {
		seen[nseen] = (int)s;
		seen_mask[nseen] = blocked_now();
	}
	nseen++;
	return 0;
}

// Raises SIGUSR2 from inside the SIGUSR1 handler.
static long
record_and_raise_usr2(long s, long info)
{
	record(s, info);
	EXPECT_EQ(sys_tkill(1, RT_SIGUSR2), 0);
	return 0;
}

static long
install(int s, uint64_t handler, uint64_t flags, uint64_t mask)
{
	struct rt_sigaction *act = fake_alloc(sizeof(*act));

	*act = (struct rt_sigaction){ .handler = handler,
		                      .flags = flags,
		                      .mask = mask };
	return sys_rt_sigaction(s, act, NULL, SET_SIZE);
}

static long
procmask(int how, uint64_t mask)
{
	*set = mask;
	return sys_rt_sigprocmask(how, set, NULL, SET_SIZE);
}

// musl 1.2's raise(): block the app's signals, tkill, restore the mask.
static long
musl_raise(int s)
{
	long ret;

	*set = MUSL_APP_MASK;
	EXPECT_EQ(sys_rt_sigprocmask(RT_SIG_BLOCK, set, old, SET_SIZE), 0);
	ret = sys_tkill((int)sys_gettid(), s);
	EXPECT_EQ(sys_rt_sigprocmask(RT_SIG_SETMASK, old, NULL, SET_SIZE), 0);
	return ret;
}

// musl 1.2's abort(), syscall by syscall, up to its a_crash().
static void
musl_abort(void)
{
	musl_raise(RT_SIGABRT);
	procmask(RT_SIG_BLOCK, ~UINT64_C(0));
	install(RT_SIGABRT, RT_SIG_DFL, 0, 0);
	sys_tkill((int)sys_gettid(), RT_SIGABRT);
	procmask(RT_SIG_UNBLOCK, BIT(RT_SIGABRT));
}

TEST(process, exit_status_is_the_low_byte)
{
	reset();
	FAKE_NORETURN(sys_exit(3));
	EXPECT_EQ(fake_end, FAKE_EXITED);
	EXPECT_EQ(fake_exit_status, 3);
	FAKE_NORETURN(sys_exit(300));
	EXPECT_EQ(fake_exit_status, 44);
	FAKE_NORETURN(sys_exit_group(-1));
	EXPECT_EQ(fake_end, FAKE_EXITED);
	EXPECT_EQ(fake_exit_status, 255);
	FAKE_NORETURN(sys_exit_group(256));
	EXPECT_EQ(fake_exit_status, 0);
}

TEST(process, ids)
{
	reset();
	EXPECT_EQ(sys_set_tid_address(NULL), 1);
	EXPECT_EQ(sys_set_tid_address(fake_alloc(4)), 1);
	EXPECT_EQ(sys_getpid(), 1);
	EXPECT_EQ(sys_gettid(), 1);
	EXPECT_EQ(sys_getuid(), 0);
	EXPECT_EQ(sys_geteuid(), 0);
	EXPECT_EQ(sys_getgid(), 0);
	EXPECT_EQ(sys_getegid(), 0);
	EXPECT_EQ(sys_sched_yield(), 0);
}

TEST(process, uname)
{
	struct utsname outside;
	struct utsname *u = NULL;

	reset();
	u = fake_alloc(sizeof(*u));
	memset(u, 'x', sizeof(*u));
	EXPECT_EQ(sys_uname(u), 0);
	EXPECT_STREQ(u->sysname, "Linux");
	EXPECT_STREQ(u->nodename, "gunyah-rt");
	EXPECT_STREQ(u->machine, "aarch64");
	EXPECT_STREQ(u->domainname, "(none)");
	EXPECT_TRUE(strstr(u->release, "gunyah-rt") != NULL);
	EXPECT_EQ(u->version[RT_UTSNAME_LEN - 1], '\0');
	EXPECT_EQ(sys_uname(NULL), -EFAULT);
	EXPECT_EQ(sys_uname(&outside), -EFAULT);
	EXPECT_EQ(sys_uname((struct utsname *)(fake_arena_end - 389)), -EFAULT);
}

TEST(getrandom, fills)
{
	unsigned char *buf = NULL;

	reset();
	buf = fake_alloc(64);
	EXPECT_EQ(sys_getrandom(buf, 40, 0), 40);
	EXPECT_EQ(buf[39], 39);
	EXPECT_EQ(buf[40], 0);
	EXPECT_EQ(sys_getrandom(buf, 8, RT_GRND_NONBLOCK), 8);
	EXPECT_EQ(sys_getrandom(buf, 8, RT_GRND_RANDOM), 8);
	EXPECT_EQ(sys_getrandom(buf, 8, RT_GRND_INSECURE), 8);
	EXPECT_EQ(sys_getrandom(buf, 8, RT_GRND_NONBLOCK | RT_GRND_RANDOM), 8);
	EXPECT_EQ(sys_getrandom(NULL, 0, 0), 0);
	EXPECT_EQ(fake_entropy_bytes, 72);
}

TEST(getrandom, errors)
{
	unsigned char outside[8];
	unsigned char *buf = NULL;

	reset();
	buf = fake_alloc(8);
	EXPECT_EQ(sys_getrandom(buf, 8, 0x8), -EINVAL);
	EXPECT_EQ(sys_getrandom(buf, 8, 0x80000000u), -EINVAL);
	EXPECT_EQ(sys_getrandom(buf, 8, RT_GRND_RANDOM | RT_GRND_INSECURE),
	          -EINVAL);
	EXPECT_EQ(sys_getrandom(NULL, 8, 0), -EFAULT);
	EXPECT_EQ(sys_getrandom(outside, 8, 0), -EFAULT);
	EXPECT_EQ(sys_getrandom(fake_arena_end - 4, 8, 0), -EFAULT);
	EXPECT_EQ(sys_getrandom(buf, (size_t)-1, 0), -EFAULT);
	EXPECT_EQ(fake_entropy_bytes, 0);
}

TEST(futex, wake_finds_no_waiter)
{
	uint32_t *word = NULL;

	reset();
	word = fake_alloc(sizeof(*word));
	EXPECT_EQ(sys_futex(word, RT_FUTEX_WAKE, 1, NULL, NULL, 0), 0);
	EXPECT_EQ(sys_futex(word, RT_FUTEX_WAKE | RT_FUTEX_PRIVATE_FLAG,
	                    0x7fffffff, NULL, NULL, 0),
	          0);
}

TEST(futex, wait_on_a_changed_value)
{
	uint32_t *word = NULL;

	reset();
	word = fake_alloc(sizeof(*word));
	*word = 5;
	EXPECT_EQ(sys_futex(word, RT_FUTEX_WAIT, 4, NULL, NULL, 0), -EAGAIN);
	EXPECT_EQ(sys_futex(word, RT_FUTEX_WAIT | RT_FUTEX_PRIVATE_FLAG, 6,
	                    NULL, NULL, 0),
	          -EAGAIN);
}

TEST(futex, timed_wait_times_out)
{
	uint32_t *word = NULL;

	reset();
	word = fake_alloc(sizeof(*word));
	*word = 7;
	fake.counter = 0;
	EXPECT_EQ(sys_futex(word, RT_FUTEX_WAIT | RT_FUTEX_PRIVATE_FLAG, 7,
	                    ts_of(0, 1000000), NULL, 0),
	          -ETIMEDOUT);
	EXPECT_EQ(fake.counter, FAKE_FREQ / 1000);
	// Linux takes FUTEX_CLOCK_REALTIME with FUTEX_WAIT too.
	EXPECT_EQ(sys_futex(word, RT_FUTEX_WAIT | RT_FUTEX_CLOCK_REALTIME, 7,
	                    ts_of(0, 0), NULL, 0),
	          -ETIMEDOUT);
}

TEST(futex, untimed_wait_panics)
{
	uint32_t *word = NULL;

	reset();
	word = fake_alloc(sizeof(*word));
	FAKE_NORETURN(sys_futex(word, RT_FUTEX_WAIT, 0, NULL, NULL, 0));
	EXPECT_EQ(fake_end, FAKE_PANICKED);
	EXPECT_TRUE(strstr(fake_panic_msg, "would block forever") != NULL);
}

static uint32_t *isr_word;
static long isr_wake_result;

static void
isr_wakes(void)
{
	isr_wake_result = sys_futex(
	    isr_word, RT_FUTEX_WAKE | RT_FUTEX_PRIVATE_FLAG, 1, NULL, NULL, 0);
}

TEST(futex, an_isr_can_wake_the_waiter)
{
	reset();
	isr_word = fake_alloc(sizeof(*isr_word));
	fake.counter = 0;
	fake_irq_at = 50;
	fake_isr = isr_wakes;
	EXPECT_EQ(sys_futex(isr_word, RT_FUTEX_WAIT | RT_FUTEX_PRIVATE_FLAG, 0,
	                    ts_of(10, 0), NULL, 0),
	          0);
	EXPECT_EQ(isr_wake_result, 1);
	EXPECT_EQ(fake.counter, 50);
	// The waiter is gone afterwards.
	EXPECT_EQ(sys_futex(isr_word, RT_FUTEX_WAKE, 1, NULL, NULL, 0), 0);
}

TEST(futex, errors)
{
	uint32_t outside = 0;
	uint32_t *word = NULL;

	reset();
	word = fake_alloc(2 * sizeof(*word));
	EXPECT_EQ(sys_futex((uint32_t *)((char *)word + 2), RT_FUTEX_WAKE, 1,
	                    NULL, NULL, 0),
	          -EINVAL);
	EXPECT_EQ(sys_futex((uint32_t *)((char *)word + 1), RT_FUTEX_WAIT, 0,
	                    NULL, NULL, 0),
	          -EINVAL);
	EXPECT_EQ(sys_futex(NULL, RT_FUTEX_WAKE, 1, NULL, NULL, 0), -EFAULT);
	EXPECT_EQ(sys_futex(&outside, RT_FUTEX_WAIT, 0, ts_of(1, 0), NULL, 0),
	          -EFAULT);
	EXPECT_EQ(
	    sys_futex(word, RT_FUTEX_WAIT, 0, ts_of(0, 1000000000), NULL, 0),
	    -EINVAL);
	EXPECT_EQ(sys_futex(word, RT_FUTEX_WAIT, 0, ts_of(-1, 0), NULL, 0),
	          -EINVAL);
	EXPECT_EQ(sys_futex(word, RT_FUTEX_WAIT, 0, (struct timespec *)&outside,
	                    NULL, 0),
	          -EFAULT);
	EXPECT_EQ(sys_futex(word, RT_FUTEX_REQUEUE, 1, NULL, word + 1, 0),
	          -ENOSYS);
	EXPECT_EQ(sys_futex(word, 9 /* WAIT_BITSET */, 0, NULL, NULL, ~0u),
	          -ENOSYS);
	EXPECT_EQ(sys_futex(word, RT_FUTEX_WAKE | RT_FUTEX_CLOCK_REALTIME, 1,
	                    NULL, NULL, 0),
	          -ENOSYS);
	EXPECT_EQ(sys_futex(word, 0x1000 | RT_FUTEX_WAKE, 1, NULL, NULL, 0),
	          -ENOSYS);
	EXPECT_EQ(fake_irq_waits, 0);
}

TEST(rt_sigaction, argument_checks)
{
	struct rt_sigaction outside = { 0 };
	struct rt_sigaction *act = NULL;

	reset();
	act = fake_alloc(sizeof(*act));
	EXPECT_EQ(sys_rt_sigaction(RT_SIGUSR1, act, NULL, 4), -EINVAL);
	EXPECT_EQ(sys_rt_sigaction(RT_SIGUSR1, act, NULL, 16), -EINVAL);
	EXPECT_EQ(sys_rt_sigaction(0, act, NULL, SET_SIZE), -EINVAL);
	EXPECT_EQ(sys_rt_sigaction(65, act, NULL, SET_SIZE), -EINVAL);
	EXPECT_EQ(sys_rt_sigaction(-1, NULL, NULL, SET_SIZE), -EINVAL);
	EXPECT_EQ(sys_rt_sigaction(RT_SIGKILL, act, NULL, SET_SIZE), -EINVAL);
	EXPECT_EQ(sys_rt_sigaction(RT_SIGSTOP, act, NULL, SET_SIZE), -EINVAL);
	// Asking about SIGKILL is fine.
	EXPECT_EQ(sys_rt_sigaction(RT_SIGKILL, NULL, act, SET_SIZE), 0);
	EXPECT_EQ(sys_rt_sigaction(64, act, NULL, SET_SIZE), 0);
	EXPECT_EQ(sys_rt_sigaction(RT_SIGUSR1, &outside, NULL, SET_SIZE),
	          -EFAULT);
	// A bad oldact changes nothing.
	act->handler = RT_SIG_IGN;
	EXPECT_EQ(sys_rt_sigaction(RT_SIGUSR1, act, &outside, SET_SIZE),
	          -EFAULT);
	EXPECT_EQ(sys_rt_sigaction(RT_SIGUSR1, NULL, act, SET_SIZE), 0);
	EXPECT_EQ(act->handler, RT_SIG_DFL);
}

TEST(rt_sigaction, reads_back)
{
	struct rt_sigaction *act = NULL, *prev = NULL;

	reset();
	act = fake_alloc(sizeof(*act));
	prev = fake_alloc(sizeof(*prev));
	*act = (struct rt_sigaction){
		.handler = (uint64_t)(uintptr_t)record,
		.flags = RT_SA_RESTORER | RT_SA_SIGINFO | RT_SA_RESTART |
		         0x100 /* unknown */,
		.restorer = 0x1234,
		.mask = BIT(RT_SIGUSR2) | BIT(RT_SIGKILL) | BIT(RT_SIGSTOP),
	};
	EXPECT_EQ(sys_rt_sigaction(RT_SIGUSR1, act, prev, SET_SIZE), 0);
	EXPECT_EQ(prev->handler, RT_SIG_DFL);
	EXPECT_EQ(prev->flags, 0);
	memset(prev, 0xff, sizeof(*prev));
	EXPECT_EQ(sys_rt_sigaction(RT_SIGUSR1, NULL, prev, SET_SIZE), 0);
	EXPECT_EQ(prev->handler, (uint64_t)(uintptr_t)record);
	EXPECT_EQ(prev->flags, RT_SA_RESTORER | RT_SA_SIGINFO | RT_SA_RESTART);
	EXPECT_EQ(prev->restorer, 0);
	EXPECT_EQ(prev->mask, BIT(RT_SIGUSR2));
}

TEST(rt_sigprocmask, argument_checks)
{
	uint64_t outside = 0;

	reset();
	*set = BIT(RT_SIGUSR1);
	EXPECT_EQ(sys_rt_sigprocmask(RT_SIG_BLOCK, set, NULL, 4), -EINVAL);
	EXPECT_EQ(sys_rt_sigprocmask(3, set, NULL, SET_SIZE), -EINVAL);
	EXPECT_EQ(sys_rt_sigprocmask(-1, set, NULL, SET_SIZE), -EINVAL);
	// Without a new set, how is not looked at.
	EXPECT_EQ(sys_rt_sigprocmask(3, NULL, old, SET_SIZE), 0);
	EXPECT_EQ(sys_rt_sigprocmask(RT_SIG_BLOCK, &outside, NULL, SET_SIZE),
	          -EFAULT);
	EXPECT_EQ(sys_rt_sigprocmask(RT_SIG_BLOCK, set, &outside, SET_SIZE),
	          -EFAULT);
	EXPECT_EQ(blocked_now(), 0);
}

TEST(rt_sigprocmask, block_unblock_setmask)
{
	reset();
	EXPECT_EQ(procmask(RT_SIG_BLOCK, BIT(RT_SIGUSR1)), 0);
	EXPECT_EQ(procmask(RT_SIG_BLOCK, BIT(RT_SIGUSR2)), 0);
	EXPECT_EQ(blocked_now(), BIT(RT_SIGUSR1) | BIT(RT_SIGUSR2));
	EXPECT_EQ(procmask(RT_SIG_UNBLOCK, BIT(RT_SIGUSR1)), 0);
	EXPECT_EQ(blocked_now(), BIT(RT_SIGUSR2));
	*set = BIT(RT_SIGTERM);
	EXPECT_EQ(sys_rt_sigprocmask(RT_SIG_SETMASK, set, old, SET_SIZE), 0);
	EXPECT_EQ(*old, BIT(RT_SIGUSR2));
	EXPECT_EQ(blocked_now(), BIT(RT_SIGTERM));
	// SIGKILL and SIGSTOP stay unblocked, silently.
	EXPECT_EQ(procmask(RT_SIG_SETMASK, ~UINT64_C(0)), 0);
	EXPECT_EQ(blocked_now(), ~(BIT(RT_SIGKILL) | BIT(RT_SIGSTOP)));
}

TEST(kill, argument_checks)
{
	reset();
	EXPECT_EQ(sys_tkill(0, RT_SIGUSR1), -EINVAL);
	EXPECT_EQ(sys_tkill(-1, RT_SIGUSR1), -EINVAL);
	EXPECT_EQ(sys_tkill(2, RT_SIGUSR1), -ESRCH);
	EXPECT_EQ(sys_tkill(2, 999), -ESRCH);
	EXPECT_EQ(sys_tkill(1, 0), 0);
	EXPECT_EQ(sys_tkill(1, 65), -EINVAL);
	EXPECT_EQ(sys_tkill(1, -3), -EINVAL);
	EXPECT_EQ(sys_tgkill(0, 1, RT_SIGUSR1), -EINVAL);
	EXPECT_EQ(sys_tgkill(1, 0, RT_SIGUSR1), -EINVAL);
	EXPECT_EQ(sys_tgkill(2, 1, RT_SIGUSR1), -ESRCH);
	EXPECT_EQ(sys_tgkill(1, 2, RT_SIGUSR1), -ESRCH);
	EXPECT_EQ(sys_tgkill(1, 1, 0), 0);
	EXPECT_EQ(sys_tgkill(1, 1, 100), -EINVAL);
}

TEST(kill, default_action_terminates_with_128_plus_sig)
{
	reset();
	FAKE_NORETURN(sys_tkill(1, RT_SIGTERM));
	EXPECT_EQ(fake_end, FAKE_EXITED);
	EXPECT_EQ(fake_exit_status, 128 + RT_SIGTERM);
	FAKE_NORETURN(sys_tgkill(1, 1, RT_SIGKILL));
	EXPECT_EQ(fake_exit_status, 137);
	FAKE_NORETURN(sys_tkill(1, 64));
	EXPECT_EQ(fake_exit_status, 192);
	FAKE_NORETURN(sys_tkill(1, RT_SIGSTOP));
	EXPECT_EQ(fake_exit_status, 128 + RT_SIGSTOP);
}

TEST(kill, default_action_ignores_some)
{
	static const int ignored[] = { RT_SIGCHLD, RT_SIGCONT, RT_SIGURG,
		                       RT_SIGWINCH };

	reset();
	for (size_t i = 0; i < sizeof(ignored) / sizeof(ignored[0]); i++) {
		FAKE_NORETURN(EXPECT_EQ(sys_tkill(1, ignored[i]), 0));
		EXPECT_EQ(fake_end, FAKE_RETURNED);
	}
}

TEST(kill, sig_ign)
{
	reset();
	EXPECT_EQ(install(RT_SIGTERM, RT_SIG_IGN, 0, 0), 0);
	FAKE_NORETURN(EXPECT_EQ(sys_tkill(1, RT_SIGTERM), 0));
	EXPECT_EQ(fake_end, FAKE_RETURNED);
}

TEST(kill, handler_runs_with_the_signal_blocked)
{
	reset();
	EXPECT_EQ(install(RT_SIGUSR1, (uintptr_t)record, 0, BIT(RT_SIGTERM)),
	          0);
	EXPECT_EQ(sys_tkill(1, RT_SIGUSR1), 0);
	ASSERT_EQ(nseen, 1);
	EXPECT_EQ(seen[0], RT_SIGUSR1);
	EXPECT_EQ(seen_mask[0], BIT(RT_SIGUSR1) | BIT(RT_SIGTERM));
	EXPECT_EQ(blocked_now(), 0);
	// Handlers stay installed.
	EXPECT_EQ(sys_tgkill(1, 1, RT_SIGUSR1), 0);
	EXPECT_EQ(nseen, 2);
}

TEST(kill, nodefer)
{
	reset();
	EXPECT_EQ(install(RT_SIGUSR1, (uintptr_t)record, RT_SA_NODEFER, 0), 0);
	EXPECT_EQ(sys_tkill(1, RT_SIGUSR1), 0);
	ASSERT_EQ(nseen, 1);
	EXPECT_EQ(seen_mask[0], 0);
}

TEST(kill, resethand_is_one_shot)
{
	reset();
	EXPECT_EQ(install(RT_SIGUSR1, (uintptr_t)record, RT_SA_RESETHAND, 0),
	          0);
	EXPECT_EQ(sys_tkill(1, RT_SIGUSR1), 0);
	EXPECT_EQ(nseen, 1);
	FAKE_NORETURN(sys_tkill(1, RT_SIGUSR1));
	EXPECT_EQ(fake_end, FAKE_EXITED);
	EXPECT_EQ(fake_exit_status, 128 + RT_SIGUSR1);
	EXPECT_EQ(nseen, 1);
}

TEST(kill, signal_raised_in_a_handler_waits_for_its_mask)
{
	reset();
	EXPECT_EQ(install(RT_SIGUSR1, (uintptr_t)record_and_raise_usr2, 0,
	                  BIT(RT_SIGUSR2)),
	          0);
	EXPECT_EQ(install(RT_SIGUSR2, (uintptr_t)record, 0, 0), 0);
	EXPECT_EQ(sys_tkill(1, RT_SIGUSR1), 0);
	ASSERT_EQ(nseen, 2);
	EXPECT_EQ(seen[0], RT_SIGUSR1);
	EXPECT_EQ(seen[1], RT_SIGUSR2);
	EXPECT_EQ(seen_mask[1], BIT(RT_SIGUSR2));
}

TEST(kill, blocked_signals_wait_and_come_lowest_first)
{
	reset();
	EXPECT_EQ(install(RT_SIGUSR1, (uintptr_t)record, 0, 0), 0);
	EXPECT_EQ(install(RT_SIGUSR2, (uintptr_t)record, 0, 0), 0);
	EXPECT_EQ(procmask(RT_SIG_BLOCK, BIT(RT_SIGUSR1) | BIT(RT_SIGUSR2)), 0);
	EXPECT_EQ(sys_tkill(1, RT_SIGUSR2), 0);
	EXPECT_EQ(sys_tkill(1, RT_SIGUSR1), 0);
	EXPECT_EQ(sys_tkill(1, RT_SIGUSR1), 0);
	EXPECT_EQ(nseen, 0);
	EXPECT_EQ(procmask(RT_SIG_UNBLOCK, BIT(RT_SIGUSR1) | BIT(RT_SIGUSR2)),
	          0);
	// A pending signal is a bit: raised twice, delivered once.
	ASSERT_EQ(nseen, 2);
	EXPECT_EQ(seen[0], RT_SIGUSR1);
	EXPECT_EQ(seen[1], RT_SIGUSR2);
}

TEST(kill, ignoring_a_pending_signal_discards_it)
{
	reset();
	EXPECT_EQ(procmask(RT_SIG_BLOCK, BIT(RT_SIGTERM)), 0);
	EXPECT_EQ(sys_tkill(1, RT_SIGTERM), 0);
	EXPECT_EQ(install(RT_SIGTERM, RT_SIG_IGN, 0, 0), 0);
	EXPECT_EQ(install(RT_SIGTERM, RT_SIG_DFL, 0, 0), 0);
	FAKE_NORETURN(EXPECT_EQ(procmask(RT_SIG_UNBLOCK, BIT(RT_SIGTERM)), 0));
	EXPECT_EQ(fake_end, FAKE_RETURNED);
}

TEST(kill, blocked_and_ignored_stays_pending)
{
	reset();
	EXPECT_EQ(install(RT_SIGUSR1, RT_SIG_IGN, 0, 0), 0);
	EXPECT_EQ(procmask(RT_SIG_BLOCK, BIT(RT_SIGUSR1)), 0);
	EXPECT_EQ(sys_tkill(1, RT_SIGUSR1), 0);
	EXPECT_EQ(install(RT_SIGUSR1, (uintptr_t)record, 0, 0), 0);
	EXPECT_EQ(procmask(RT_SIG_UNBLOCK, BIT(RT_SIGUSR1)), 0);
	EXPECT_EQ(nseen, 1);
}

TEST(kill, unblocking_a_pending_default_signal_terminates)
{
	reset();
	EXPECT_EQ(procmask(RT_SIG_BLOCK, BIT(RT_SIGTERM)), 0);
	EXPECT_EQ(sys_tkill(1, RT_SIGTERM), 0);
	*set = 0;
	FAKE_NORETURN(sys_rt_sigprocmask(RT_SIG_SETMASK, set, NULL, SET_SIZE));
	EXPECT_EQ(fake_end, FAKE_EXITED);
	EXPECT_EQ(fake_exit_status, 143);
}

TEST(musl, raise_with_a_handler)
{
	reset();
	EXPECT_EQ(install(RT_SIGUSR1, (uintptr_t)record, RT_SA_RESTORER, 0), 0);
	EXPECT_EQ(musl_raise(RT_SIGUSR1), 0);
	ASSERT_EQ(nseen, 1);
	// Delivered when raise() restored the mask, with that mask in force.
	EXPECT_EQ(seen_mask[0], BIT(RT_SIGUSR1));
	EXPECT_EQ(blocked_now(), 0);
}

TEST(musl, abort_ends_with_134)
{
	reset();
	FAKE_NORETURN(musl_abort());
	EXPECT_EQ(fake_end, FAKE_EXITED);
	EXPECT_EQ(fake_exit_status, 134);
}

TEST(musl, abort_with_a_handler_that_returns)
{
	reset();
	EXPECT_EQ(install(RT_SIGABRT, (uintptr_t)record, 0, 0), 0);
	FAKE_NORETURN(musl_abort());
	EXPECT_EQ(nseen, 1);
	EXPECT_EQ(fake_end, FAKE_EXITED);
	EXPECT_EQ(fake_exit_status, 134);
}

TEST(musl, abort_with_sigabrt_ignored_or_blocked)
{
	reset();
	EXPECT_EQ(install(RT_SIGABRT, RT_SIG_IGN, 0, 0), 0);
	FAKE_NORETURN(musl_abort());
	EXPECT_EQ(fake_exit_status, 134);
	reset();
	EXPECT_EQ(procmask(RT_SIG_BLOCK, BIT(RT_SIGABRT)), 0);
	FAKE_NORETURN(musl_abort());
	EXPECT_EQ(fake_exit_status, 134);
}
