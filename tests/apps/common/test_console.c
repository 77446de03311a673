// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// Linked into test apps: registers a console function that writes QEMU
// virt's PL011 directly, as DESIGN.md section 6 allows under our boot stub,
// so output reaches the host as it happens rather than at exit.

#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <rt_console.h>

#define PL011_DR 0x09000000ul

static void
pl011_write(const char *s, size_t n)
{
	volatile uint32_t *dr = (volatile uint32_t *)PL011_DR;

	for (size_t i = 0; i < n; i++)
		*dr = (unsigned char)s[i];
}

__attribute__((constructor)) static void
test_console_init(void)
{
	struct console_register_req req = { .fn = pl011_write };
	int fd = open("/dev/console", O_RDWR | O_LARGEFILE);

	if (fd < 0)
		return;
	ioctl(fd, CONSOLE_IOCTL_REGISTER, &req);
	close(fd);
}
