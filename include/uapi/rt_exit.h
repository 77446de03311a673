// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef RT_UAPI_EXIT_H
#define RT_UAPI_EXIT_H

// /dev/exit: a hook exit() and exit_group() call with the status before the
// runtime stops the VM. It is called once: if it exits itself, the VM stops
// at once with that status. Numbers are Linux _IOW('D', nr, size).
//
// Errors: EFAULT for memory the app does not own, EINVAL for a NULL hook,
// ENOENT for deregistering with nothing registered, ENOTTY for an unknown
// request.

#include <stdint.h>

#define EXIT_PATH "/dev/exit"

// Argument: pointer to struct exit_register_req. Replaces any earlier hook.
#define EXIT_IOCTL_REGISTER 0x40084400u
// Argument: 0.
#define EXIT_IOCTL_DEREGISTER 0x40044401u

struct exit_register_req {
	void (*fn)(int status);
};

#define EXIT_IOW(nr, size) \
	((1u << 30) | ((unsigned)(size) << 16) | ((unsigned)'D' << 8) | (nr))

_Static_assert(sizeof(struct exit_register_req) == 8,
               "ABI: exit register request layout");
_Static_assert(EXIT_IOCTL_REGISTER ==
                       EXIT_IOW(0, sizeof(struct exit_register_req)) &&
                   EXIT_IOCTL_DEREGISTER == EXIT_IOW(1, sizeof(uint32_t)),
               "ABI: exit ioctl numbers");

#endif
