// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// Linked into test apps: registers a console function that writes QEMU
// virt's PL011, mapped the way RM maps it (test_hyp.h), so output reaches
// the host as it happens rather than at exit, and an exit hook that hands
// the host the app's status under the real Gunyah as under the boot stub.

#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <rt_console.h>

#include "test_hyp.h"

__attribute__((constructor)) static void
test_console_init(void)
{
	struct console_register_req req = { .fn = test_hyp_uart_write };
	int fd = open("/dev/console", O_RDWR | O_LARGEFILE);

	test_exit_hook_register();
	if (fd < 0)
		return;
	ioctl(fd, CONSOLE_IOCTL_REGISTER, &req);
	close(fd);
}
