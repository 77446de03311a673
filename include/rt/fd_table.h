// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef RT_FD_TABLE_H
#define RT_FD_TABLE_H

// The fd table (src/syscall/fd.c): the file syscalls' slots, with fd_lookup
// inline for their hot paths. Devices see only rt/fd.h.

#include <rt/fd.h>
#include <rt/types.h>

extern struct fd_file fd_table[RT_FD_MAX];

static inline struct fd_file *
fd_lookup(int fd)
{
	// The unsigned compare also turns away negative fds.
	if ((unsigned int)fd >= RT_FD_MAX || fd_table[fd].ops == NULL)
		return NULL;
	return &fd_table[fd];
}

// The open file behind fd, or NULL when fd is out of range or closed.
struct fd_file *fd_get(int fd);

// Empties the table and opens fds 0, 1 and 2 on the tty (O_RDWR). Boot
// calls it once, after the devices are set up.
void fd_init(void);

// Puts a file on ops in the lowest free slot at or above `from` and calls
// the device's open. The fd, or -EMFILE when no slot is free, or the
// device's error (the slot is then free again).
int fd_install(int from, const struct dev_ops *ops, int flags, bool cloexec);

// Calls the device's close and frees the slot: 0, or -EBADF.
long fd_close(int fd);

#endif
