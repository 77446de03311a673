// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// Conversions, clocks, sleeps and ppoll, against a counter the test moves
// and a fake irq_wait that jumps the counter to the deadline or to the next
// fake interrupt.

#include <string.h>

#include <rt/errno.h>
#include <rt/irq.h>
#include <rt/time.h>

#include "syscall_fakes.h"
#include "unit.h"

#define F       ((uint64_t)FAKE_FREQ)
#define NSEC    UINT64_C(1000000000)
#define GARBAGE 0x5a

static struct rt_timespec *
ts_new(long sec, long nsec)
{
	struct rt_timespec *ts = fake_alloc(sizeof(*ts));

	ts->tv_sec = sec;
	ts->tv_nsec = nsec;
	return ts;
}

// The exact answers, with the 128-bit arithmetic the runtime avoids.
static uint64_t
ref_ticks_to_ns(uint64_t ticks, uint64_t freq)
{
	unsigned __int128 ns = (unsigned __int128)ticks * NSEC / freq;

	return ns > UINT64_MAX ? UINT64_MAX : (uint64_t)ns;
}

static uint64_t
ref_ns_to_ticks(uint64_t ns, uint64_t freq)
{
	unsigned __int128 t = ((unsigned __int128)ns * freq + NSEC - 1) / NSEC;

	return t > UINT64_MAX ? UINT64_MAX : (uint64_t)t;
}

TEST(time, conversions_at_62_5_mhz)
{
	fake_reset();
	EXPECT_EQ(time_ticks_to_ns(0), 0);
	EXPECT_EQ(time_ticks_to_ns(1), 16);
	EXPECT_EQ(time_ticks_to_ns(F), NSEC);
	EXPECT_EQ(time_ticks_to_ns(F * 3 + F / 2), 3 * NSEC + NSEC / 2);
	EXPECT_EQ(time_ns_to_ticks(0), 0);
	// Rounded up: a sleep never ends early.
	EXPECT_EQ(time_ns_to_ticks(1), 1);
	EXPECT_EQ(time_ns_to_ticks(16), 1);
	EXPECT_EQ(time_ns_to_ticks(17), 2);
	EXPECT_EQ(time_ns_to_ticks(NSEC), F);
	EXPECT_EQ(time_ticks_to_ns(UINT64_MAX), UINT64_MAX);
}

TEST(time, conversions_match_128_bit_math)
{
	static const uint64_t freqs[] = { 1,           1000,     19200000,
		                          24000000,    62500000, 1000000000,
		                          16000000000u };
	static const uint64_t values[] = {
		0,
		1,
		2,
		999999999,
		1000000000,
		1000000001,
		62499999,
		62500001,
		123456789012345ull,
		UINT64_MAX / 1000000000,
		UINT64_MAX / 62500000,
		UINT64_MAX / 2,
		UINT64_MAX - 1,
		UINT64_MAX,
	};

	for (size_t i = 0; i < sizeof(freqs) / sizeof(freqs[0]); i++) {
		time_init(freqs[i]);
		for (size_t j = 0; j < sizeof(values) / sizeof(values[0]);
		     j++) {
			uint64_t v = values[j];

			EXPECT_EQ(time_ticks_to_ns(v),
			          ref_ticks_to_ns(v, freqs[i]));
			EXPECT_EQ(time_ns_to_ticks(v),
			          ref_ns_to_ticks(v, freqs[i]));
		}
	}
}

TEST(time, init_refuses_bad_frequencies)
{
	fake_reset();
	FAKE_NORETURN(time_init(0));
	EXPECT_EQ(fake_end, FAKE_PANICKED);
	FAKE_NORETURN(time_init(16000000001ull));
	EXPECT_EQ(fake_end, FAKE_PANICKED);
	EXPECT_TRUE(strstr(fake_panic_msg, "16000000001") != NULL);
	FAKE_NORETURN(time_init(16000000000ull));
	EXPECT_EQ(fake_end, FAKE_RETURNED);
}

