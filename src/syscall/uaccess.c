// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

#include <rt/uaccess.h>

static uintptr_t uaccess_start, uaccess_end;

void
uaccess_init(uintptr_t start, uintptr_t end)
{
	uaccess_start = start;
	uaccess_end = end;
}

bool
uaccess_ok(const void *p, size_t n)
{
	uintptr_t a = (uintptr_t)p;

	return a >= uaccess_start && a <= uaccess_end && n <= uaccess_end - a;
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
			return (long)i;
	}
	return -1;
}
