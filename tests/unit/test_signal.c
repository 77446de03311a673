// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// Signals (src/syscall/signal.c) as the app sees them, through the whole
// entry path of fake_app.c: a signal that is not blocked is delivered on
// the way back from the syscall that raised or unblocked it, its handler
// runs as an upcall on the app's stack and returns through rt_sigreturn,
// which puts the mask back. The musl sequences are raise() and abort()
// syscall by syscall.

#include <string.h>

#include <rt/errno.h>
#include <rt/linux.h>
#include <rt/log.h>
#include <rt/upcall.h>
#include <uapi/rt_gicv3.h>

#include <syscall_table.h>

#include "fake_app.h"
#include "fake_arch.h"
#include "unit.h"

#define SET_SIZE RT_SIGSET_SIZE
#define BIT(s)   (UINT64_C(1) << ((s)-1))
#define NR(name) SYSCALL_NR_##name

// What musl blocks in raise(): all but its three internal signals.
#define MUSL_APP_MASK UINT64_C(0xfffffffc7fffffff)

// App memory for sigsets, so that handlers can use them too.
static uint64_t *set, *old;

// What the handlers saw, in order.
static struct {
	int sig;
	long info, ctx;
	uint64_t mask;
	unsigned depth;
	uint64_t spsr;
	uintptr_t sp;
} seen[16];
static unsigned nseen;

static void
reset(void)
{
	fake_app_setup();
	set = fake_app_alloc(sizeof(*set));
	old = fake_app_alloc(sizeof(*old));
	nseen = 0;
	memset(seen, 0, sizeof(seen));
}

static long
tkill(int tid, int s)
{
	return APP_SYSCALL2(NR(tkill), tid, s);
}

static long
tgkill(int tgid, int tid, int s)
{
	return APP_SYSCALL3(NR(tgkill), tgid, tid, s);
}

static long
sigaction(int s, const void *act, void *oldact, size_t size)
{
	return APP_SYSCALL4(NR(rt_sigaction), s, act, oldact, size);
}

static long
sigprocmask(int how, const void *nset, void *oset, size_t size)
{
	return APP_SYSCALL4(NR(rt_sigprocmask), how, nset, oset, size);
}

static uint64_t
blocked_now(void)
{
	uint64_t *m = fake_app_alloc(sizeof(*m));

	ASSERT_EQ(sigprocmask(RT_SIG_BLOCK, NULL, m, SET_SIZE), 0);
	return *m;
}

// The entry is taken first: asking for the mask is a syscall, on whose
// way back another signal may be delivered, as on Linux.
static long
record(long s, long info, long ctx)
{
	unsigned i = nseen++;

	if (i < 16) {
		seen[i].sig = (int)s;
		seen[i].info = info;
		seen[i].ctx = ctx;
		seen[i].depth = fake_app_depth();
		seen[i].spsr = fake_app_now()->spsr;
		seen[i].sp = fake_app_now()->sp;
		seen[i].mask = blocked_now();
	}
	return 0;
}

// Raises SIGUSR2 from inside the SIGUSR1 handler.
static long
record_and_raise_usr2(long s, long info, long ctx)
{
	record(s, info, ctx);
	EXPECT_EQ(tkill(1, RT_SIGUSR2), 0);
	return 0;
}

// Blocks SIGTERM for good, it thinks.
static long
record_and_block_term(long s, long info, long ctx)
{
	uint64_t *m = fake_app_alloc(sizeof(*m));

	record(s, info, ctx);
	*m = BIT(RT_SIGTERM);
	EXPECT_EQ(sigprocmask(RT_SIG_BLOCK, m, NULL, SET_SIZE), 0);
	return 0;
}

static long
install(int s, uint64_t handler, uint64_t flags, uint64_t mask)
{
	struct rt_sigaction *act = fake_app_alloc(sizeof(*act));

	*act = (struct rt_sigaction){ .handler = handler,
		                      .flags = flags,
		                      .mask = mask };
	return sigaction(s, act, NULL, SET_SIZE);
}

