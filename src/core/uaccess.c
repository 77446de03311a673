// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The app's memory map; rt/uaccess.h says what it allows.

#include <rt/errno.h>
#include <rt/string.h>
#include <rt/uaccess.h>

struct uaccess_region {
	uintptr_t start, end;
	unsigned perms;
};

// Sorted by start. Few: the app's segments, the environment data, the
// stack with the heap.
static struct {
	unsigned n;
	struct uaccess_region r[RT_UACCESS_REGIONS];
} ua;

struct uaccess_hot uaccess_hot;

void
uaccess_reset(void)
{
	ua.n = 0;
	uaccess_hot = (struct uaccess_hot){ 0, 0 };
}

RT_COLD int
uaccess_add(uintptr_t start, uintptr_t end, unsigned perms)
{
	unsigned i;

	if (start >= end || ua.n == RT_UACCESS_REGIONS)
		return start >= end ? -EINVAL : -ENOMEM;
	for (i = 0; i < ua.n && ua.r[i].start < start; i++)
		;
	if ((i > 0 && ua.r[i - 1].end > start) ||
	    (i < ua.n && ua.r[i].start < end))
		return -EINVAL;
	memmove(&ua.r[i + 1], &ua.r[i], (ua.n - i) * sizeof(ua.r[0]));
	ua.r[i] = (struct uaccess_region){ start, end, perms };
	ua.n++;
	if ((perms & UACCESS_RW) == UACCESS_RW &&
	    end - start > uaccess_hot.size)
		uaccess_hot = (struct uaccess_hot){ start, end - start };
	return 0;
}

// Whether every byte of [a, a + n) lies in regions that allow `perms`;
// regions that touch count as one range. Not inlined into the checks
// below: the inline part is what they are for.
__attribute__((noinline)) bool
uaccess_allowed(uintptr_t a, size_t n, unsigned perms)
{
	uintptr_t end = a + n;
	unsigned i = ua.n;

	if (end < a)
		return false;
	while (i > 0 && ua.r[i - 1].start > a)
		i--;
	for (i = i > 0 ? i - 1 : ua.n; i < ua.n; i++) {
		const struct uaccess_region *r = &ua.r[i];

		if (r->start > a || r->end <= a || (r->perms & perms) != perms)
			return false;
		if (r->end >= end)
			return true;
		a = r->end;
	}
	return false;
}

bool
uaccess_readable(const void *p, size_t n)
{
	return uaccess_readable_inline(p, n);
}

bool
uaccess_writable(void *p, size_t n)
{
	return uaccess_writable_inline(p, n);
}

long
uaccess_read_u32(const void *p)
{
	uint32_t v;

	if (copy_from_app(&v, p, sizeof(v)) != 0)
		return -EFAULT;
	return v;
}

bool
uaccess_executable(const void *p)
{
	return RT_IS_ALIGNED((uintptr_t)p, 4) &&
	       uaccess_allowed((uintptr_t)p, 4, UACCESS_EXEC);
}

RT_COLD long
uaccess_strlen(const char *p, size_t max)
{
	uintptr_t a = (uintptr_t)p;
	size_t i = 0;

	// Region by region: the string may run from one into the next.
	while (i < max) {
		size_t room;
		unsigned k;

		for (k = 0; k < ua.n; k++) {
			if (ua.r[k].start <= a + i && a + i < ua.r[k].end)
				break;
		}
		if (k == ua.n || (ua.r[k].perms & UACCESS_READ) == 0)
			return -1;
		room = ua.r[k].end - (a + i);
		if (room > max - i)
			room = max - i;
		for (; room > 0; room--, i++) {
			if (p[i] == '\0')
				return (long)i;
		}
	}
	return -1;
}

static_assert(UACCESS_EFAULT == EFAULT, "rt/uaccess.h and rt/errno.h");
