// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// /dev/null, /dev/zero and /dev/urandom: Linux's memory devices (major 1),
// with their modes and device numbers, so that fstat shows what it would
// on Linux. The fd syscalls have checked the buffers and capped the counts.

#include <rt/entropy.h>
#include <rt/errno.h>
#include <rt/fd.h>
#include <rt/linux.h>
#include <rt/string.h>

#define MEM_MODE (0020000 /* S_IFCHR */ | 0666)
// Linux's encoding of a device number as stat shows it (major 1).
#define MEM_RDEV(minor) ((1u << 8) | (minor))

static long
mem_read_nothing(struct fd_file *f, void *buf, size_t n)
{
	(void)f;
	(void)buf;
	(void)n;
	return 0;
}

// All three take any write whole and keep nothing of it (Linux would mix
// what is written to urandom into its pool; the hypervisor owns ours).
static long
mem_write_discard(struct fd_file *f, const void *buf, size_t n)
{
	(void)f;
	(void)buf;
	return (long)n;
}

static long
mem_read_zeros(struct fd_file *f, void *buf, size_t n)
{
	(void)f;
	memset(buf, 0, n);
	return (long)n;
}

// A read is a fast-path syscall, which cannot start an ISR on its way out,
// so it does not wait window after window with the app's interrupts held
// off: it returns what there is now (a short read, as a character device
// may give), and waits one window at most, for the first bytes.
static long
mem_read_random(struct fd_file *f, void *buf, size_t n)
{
	long r = entropy_get(buf, n, false);

	if (r == -EAGAIN && (f->flags & RT_O_NONBLOCK) == 0)
		r = entropy_get(
		    buf, n < ENTROPY_CALL_BYTES ? n : ENTROPY_CALL_BYTES, true);
	return r;
}

const struct dev_ops dev_null_ops = {
	.path = "/dev/null",
	.mode = MEM_MODE,
	.rdev = MEM_RDEV(3),
	.seekable = true,
	.read = mem_read_nothing,
	.write = mem_write_discard,
};

const struct dev_ops dev_zero_ops = {
	.path = "/dev/zero",
	.mode = MEM_MODE,
	.rdev = MEM_RDEV(5),
	.seekable = true,
	.read = mem_read_zeros,
	.write = mem_write_discard,
};

const struct dev_ops dev_urandom_ops = {
	.path = "/dev/urandom",
	.mode = MEM_MODE,
	.rdev = MEM_RDEV(9),
	.seekable = true,
	.read = mem_read_random,
	.write = mem_write_discard,
};