TEST(time, timespec_ticks)
{
	uint64_t ticks = 0;
	struct rt_timespec outside = { 0, 0 };

	fake_reset();
	EXPECT_EQ(time_timespec_ticks(ts_new(2, 16), &ticks), 0);
	EXPECT_EQ(ticks, 2 * F + 1);
	EXPECT_EQ(time_timespec_ticks(ts_new(0, 999999999), &ticks), 0);
	EXPECT_EQ(ticks, F);
	EXPECT_EQ(time_timespec_ticks(ts_new(0x7fffffffffffffff, 0), &ticks),
	          0);
	EXPECT_EQ(ticks, UINT64_MAX);
	EXPECT_EQ(time_timespec_ticks(ts_new(-1, 0), &ticks), -EINVAL);
	EXPECT_EQ(time_timespec_ticks(ts_new(0, -1), &ticks), -EINVAL);
	EXPECT_EQ(time_timespec_ticks(ts_new(0, 1000000000), &ticks), -EINVAL);
	EXPECT_EQ(time_timespec_ticks(NULL, &ticks), -EFAULT);
	EXPECT_EQ(time_timespec_ticks(&outside, &ticks), -EFAULT);
}

TEST(time, deadline_saturates)
{
	fake_reset();
	fake.counter = 500;
	EXPECT_EQ(time_deadline(7), 507);
	EXPECT_EQ(time_deadline(UINT64_MAX - 500), UINT64_MAX);
	EXPECT_EQ(time_deadline(UINT64_MAX), IRQ_WAIT_FOREVER);
}

TEST(clock_gettime, every_clock_reads_the_counter)
{
	struct rt_timespec *ts = NULL;

	fake_reset();
	ts = fake_alloc(sizeof(*ts));
	fake.counter = 3 * F + F / 2 + 1;
	for (int id = RT_CLOCK_REALTIME; id <= RT_CLOCK_BOOTTIME; id++) {
		memset(ts, GARBAGE, sizeof(*ts));
		EXPECT_EQ(sys_clock_gettime(id, ts), 0);
		EXPECT_EQ(ts->tv_sec, 3);
		EXPECT_EQ(ts->tv_nsec, 500000016);
	}
	fake.counter = UINT64_MAX;
	EXPECT_EQ(sys_clock_gettime(RT_CLOCK_MONOTONIC, ts), 0);
	EXPECT_EQ(ts->tv_sec, (long)(UINT64_MAX / F));
	EXPECT_EQ(ts->tv_nsec, (long)(UINT64_MAX % F * NSEC / F));
}

TEST(clock_gettime, errors)
{
	struct rt_timespec outside;
	struct rt_timespec *ts = NULL;

	fake_reset();
	ts = fake_alloc(sizeof(*ts));
	EXPECT_EQ(sys_clock_gettime(8, ts), -EINVAL);  // REALTIME_ALARM
	EXPECT_EQ(sys_clock_gettime(11, ts), -EINVAL); // TAI
	EXPECT_EQ(sys_clock_gettime(-1, ts), -EINVAL);
	EXPECT_EQ(sys_clock_gettime(-6, ts), -EINVAL); // a CPU clock of pid 0
	EXPECT_EQ(sys_clock_gettime(RT_CLOCK_MONOTONIC, NULL), -EFAULT);
	EXPECT_EQ(sys_clock_gettime(RT_CLOCK_MONOTONIC, &outside), -EFAULT);
	EXPECT_EQ(sys_clock_gettime(RT_CLOCK_MONOTONIC,
	                            (struct rt_timespec *)(fake_arena_end - 8)),
	          -EFAULT);
	// The clock is checked first, as in Linux.
	EXPECT_EQ(sys_clock_gettime(99, NULL), -EINVAL);
}

