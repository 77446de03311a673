// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// Bad arguments given straight to `svc`, so that no libc check or retry
// stands between the app and the runtime. Each case prints its name and
// PASS or FAIL with what came back; the answers are Linux's (-EBADF,
// -EINVAL, -EFAULT...), and a pointer into the runtime or unmapped space
// must be refused rather than followed: with no MMU nothing else would
// stop a write into the runtime itself. Exits 0 only if every case passes.

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <time.h>

#include <rt_console.h>
#include <rt_gicv3.h>

#include "raw_syscall.h"
#include "test_hyp.h"

// Inside the runtime (test_hyp.h), and addresses nothing owns.
#define RUNTIME_ADDR ((long)test_runtime_mem())
#define LOW_ADDR     0x1000l
#define WILD_ADDR    0xffff000000000000l

// The runtime's fd table size (RT_FD_MAX).
#define FD_MAX 16

static int passed, failed;

static void
expect(const char *name, long got, long want)
{
	if (got == want) {
		printf("%s: PASS\n", name);
		passed++;
	} else {
		printf("%s: FAIL (got %ld, want %ld)\n", name, got, want);
		failed++;
	}
}

static void
expect_true(const char *name, int ok)
{
	expect(name, ok, 1);
}

static long
open_dev(const char *path, int flags)
{
	return RAW4(SYS_openat, AT_FDCWD, path, flags, 0);
}

static void
test_bad_fds(void)
{
	struct stat st;
	char buf[8];
	long fd;

	expect("read fd 99: -EBADF", RAW3(SYS_read, 99, buf, 1), -EBADF);
	expect("write fd 99: -EBADF", RAW3(SYS_write, 99, "x", 1), -EBADF);
	expect("close fd 99: -EBADF", RAW1(SYS_close, 99), -EBADF);
	expect("ioctl fd 99: -EBADF", RAW3(SYS_ioctl, 99, TIOCGWINSZ, buf),
	       -EBADF);
	expect("fstat fd 99: -EBADF", RAW2(SYS_fstat, 99, &st), -EBADF);
	expect("read fd -1: -EBADF", RAW3(SYS_read, -1, buf, 1), -EBADF);
	// Linux reads an fd as a 32-bit int: only the low half counts.
	expect("write fd 0x100000001 is fd 1: 0",
	       RAW3(SYS_write, 0x100000001l, "", 0), 0);

	fd = open_dev("/dev/null", O_RDWR);
	expect("open /dev/null for the closed-fd cases", fd >= 3, 1);
	expect("close it: 0", RAW1(SYS_close, fd), 0);
	expect("read closed fd: -EBADF", RAW3(SYS_read, fd, buf, 1), -EBADF);
	expect("write closed fd: -EBADF", RAW3(SYS_write, fd, "x", 1), -EBADF);
	expect("close closed fd: -EBADF", RAW1(SYS_close, fd), -EBADF);
	expect("ioctl closed fd: -EBADF", RAW3(SYS_ioctl, fd, TIOCGWINSZ, buf),
	       -EBADF);
	expect("fstat closed fd: -EBADF", RAW2(SYS_fstat, fd, &st), -EBADF);
	expect("lseek closed fd: -EBADF", RAW3(SYS_lseek, fd, 0, SEEK_SET),
	       -EBADF);
	expect("fcntl closed fd: -EBADF", RAW3(SYS_fcntl, fd, F_GETFL, 0),
	       -EBADF);

	fd = open_dev("/dev/zero", O_RDONLY);
	expect("write to an O_RDONLY fd: -EBADF", RAW3(SYS_write, fd, "x", 1),
	       -EBADF);
	RAW1(SYS_close, fd);
	fd = open_dev("/dev/zero", O_WRONLY);
	expect("read from an O_WRONLY fd: -EBADF", RAW3(SYS_read, fd, buf, 1),
	       -EBADF);
	RAW1(SYS_close, fd);
}

