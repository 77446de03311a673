// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef RT_TIME_H
#define RT_TIME_H

#include <rt/types.h>

// Counter frequency from the environment data (timer_freq).
void time_init(uint64_t freq);

uint64_t time_ticks_to_ns(uint64_t ticks);

// Rounds up, so a sleep never ends early; saturates at UINT64_MAX.
uint64_t time_ns_to_ticks(uint64_t ns);

#endif
