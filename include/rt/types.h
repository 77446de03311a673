// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef RT_TYPES_H
#define RT_TYPES_H

// Only the compiler's freestanding headers: the runtime has no libc.
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdnoreturn.h>

// Everything the runtime declares is defined in its own static-pie, so
// extern declarations are hidden too (-fvisibility=hidden only covers
// definitions): the compiler then reaches their data with an adrp, not
// through the GOT. Host programs link against libc and keep the default.
#ifndef RT_HOST
#pragma GCC visibility push(hidden)
#endif

// <assert.h> belongs to libc, which the freestanding build does not have.
#ifndef static_assert
#define static_assert _Static_assert
#endif

#define RT_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

// The mask takes the type of x, so a 32-bit alignment cannot clear the top
// half of a 64-bit address. a must be a power of two.
#define RT_ALIGN_DOWN(x, a) ((x) & ~(__typeof__(x))((a)-1))
#define RT_ALIGN_UP(x, a)   RT_ALIGN_DOWN((x) + ((a)-1), (a))
#define RT_IS_ALIGNED(x, a) (((x) & ((a)-1)) == 0)

// A function on a rare path, split from a hot one: never inlined into it,
// and compiled for size (GCC's cold does that; clang needs minsize too).
// Host builds keep the default alignment (cold lowers it on x86, and the
// syscall table keeps flags in a handler's low address bits).
#if defined(RT_HOST)
#define RT_COLD __attribute__((noinline))
#elif defined(__clang__)
#define RT_COLD __attribute__((noinline, cold, minsize))
#else
#define RT_COLD __attribute__((noinline, cold))
#endif

// Lets -Wformat check calls against the subset rt/fmt.h implements.
#define RT_PRINTF(fmt_arg, first_arg) \
	__attribute__((format(printf, fmt_arg, first_arg)))

typedef uint64_t rt_register_t;

// [a, a + an) and [b, b + bn) share an address. Neither may wrap.
static inline bool
rt_ranges_overlap(uintptr_t a, size_t an, uintptr_t b, size_t bn)
{
	return a < b + bn && b < a + an;
}

#endif