static uint64_t
code(long (*fn)(long, long, long))
{
	return (uintptr_t)fake_app_code(fn);
}

static long
procmask(int how, uint64_t mask)
{
	*set = mask;
	return sigprocmask(how, set, NULL, SET_SIZE);
}

// musl 1.2's raise(): block the app's signals, tkill, restore the mask.
static long
musl_raise(int s)
{
	long ret;

	*set = MUSL_APP_MASK;
	EXPECT_EQ(sigprocmask(RT_SIG_BLOCK, set, old, SET_SIZE), 0);
	ret = tkill((int)APP_SYSCALL0(NR(gettid)), s);
	EXPECT_EQ(sigprocmask(RT_SIG_SETMASK, old, NULL, SET_SIZE), 0);
	return ret;
}

// musl 1.2's abort(), syscall by syscall, up to its a_crash().
static void
musl_abort(void)
{
	musl_raise(RT_SIGABRT);
	procmask(RT_SIG_BLOCK, ~UINT64_C(0));
	install(RT_SIGABRT, RT_SIG_DFL, 0, 0);
	tkill((int)APP_SYSCALL0(NR(gettid)), RT_SIGABRT);
	procmask(RT_SIG_UNBLOCK, BIT(RT_SIGABRT));
}

TEST(rt_sigaction, argument_checks)
{
	struct rt_sigaction outside = { 0 };
	struct rt_sigaction *act = NULL, *ro = NULL;

	reset();
	act = fake_app_alloc(sizeof(*act));
	EXPECT_EQ(sigaction(RT_SIGUSR1, act, NULL, 4), -EINVAL);
	EXPECT_EQ(sigaction(RT_SIGUSR1, act, NULL, 16), -EINVAL);
	EXPECT_EQ(sigaction(0, act, NULL, SET_SIZE), -EINVAL);
	EXPECT_EQ(sigaction(65, act, NULL, SET_SIZE), -EINVAL);
	EXPECT_EQ(sigaction(-1, NULL, NULL, SET_SIZE), -EINVAL);
	EXPECT_EQ(sigaction(RT_SIGKILL, act, NULL, SET_SIZE), -EINVAL);
	EXPECT_EQ(sigaction(RT_SIGSTOP, act, NULL, SET_SIZE), -EINVAL);
	// Asking about SIGKILL is fine.
	EXPECT_EQ(sigaction(RT_SIGKILL, NULL, act, SET_SIZE), 0);
	EXPECT_EQ(sigaction(64, act, NULL, SET_SIZE), 0);
	EXPECT_EQ(sigaction(RT_SIGUSR1, &outside, NULL, SET_SIZE), -EFAULT);
	// A bad oldact changes nothing: outside the app, or read-only.
	act->handler = RT_SIG_IGN;
	EXPECT_EQ(sigaction(RT_SIGUSR1, act, &outside, SET_SIZE), -EFAULT);
	ro = fake_app_rodata(sizeof(*ro));
	EXPECT_EQ(sigaction(RT_SIGUSR1, act, ro, SET_SIZE), -EFAULT);
	EXPECT_EQ(sigaction(RT_SIGUSR1, NULL, act, SET_SIZE), 0);
	EXPECT_EQ(act->handler, RT_SIG_DFL);
	// A new action may be read-only data.
	*ro = (struct rt_sigaction){ .handler = RT_SIG_IGN };
	EXPECT_EQ(sigaction(RT_SIGUSR1, ro, NULL, SET_SIZE), 0);
}

