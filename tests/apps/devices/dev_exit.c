// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// /dev/exit: the hook runs with the status the app exits with, and the
// host gets that status. Built three ways (build.conf):
//   EXIT_HOW 0  main returns EXIT_STATUS (musl's exit, exit_group)
//   EXIT_HOW 1  the exit syscall (93) itself
//   EXIT_HOW 2  the hook exits with EXIT_AGAIN: the VM stops with that at
//               once, the hook is not called a second time
// The hook writes the PL011 itself: by then stdout may be gone.

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <rt_exit.h>

#include "dev_util.h"

#ifndef EXIT_HOW
#define EXIT_HOW 0
#endif
#ifndef EXIT_STATUS
#define EXIT_STATUS 7
#endif
#ifndef EXIT_AGAIN
#define EXIT_AGAIN 9
#endif

static void
hook(int status)
{
	char line[64];

	snprintf(line, sizeof(line), "%s: exit hook: status %d\n", dev_name,
	         status);
	dev_pl011_puts(line);
	if (EXIT_HOW == 2)
		_exit(EXIT_AGAIN);
	// The runtime's own exit call does not reach the host under Gunyah
	// (test_hyp.h). With EXIT_HOW 2 it is the only way out, so that
	// build runs under the boot stub only.
	test_hyp_exit(status);
}

// Registered and then replaced or removed: must never run.
static void
stale_hook(int status)
{
	char line[64];

	snprintf(line, sizeof(line), "%s: stale hook ran: status %d\n",
	         dev_name, status);
	dev_pl011_puts(line);
}

int
main(void)
{
	struct exit_register_req stale = { .fn = stale_hook };
	struct exit_register_req req = { .fn = hook };
	int fd = open(EXIT_PATH, O_RDWR | O_LARGEFILE);

	dev_name = "dev_exit";
	dev_console_init(NULL);
	dev_check(fd >= 3, "open %s", EXIT_PATH);
	dev_check_ok(ioctl(fd, EXIT_IOCTL_REGISTER, &stale), "register a hook");
	dev_check_ok(ioctl(fd, EXIT_IOCTL_DEREGISTER, 0), "deregister it");
	dev_check_err(ioctl(fd, EXIT_IOCTL_DEREGISTER, 0), ENOENT,
	              "deregister again: ENOENT");
	dev_check_ok(ioctl(fd, EXIT_IOCTL_REGISTER, &stale), "register a hook");
	dev_check_ok(ioctl(fd, EXIT_IOCTL_REGISTER, &req),
	             "register another in its place");
	// The hook stays registered when its fd goes.
	close(fd);
	if (dev_finish() != 0)
		return 1;
	printf("%s: leaving with %d\n", dev_name, EXIT_STATUS);
	if (EXIT_HOW == 1)
		syscall(SYS_exit, EXIT_STATUS);
	return EXIT_STATUS;
}