TEST(clock_getres, one_tick_rounded_up)
{
	struct rt_timespec outside;
	struct rt_timespec *ts = NULL;

	fake_reset();
	ts = fake_alloc(sizeof(*ts));
	EXPECT_EQ(sys_clock_getres(RT_CLOCK_MONOTONIC, ts), 0);
	EXPECT_EQ(ts->tv_sec, 0);
	EXPECT_EQ(ts->tv_nsec, 16);
	EXPECT_EQ(sys_clock_getres(RT_CLOCK_REALTIME_COARSE, ts), 0);
	EXPECT_EQ(ts->tv_nsec, 16);
	time_init(3);
	EXPECT_EQ(sys_clock_getres(RT_CLOCK_REALTIME, ts), 0);
	EXPECT_EQ(ts->tv_nsec, 333333334);
	time_init(1);
	EXPECT_EQ(sys_clock_getres(RT_CLOCK_REALTIME, ts), 0);
	EXPECT_EQ(ts->tv_sec, 1);
	EXPECT_EQ(ts->tv_nsec, 0);
	time_init(16000000000u);
	EXPECT_EQ(sys_clock_getres(RT_CLOCK_REALTIME, ts), 0);
	EXPECT_EQ(ts->tv_nsec, 1);
	EXPECT_EQ(sys_clock_getres(RT_CLOCK_MONOTONIC, NULL), 0);
	EXPECT_EQ(sys_clock_getres(12, NULL), -EINVAL);
	EXPECT_EQ(sys_clock_getres(-2, ts), -EINVAL);
	EXPECT_EQ(sys_clock_getres(RT_CLOCK_MONOTONIC, &outside), -EFAULT);
}

TEST(clock_nanosleep, relative)
{
	struct rt_timespec *rem = NULL;

	fake_reset();
	rem = fake_alloc(sizeof(*rem));
	memset(rem, GARBAGE, sizeof(*rem));
	fake.counter = 100;
	EXPECT_EQ(
	    sys_clock_nanosleep(RT_CLOCK_MONOTONIC, 0, ts_new(1, 17), rem), 0);
	EXPECT_EQ(fake.counter, 100 + F + 2);
	EXPECT_EQ(rem->tv_sec, 0);
	EXPECT_EQ(rem->tv_nsec, 0);
	// A zero sleep waits for nothing.
	fake_irq_waits = 0;
	EXPECT_EQ(sys_clock_nanosleep(RT_CLOCK_REALTIME, 0, ts_new(0, 0), NULL),
	          0);
	EXPECT_EQ(fake_irq_waits, 0);
	// Unknown flag bits are ignored, as in Linux.
	EXPECT_EQ(
	    sys_clock_nanosleep(RT_CLOCK_BOOTTIME, 0x10, ts_new(0, 32), NULL),
	    0);
	EXPECT_EQ(sys_clock_nanosleep(RT_CLOCK_PROCESS_CPUTIME_ID, 0,
	                              ts_new(0, 32), NULL),
	          0);
}

// As a signal handler does in Linux, an ISR cuts a sleep short: EINTR, and
// a relative sleep writes the time that was left to rem.
TEST(clock_nanosleep, an_interrupt_ends_it_with_the_time_left)
{
	struct rt_timespec *rem = NULL;

	fake_reset();
	rem = fake_alloc(sizeof(*rem));
	memset(rem, GARBAGE, sizeof(*rem));
	fake.counter = 0;
	fake_irq_at = F / 4;
	EXPECT_EQ(sys_clock_nanosleep(RT_CLOCK_MONOTONIC, 0, ts_new(1, 0), rem),
	          -EINTR);
	EXPECT_EQ(fake_irqs, 1);
	EXPECT_EQ(fake.counter, F / 4);
	EXPECT_EQ(rem->tv_sec, 0);
	EXPECT_EQ(rem->tv_nsec, 750000000);
	// No rem to write: only the EINTR.
	fake_irq_at = fake.counter + F;
	EXPECT_EQ(
	    sys_clock_nanosleep(RT_CLOCK_MONOTONIC, 0, ts_new(3, 0), NULL),
	    -EINTR);
	EXPECT_EQ(fake.counter, F / 4 + F);
}

TEST(clock_nanosleep, an_interrupt_ends_an_absolute_one_too)
{
	struct rt_timespec *rem = NULL;

	fake_reset();
	rem = fake_alloc(sizeof(*rem));
	memset(rem, GARBAGE, sizeof(*rem));
	fake.counter = 0;
	fake_irq_at = F;
	EXPECT_EQ(sys_clock_nanosleep(RT_CLOCK_REALTIME, RT_TIMER_ABSTIME,
	                              ts_new(5, 0), rem),
	          -EINTR);
	EXPECT_EQ(fake.counter, F);
	// rem is for relative sleeps only.
	EXPECT_EQ(rem->tv_sec, 0x5a5a5a5a5a5a5a5a);
}

