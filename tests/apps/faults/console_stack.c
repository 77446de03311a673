// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// A console function that needs 3 KiB of stack (musl's strstr alone keeps
// a 2 KiB table there), then an undefined instruction. The runtime's panic
// calls the console function with the message: it must do so on a stack
// with room for it, so that the report comes out and the VM stops with
// status 240 rather than the console function running over whatever lies
// below a small stack.

#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <rt_console.h>

#include "fault_util.h"
#include "test_hyp.h"

static volatile size_t sink;

static void
hungry_console(const char *s, size_t n)
{
	volatile char scratch[3072];

	memset((char *)scratch, 0, sizeof(scratch));
	for (size_t i = 0; i < n; i++)
		scratch[i % sizeof(scratch)] = s[i];
	test_hyp_uart_write(s, n);
	sink = scratch[0];
}

int
main(void)
{
	struct console_register_req req = { .fn = hungry_console };
	int fd = open("/dev/console", O_RDWR);

	// The prefix tells the console's lines from the log ring's, which
	// the stub prints too.
	if (test_hyp_uart_map() != 0 || test_exit_hook_register() != 0 ||
	    fd < 0 || ioctl(fd, CONSOLE_IOCTL_REGISTER, &req) != 0 ||
	    ioctl(fd, CONSOLE_IOCTL_SET_PREFIX, "hungry| ") != 0)
		return 1;
	FAULT_SAY("console_stack: a console that needs 3 KiB, then UDF\n");
	__asm__ volatile("udf #0");
	FAULT_SAY("console_stack: went on after the fault (FAILED)\n");
	return 1;
}
