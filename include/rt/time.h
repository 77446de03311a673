// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef RT_TIME_H
#define RT_TIME_H

// Timekeeping (src/core/timekeeping.c): the EL1 virtual counter and its
// frequency.

#include <rt/types.h>

#define TIME_NSEC_PER_SEC ((uint64_t)1000000000)

struct rt_timespec;

// The counter's frequency in Hz (CNTFRQ, or what the platform says);
// panics if it is 0 or too high for the conversions.
void time_init(uint64_t freq);

uint64_t time_ticks_to_ns(uint64_t ticks);

// Rounds up, so a sleep never ends early; saturates at UINT64_MAX.
uint64_t time_ns_to_ticks(uint64_t ns);

// A count of ticks as a timespec.
struct rt_timespec time_ticks_to_timespec(uint64_t ticks);

// The counter's frequency, set by time_init only: read inline by the
// conversion every clock_gettime makes.
extern uint64_t time_freq;

// ticks as whole seconds (returned) and the nanoseconds left (*nsec).
// Each product stays below 2^64 (time_init bounds the frequency).
static inline uint64_t
time_ticks_split(uint64_t ticks, uint64_t *nsec)
{
	uint64_t sec = ticks / time_freq;

	*nsec = (ticks - sec * time_freq) * UINT64_C(1000000000) / time_freq;
	return sec;
}

// One tick in nanoseconds, rounded up: clock_getres.
uint64_t time_resolution_ns(void);

// Reads the app's timespec at ts as a duration in counter ticks, rounded
// up: 0, -EFAULT, or -EINVAL when tv_sec < 0 or tv_nsec is outside
// 0..999999999. Saturates at UINT64_MAX, which means "forever".
long time_timespec_ticks(const struct rt_timespec *ts, uint64_t *ticks);

// The counter value `ticks` from now, saturating.
uint64_t time_deadline(uint64_t ticks);

#endif