TEST(nanosleep, an_interrupt_ends_it_with_the_time_left)
{
	struct rt_timespec *rem = NULL;

	fake_reset();
	rem = fake_alloc(sizeof(*rem));
	fake.counter = 0;
	fake_irq_at = 2 * F + F / 2;
	EXPECT_EQ(sys_nanosleep(ts_new(4, 0), rem), -EINTR);
	EXPECT_EQ(rem->tv_sec, 1);
	EXPECT_EQ(rem->tv_nsec, 500000000);
	// An interrupt after the deadline does not end it.
	fake_irq_at = fake.counter + 2 * F;
	EXPECT_EQ(sys_nanosleep(ts_new(1, 0), rem), 0);
	EXPECT_EQ(rem->tv_sec, 0);
	EXPECT_EQ(rem->tv_nsec, 0);
	EXPECT_EQ(fake_irqs, 1);
}

// A sleep's rem in read-only memory: refused before the sleep.
TEST(nanosleep, rem_in_read_only_memory)
{
	fake_reset();
	EXPECT_EQ(
	    sys_nanosleep(ts_new(1, 0), (struct rt_timespec *)fake_rodata),
	    -EFAULT);
	EXPECT_EQ(fake_irq_waits, 0);
	// The request may be read-only.
	memcpy(fake_rodata, &(struct rt_timespec){ 0, 1000 },
	       sizeof(struct rt_timespec));
	EXPECT_EQ(sys_nanosleep((struct rt_timespec *)fake_rodata, NULL), 0);
}

TEST(clock_nanosleep, absolute)
{
	struct rt_timespec *rem = NULL;

	fake_reset();
	rem = fake_alloc(sizeof(*rem));
	memset(rem, GARBAGE, sizeof(*rem));
	fake.counter = 5 * F;
	// In the past: at once.
	EXPECT_EQ(sys_clock_nanosleep(RT_CLOCK_REALTIME, RT_TIMER_ABSTIME,
	                              ts_new(4, 0), rem),
	          0);
	EXPECT_EQ(fake_irq_waits, 0);
	EXPECT_EQ(fake.counter, 5 * F);
	EXPECT_EQ(sys_clock_nanosleep(RT_CLOCK_MONOTONIC, RT_TIMER_ABSTIME,
	                              ts_new(7, 8), rem),
	          0);
	EXPECT_EQ(fake.counter, 7 * F + 1);
	// rem is not used for an absolute sleep, not even checked.
	EXPECT_EQ(rem->tv_sec, 0x5a5a5a5a5a5a5a5a);
	EXPECT_EQ(sys_clock_nanosleep(RT_CLOCK_MONOTONIC, RT_TIMER_ABSTIME,
	                              ts_new(8, 0), NULL),
	          0);
	EXPECT_EQ(fake.counter, 8 * F);
}

TEST(clock_nanosleep, errors)
{
	struct rt_timespec outside;
	struct rt_timespec *ok = NULL;

	fake_reset();
	ok = ts_new(1, 0);
	EXPECT_EQ(
	    sys_clock_nanosleep(RT_CLOCK_MONOTONIC, 0, ts_new(0, -1), NULL),
	    -EINVAL);
	EXPECT_EQ(sys_clock_nanosleep(RT_CLOCK_MONOTONIC, 0,
	                              ts_new(0, 1000000000), NULL),
	          -EINVAL);
	EXPECT_EQ(sys_clock_nanosleep(RT_CLOCK_MONOTONIC, RT_TIMER_ABSTIME,
	                              ts_new(-1, 0), NULL),
	          -EINVAL);
	EXPECT_EQ(sys_clock_nanosleep(RT_CLOCK_MONOTONIC, 0, NULL, NULL),
	          -EFAULT);
	EXPECT_EQ(sys_clock_nanosleep(RT_CLOCK_MONOTONIC, 0, &outside, NULL),
	          -EFAULT);
	EXPECT_EQ(sys_clock_nanosleep(RT_CLOCK_MONOTONIC, 0, ok, &outside),
	          -EFAULT);
	EXPECT_EQ(sys_clock_nanosleep(RT_CLOCK_MONOTONIC_RAW, 0, ok, NULL),
	          -EOPNOTSUPP);
	EXPECT_EQ(sys_clock_nanosleep(RT_CLOCK_REALTIME_COARSE, 0, ok, NULL),
	          -EOPNOTSUPP);
	EXPECT_EQ(sys_clock_nanosleep(RT_CLOCK_MONOTONIC_COARSE, 0, ok, NULL),
	          -EOPNOTSUPP);
	EXPECT_EQ(sys_clock_nanosleep(RT_CLOCK_THREAD_CPUTIME_ID, 0, ok, NULL),
	          -EINVAL);
	EXPECT_EQ(sys_clock_nanosleep(8, 0, ok, NULL), -EINVAL);
	EXPECT_EQ(sys_clock_nanosleep(-1, 0, ok, NULL), -EINVAL);
	// None of them slept.
	EXPECT_EQ(fake_irq_waits, 0);
	EXPECT_EQ(fake.counter, 1000);
}

