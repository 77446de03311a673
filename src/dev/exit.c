// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// /dev/exit: how the app sets its exit hook (src/core/exit.c runs it).

#include <rt/errno.h>
#include <rt/exit.h>
#include <rt/fd.h>
#include <rt/string.h>
#include <rt/uaccess.h>
#include <uapi/rt_exit.h>

static long
exit_register(unsigned long arg)
{
	void *fn;
	int ret = dev_read_app_fn(arg, &fn);

	if (ret == 0)
		exit_set_hook(fn);
	return ret;
}

static long
exit_ioctl(struct fd_file *f, unsigned long cmd, unsigned long arg)
{
	(void)f;
	switch (cmd) {
	case EXIT_IOCTL_REGISTER:
		return exit_register(arg);
	case EXIT_IOCTL_DEREGISTER:
		if (!exit_hook_registered())
			return -ENOENT;
		exit_set_hook(NULL);
		return 0;
	default:
		return -ENOTTY;
	}
}

const struct dev_ops dev_exit_ops = {
	.path = EXIT_PATH,
	.mode = DEV_MODE_OWNER_RW,
	.ioctl = exit_ioctl,
};
