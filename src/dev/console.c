// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// /dev/console: the app's console function, which the runtime calls with
// everything written to stdout and stderr, a prefix at each line start.

#include <rt/arch.h>
#include <rt/console.h>
#include <rt/errno.h>
#include <rt/fd.h>
#include <rt/string.h>
#include <rt/uaccess.h>
#include <uapi/rt_console.h>

#define CONSOLE_MODE 0020600u // S_IFCHR, read/write for the owner
#define CONSOLE_RDEV 0x501u   // 5:1, Linux's /dev/console

static void *console_fn;
// A copy: the app may reuse the memory it passed.
static char console_prefix[CONSOLE_PREFIX_MAX];
static size_t console_prefix_len;
// Kept across writes, so a line written in pieces gets one prefix.
static bool console_mid_line;
static bool console_busy;

bool
console_registered(void)
{
	return console_fn != NULL;
}

static void
console_call(const char *s, size_t n)
{
	// Read again each time: the function may deregister itself.
	void *fn = console_fn;

	if (fn != NULL)
		arch_call_app(fn, (long)s, (long)n);
}

void
console_write(const char *s, size_t n)
{
	size_t len;

	// What the console function itself writes to stdout would come
	// straight back here: it goes to the log ring only.
	if (console_fn == NULL || console_busy || n == 0)
		return;
	console_busy = true;
	if (console_prefix_len == 0) {
		console_call(s, n);
		console_mid_line = s[n - 1] != '\n';
		goto out;
	}
	for (; n > 0; s += len, n -= len) {
		for (len = 0; len < n && s[len] != '\n'; len++)
			;
		if (len < n)
			len++;
		if (!console_mid_line)
			console_call(console_prefix, console_prefix_len);
		console_call(s, len);
		console_mid_line = s[len - 1] != '\n';
	}
out:
	console_busy = false;
}

static long
console_register(unsigned long arg)
{
	const void *p = (const void *)arg;
	struct console_register_req req;
	void *fn;

	if (!uaccess_ok(p, sizeof(req)))
		return -EFAULT;
	memcpy(&req, p, sizeof(req));
	fn = (void *)req.fn;
	if (fn == NULL)
		return -EINVAL;
	if (!uaccess_ok(fn, sizeof(uint32_t)))
		return -EFAULT;
	console_fn = fn;
	console_mid_line = false;
	return 0;
}

static long
console_set_prefix(const char *p)
{
	long len = uaccess_strlen(p, CONSOLE_PREFIX_MAX);

	// Either no NUL in the first CONSOLE_PREFIX_MAX bytes, or the string
	// leaves app memory before its NUL.
	if (len < 0)
		return uaccess_ok(p, CONSOLE_PREFIX_MAX) ? -EINVAL : -EFAULT;
	memcpy(console_prefix, p, (size_t)len);
	console_prefix_len = (size_t)len;
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
		if (console_fn == NULL)
			return -ENOENT;
		console_fn = NULL;
		return 0;
	case CONSOLE_IOCTL_SET_PREFIX:
		return console_set_prefix((const char *)arg);
	default:
		return -ENOTTY;
	}
}

#ifdef RT_HOST
void
console_reset_for_test(void)
{
	console_fn = NULL;
	console_prefix_len = 0;
	console_mid_line = false;
	console_busy = false;
}
#endif

const struct dev_ops dev_console_ops = {
	.path = CONSOLE_PATH,
	.mode = CONSOLE_MODE,
	.rdev = CONSOLE_RDEV,
	.ioctl = console_ioctl,
};
