// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The fd table as the memory syscalls see it, without the files behind it:
// fds 0-2 are open (the tty), every other fd is closed.

#include <rt/fd_table.h>

static struct fd_file fake_tty[3];

struct fd_file *
fd_get(int fd)
{
	return fd >= 0 && fd < 3 ? &fake_tty[fd] : NULL;
}
