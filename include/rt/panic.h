// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef RT_PANIC_H
#define RT_PANIC_H

#include <rt/arch.h>
#include <rt/types.h>

// Writes "panic: <message>\n" and a backtrace to the log ring and to the
// app's console if one is registered, runs the app's exit hook with
// RT_STOP_PANIC_STATUS, then stops the VM with that status. A panic while
// panicking stops at once.
noreturn void panic(const char *fmt, ...) RT_PRINTF(1, 2);

// As panic, for an exception: adds the registers of f and a backtrace from
// its frame pointer (x29) instead of panic's own.
noreturn void panic_frame(const struct arch_frame *f, const char *fmt, ...)
    RT_PRINTF(2, 3);

// The runtime is built with -fstack-protector-strong: the canary
// (src/core/stack_protector.c), which boot seeds from the entropy source
// before the app runs, and what a check that fails calls.
extern uintptr_t __stack_chk_guard;
noreturn void __stack_chk_fail(void);

#ifdef RT_HOST
// Lets unit tests panic again after their fake arch_stop returned by longjmp.
void panic_reset_for_test(void);
#endif

#endif