TEST(rt_sigaction, reads_back)
{
	struct rt_sigaction *act = NULL, *prev = NULL;
	uint64_t handler;

	reset();
	handler = code(record);
	act = fake_app_alloc(sizeof(*act));
	prev = fake_app_alloc(sizeof(*prev));
	*act = (struct rt_sigaction){
		.handler = handler,
		.flags = RT_SA_RESTORER | RT_SA_SIGINFO | RT_SA_RESTART |
		         0x100 /* unknown */,
		.restorer = 0x1234,
		.mask = BIT(RT_SIGUSR2) | BIT(RT_SIGKILL) | BIT(RT_SIGSTOP),
	};
	EXPECT_EQ(sigaction(RT_SIGUSR1, act, prev, SET_SIZE), 0);
	EXPECT_EQ(prev->handler, RT_SIG_DFL);
	EXPECT_EQ(prev->flags, 0);
	memset(prev, 0xff, sizeof(*prev));
	EXPECT_EQ(sigaction(RT_SIGUSR1, NULL, prev, SET_SIZE), 0);
	EXPECT_EQ(prev->handler, handler);
	EXPECT_EQ(prev->flags, RT_SA_RESTORER | RT_SA_SIGINFO | RT_SA_RESTART);
	// The runtime's own return path is used: sa_restorer never is.
	EXPECT_EQ(prev->restorer, 0);
	EXPECT_EQ(prev->mask, BIT(RT_SIGUSR2));
}

