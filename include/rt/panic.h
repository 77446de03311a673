// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef RT_PANIC_H
#define RT_PANIC_H

#include <rt/arch.h>
#include <rt/types.h>

// Writes "panic: <message>\n" and a backtrace to the log ring and to the
// app's console if one is registered, then stops the VM with
// RT_STOP_PANIC_STATUS. A panic while panicking stops at once.
noreturn void panic(const char *fmt, ...) RT_PRINTF(1, 2);

// As panic, for an exception: adds the registers of f and a backtrace from
// its frame pointer (x29) instead of panic's own.
noreturn void panic_frame(const struct arch_frame *f, const char *fmt, ...)
    RT_PRINTF(2, 3);

// True if addr lies in a stack. The backtrace checks both ends of every
// frame record with it and stops at the first one outside. Boot code
// provides it.
bool panic_addr_ok(uintptr_t addr);

// Whether the console function can run during a panic whose exception
// interrupted sp: the boot stack that panics from exceptions run on is too
// small for app code, so it runs on the app's stack below sp, if that is
// the stack boot gave the app with room left. Boot code provides it.
bool panic_console_stack(uintptr_t sp);

#ifdef RT_HOST
// Lets unit tests panic again after their fake arch_stop returned by longjmp.
void panic_reset_for_test(void);
#endif

#endif