static void
test_bad_flags(void)
{
	const long rw = PROT_READ | PROT_WRITE;
	const long anon = MAP_PRIVATE | MAP_ANONYMOUS;
	struct timespec ts;
	char buf[16];
	long fd;

	// Linux answers O_DIRECTORY on a device with -ENOTDIR.
	expect("openat /dev/null O_DIRECTORY: -ENOTDIR",
	       open_dev("/dev/null", O_RDONLY | O_DIRECTORY), -ENOTDIR);
	expect("openat O_TMPFILE read-only: -EINVAL",
	       open_dev("/dev", O_TMPFILE | O_RDONLY), -EINVAL);
	expect("openat /dev/null O_DIRECT: -EINVAL",
	       open_dev("/dev/null", O_RDWR | O_DIRECT), -EINVAL);
	expect("openat /dev/null O_PATH: -EINVAL",
	       open_dev("/dev/null", O_PATH), -EINVAL);
	expect("openat relative path from fd 99: -EBADF",
	       RAW4(SYS_openat, 99, "null", O_RDONLY, 0), -EBADF);

	expect("mmap prot 0x80: -EINVAL",
	       RAW6(SYS_mmap, 0, 4096, 0x80, anon, -1, 0), -EINVAL);
	expect("mmap without MAP_PRIVATE or MAP_SHARED: -EINVAL",
	       RAW6(SYS_mmap, 0, 4096, rw, MAP_ANONYMOUS, -1, 0), -EINVAL);
	expect("mmap length 0: -EINVAL", RAW6(SYS_mmap, 0, 0, rw, anon, -1, 0),
	       -EINVAL);
	expect("mmap MAP_FIXED at an unaligned address: -EINVAL",
	       RAW6(SYS_mmap, 0x80001001l, 4096, rw, anon | MAP_FIXED, -1, 0),
	       -EINVAL);
	expect("mmap unaligned offset: -EINVAL",
	       RAW6(SYS_mmap, 0, 4096, rw, anon, -1, 100), -EINVAL);
	// Linux looks the fd up first: no file is -EBADF, a file that
	// cannot be mapped is -ENODEV.
	expect("mmap of fd 99 (not anonymous): -EBADF",
	       RAW6(SYS_mmap, 0, 4096, rw, MAP_PRIVATE, 99, 0), -EBADF);
	fd = open_dev("/dev/null", O_RDWR);
	expect("mmap of /dev/null: -ENODEV",
	       RAW6(SYS_mmap, 0, 4096, rw, MAP_PRIVATE, fd, 0), -ENODEV);
	RAW1(SYS_close, fd);

	expect("getrandom flags 0x100: -EINVAL",
	       RAW3(SYS_getrandom, buf, sizeof(buf), 0x100), -EINVAL);
	expect(
	    "getrandom GRND_RANDOM | GRND_INSECURE: -EINVAL",
	    RAW3(SYS_getrandom, buf, sizeof(buf), GRND_RANDOM | GRND_INSECURE),
	    -EINVAL);

	expect("clock_gettime clock 100: -EINVAL",
	       RAW2(SYS_clock_gettime, 100, &ts), -EINVAL);
	expect("clock_gettime clock -1: -EINVAL",
	       RAW2(SYS_clock_gettime, -1, &ts), -EINVAL);
	expect("clock_getres clock 100: -EINVAL",
	       RAW2(SYS_clock_getres, 100, &ts), -EINVAL);
	ts = (struct timespec){ 0, 1000 };
	expect("clock_nanosleep clock 100: -EINVAL",
	       RAW4(SYS_clock_nanosleep, 100, 0, &ts, 0), -EINVAL);

	expect("fcntl cmd 9999: -EINVAL", RAW3(SYS_fcntl, 1, 9999, 0), -EINVAL);
	fd = open_dev("/dev/null", O_RDWR);
	expect("lseek whence 7: -EINVAL", RAW3(SYS_lseek, fd, 0, 7), -EINVAL);
	expect("lseek /dev/null: 0", RAW3(SYS_lseek, fd, 100, SEEK_SET), 0);
	RAW1(SYS_close, fd);
	expect("lseek on the tty: -ESPIPE", RAW3(SYS_lseek, 1, 0, SEEK_CUR),
	       -ESPIPE);
	expect("ioctl unknown request on the tty: -ENOTTY",
	       RAW3(SYS_ioctl, 1, 0x1234, 0), -ENOTTY);
}

