// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// exit, ids, uname, getrandom and futex. exit_app and panic longjmp back
// into the test. Signals are in test_signal.c, on the entry path.

#include <string.h>

#include <rt/errno.h>

#include "syscall_fakes.h"
#include "unit.h"

static struct rt_timespec *
ts_of(long sec, long nsec)
{
	struct rt_timespec *ts = fake_alloc(sizeof(*ts));

	*ts = (struct rt_timespec){ sec, nsec };
	return ts;
}

static void
reset(void)
{
	fake_reset();
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
	struct rt_utsname outside;
	struct rt_utsname *u = NULL;

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
	EXPECT_EQ(sys_uname((struct rt_utsname *)(fake_arena_end - 389)),
	          -EFAULT);
	EXPECT_EQ(sys_uname((struct rt_utsname *)fake_rodata), -EFAULT);
	EXPECT_EQ(fake_rodata[0], 0x5a);
}

TEST(getrandom, fills_with_the_hypervisors_bytes)
{
	unsigned char *buf = NULL;

	reset();
	buf = fake_alloc(64);
	EXPECT_EQ(sys_getrandom(buf, 40, 0), 40);
	for (unsigned i = 0; i < 40; i++)
		EXPECT_EQ(buf[i], fake_entropy_byte(i));
	EXPECT_EQ(buf[40], 0);
	EXPECT_EQ(sys_getrandom(buf, 8, RT_GRND_NONBLOCK), 8);
	EXPECT_EQ(buf[0], fake_entropy_byte(40));
	EXPECT_EQ(sys_getrandom(buf, 8, RT_GRND_RANDOM), 8);
	EXPECT_EQ(sys_getrandom(buf, 8, RT_GRND_INSECURE), 8);
	EXPECT_EQ(sys_getrandom(buf, 8, RT_GRND_NONBLOCK | RT_GRND_RANDOM), 8);
	EXPECT_EQ(sys_getrandom(NULL, 0, 0), 0);
	// No byte twice, none skipped.
	EXPECT_EQ(sys_getrandom(buf, 1, 0), 1);
	EXPECT_EQ(buf[0], fake_entropy_byte(72));
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
	EXPECT_EQ(sys_getrandom(fake_rodata, 8, 0), -EFAULT);
	// None of them took a byte.
	EXPECT_EQ(sys_getrandom(buf, 1, 0), 1);
	EXPECT_EQ(buf[0], fake_entropy_byte(0));
}

// GRND_NONBLOCK does not wait out the hypervisor's rate limit: the bytes
// it could get, or EAGAIN; without it the call waits for the next window.
TEST(getrandom, nonblock_when_the_hypervisor_is_busy)
{
	unsigned char *buf = NULL;
	uint64_t start;

	reset();
	buf = fake_alloc(256);
	fake.entropy_unlimited = false;
	// entropy_init's 16 bytes, then a window of 4 calls.
	EXPECT_EQ(sys_getrandom(buf, 256, RT_GRND_NONBLOCK), 80);
	EXPECT_EQ(buf[79], fake_entropy_byte(79));
	EXPECT_EQ(sys_getrandom(buf, 256, RT_GRND_NONBLOCK), -EAGAIN);
	// Blocking: it waits (spinning on the counter) and gets them all.
	fake.counter_step = 1000;
	start = fake.counter;
	EXPECT_EQ(sys_getrandom(buf, 100, 0), 100);
	EXPECT_EQ(buf[0], fake_entropy_byte(80));
	EXPECT_EQ(buf[99], fake_entropy_byte(179));
	EXPECT_TRUE(fake.counter - start >= FAKE_FREQ / 1000 * 33);
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

// Only an ISR could wake a waiter, and ISRs run on the way back to the app:
// an interrupt ends the wait with EINTR (as a signal handler does in
// Linux), and musl's callers look at the futex word again.
TEST(futex, an_interrupt_ends_the_wait)
{
	uint32_t *word = NULL;

	reset();
	word = fake_alloc(sizeof(*word));
	fake.counter = 0;
	fake_irq_at = 50;
	EXPECT_EQ(sys_futex(word, RT_FUTEX_WAIT | RT_FUTEX_PRIVATE_FLAG, 0,
	                    ts_of(10, 0), NULL, 0),
	          -EINTR);
	EXPECT_EQ(fake.counter, 50);
	// No waiter is left to wake.
	EXPECT_EQ(sys_futex(word, RT_FUTEX_WAKE, 1, NULL, NULL, 0), 0);
}

// A futex word the app may only read is still one it may wait on.
TEST(futex, wait_on_read_only_memory)
{
	reset();
	fake.counter = 0;
	EXPECT_EQ(sys_futex((uint32_t *)fake_rodata, RT_FUTEX_WAIT, 0x5a5a5a5a,
	                    ts_of(0, 1000), NULL, 0),
	          -ETIMEDOUT);
	EXPECT_EQ(sys_futex((uint32_t *)fake_rodata, RT_FUTEX_WAIT, 0,
	                    ts_of(0, 1000), NULL, 0),
	          -EAGAIN);
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
	EXPECT_EQ(sys_futex(word, RT_FUTEX_WAIT, 0,
	                    (struct rt_timespec *)&outside, NULL, 0),
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