TEST(nanosleep, sleeps_and_zeroes_rem)
{
	struct rt_timespec outside;
	struct rt_timespec *rem = NULL;

	fake_reset();
	rem = fake_alloc(sizeof(*rem));
	memset(rem, GARBAGE, sizeof(*rem));
	fake.counter = 0;
	EXPECT_EQ(sys_nanosleep(ts_new(0, 1000), rem), 0);
	EXPECT_EQ(fake.counter, time_ns_to_ticks(1000));
	EXPECT_EQ(rem->tv_sec, 0);
	EXPECT_EQ(rem->tv_nsec, 0);
	EXPECT_EQ(sys_nanosleep(ts_new(2, 0), NULL), 0);
	EXPECT_EQ(fake.counter, time_ns_to_ticks(1000) + 2 * F);
	EXPECT_EQ(sys_nanosleep(ts_new(0, 1000000000), NULL), -EINVAL);
	EXPECT_EQ(sys_nanosleep(ts_new(-1, 0), NULL), -EINVAL);
	EXPECT_EQ(sys_nanosleep(NULL, NULL), -EFAULT);
	EXPECT_EQ(sys_nanosleep(ts_new(1, 0), &outside), -EFAULT);
}

TEST(ppoll, no_fds_waits_for_an_interrupt)
{
	fake_reset();
	fake_irq_at = 123456;
	EXPECT_EQ(sys_ppoll(NULL, 0, NULL, NULL, 0), -EINTR);
	EXPECT_EQ(fake_irqs, 1);
	EXPECT_EQ(fake.counter, 123456);
}

TEST(ppoll, timeout)
{
	fake_reset();
	fake.counter = 0;
	EXPECT_EQ(sys_ppoll(NULL, 0, ts_new(1, 0), NULL, 8), 0);
	EXPECT_EQ(fake.counter, F);
	// An interrupt before the timeout ends the wait.
	fake_irq_at = F + 100;
	EXPECT_EQ(sys_ppoll(NULL, 0, ts_new(1, 0), NULL, 8), -EINTR);
	EXPECT_EQ(fake.counter, F + 100);
	// One after it does not.
	fake_irq_at = 4 * F;
	EXPECT_EQ(sys_ppoll(NULL, 0, ts_new(1, 0), NULL, 8), 0);
	EXPECT_EQ(fake.counter, 2 * F + 100);
	EXPECT_EQ(fake_irqs, 1);
	// A zero timeout only looks.
	fake_irq_waits = 0;
	EXPECT_EQ(sys_ppoll(NULL, 0, ts_new(0, 0), NULL, 8), 0);
	EXPECT_EQ(fake_irq_waits, 0);
}

