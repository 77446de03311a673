// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef RT_UAPI_CONSOLE_H
#define RT_UAPI_CONSOLE_H

// /dev/console: where the app's stdout and stderr go besides the log ring.
// The runtime has no UART of its own (under Gunyah the root VM gets one only
// once the app maps it), so it calls the function the app registers, with
// the line prefix in front of every line. The function runs with interrupts
// masked and should not write to stdout itself: such output reaches only
// the log ring. Numbers are Linux _IOW('C', nr, size).
//
// Errors: EFAULT for memory the app does not own, EINVAL for a NULL
// function or a prefix over CONSOLE_PREFIX_MAX - 1 characters, ENOENT for
// deregistering with nothing registered, ENOTTY for an unknown request.

#include <stddef.h>
#include <stdint.h>

#define CONSOLE_PATH "/dev/console"

// Argument: pointer to struct console_register_req. Replaces any earlier
// function; the new one starts at the beginning of a line.
#define CONSOLE_IOCTL_REGISTER 0x40084300u
// Argument: 0.
#define CONSOLE_IOCTL_DEREGISTER 0x40044301u
// Argument: the const char * itself, NUL-terminated; "" for no prefix.
// Takes effect from the next line on.
#define CONSOLE_IOCTL_SET_PREFIX 0x40084302u

// Bytes of the prefix, NUL included.
#define CONSOLE_PREFIX_MAX 16u

struct console_register_req {
	void (*fn)(const char *s, size_t n);
};

#define CONSOLE_IOW(nr, size) \
	((1u << 30) | ((unsigned)(size) << 16) | ((unsigned)'C' << 8) | (nr))

_Static_assert(sizeof(struct console_register_req) == 8,
               "ABI: console register request layout");
_Static_assert(CONSOLE_IOCTL_REGISTER ==
                       CONSOLE_IOW(0, sizeof(struct console_register_req)) &&
                   CONSOLE_IOCTL_DEREGISTER ==
                       CONSOLE_IOW(1, sizeof(uint32_t)) &&
                   CONSOLE_IOCTL_SET_PREFIX ==
                       CONSOLE_IOW(2, sizeof(const char *)),
               "ABI: console ioctl numbers");

#endif
