// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef RT_UACCESS_H
#define RT_UACCESS_H

// The app's memory as the runtime lets syscalls touch it (src/core/
// uaccess.c). The MMU is off (or maps everything the runtime needs), so a
// pointer from the app is trusted only where the app owns the memory, in
// the way it may use it: its segments with their ELF permissions (writing
// into code or read-only data is -EFAULT, as on Linux), the environment
// data read-only, its stack and heap read-write. Anything else (NULL, the
// runtime, devices, the gaps) is -EFAULT.

#include <rt/string.h>
#include <rt/types.h>

// EFAULT (rt/errno.h), which this header cannot include: host code that
// uses libc's errno.h includes it too.
#define UACCESS_EFAULT 14

#define UACCESS_READ  1u
#define UACCESS_WRITE 2u
#define UACCESS_EXEC  4u
#define UACCESS_RW    (UACCESS_READ | UACCESS_WRITE)

#ifndef RT_UACCESS_REGIONS
#define RT_UACCESS_REGIONS 8
#endif

// Forgets every region.
void uaccess_reset(void);

// Lets syscalls use [start, end) as `perms` says. Regions must not
// overlap. -ENOMEM when the table is full, -EINVAL for a bad range.
int uaccess_add(uintptr_t start, uintptr_t end, unsigned perms);

bool uaccess_readable(const void *p, size_t n);
bool uaccess_writable(void *p, size_t n);

// The same two inline, for the hottest paths: the largest read-write
// region, the heap with the stack, where nearly every buffer lies, is one
// compare; anything else is a search of the regions (uaccess_allowed).
struct uaccess_hot {
	uintptr_t start, size;
};

extern struct uaccess_hot uaccess_hot;
bool uaccess_allowed(uintptr_t a, size_t n, unsigned perms);

static inline bool
uaccess_in_hot(uintptr_t a, size_t n)
{
	uintptr_t off = a - uaccess_hot.start;

	return off < uaccess_hot.size && n <= uaccess_hot.size - off;
}

static inline bool
uaccess_readable_inline(const void *p, size_t n)
{
	return uaccess_in_hot((uintptr_t)p, n) ||
	       uaccess_allowed((uintptr_t)p, n, UACCESS_READ);
}

static inline bool
uaccess_writable_inline(void *p, size_t n)
{
	return uaccess_in_hot((uintptr_t)p, n) ||
	       uaccess_allowed((uintptr_t)p, n, UACCESS_WRITE);
}

// Code the runtime may call: an ISR, the console function, the exit hook.
bool uaccess_executable(const void *p);

// Length of the NUL-terminated string at p if all of it (NUL included, at
// most max bytes) is readable app memory; -1 otherwise.
long uaccess_strlen(const char *p, size_t max);

// The 32-bit word at p (any alignment) if it is readable app memory, else
// -EFAULT: for the requests that pass an int, without a local to copy to.
long uaccess_read_u32(const void *p);

// Copies n bytes from or to app memory after checking it: 0 or -EFAULT,
// and nothing copied on -EFAULT. Inline, so that a small fixed-size copy
// is a few loads and stores rather than a call to memcpy.
static inline int
copy_from_app(void *dst, const void *src, size_t n)
{
	if (!uaccess_readable(src, n))
		return -UACCESS_EFAULT;
	memcpy(dst, src, n);
	return 0;
}

static inline int
copy_to_app(void *dst, const void *src, size_t n)
{
	if (!uaccess_writable(dst, n))
		return -UACCESS_EFAULT;
	memcpy(dst, src, n);
	return 0;
}

#endif