static void
test_bad_pointers(void)
{
	char ab[2] = "ab";
	struct iovec iov[2] = { { .iov_base = ab, .iov_len = 2 },
		                { .iov_base = (void *)RUNTIME_ADDR,
		                  .iov_len = 2 } };
	long fd;

	expect("write buf NULL: -EFAULT", RAW3(SYS_write, 1, 0, 10), -EFAULT);
	expect("write buf in the runtime: -EFAULT",
	       RAW3(SYS_write, 1, RUNTIME_ADDR, 10), -EFAULT);
	expect("write buf 0x1000: -EFAULT", RAW3(SYS_write, 1, LOW_ADDR, 10),
	       -EFAULT);
	expect("write buf 0xffff000000000000: -EFAULT",
	       RAW3(SYS_write, 1, WILD_ADDR, 10), -EFAULT);
	expect("write count wrapping the address space: -EFAULT",
	       RAW3(SYS_write, 1, "x", -2l), -EFAULT);

	fd = open_dev("/dev/zero", O_RDONLY);
	expect("read /dev/zero into the runtime: -EFAULT",
	       RAW3(SYS_read, fd, RUNTIME_ADDR, 64), -EFAULT);
	expect("read /dev/zero into NULL: -EFAULT", RAW3(SYS_read, fd, 0, 64),
	       -EFAULT);
	expect("readv with iovec at 0x1000: -EFAULT",
	       RAW3(SYS_readv, fd, LOW_ADDR, 1), -EFAULT);
	expect("readv with an iov_base in the runtime: -EFAULT",
	       RAW3(SYS_readv, fd, iov, 2), -EFAULT);
	expect("readv iovcnt -1: -EINVAL", RAW3(SYS_readv, fd, iov, -1),
	       -EINVAL);
	expect("readv iovcnt 1025: -EINVAL", RAW3(SYS_readv, fd, iov, 1025),
	       -EINVAL);
	RAW1(SYS_close, fd);
	expect("writev with an iov_base in the runtime: -EFAULT",
	       RAW3(SYS_writev, 1, iov, 2), -EFAULT);

	expect("clock_gettime NULL: -EFAULT",
	       RAW2(SYS_clock_gettime, CLOCK_MONOTONIC, 0), -EFAULT);
	expect("clock_gettime into the runtime: -EFAULT",
	       RAW2(SYS_clock_gettime, CLOCK_MONOTONIC, RUNTIME_ADDR), -EFAULT);
	expect("openat path NULL: -EFAULT",
	       RAW4(SYS_openat, AT_FDCWD, 0, O_RDONLY, 0), -EFAULT);
	expect("openat path in the runtime: -EFAULT",
	       RAW4(SYS_openat, AT_FDCWD, RUNTIME_ADDR, O_RDONLY, 0), -EFAULT);
	expect("fstat into NULL: -EFAULT", RAW2(SYS_fstat, 1, 0), -EFAULT);
	expect("fstat into the runtime: -EFAULT",
	       RAW2(SYS_fstat, 1, RUNTIME_ADDR), -EFAULT);
	expect("uname NULL: -EFAULT", RAW1(SYS_uname, 0), -EFAULT);
	expect("getrandom into the runtime: -EFAULT",
	       RAW3(SYS_getrandom, RUNTIME_ADDR, 16, 0), -EFAULT);
	expect("ioctl TIOCGWINSZ into the runtime: -EFAULT",
	       RAW3(SYS_ioctl, 1, TIOCGWINSZ, RUNTIME_ADDR), -EFAULT);
	expect("nanosleep NULL: -EFAULT", RAW2(SYS_nanosleep, 0, 0), -EFAULT);
}

