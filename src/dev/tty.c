// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// fds 0-2: output to the log ring and the app's console function, no input.

#include <rt/arch.h>
#include <rt/config.h>
#include <rt/console.h>
#include <rt/errno.h>
#include <rt/fd.h>
#include <rt/linux.h>
#include <rt/log.h>
#include <rt/string.h>
#include <rt/uaccess.h>
#include <uapi/rt_tty.h>

#define TTY_MODE 0020620u // S_IFCHR, as Linux gives a terminal
#define TTY_RDEV 0x501u   // 5:1, Linux's /dev/console
#define TTY_ROWS 24u
#define TTY_COLS 80u

static_assert(TTY_LOG_HEADER_SIZE == sizeof(struct log_ring),
              "uapi/rt_tty.h and rt/log.h disagree");

// End of file, as a terminal with nothing attached would give: musl's stdio
// then reports EOF instead of retrying.
static long
tty_read(struct fd_file *f, void *buf, size_t n)
{
	(void)f;
	(void)buf;
	(void)n;
	return 0;
}

// Text that lies in the ring itself (an app printing its own log) changes
// as the ring stores it, so it goes to the console first, as it was.
static RT_COLD long
tty_write_from_ring(const char *buf, size_t n)
{
	console_write(buf, n);
	log_write(buf, n);
	return (long)n;
}

static long
tty_write(struct fd_file *f, const void *buf, size_t n)
{
	(void)f;
	// write and writev checked buf before they called this.
	if (n == 0)
		return 0;
	if (log_holds(buf, n))
		return tty_write_from_ring(buf, n);
	// The log first, so that it has the text even if the console
	// function never returns.
	log_write(buf, n);
	console_write(buf, n);
	return (long)n;
}

static long
tty_setbuf(unsigned long arg)
{
	struct tty_setbuf_req req;

	if (copy_from_app(&req, (const void *)arg, sizeof(req)) != 0)
		return -EFAULT;
	// Room for the header, one byte of text and the NUL after it.
	if (req.buf == 0 || req.size < TTY_LOG_HEADER_SIZE + 2)
		return -EINVAL;
	if (!uaccess_writable((void *)req.buf, req.size))
		return -EFAULT;
	return log_move((void *)req.buf, req.size);
}

static long
tty_ioctl(struct fd_file *f, unsigned long cmd, unsigned long arg)
{
	struct tty_winsize ws = { .ws_row = TTY_ROWS, .ws_col = TTY_COLS };

	(void)f;
	switch (cmd) {
	case TTY_IOCTL_GETWINSZ:
		// Must succeed: musl line-buffers stdout only on a terminal.
		return copy_to_app((void *)arg, &ws, sizeof(ws));
	case TTY_IOCTL_SETBUF:
		return tty_setbuf(arg);
	default:
		return -ENOTTY;
	}
}

const struct dev_ops dev_tty_ops = {
	.mode = TTY_MODE,
	.rdev = TTY_RDEV,
	// Output is taken at once; there is never input.
	.poll = RT_POLLOUT | RT_POLLWRNORM,
	.read = tty_read,
	.write = tty_write,
	.ioctl = tty_ioctl,
};
