// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

#include <rt/arch.h>
#include <rt/uaccess.h>

static uintptr_t uaccess_start, uaccess_end;

void
uaccess_init(uintptr_t start, uintptr_t end)
{
	uaccess_start = start;
	uaccess_end = end;
}

// Whether [a, a + n) reaches into the stack below the sp of the syscall
// being handled, where the runtime's own frames are (n != 0, no wrap).
static bool
uaccess_below_sp(uintptr_t a, size_t n)
{
	uintptr_t frame = arch_syscall_frame, sp;

	if (frame == 0)
		return false;
	sp = frame + ARCH_FRAME_SIZE;
	return a < sp && a + n > sp - UACCESS_BELOW_SP;
}

bool
uaccess_ok(const void *p, size_t n)
{
	uintptr_t a = (uintptr_t)p;

	if (a < uaccess_start || a > uaccess_end || n > uaccess_end - a)
		return false;
	return n == 0 || !uaccess_below_sp(a, n);
}

long
uaccess_strlen(const char *p, size_t max)
{
	uintptr_t a = (uintptr_t)p;
	size_t room;

	if (a < uaccess_start || a >= uaccess_end)
		return -1;
	room = uaccess_end - a;
	if (room > max)
		room = max;
	for (size_t i = 0; i < room; i++) {
		if (p[i] == '\0')
			return uaccess_below_sp(a, i + 1) ? -1 : (long)i;
	}
	return -1;
}