static void
test_bad_timespecs(void)
{
	struct timespec ts;

	ts = (struct timespec){ 0, 1000000000 };
	expect("nanosleep tv_nsec 1000000000: -EINVAL",
	       RAW2(SYS_nanosleep, &ts, 0), -EINVAL);
	ts = (struct timespec){ 0, -1 };
	expect("nanosleep tv_nsec -1: -EINVAL", RAW2(SYS_nanosleep, &ts, 0),
	       -EINVAL);
	ts = (struct timespec){ -1, 0 };
	expect("nanosleep tv_sec -1: -EINVAL", RAW2(SYS_nanosleep, &ts, 0),
	       -EINVAL);
	ts = (struct timespec){ 0, 1000000000 };
	expect(
	    "clock_nanosleep TIMER_ABSTIME tv_nsec 1000000000: -EINVAL",
	    RAW4(SYS_clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, 0),
	    -EINVAL);
	expect("ppoll timeout tv_nsec 1000000000: -EINVAL",
	       RAW4(SYS_ppoll, 0, 0, &ts, 0), -EINVAL);
}

static void
test_brk(void)
{
	long cur = RAW1(SYS_brk, 0);

	expect_true("brk(0) is the current break, in app memory",
	            cur > RUNTIME_ADDR);
	expect("brk(1): the current break", RAW1(SYS_brk, 1), cur);
	expect("brk(0x1000): the current break", RAW1(SYS_brk, LOW_ADDR), cur);
	expect("brk(0x80480000) (the runtime): the current break",
	       RAW1(SYS_brk, RUNTIME_ADDR), cur);
	expect("brk(break + 1 TiB): the current break",
	       RAW1(SYS_brk, cur + (1l << 40)), cur);
	expect("brk(-1): the current break", RAW1(SYS_brk, -1), cur);
	expect("brk(break + 8 KiB) grows", RAW1(SYS_brk, cur + 8192),
	       cur + 8192);
	expect("brk(break) shrinks back", RAW1(SYS_brk, cur), cur);
	expect("brk(0) after all that", RAW1(SYS_brk, 0), cur);
}

static void
test_mmap(void)
{
	const long rw = PROT_READ | PROT_WRITE;
	const long anon = MAP_PRIVATE | MAP_ANONYMOUS;
	long p;

	expect("mmap 1 GiB (more than the heap): -ENOMEM",
	       RAW6(SYS_mmap, 0, 1l << 30, rw, anon, -1, 0), -ENOMEM);
	expect("mmap 1 TiB: -ENOMEM",
	       RAW6(SYS_mmap, 0, 1l << 40, rw, anon, -1, 0), -ENOMEM);
	expect("mmap length rounding up past 2^64: -ENOMEM",
	       RAW6(SYS_mmap, 0, -4095l, rw, anon, -1, 0), -ENOMEM);
	p = RAW6(SYS_mmap, 0, 8192, rw, anon, -1, 0);
	expect_true("mmap 2 pages: page-aligned app memory",
	            p > RUNTIME_ADDR && (p & 4095) == 0);
	expect("munmap misaligned: -EINVAL", RAW2(SYS_munmap, p + 1, 4096),
	       -EINVAL);
	expect("munmap length 0: -EINVAL", RAW2(SYS_munmap, p, 0), -EINVAL);
	expect("munmap the 2 pages: 0", RAW2(SYS_munmap, p, 8192), 0);
}

