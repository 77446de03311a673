// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef PANIC_FAKE_H
#define PANIC_FAKE_H

// panic and panic_frame for tests of code that may panic (panic_fake.c):
// they keep the message and the frame and longjmp back into the test.
//
//   PANIC_CATCH(upcall_return(&f, &end));
//   EXPECT_TRUE(panic_fake_says("rt_sigreturn"));
//
// Locals the statement changes are indeterminate after a panic unless
// volatile: tests keep such state in statics.

#include <setjmp.h>
#include <stdbool.h>

#include <rt/arch.h>

extern jmp_buf panic_fake_jmp;
extern char panic_fake_msg[256];
// panic_frame's frame, NULL for panic().
extern const struct arch_frame *panic_fake_frame;
extern unsigned panic_fake_calls;

// Runs stmt; afterwards panic_fake_msg is "" if it did not panic.
#define PANIC_CATCH(stmt)                          \
	do {                                       \
		panic_fake_msg[0] = '\0';          \
		panic_fake_frame = NULL;           \
		if (setjmp(panic_fake_jmp) == 0) { \
			stmt;                      \
		}                                  \
	} while (0)

// Whether the last PANIC_CATCH panicked, and with a message containing s.
bool panic_fake_says(const char *s);

#endif
