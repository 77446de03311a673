// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// /dev/console: how the app registers its console function and line
// prefix (src/core/console.c uses them).

#include <rt/console.h>
#include <rt/errno.h>
#include <rt/fd.h>
#include <rt/string.h>
#include <rt/uaccess.h>
#include <uapi/rt_console.h>

#define CONSOLE_RDEV 0x501u // 5:1, Linux's /dev/console

static long
console_register(unsigned long arg)
{
	void *fn;
	int ret = dev_read_app_fn(arg, &fn);

	if (ret == 0)
		console_set_fn(fn);
	return ret;
}

static long
console_prefix_ioctl(const char *p)
{
	long len = uaccess_strlen(p, CONSOLE_PREFIX_MAX);

	// Either no NUL in the first CONSOLE_PREFIX_MAX bytes, or the string
	// leaves app memory before its NUL.
	if (len < 0)
		return uaccess_readable(p, CONSOLE_PREFIX_MAX) ? -EINVAL
		                                               : -EFAULT;
	// A copy: the app may reuse the memory it passed.
	console_set_prefix(p, (size_t)len);
	return 0;
}

static long
console_ioctl(struct fd_file *f, unsigned long cmd, unsigned long arg)
{
	(void)f;
	switch (cmd) {
	case CONSOLE_IOCTL_REGISTER:
		return console_register(arg);
	case CONSOLE_IOCTL_DEREGISTER:
		if (!console_registered())
			return -ENOENT;
		console_set_fn(NULL);
		return 0;
	case CONSOLE_IOCTL_SET_PREFIX:
		return console_prefix_ioctl((const char *)arg);
	default:
		return -ENOTTY;
	}
}

const struct dev_ops dev_console_ops = {
	.path = CONSOLE_PATH,
	.mode = DEV_MODE_OWNER_RW,
	.rdev = CONSOLE_RDEV,
	.ioctl = console_ioctl,
};