static void
test_open_paths(void)
{
	long fd[FD_MAX + 1], a, b, c, d, n, r;
	int ascending = 1;

	expect("openat /dev/nonexistent: -ENOENT",
	       open_dev("/dev/nonexistent", O_RDONLY), -ENOENT);
	expect("openat /dev/nul: -ENOENT", open_dev("/dev/nul", O_RDONLY),
	       -ENOENT);
	expect("openat \"\": -ENOENT", open_dev("", O_RDONLY), -ENOENT);
	expect("openat O_CREAT of an unknown path: -EROFS",
	       open_dev("/tmp/new", O_RDWR | O_CREAT), -EROFS);

	a = open_dev("/dev/null", O_RDWR);
	b = open_dev("/dev/zero", O_RDONLY);
	c = open_dev("/dev/urandom", O_RDONLY);
	expect("openat x3 returns 3, 4, 5",
	       a == 3 && b == 4 && c == 5 ? 0 : a * 100 + b * 10 + c, 0);
	RAW1(SYS_close, b);
	d = open_dev("/dev/null", O_RDWR);
	expect("after closing 4, openat returns the lowest free fd 4", d, 4);
	RAW1(SYS_close, a);
	RAW1(SYS_close, c);
	RAW1(SYS_close, d);

	// Fill the table: fds 3 .. FD_MAX - 1, then -EMFILE.
	for (n = 0; n <= FD_MAX; n++) {
		r = open_dev("/dev/null", O_RDWR);
		fd[n] = r;
		if (r < 0)
			break;
		ascending &= r == 3 + n;
	}
	expect("openat fills fds 3..15 in order", ascending && n == FD_MAX - 3,
	       1);
	expect("openat with every fd in use: -EMFILE", r, -EMFILE);
	expect("fcntl F_DUPFD with every fd in use: -EMFILE",
	       RAW3(SYS_fcntl, 1, F_DUPFD, 0), -EMFILE);
	expect("fcntl F_DUPFD from 16 (the limit): -EINVAL",
	       RAW3(SYS_fcntl, 1, F_DUPFD, FD_MAX), -EINVAL);
	for (long i = 0; i < n; i++)
		RAW1(SYS_close, fd[i]);
	expect("after closing them all, openat returns 3 again",
	       a = open_dev("/dev/null", O_RDWR), 3);
	RAW1(SYS_close, a);
}

// The ABI promises every register but x0 survives `svc`; a clobbered
// register would break compiled code around any syscall. x1-x17 get
// distinct values, and afterwards each has its value taken off and the
// rests are or-ed together: 0 only if all came back.
static void
test_registers_survive(void)
{
	long pid, changed;

	__asm__ volatile("mov x1, #0x11\n\tmov x2, #0x22\n\t"
	                 "mov x3, #0x33\n\tmov x4, #0x44\n\t"
	                 "mov x5, #0x55\n\tmov x6, #0x66\n\t"
	                 "mov x7, #0x77\n\tmov x9, #0x99\n\t"
	                 "mov x10, #0xaa\n\tmov x11, #0xbb\n\t"
	                 "mov x12, #0xcc\n\tmov x13, #0xdd\n\t"
	                 "mov x14, #0xee\n\tmov x15, #0xff\n\t"
	                 "mov x16, #0x116\n\tmov x17, #0x117\n\t"
	                 "mov x8, %[nr]\n\t"
	                 "svc #0\n\t"
	                 "mov %[pid], x0\n\t"
	                 "sub x8, x8, %[nr]\n\t"
	                 "sub x1, x1, #0x11\n\tsub x2, x2, #0x22\n\t"
	                 "sub x3, x3, #0x33\n\tsub x4, x4, #0x44\n\t"
	                 "sub x5, x5, #0x55\n\tsub x6, x6, #0x66\n\t"
	                 "sub x7, x7, #0x77\n\tsub x9, x9, #0x99\n\t"
	                 "sub x10, x10, #0xaa\n\tsub x11, x11, #0xbb\n\t"
	                 "sub x12, x12, #0xcc\n\tsub x13, x13, #0xdd\n\t"
	                 "sub x14, x14, #0xee\n\tsub x15, x15, #0xff\n\t"
	                 "sub x16, x16, #0x116\n\tsub x17, x17, #0x117\n\t"
	                 "orr x1, x1, x2\n\torr x1, x1, x3\n\t"
	                 "orr x1, x1, x4\n\torr x1, x1, x5\n\t"
	                 "orr x1, x1, x6\n\torr x1, x1, x7\n\t"
	                 "orr x1, x1, x8\n\torr x1, x1, x9\n\t"
	                 "orr x1, x1, x10\n\torr x1, x1, x11\n\t"
	                 "orr x1, x1, x12\n\torr x1, x1, x13\n\t"
	                 "orr x1, x1, x14\n\torr x1, x1, x15\n\t"
	                 "orr x1, x1, x16\n\torr x1, x1, x17\n\t"
	                 "mov %[changed], x1"
	                 : [pid] "=r"(pid), [changed] "=r"(changed)
	                 : [nr] "r"((long)SYS_getpid)
	                 : "x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8",
	                   "x9", "x10", "x11", "x12", "x13", "x14", "x15",
	                   "x16", "x17", "memory");
	expect("svc keeps x1-x17 (or of the differences)", changed, 0);
	expect_true("svc getpid returns a pid in x0", pid > 0);
}

