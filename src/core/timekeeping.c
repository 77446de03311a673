// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// Time as the runtime counts it: the EL1 virtual counter, its frequency,
// and conversions to and from nanoseconds and the app's timespecs.
//
// Conversions split a count into seconds and a remainder, so that no
// product needs more than 64 bits: a 128-bit division would need libgcc,
// which the runtime does not link.

#include <rt/arch.h>
#include <rt/errno.h>
#include <rt/linux.h>
#include <rt/panic.h>
#include <rt/time.h>
#include <rt/uaccess.h>

// The remainder products (below TIME_NSEC_PER_SEC * freq) must fit in 64 bits.
#define TIME_FREQ_MAX UINT64_C(16000000000)

uint64_t time_freq;
static uint64_t time_res_ns;

void
time_init(uint64_t freq)
{
	if (freq == 0 || freq > TIME_FREQ_MAX)
		panic("time: counter frequency %lu Hz is out of range",
		      (unsigned long)freq);
	time_freq = freq;
	time_res_ns = (TIME_NSEC_PER_SEC + freq - 1) / freq;
	arch_event_stream_init(freq);
}

uint64_t
time_ticks_to_ns(uint64_t ticks)
{
	uint64_t sec = ticks / time_freq;
	uint64_t rem = ticks - sec * time_freq;
	uint64_t ns;

	if (__builtin_mul_overflow(sec, TIME_NSEC_PER_SEC, &ns) ||
	    __builtin_add_overflow(ns, rem * TIME_NSEC_PER_SEC / time_freq,
	                           &ns))
		return UINT64_MAX;
	return ns;
}

// sec seconds and nsec (< TIME_NSEC_PER_SEC) nanoseconds in ticks, rounded up
// so that a sleep never ends early, saturating.
static uint64_t
time_split_to_ticks(uint64_t sec, uint64_t nsec)
{
	uint64_t ticks;

	if (__builtin_mul_overflow(sec, time_freq, &ticks) ||
	    __builtin_add_overflow(ticks,
	                           (nsec * time_freq + TIME_NSEC_PER_SEC - 1) /
	                               TIME_NSEC_PER_SEC,
	                           &ticks))
		return UINT64_MAX;
	return ticks;
}

uint64_t
time_ns_to_ticks(uint64_t ns)
{
	return time_split_to_ticks(ns / TIME_NSEC_PER_SEC,
	                           ns % TIME_NSEC_PER_SEC);
}

long
time_timespec_ticks(const struct rt_timespec *ts, uint64_t *ticks)
{
	struct rt_timespec t;

	if (copy_from_app(&t, ts, sizeof(t)) != 0)
		return -EFAULT;
	if (t.tv_sec < 0 || (unsigned long)t.tv_nsec >= TIME_NSEC_PER_SEC)
		return -EINVAL;
	*ticks = time_split_to_ticks((uint64_t)t.tv_sec, (uint64_t)t.tv_nsec);
	return 0;
}

uint64_t
time_deadline(uint64_t ticks)
{
	uint64_t deadline;

	if (__builtin_add_overflow(arch_counter(), ticks, &deadline))
		return UINT64_MAX; // forever (IRQ_WAIT_FOREVER)
	return deadline;
}

struct rt_timespec
time_ticks_to_timespec(uint64_t ticks)
{
	uint64_t nsec, sec = time_ticks_split(ticks, &nsec);

	return (struct rt_timespec){ .tv_sec = (long)sec,
		                     .tv_nsec = (long)nsec };
}

uint64_t
time_resolution_ns(void)
{
	return time_res_ns;
}