TEST(rt_sigprocmask, argument_checks)
{
	uint64_t outside = 0;

	reset();
	*set = BIT(RT_SIGUSR1);
	EXPECT_EQ(sigprocmask(RT_SIG_BLOCK, set, NULL, 4), -EINVAL);
	EXPECT_EQ(sigprocmask(3, set, NULL, SET_SIZE), -EINVAL);
	EXPECT_EQ(sigprocmask(-1, set, NULL, SET_SIZE), -EINVAL);
	// Without a new set, how is not looked at.
	EXPECT_EQ(sigprocmask(3, NULL, old, SET_SIZE), 0);
	EXPECT_EQ(sigprocmask(RT_SIG_BLOCK, &outside, NULL, SET_SIZE), -EFAULT);
	EXPECT_EQ(sigprocmask(RT_SIG_BLOCK, set, &outside, SET_SIZE), -EFAULT);
	EXPECT_EQ(sigprocmask(RT_SIG_BLOCK, set, fake_app_rodata(8), SET_SIZE),
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
	EXPECT_EQ(sigprocmask(RT_SIG_SETMASK, set, old, SET_SIZE), 0);
	EXPECT_EQ(*old, BIT(RT_SIGUSR2));
	EXPECT_EQ(blocked_now(), BIT(RT_SIGTERM));
	// SIGKILL and SIGSTOP stay unblocked, silently.
	EXPECT_EQ(procmask(RT_SIG_SETMASK, ~UINT64_C(0)), 0);
	EXPECT_EQ(blocked_now(), ~(BIT(RT_SIGKILL) | BIT(RT_SIGSTOP)));
}

TEST(kill, argument_checks)
{
	reset();
	EXPECT_EQ(tkill(0, RT_SIGUSR1), -EINVAL);
	EXPECT_EQ(tkill(-1, RT_SIGUSR1), -EINVAL);
	EXPECT_EQ(tkill(2, RT_SIGUSR1), -ESRCH);
	EXPECT_EQ(tkill(2, 999), -ESRCH);
	EXPECT_EQ(tkill(1, 0), 0);
	EXPECT_EQ(tkill(1, 65), -EINVAL);
	EXPECT_EQ(tkill(1, -3), -EINVAL);
	EXPECT_EQ(tgkill(0, 1, RT_SIGUSR1), -EINVAL);
	EXPECT_EQ(tgkill(1, 0, RT_SIGUSR1), -EINVAL);
	EXPECT_EQ(tgkill(2, 1, RT_SIGUSR1), -ESRCH);
	EXPECT_EQ(tgkill(1, 2, RT_SIGUSR1), -ESRCH);
	EXPECT_EQ(tgkill(1, 1, 0), 0);
	EXPECT_EQ(tgkill(1, 1, 100), -EINVAL);
}

TEST(kill, default_action_terminates_with_128_plus_sig)
{
	reset();
	APP_STOPS(tkill(1, RT_SIGTERM));
	EXPECT_EQ(fake.stops, 1);
	EXPECT_EQ(fake.stop_status, 128 + RT_SIGTERM);
	APP_STOPS(tgkill(1, 1, RT_SIGKILL));
	EXPECT_EQ(fake.stop_status, 137);
	APP_STOPS(tkill(1, 64));
	EXPECT_EQ(fake.stop_status, 192);
	APP_STOPS(tkill(1, RT_SIGSTOP));
	EXPECT_EQ(fake.stop_status, 128 + RT_SIGSTOP);
}

TEST(kill, default_action_ignores_some)
{
	static const int ignored[] = { RT_SIGCHLD, RT_SIGCONT, RT_SIGURG,
		                       RT_SIGWINCH };

	reset();
	for (size_t i = 0; i < sizeof(ignored) / sizeof(ignored[0]); i++) {
		APP_STOPS(EXPECT_EQ(tkill(1, ignored[i]), 0));
		EXPECT_EQ(fake.stops, 0);
	}
}

TEST(kill, sig_ign)
{
	reset();
	EXPECT_EQ(install(RT_SIGTERM, RT_SIG_IGN, 0, 0), 0);
	APP_STOPS(EXPECT_EQ(tkill(1, RT_SIGTERM), 0));
	EXPECT_EQ(fake.stops, 0);
}

// The handler runs on the way back from tkill, before the app's next
// instruction, as an upcall: (sig, NULL, NULL) on the app's stack below
// its sp, interrupts as the app had them.
TEST(kill, handler_runs_on_the_way_out)
{
	uintptr_t sp;

	reset();
	sp = fake_app_now()->sp;
	EXPECT_EQ(install(RT_SIGUSR1, code(record), RT_SA_SIGINFO, 0), 0);
	EXPECT_EQ(tkill(1, RT_SIGUSR1), 0);
	ASSERT_EQ(nseen, 1);
	EXPECT_EQ(seen[0].sig, RT_SIGUSR1);
	EXPECT_EQ(seen[0].info, 0);
	EXPECT_EQ(seen[0].ctx, 0);
	EXPECT_EQ(seen[0].depth, 1);
	EXPECT_EQ(seen[0].spsr & ARCH_SPSR_I, 0);
	EXPECT_TRUE(seen[0].sp < sp && seen[0].sp % 16 == 0);
	EXPECT_TRUE(seen[0].sp >= FAKE_APP_STACK_BOTTOM);
	EXPECT_EQ(fake_app_stats.upcalls, 1);
	EXPECT_EQ(fake_app_stats.sigreturns, 1);
	// All of it is over: the fast path is open again.
	EXPECT_EQ(upcall_depth(), 0);
	EXPECT_EQ(fake.app_sp_floor, FAKE_APP_STACK_BOTTOM);
	// No upcall without a signal.
	EXPECT_EQ(APP_SYSCALL0(NR(getpid)), 1);
	EXPECT_EQ(fake_app_stats.upcalls, 1);
}

// A handler address that is not app code (here: the app's data) is taken
// at sigaction, as on Linux, and stops the VM, naming it, when the signal
// comes: jumping there could land in the runtime.
TEST(kill, handler_that_is_not_code_panics_at_delivery)
{
	reset();
	EXPECT_EQ(install(RT_SIGUSR1, (uintptr_t)set, 0, 0), 0);
	APP_STOPS(tkill(1, RT_SIGUSR1));
	EXPECT_EQ(fake.stops, 1);
	EXPECT_EQ(fake.stop_status, RT_STOP_PANIC_STATUS);
	EXPECT_TRUE(strstr(log_current()->buf, "handler 0x") != NULL &&
	            strstr(log_current()->buf, "is not the app's code") !=
	                NULL);
	EXPECT_EQ(nseen, 0);
}

TEST(kill, handler_runs_with_the_signal_blocked)
{
	reset();
	EXPECT_EQ(install(RT_SIGUSR1, code(record), 0, BIT(RT_SIGTERM)), 0);
	EXPECT_EQ(tkill(1, RT_SIGUSR1), 0);
	ASSERT_EQ(nseen, 1);
	EXPECT_EQ(seen[0].sig, RT_SIGUSR1);
	EXPECT_EQ(seen[0].mask, BIT(RT_SIGUSR1) | BIT(RT_SIGTERM));
	EXPECT_EQ(blocked_now(), 0);
	// Handlers stay installed.
	EXPECT_EQ(tgkill(1, 1, RT_SIGUSR1), 0);
	EXPECT_EQ(nseen, 2);
}

// rt_sigreturn puts back the mask from before the handler, whatever the
// handler did to it.
TEST(kill, sigreturn_restores_the_mask)
{
	reset();
	EXPECT_EQ(procmask(RT_SIG_BLOCK, BIT(RT_SIGUSR2)), 0);
	EXPECT_EQ(install(RT_SIGUSR1, code(record_and_block_term), 0, 0), 0);
	EXPECT_EQ(tkill(1, RT_SIGUSR1), 0);
	ASSERT_EQ(nseen, 1);
	EXPECT_EQ(blocked_now(), BIT(RT_SIGUSR2));
}

TEST(kill, nodefer)
{
	reset();
	EXPECT_EQ(install(RT_SIGUSR1, code(record), RT_SA_NODEFER, 0), 0);
	EXPECT_EQ(tkill(1, RT_SIGUSR1), 0);
	ASSERT_EQ(nseen, 1);
	EXPECT_EQ(seen[0].mask, 0);
}

TEST(kill, resethand_is_one_shot)
{
	reset();
	EXPECT_EQ(install(RT_SIGUSR1, code(record), RT_SA_RESETHAND, 0), 0);
	EXPECT_EQ(tkill(1, RT_SIGUSR1), 0);
	EXPECT_EQ(nseen, 1);
	APP_STOPS(tkill(1, RT_SIGUSR1));
	EXPECT_EQ(fake.stops, 1);
	EXPECT_EQ(fake.stop_status, 128 + RT_SIGUSR1);
	EXPECT_EQ(nseen, 1);
}

TEST(kill, signal_raised_in_a_handler_waits_for_its_mask)
{
	reset();
	EXPECT_EQ(install(RT_SIGUSR1, code(record_and_raise_usr2), 0,
	                  BIT(RT_SIGUSR2)),
	          0);
	EXPECT_EQ(install(RT_SIGUSR2, code(record), 0, 0), 0);
	EXPECT_EQ(tkill(1, RT_SIGUSR1), 0);
	ASSERT_EQ(nseen, 2);
	EXPECT_EQ(seen[0].sig, RT_SIGUSR1);
	EXPECT_EQ(seen[1].sig, RT_SIGUSR2);
	EXPECT_EQ(seen[1].mask, BIT(RT_SIGUSR2));
	// Not inside the first handler: on the way back from its
	// rt_sigreturn, into the main line.
	EXPECT_EQ(seen[1].depth, 1);
}

TEST(kill, blocked_signals_wait_and_come_lowest_first)
{
	reset();
	EXPECT_EQ(install(RT_SIGUSR1, code(record), 0, 0), 0);
	EXPECT_EQ(install(RT_SIGUSR2, code(record), 0, 0), 0);
	EXPECT_EQ(procmask(RT_SIG_BLOCK, BIT(RT_SIGUSR1) | BIT(RT_SIGUSR2)), 0);
	EXPECT_EQ(tkill(1, RT_SIGUSR2), 0);
	EXPECT_EQ(tkill(1, RT_SIGUSR1), 0);
	EXPECT_EQ(tkill(1, RT_SIGUSR1), 0);
	EXPECT_EQ(nseen, 0);
	EXPECT_EQ(procmask(RT_SIG_UNBLOCK, BIT(RT_SIGUSR1) | BIT(RT_SIGUSR2)),
	          0);
	// A pending signal is a bit: raised twice, delivered once.
	ASSERT_EQ(nseen, 2);
	EXPECT_EQ(seen[0].sig, RT_SIGUSR1);
	EXPECT_EQ(seen[1].sig, RT_SIGUSR2);
	// SIGUSR2 was not blocked in SIGUSR1's handler: it came on the way
	// back from that handler's first syscall.
	EXPECT_EQ(seen[1].depth, 2);
	EXPECT_EQ(seen[1].mask, BIT(RT_SIGUSR1) | BIT(RT_SIGUSR2));
	EXPECT_EQ(blocked_now(), 0);
}

// ppoll(NULL, 0, timeout, sigmask): the mask in force for the wait.
static long
ppoll_masked(uint64_t mask, long ns)
{
	struct rt_timespec *ts = fake_app_alloc(sizeof(*ts));
	uint64_t *m = fake_app_alloc(sizeof(*m));

	*ts = (struct rt_timespec){ .tv_sec = 0, .tv_nsec = ns };
	*m = mask;
	return APP_SYSCALL6(NR(ppoll), 0, 0, ts, m, SET_SIZE, 0);
}

TEST(ppoll, a_mask_that_unblocks_a_pending_signal)
{
	reset();
	EXPECT_EQ(install(RT_SIGUSR1, code(record), 0, 0), 0);
	EXPECT_EQ(procmask(RT_SIG_BLOCK, BIT(RT_SIGUSR1) | BIT(RT_SIGTERM)), 0);
	EXPECT_EQ(tkill(1, RT_SIGUSR1), 0);
	EXPECT_EQ(nseen, 0);
	// SIGUSR1 let through: its handler runs at once, with ppoll's mask
	// (and itself) blocked, and the wait ends with EINTR.
	EXPECT_EQ(ppoll_masked(BIT(RT_SIGTERM), 1000000), -EINTR);
	ASSERT_EQ(nseen, 1);
	EXPECT_EQ(seen[0].sig, RT_SIGUSR1);
	EXPECT_EQ(seen[0].mask, BIT(RT_SIGTERM) | BIT(RT_SIGUSR1));
	// After it the mask from before ppoll, as on Linux.
	EXPECT_EQ(blocked_now(), BIT(RT_SIGUSR1) | BIT(RT_SIGTERM));
}

TEST(ppoll, a_mask_that_keeps_it_blocked_waits)
{
	reset();
	EXPECT_EQ(install(RT_SIGUSR1, code(record), 0, 0), 0);
	EXPECT_EQ(procmask(RT_SIG_BLOCK, BIT(RT_SIGUSR1)), 0);
	EXPECT_EQ(tkill(1, RT_SIGUSR1), 0);
	EXPECT_EQ(ppoll_masked(BIT(RT_SIGUSR1), 1000000), 0);
	EXPECT_EQ(nseen, 0);
	EXPECT_EQ(blocked_now(), BIT(RT_SIGUSR1));
	// A bad mask is still the app's bug.
	EXPECT_EQ(APP_SYSCALL6(NR(ppoll), 0, 0, 0, 8, SET_SIZE, 0), -EFAULT);
	EXPECT_EQ(APP_SYSCALL6(NR(ppoll), 0, 0, 0, old, 4, 0), -EINVAL);
}

TEST(kill, ignoring_a_pending_signal_discards_it)
{
	reset();
	EXPECT_EQ(procmask(RT_SIG_BLOCK, BIT(RT_SIGTERM)), 0);
	EXPECT_EQ(tkill(1, RT_SIGTERM), 0);
	EXPECT_EQ(install(RT_SIGTERM, RT_SIG_IGN, 0, 0), 0);
	EXPECT_EQ(install(RT_SIGTERM, RT_SIG_DFL, 0, 0), 0);
	APP_STOPS(EXPECT_EQ(procmask(RT_SIG_UNBLOCK, BIT(RT_SIGTERM)), 0));
	EXPECT_EQ(fake.stops, 0);
}

TEST(kill, blocked_and_ignored_stays_pending)
{
	reset();
	EXPECT_EQ(install(RT_SIGUSR1, RT_SIG_IGN, 0, 0), 0);
	EXPECT_EQ(procmask(RT_SIG_BLOCK, BIT(RT_SIGUSR1)), 0);
	EXPECT_EQ(tkill(1, RT_SIGUSR1), 0);
	EXPECT_EQ(install(RT_SIGUSR1, code(record), 0, 0), 0);
	EXPECT_EQ(procmask(RT_SIG_UNBLOCK, BIT(RT_SIGUSR1)), 0);
	EXPECT_EQ(nseen, 1);
}

TEST(kill, unblocking_a_pending_default_signal_terminates)
{
	reset();
	EXPECT_EQ(procmask(RT_SIG_BLOCK, BIT(RT_SIGTERM)), 0);
	EXPECT_EQ(tkill(1, RT_SIGTERM), 0);
	*set = 0;
	APP_STOPS(sigprocmask(RT_SIG_SETMASK, set, NULL, SET_SIZE));
	EXPECT_EQ(fake.stops, 1);
	EXPECT_EQ(fake.stop_status, 143);
}

// siglongjmp out of a handler: the entry after it forgets the handler,
// and musl's siglongjmp puts the saved mask back itself.
static struct fake_app_jmp handler_jmp;

static long
handler_jumps_out(long s, long info, long ctx)
{
	record(s, info, ctx);
	fake_app_longjmp(&handler_jmp);
}

TEST(kill, handler_left_by_siglongjmp)
{
	reset();
	EXPECT_EQ(install(RT_SIGUSR1, code(handler_jumps_out), 0, 0), 0);
	fake_app_mark(&handler_jmp);
	if (setjmp(handler_jmp.jb) == 0) {
		tkill(1, RT_SIGUSR1);
		EXPECT_TRUE(false); // the handler did not jump
	}
	ASSERT_EQ(nseen, 1);
	EXPECT_EQ(upcall_depth(), 1);
	// sigsetjmp saved an empty mask; siglongjmp restores it.
	*set = 0;
	EXPECT_EQ(sigprocmask(RT_SIG_SETMASK, set, NULL, SET_SIZE), 0);
	EXPECT_EQ(upcall_depth(), 0);
	EXPECT_EQ(fake.app_sp_floor, FAKE_APP_STACK_BOTTOM);
	// And it works again.
	fake_app_mark(&handler_jmp);
	if (setjmp(handler_jmp.jb) == 0)
		tkill(1, RT_SIGUSR1);
	EXPECT_EQ(nseen, 2);
	EXPECT_EQ(seen[1].depth, 1);
}

// A signal handler uses FP/SIMD: the app's registers are saved the first
// time, in the frame, and back when the handler returns.
static long
handler_uses_fp(long s, long info, long ctx)
{
	record(s, info, ctx);
	fake_app_fp(0x2222);
	return 0;
}

TEST(kill, handler_that_uses_fp_keeps_the_apps)
{
	reset();
	fake.fp.q[0][0] = 0x1111;
	fake.fp.fpcr = 0x77;
	EXPECT_EQ(install(RT_SIGUSR1, code(handler_uses_fp), 0, 0), 0);
	EXPECT_EQ(tkill(1, RT_SIGUSR1), 0);
	ASSERT_EQ(nseen, 1);
	EXPECT_EQ(fake.fp_saves, 1);
	EXPECT_EQ(fake.fp.q[0][0], 0x1111);
	EXPECT_EQ(fake.fp.fpcr, 0x77);
	EXPECT_FALSE(fake.fp_trapping);
}

// A signal raised inside an ISR: its handler runs there, masked as the ISR
// is.
static long
isr_raises_usr1(long intid, long data, long unused)
{
	(void)data;
	(void)unused;
	EXPECT_EQ(tkill(1, RT_SIGUSR1), 0);
	EXPECT_EQ(nseen, 1);
	return intid == 40;
}

static long
add_isr(uint32_t intid, uint64_t isr)
{
	struct gicv3_register_req *req = fake_app_alloc(sizeof(*req));
	uint32_t *id = fake_app_alloc(sizeof(*id));
	long fd = APP_SYSCALL4(NR(openat), RT_AT_FDCWD,
	                       fake_app_strdup(GICV3_PATH), RT_O_RDWR, 0);

	*req = (struct gicv3_register_req){ .isr = (void *)(uintptr_t)isr,
		                            .irq = intid };
	*id = intid;
	if (APP_SYSCALL3(NR(ioctl), fd, GICV3_IOCTL_REGISTER_ISR, req) != 0)
		return -1;
	return APP_SYSCALL3(NR(ioctl), fd, GICV3_IOCTL_ENABLE_IRQ, id);
}

TEST(kill, raised_in_an_isr_runs_there_masked)
{
	reset();
	EXPECT_EQ(install(RT_SIGUSR1, code(record), 0, 0), 0);
	ASSERT_EQ(add_isr(40, code(isr_raises_usr1)), 0);
	fake_gic_raise(40);
	fake_app_irqs();
	ASSERT_EQ(nseen, 1);
	EXPECT_EQ(seen[0].depth, 2);
	EXPECT_EQ(seen[0].spsr & ARCH_SPSR_I, ARCH_SPSR_I);
	EXPECT_EQ(fake_app_now()->spsr & ARCH_SPSR_I, 0);
	EXPECT_TRUE(fake_gic_enabled(40));
}

// An interrupt while a handler runs unmasked: its ISR runs nested there.
static long
handler_meets_an_interrupt(long s, long info, long ctx)
{
	record(s, info, ctx);
	fake_gic_raise(41);
	fake_app_irqs();
	return 0;
}

static unsigned isr_depth;

static long
isr_notes_depth(long intid, long data, long unused)
{
	(void)intid;
	(void)data;
	(void)unused;
	isr_depth = fake_app_depth();
	return 1;
}

TEST(kill, an_interrupt_inside_a_handler)
{
	reset();
	isr_depth = 0;
	ASSERT_EQ(add_isr(41, code(isr_notes_depth)), 0);
	EXPECT_EQ(install(RT_SIGUSR1, code(handler_meets_an_interrupt), 0, 0),
	          0);
	EXPECT_EQ(tkill(1, RT_SIGUSR1), 0);
	ASSERT_EQ(nseen, 1);
	EXPECT_EQ(isr_depth, 2);
	EXPECT_EQ(fake_app_stats.upcalls, 2);
}

TEST(musl, raise_with_a_handler)
{
	reset();
	EXPECT_EQ(install(RT_SIGUSR1, code(record), RT_SA_RESTORER, 0), 0);
	EXPECT_EQ(musl_raise(RT_SIGUSR1), 0);
	ASSERT_EQ(nseen, 1);
	// Delivered when raise() restored the mask, with that mask in force.
	EXPECT_EQ(seen[0].mask, BIT(RT_SIGUSR1));
	EXPECT_EQ(blocked_now(), 0);
}

TEST(musl, abort_ends_with_134)
{
	reset();
	APP_STOPS(musl_abort());
	EXPECT_EQ(fake.stops, 1);
	EXPECT_EQ(fake.stop_status, 134);
}

TEST(musl, abort_with_a_handler_that_returns)
{
	reset();
	EXPECT_EQ(install(RT_SIGABRT, code(record), 0, 0), 0);
	APP_STOPS(musl_abort());
	EXPECT_EQ(nseen, 1);
	EXPECT_EQ(fake.stops, 1);
	EXPECT_EQ(fake.stop_status, 134);
}

TEST(musl, abort_with_sigabrt_ignored_or_blocked)
{
	reset();
	EXPECT_EQ(install(RT_SIGABRT, RT_SIG_IGN, 0, 0), 0);
	APP_STOPS(musl_abort());
	EXPECT_EQ(fake.stop_status, 134);
	reset();
	EXPECT_EQ(procmask(RT_SIG_BLOCK, BIT(RT_SIGABRT)), 0);
	APP_STOPS(musl_abort());
	EXPECT_EQ(fake.stop_status, 134);
}
