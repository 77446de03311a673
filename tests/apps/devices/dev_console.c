// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// /dev/console with a line prefix: every line written to stdout or stderr,
// however it is cut into writes (printf, puts, writev, write, fflush in
// mid-line), reaches the console function with the prefix at its start and
// nowhere else. The function writes the PL011, so the host sees the lines
// (tests/qemu/dev_console.test), and also keeps a copy, so the app can
// compare the exact bytes.

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/uio.h>
#include <unistd.h>

#include <rt_console.h>
#include <rt_tty.h>

#include "dev_util.h"

#define PREFIX "[dev] "

static char piece1[] = "a\nb", piece2[] = "c\n";

// The log ring, moved here (TIOCSETBUF) so that the app reads it the same
// way as the root VM and as an Image, whose argv names no ring.
static _Alignas(4096) char ring_area[4096];
static char captured[1024];
static size_t captured_len;
static bool capturing;
static bool write_back;

static void
console_fn(const char *s, size_t n)
{
	dev_pl011_write(s, n);
	if (write_back) {
		// Would come straight back here: the runtime sends it to the
		// log ring only.
		write_back = false;
		write(1, "written by the console fn\n", 26);
	}
	if (!capturing)
		return;
	if (n > sizeof(captured) - 1 - captured_len)
		n = sizeof(captured) - 1 - captured_len;
	memcpy(captured + captured_len, s, n);
	captured_len += n;
	captured[captured_len] = '\0';
}

static void
capture_start(void)
{
	fflush(stdout);
	captured_len = 0;
	captured[0] = '\0';
	capturing = true;
}

// Stops capturing and checks the bytes the console function got.
static void
capture_check(const char *want, const char *what)
{
	fflush(stdout);
	capturing = false;
	if (!dev_check(strcmp(captured, want) == 0, "%s", what)) {
		// Escaped, so the host's reject lines cannot match it by
		// accident.
		printf("%s: got:", dev_name);
		for (size_t i = 0; i < captured_len; i++)
			printf(" %02x", (unsigned char)captured[i]);
		printf("\n");
	}
}

static long
set_prefix(int fd, const char *prefix)
{
	return ioctl(fd, CONSOLE_IOCTL_SET_PREFIX, prefix);
}

int
main(void)
{
	struct console_register_req req = { .fn = console_fn };
	struct iovec iov[2] = { { .iov_base = piece1, .iov_len = 3 },
		                { .iov_base = piece2, .iov_len = 2 } };
	char tmp[CONSOLE_PREFIX_MAX] = "{tmp} ";
	int fd = open(CONSOLE_PATH, O_RDWR | O_LARGEFILE);
	struct tty_setbuf_req ring_req = { .buf = (uintptr_t)ring_area,
		                           .size = sizeof(ring_area) };
	long r, r2;

	dev_name = "dev_console";
	test_exit_hook_register();
	if (ioctl(1, TIOCSETBUF, &ring_req) != 0) {
		dev_pl011_puts("dev_console: FAILED: cannot move the log\n");
		return 1;
	}
	// Until the console is registered only the log ring gets output.
	if (fd < 0 || ioctl(fd, CONSOLE_IOCTL_REGISTER, &req) != 0 ||
	    set_prefix(fd, PREFIX) != 0) {
		dev_pl011_puts("dev_console: FAILED: cannot register\n");
		return 1;
	}

	capture_start();
	printf("one\ntwo\n");
	puts("three");
	printf("split ");
	fflush(stdout);
	printf("write\n");
	writev(1, iov, 2);
	write(2, "err\n", 4);
	write(1, "\n", 1);
	write(1, "x\n\ny\n", 5);
	capture_check(PREFIX "one\n" PREFIX "two\n" PREFIX "three\n" PREFIX
	                     "split write\n" PREFIX "a\n" PREFIX "bc\n" PREFIX
	                     "err\n" PREFIX "\n" PREFIX "x\n" PREFIX "\n" PREFIX
	                     "y\n",
	              "printf, puts, split writes, writev, stderr and empty "
	              "lines: the prefix at each line start only");

	// No check line may be printed between the pieces of the line.
	capture_start();
	printf("mid ");
	fflush(stdout);
	r = set_prefix(fd, "<p2> ");
	printf("line\nnext\n");
	capture_check(PREFIX "mid line\n<p2> next\n",
	              "a prefix set mid-line takes effect from the next line");
	dev_check_ok(r, "set another prefix mid-line");

	dev_check_ok(set_prefix(fd, tmp), "set a prefix from a stack buffer");
	strcpy(tmp, "XXXX ");
	capture_start();
	printf("copied\n");
	capture_check("{tmp} copied\n",
	              "the runtime keeps its own copy of the prefix");

	dev_check_ok(set_prefix(fd, ""), "set the empty prefix");
	capture_start();
	printf("plain\n");
	capture_check("plain\n", "empty prefix: lines as written");

	dev_check_ok(set_prefix(fd, "123456789abcde:"),
	             "a prefix of %u characters", CONSOLE_PREFIX_MAX - 1);
	dev_check_err(set_prefix(fd, "123456789abcdef:"), EINVAL,
	              "a prefix of %u characters: EINVAL", CONSOLE_PREFIX_MAX);
	capture_start();
	printf("max\n");
	capture_check("123456789abcde:max\n",
	              "the longest prefix is used whole, the refused one not "
	              "at all");

	// Deregistered: output reaches only the log ring (and, booted as an
	// Image, the UART the device tree names: the test checks). A function
	// registered again starts at the beginning of a line, even when the
	// last it was given ended mid-line.
	set_prefix(fd, PREFIX);
	capture_start();
	printf("dangling");
	fflush(stdout);
	r2 = ioctl(fd, CONSOLE_IOCTL_DEREGISTER, 0);
	printf("unseen line\n");
	fflush(stdout);
	r = ioctl(fd, CONSOLE_IOCTL_REGISTER, &req);
	printf("fresh\n");
	capture_check(PREFIX "dangling" PREFIX "fresh\n",
	              "nothing reaches the console function while "
	              "deregistered; registered again, it starts a line");
	dev_check_ok(r2, "deregister");
	dev_check_ok(r, "register again");
	// What the console function itself writes does not reach it.
	capture_start();
	write_back = true;
	printf("trigger\n");
	capture_check(PREFIX "trigger\n",
	              "the console function's own write does not come back "
	              "to it");
	dev_check(dev_log_contains((struct dev_log_ring *)ring_area,
	                           "written by the console fn\n"),
	          "... and is in the log ring");
	close(fd);
	return dev_finish();
}
