// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// /dev/exit and what exit/exit_group do: the app's hook, then the stop.

#include <rt/arch.h>
#include <rt/console.h>
#include <rt/errno.h>
#include <rt/exit.h>
#include <rt/fd.h>
#include <rt/string.h>
#include <rt/uaccess.h>
#include <uapi/rt_exit.h>

#define EXIT_MODE 0020600u // S_IFCHR, read/write for the owner

static void *exit_hook;

noreturn void
exit_app(int status)
{
	void *hook = exit_hook;

	// Taken before the call: a hook that exits stops the VM with its
	// own status instead of calling itself again.
	exit_hook = NULL;
	if (hook != NULL)
		arch_call_app(hook, status, 0);
	arch_stop(status & 0xff, console_registered() ? RT_STOP_CONSOLE : 0);
}

static long
exit_register(unsigned long arg)
{
	const void *p = (const void *)arg;
	struct exit_register_req req;
	void *fn;

	if (!uaccess_ok(p, sizeof(req)))
		return -EFAULT;
	memcpy(&req, p, sizeof(req));
	fn = (void *)req.fn;
	if (fn == NULL)
		return -EINVAL;
	if (!uaccess_ok(fn, sizeof(uint32_t)))
		return -EFAULT;
	exit_hook = fn;
	return 0;
}

static long
exit_ioctl(struct fd_file *f, unsigned long cmd, unsigned long arg)
{
	(void)f;
	switch (cmd) {
	case EXIT_IOCTL_REGISTER:
		return exit_register(arg);
	case EXIT_IOCTL_DEREGISTER:
		if (exit_hook == NULL)
			return -ENOENT;
		exit_hook = NULL;
		return 0;
	default:
		return -ENOTTY;
	}
}

const struct dev_ops dev_exit_ops = {
	.path = EXIT_PATH,
	.mode = EXIT_MODE,
	.ioctl = exit_ioctl,
};