// What the app's segments allow, as on Linux: code and read-only data may
// be read from but not written into. The runtime checks this itself: with
// its MMU off, nothing but Gunyah's stage 2 (which would stop the VM) would.
static const char rodata_bytes[64] = "read-only";
static char data_bytes[64] = "data";

static void
test_segments(void)
{
	long zero = open_dev("/dev/zero", O_RDONLY);
	long null = open_dev("/dev/null", O_WRONLY);
	long console = open_dev("/dev/console", O_RDWR);
	long gic = open_dev("/dev/gicv3", O_RDWR);
	const void *text = (const void *)test_segments;
	// The root VM's argv[1]: the RM config, in the environment data.
	char **root_argv = test_hyp_argv();
	struct {
		void *fn;
	} data_fn = { data_bytes }, rodata_fn = { (void *)rodata_bytes };
	struct gicv3_register_req isr = { .isr = (void *)data_bytes,
		                          .irq = 33 };

	expect("read into .rodata: -EFAULT",
	       RAW3(SYS_read, zero, rodata_bytes, 16), -EFAULT);
	expect("read into .text: -EFAULT", RAW3(SYS_read, zero, text, 16),
	       -EFAULT);
	expect("read into .data: 16", RAW3(SYS_read, zero, data_bytes, 16), 16);
	expect("write from .rodata: 16",
	       RAW3(SYS_write, null, rodata_bytes, 16), 16);
	expect("write from .text: 16", RAW3(SYS_write, null, text, 16), 16);
	expect("clock_gettime into .rodata: -EFAULT",
	       RAW2(SYS_clock_gettime, CLOCK_MONOTONIC, rodata_bytes), -EFAULT);
	if (root_argv != NULL) {
		expect("write from the environment data: 16",
		       RAW3(SYS_write, null, root_argv[1], 16), 16);
		expect("read into the environment data: -EFAULT",
		       RAW3(SYS_read, zero, root_argv[1], 16), -EFAULT);
	} else {
		printf("an Image: no environment data\n");
	}
	expect("a console function in .data: -EFAULT",
	       RAW3(SYS_ioctl, console, CONSOLE_IOCTL_REGISTER, &data_fn),
	       -EFAULT);
	expect("a console function in .rodata: -EFAULT",
	       RAW3(SYS_ioctl, console, CONSOLE_IOCTL_REGISTER, &rodata_fn),
	       -EFAULT);
	expect("an ISR in .data: -EFAULT",
	       RAW3(SYS_ioctl, gic, GICV3_IOCTL_REGISTER_ISR, &isr), -EFAULT);
	RAW1(SYS_close, zero);
	RAW1(SYS_close, null);
	RAW1(SYS_close, console);
	RAW1(SYS_close, gic);
}

int
main(void)
{
	test_registers_survive();
	test_segments();
	test_bad_fds();
	test_bad_flags();
	test_bad_pointers();
	test_bad_timespecs();
	test_brk();
	test_mmap();
	test_open_paths();
	// The runtime must still answer normally after all that.
	expect_true("the tty still writes after the bad cases",
	            RAW3(SYS_write, 1, "", 0) == 0 &&
	                RAW3(SYS_getpid, 0, 0, 0) > 0);
	if (failed == 0)
		printf("sys_badargs: all %d cases passed\n", passed);
	else
		printf("sys_badargs: %d of %d cases FAILED\n", failed,
		       passed + failed);
	return failed != 0;
}
