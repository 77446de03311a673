// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// panic_fake.h's panic and panic_frame.

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <rt/panic.h>

#include "panic_fake.h"

jmp_buf panic_fake_jmp;
char panic_fake_msg[256];
const struct arch_frame *panic_fake_frame;
unsigned panic_fake_calls;

static noreturn void panic_fake_end(const struct arch_frame *f, const char *fmt,
                                    va_list ap) RT_PRINTF(2, 0);

static noreturn void
panic_fake_end(const struct arch_frame *f, const char *fmt, va_list ap)
{
	vsnprintf(panic_fake_msg, sizeof(panic_fake_msg), fmt, ap);
	panic_fake_frame = f;
	panic_fake_calls++;
	longjmp(panic_fake_jmp, 1);
}

noreturn void
panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	panic_fake_end(NULL, fmt, ap);
}

noreturn void
panic_frame(const struct arch_frame *f, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	panic_fake_end(f, fmt, ap);
}

bool
panic_fake_says(const char *s)
{
	return panic_fake_msg[0] != '\0' && strstr(panic_fake_msg, s) != NULL;
}