TEST(ppoll, readiness)
{
	struct rt_pollfd *p = NULL;

	fake_reset();
	p = fake_alloc(6 * sizeof(*p));
	ASSERT_EQ(
	    sys_openat(RT_AT_FDCWD, fake_strdup("/dev/null"), RT_O_RDONLY, 0),
	    3);
	p[0] = (struct rt_pollfd){ 1, RT_POLLIN | RT_POLLOUT, GARBAGE };
	p[1] = (struct rt_pollfd){ 0, RT_POLLIN, GARBAGE };
	p[2] = (struct rt_pollfd){ 3, RT_POLLIN | RT_POLLPRI, GARBAGE };
	p[3] = (struct rt_pollfd){ 9, RT_POLLIN, GARBAGE };
	p[4] = (struct rt_pollfd){ -1, RT_POLLIN, GARBAGE };
	p[5] = (struct rt_pollfd){ 3, 0, GARBAGE };
	EXPECT_EQ(sys_ppoll(p, 6, NULL, NULL, 0), 3);
	EXPECT_EQ(p[0].revents, RT_POLLOUT);
	EXPECT_EQ(p[1].revents, 0);
	EXPECT_EQ(p[2].revents, RT_POLLIN);
	EXPECT_EQ(p[3].revents, RT_POLLNVAL);
	EXPECT_EQ(p[4].revents, 0);
	EXPECT_EQ(p[5].revents, 0);
	EXPECT_EQ(fake_irq_waits, 0);
}

TEST(ppoll, nothing_ready_waits)
{
	struct rt_pollfd *p = NULL;

	fake_reset();
	p = fake_alloc(sizeof(*p));
	// Reading the tty: nobody types.
	*p = (struct rt_pollfd){ 0, RT_POLLIN, GARBAGE };
	EXPECT_EQ(sys_ppoll(p, 1, ts_new(0, 0), NULL, 0), 0);
	EXPECT_EQ(p->revents, 0);
	fake.counter = 0;
	EXPECT_EQ(sys_ppoll(p, 1, ts_new(0, 500), NULL, 0), 0);
	EXPECT_EQ(fake.counter, time_ns_to_ticks(500));
	fake_irq_at = fake.counter + 10;
	EXPECT_EQ(sys_ppoll(p, 1, NULL, NULL, 0), -EINTR);
}

TEST(ppoll, errors)
{
	struct rt_timespec outside_ts;
	uint64_t outside_mask = 0;
	uint64_t *mask = NULL;
	struct rt_pollfd *p = NULL;

	fake_reset();
	mask = fake_alloc(sizeof(*mask));
	p = fake_alloc(sizeof(*p));
	*p = (struct rt_pollfd){ 1, RT_POLLOUT, 0 };
	EXPECT_EQ(sys_ppoll(p, 1, ts_new(0, -1), NULL, 0), -EINVAL);
	EXPECT_EQ(sys_ppoll(p, 1, ts_new(-1, 0), NULL, 0), -EINVAL);
	EXPECT_EQ(sys_ppoll(p, 1, &outside_ts, NULL, 0), -EFAULT);
	EXPECT_EQ(sys_ppoll(p, 1, NULL, mask, 8), 1);
	EXPECT_EQ(sys_ppoll(p, 1, NULL, mask, 16), -EINVAL);
	EXPECT_EQ(sys_ppoll(p, 1, NULL, mask, 0), -EINVAL);
	EXPECT_EQ(sys_ppoll(p, 1, NULL, &outside_mask, 8), -EFAULT);
	EXPECT_EQ(sys_ppoll(p, 1, NULL, NULL, 12345), 1);
	EXPECT_EQ(sys_ppoll(p, RT_FD_MAX + 1, NULL, NULL, 0), -EINVAL);
	EXPECT_EQ(sys_ppoll(NULL, 1, NULL, NULL, 0), -EFAULT);
	EXPECT_EQ(sys_ppoll((struct rt_pollfd *)(fake_arena_end - 8), 2, NULL,
	                    NULL, 0),
	          -EFAULT);
	// ppoll writes revents: the fds may not be read-only.
	memcpy(fake_rodata, p, sizeof(*p));
	EXPECT_EQ(sys_ppoll((struct rt_pollfd *)fake_rodata, 1, NULL, NULL, 0),
	          -EFAULT);
	// The clock's answer goes into writable memory only.
	EXPECT_EQ(sys_clock_gettime(RT_CLOCK_MONOTONIC,
	                            (struct rt_timespec *)fake_rodata),
	          -EFAULT);
	EXPECT_EQ(sys_clock_getres(RT_CLOCK_MONOTONIC,
	                           (struct rt_timespec *)fake_rodata),
	          -EFAULT);
	EXPECT_EQ(fake_irq_waits, 0);
}
