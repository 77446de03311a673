// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef RT_FD_H
#define RT_FD_H

#include <rt/types.h>

#ifndef RT_FD_MAX
#define RT_FD_MAX 16
#endif

struct fd_file;

// st_mode of a node only its owner reads and writes (S_IFCHR | 0600).
#define DEV_MODE_OWNER_RW 0020600u

// A /dev node or the tty. Absent operations answer as Linux does for a
// character device that lacks them (read/write -EINVAL, ioctl -ENOTTY).
struct dev_ops {
	const char *path; // NULL for the tty, which is only ever fds 0-2
	uint16_t mode;    // st_mode for fstat (S_IFCHR | permissions)
	uint16_t rdev;    // st_rdev for fstat: major << 8 | minor, both < 256
	// What ppoll reports the node ready for (RT_POLL*, rt/linux.h). 0 is
	// Linux's answer for a device without a poll method: ready both ways,
	// read and write then say what they can do. (No node here is ever
	// ready for nothing, which this cannot say.)
	uint16_t poll;
	// lseek succeeds and the position stays 0, as on Linux's memory
	// devices; else -ESPIPE.
	bool seekable;
	long (*open)(struct fd_file *f);
	long (*read)(struct fd_file *f, void *buf, size_t n);
	long (*write)(struct fd_file *f, const void *buf, size_t n);
	long (*ioctl)(struct fd_file *f, unsigned long cmd, unsigned long arg);
	void (*close)(struct fd_file *f);
};

// 16 bytes, so that finding one is a shift.
struct fd_file {
	const struct dev_ops *ops; // NULL: the slot is free
	int flags;                 // open flags, for fcntl(F_GETFL)
	uint32_t gen : 31;         // changes with each open of the slot
	uint32_t cloexec : 1;      // FD_CLOEXEC, for fcntl(F_GETFD)
};

// Implemented by src/dev: reads the app's {void (*fn)(...)} request at arg,
// as /dev/console and /dev/exit take it: 0 and *fn, -EFAULT if arg or fn
// is not the app's (fn: its code), -EINVAL if fn is NULL.
int dev_read_app_fn(unsigned long arg, void **fn);

// Implemented by src/dev: the /dev node at path, or NULL.
const struct dev_ops *dev_lookup(const char *path);

// Implemented by src/dev: fds 0, 1 and 2.
extern const struct dev_ops dev_tty_ops;

// Implemented by src/dev: the nodes (nodes.c lists them for dev_lookup).
extern const struct dev_ops dev_gicv3_ops, dev_console_ops, dev_exit_ops;
extern const struct dev_ops dev_null_ops, dev_zero_ops, dev_urandom_ops;

#endif
