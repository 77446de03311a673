// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef RT_UAPI_TTY_H
#define RT_UAPI_TTY_H

// fds 0-2. Reads give end of file: there is no input device. Writes go to
// the log ring and to the console function (rt_console.h).
//
// TIOCGWINSZ (Linux's number, libc's struct winsize) reports 24x80 and
// succeeds, which is what makes musl line-buffer stdout.
//
// TIOCSETBUF, not a Linux request, moves the log ring into app memory:
// {uint32_t write_idx; uint32_t size; char buf[size]} at buf, size bytes in
// all, 4-byte aligned, newest text copied over. Errors: EFAULT when the
// request or the buffer is not app memory, EINVAL for a NULL, misaligned or
// too small (under 10 bytes) buffer, or one overlapping the current ring.

#include <stddef.h>
#include <stdint.h>

#define TTY_IOCTL_GETWINSZ 0x5413u
#define TTY_IOCTL_SETBUF   0x547fu
#ifndef TIOCSETBUF
#define TIOCSETBUF TTY_IOCTL_SETBUF
#endif

// Header of the log ring, which the size must leave room after.
#define TTY_LOG_HEADER_SIZE 8u

struct tty_setbuf_req {
	uintptr_t buf;
	size_t size;
};

// Linux's struct winsize, for code that cannot include <sys/ioctl.h>.
struct tty_winsize {
	unsigned short ws_row, ws_col, ws_xpixel, ws_ypixel;
};

_Static_assert(sizeof(struct tty_setbuf_req) == 16,
               "ABI: TIOCSETBUF request layout");
_Static_assert(sizeof(struct tty_winsize) == 8, "ABI: struct winsize");

#endif
