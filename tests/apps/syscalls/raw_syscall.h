// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef SYS_RAW_SYSCALL_H
#define SYS_RAW_SYSCALL_H

// A syscall with no libc in between: musl's wrappers check some arguments
// themselves, turn results into errno and retry or fall back, which would
// hide what the runtime answered. The result is the raw register x0:
// -errno on failure.

static inline long
raw_syscall6(long nr, long a, long b, long c, long d, long e, long f)
{
	register long x8 __asm__("x8") = nr;
	register long x0 __asm__("x0") = a;
	register long x1 __asm__("x1") = b;
	register long x2 __asm__("x2") = c;
	register long x3 __asm__("x3") = d;
	register long x4 __asm__("x4") = e;
	register long x5 __asm__("x5") = f;

	__asm__ volatile("svc #0"
	                 : "+r"(x0)
	                 : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5)
	                 : "memory");
	return x0;
}

#define RAW0(nr)       raw_syscall6(nr, 0, 0, 0, 0, 0, 0)
#define RAW1(nr, a)    raw_syscall6(nr, (long)(a), 0, 0, 0, 0, 0)
#define RAW2(nr, a, b) raw_syscall6(nr, (long)(a), (long)(b), 0, 0, 0, 0)
#define RAW3(nr, a, b, c) \
	raw_syscall6(nr, (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define RAW4(nr, a, b, c, d) \
	raw_syscall6(nr, (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)
#define RAW6(nr, a, b, c, d, e, f)                                   \
	raw_syscall6(nr, (long)(a), (long)(b), (long)(c), (long)(d), \
	             (long)(e), (long)(f))

#endif
