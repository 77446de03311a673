// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The fd table and the fd syscalls, against a fake tty and the real
// /dev/null, /dev/zero and /dev/urandom.

#include <string.h>

#include <rt/arch.h>
#include <rt/errno.h>
#include <rt/uaccess.h>

#include "syscall_fakes.h"
#include "unit.h"

#define O_TMPFILE_BIT 020000000

static int
open_path(const char *path, int flags)
{
	return (int)sys_openat(RT_AT_FDCWD, fake_strdup(path), flags, 0);
}

static struct rt_iovec *
iov_of(const char *a, const char *b, const char *c)
{
	struct rt_iovec *iov = fake_alloc(3 * sizeof(*iov));
	const char *s[3] = { a, b, c };

	for (int i = 0; i < 3; i++) {
		iov[i].iov_base = s[i] != NULL ? fake_strdup(s[i]) : NULL;
		iov[i].iov_len = s[i] != NULL ? strlen(s[i]) : 0;
	}
	return iov;
}

TEST(fd, init_opens_the_tty_on_0_to_2)
{
	fake_reset();
	for (int fd = 0; fd < 3; fd++) {
		ASSERT_TRUE(fd_get(fd) != NULL);
		EXPECT_EQ(fd_get(fd)->ops, &dev_tty_ops);
		EXPECT_EQ(sys_fcntl(fd, RT_F_GETFL, 0),
		          RT_O_RDWR | RT_O_LARGEFILE);
		EXPECT_EQ(sys_fcntl(fd, RT_F_GETFD, 0), 0);
	}
	EXPECT_TRUE(fd_get(3) == NULL);
	EXPECT_TRUE(fd_get(-1) == NULL);
	EXPECT_TRUE(fd_get(RT_FD_MAX) == NULL);
	EXPECT_TRUE(fd_get(-2147483647 - 1) == NULL);
}

TEST(fd, init_empties_the_table)
{
	fake_reset();
	EXPECT_EQ(open_path("/dev/null", RT_O_RDWR), 3);
	fd_init();
	EXPECT_TRUE(fd_get(3) == NULL);
	EXPECT_EQ(open_path("/dev/null", RT_O_RDWR), 3);
}

TEST(fd, install_takes_the_lowest_free_slot_from)
{
	fake_reset();
	EXPECT_EQ(fd_install(5, &dev_null_ops, 0, false), 5);
	EXPECT_EQ(fd_install(5, &dev_null_ops, 0, false), 6);
	EXPECT_EQ(fd_install(-3, &dev_null_ops, 0, false), 3);
	EXPECT_EQ(fd_install(RT_FD_MAX, &dev_null_ops, 0, false), -EMFILE);
}

TEST(fd, open_error_frees_the_slot)
{
	fake_reset();
	EXPECT_EQ(open_path("/dev/refuses", RT_O_RDWR), -EBUSY);
	EXPECT_TRUE(fd_get(3) == NULL);
	EXPECT_EQ(open_path("/dev/null", RT_O_RDWR), 3);
}

TEST(fd, every_close_has_its_open)
{
	fake_reset();
	EXPECT_EQ(open_path("/dev/counted", RT_O_RDWR), 3);
	EXPECT_EQ(sys_fcntl(3, RT_F_DUPFD, 0), 4);
	EXPECT_EQ(fake_opens, 2);
	EXPECT_EQ(sys_close(3), 0);
	EXPECT_EQ(fake_closes, 1);
	EXPECT_EQ(sys_close(4), 0);
	EXPECT_EQ(fake_closes, 2);
	EXPECT_EQ(sys_close(4), -EBADF);
	EXPECT_EQ(fake_closes, 2);
}

TEST(openat, lowest_free_fd)
{
	fake_reset();
	EXPECT_EQ(open_path("/dev/null", RT_O_RDWR), 3);
	EXPECT_EQ(open_path("/dev/zero", RT_O_RDONLY), 4);
	EXPECT_EQ(sys_close(3), 0);
	EXPECT_EQ(open_path("/dev/urandom", RT_O_RDONLY), 3);
	EXPECT_EQ(fd_get(3)->ops, &dev_urandom_ops);
	EXPECT_EQ(sys_close(0), 0);
	EXPECT_EQ(open_path("/dev/console", RT_O_RDWR), 0);
	EXPECT_EQ(fd_get(0)->ops, &fake_console_ops);
}

TEST(openat, rm_flags)
{
	fake_reset();
	// What RM asks: O_RDWR | O_LARGEFILE (musl adds O_LARGEFILE).
	EXPECT_EQ(open_path("/dev/gicv3", RT_O_RDWR | RT_O_LARGEFILE), 3);
	EXPECT_EQ(sys_fcntl(3, RT_F_GETFL, 0), RT_O_RDWR | RT_O_LARGEFILE);
	EXPECT_EQ(open_path("/dev/exit", RT_O_WRONLY), 4);
	// 64-bit Linux adds O_LARGEFILE itself.
	EXPECT_EQ(sys_fcntl(4, RT_F_GETFL, 0), RT_O_WRONLY | RT_O_LARGEFILE);
}

TEST(openat, emfile_when_full)
{
	fake_reset();
	for (int fd = 3; fd < RT_FD_MAX; fd++)
		ASSERT_EQ(open_path("/dev/null", RT_O_RDWR), fd);
	EXPECT_EQ(open_path("/dev/null", RT_O_RDWR), -EMFILE);
	EXPECT_EQ(sys_close(7), 0);
	EXPECT_EQ(open_path("/dev/null", RT_O_RDWR), 7);
}

TEST(openat, unknown_paths)
{
	fake_reset();
	EXPECT_EQ(open_path("/dev/nothing", RT_O_RDWR), -ENOENT);
	EXPECT_EQ(open_path("/dev/null/", RT_O_RDWR), -ENOENT);
	EXPECT_EQ(open_path("", RT_O_RDWR), -ENOENT);
	EXPECT_EQ(open_path("/etc/passwd", RT_O_RDONLY), -ENOENT);
	// Creating anything is asking a read-only file system.
	EXPECT_EQ(open_path("/tmp/x", RT_O_RDWR | RT_O_CREAT), -EROFS);
	EXPECT_EQ(open_path("/tmp/x", RT_O_RDWR | RT_O_CREAT | RT_O_EXCL),
	          -EROFS);
}

TEST(openat, dirfd)
{
	fake_reset();
	// An absolute path ignores dirfd, even a bad one.
	EXPECT_EQ(sys_openat(42, fake_strdup("/dev/null"), RT_O_RDWR, 0), 3);
	EXPECT_EQ(sys_openat(1, fake_strdup("dev/null"), RT_O_RDWR, 0),
	          -ENOTDIR);
	EXPECT_EQ(sys_openat(9, fake_strdup("dev/null"), RT_O_RDWR, 0), -EBADF);
	EXPECT_EQ(sys_openat(-1, fake_strdup("null"), RT_O_RDWR, 0), -EBADF);
	EXPECT_EQ(
	    sys_openat(RT_AT_FDCWD, fake_strdup("dev/null"), RT_O_RDWR, 0),
	    -ENOENT);
}

TEST(openat, bad_path_pointers)
{
	char outside[] = "/dev/null";
	char *at_end = (char *)fake_arena_end - 8;
	char *long_name;

	fake_reset();
	EXPECT_EQ(sys_openat(RT_AT_FDCWD, NULL, RT_O_RDWR, 0), -EFAULT);
	EXPECT_EQ(sys_openat(RT_AT_FDCWD, outside, RT_O_RDWR, 0), -EFAULT);
	// No NUL before the end of the app's memory.
	memset(at_end, 'a', 8);
	EXPECT_EQ(sys_openat(RT_AT_FDCWD, at_end, RT_O_RDWR, 0), -EFAULT);
	// No NUL within PATH_MAX bytes.
	long_name = fake_alloc(RT_PATH_MAX + 16);
	memset(long_name, 'a', RT_PATH_MAX + 15);
	long_name[0] = '/';
	EXPECT_EQ(sys_openat(RT_AT_FDCWD, long_name, RT_O_RDWR, 0),
	          -ENAMETOOLONG);
	// The longest name there can be is only unknown.
	long_name[RT_PATH_MAX - 1] = '\0';
	EXPECT_EQ(sys_openat(RT_AT_FDCWD, long_name, RT_O_RDWR, 0), -ENOENT);
	long_name[RT_PATH_MAX - 1] = 'a';
	long_name[RT_PATH_MAX] = '\0';
	EXPECT_EQ(sys_openat(RT_AT_FDCWD, long_name, RT_O_RDWR, 0),
	          -ENAMETOOLONG);
	// A short name right at the end is fine.
	strcpy((char *)fake_arena_end - 10, "/dev/null");
	EXPECT_EQ(
	    sys_openat(RT_AT_FDCWD, (char *)fake_arena_end - 10, RT_O_RDWR, 0),
	    3);
}

TEST(openat, flags_as_linux_on_a_char_device)
{
	fake_reset();
	// Existing node: O_CREAT and O_TRUNC are harmless.
	EXPECT_EQ(open_path("/dev/null", RT_O_WRONLY | RT_O_CREAT), 3);
	EXPECT_EQ(open_path("/dev/null", RT_O_WRONLY | RT_O_TRUNC), 4);
	EXPECT_EQ(open_path("/dev/null", RT_O_RDWR | RT_O_NOCTTY), 5);
	EXPECT_EQ(open_path("/dev/null", RT_O_WRONLY | RT_O_CREAT | RT_O_EXCL),
	          -EEXIST);
	EXPECT_EQ(open_path("/dev/null", RT_O_RDONLY | RT_O_DIRECTORY),
	          -ENOTDIR);
	EXPECT_EQ(open_path("/dev/null", RT_O_RDONLY | RT_O_DIRECT), -EINVAL);
	EXPECT_EQ(open_path("/dev/null", RT_O_RDONLY | RT_O_PATH), -EINVAL);
	EXPECT_EQ(open_path("/dev", RT_O_RDWR | RT_O_TMPFILE), -EOPNOTSUPP);
	EXPECT_EQ(open_path("/dev", RT_O_RDONLY | RT_O_TMPFILE), -EINVAL);
	EXPECT_EQ(open_path("/dev", RT_O_RDWR | O_TMPFILE_BIT), -EINVAL);
	EXPECT_EQ(open_path("/dev", RT_O_RDWR | RT_O_TMPFILE | RT_O_CREAT),
	          -EINVAL);
	// The EINVAL comes before the path is even read.
	EXPECT_EQ(sys_openat(RT_AT_FDCWD, NULL, RT_O_TMPFILE, 0), -EINVAL);
	EXPECT_TRUE(fd_get(6) == NULL);
}

TEST(openat, kept_flags)
{
	fake_reset();
	EXPECT_EQ(open_path("/dev/null", RT_O_RDWR | RT_O_NONBLOCK |
	                                     RT_O_APPEND | RT_O_CLOEXEC |
	                                     RT_O_CREAT | RT_O_NOCTTY |
	                                     RT_O_TRUNC | 0x40000000),
	          3);
	EXPECT_EQ(sys_fcntl(3, RT_F_GETFL, 0),
	          RT_O_RDWR | RT_O_NONBLOCK | RT_O_APPEND | RT_O_LARGEFILE);
	EXPECT_EQ(sys_fcntl(3, RT_F_GETFD, 0), RT_FD_CLOEXEC);
}

TEST(close, bad_fds)
{
	fake_reset();
	EXPECT_EQ(sys_close(-1), -EBADF);
	EXPECT_EQ(sys_close(3), -EBADF);
	EXPECT_EQ(sys_close(RT_FD_MAX), -EBADF);
	EXPECT_EQ(sys_close(2), 0);
	EXPECT_EQ(sys_close(2), -EBADF);
	EXPECT_EQ(sys_write(2, fake_strdup("x"), 1), -EBADF);
}

TEST(read, memory_nodes)
{
	unsigned char *buf = NULL;

	fake_reset();
	buf = fake_alloc(64);
	memset(buf, 0xff, 64);
	ASSERT_EQ(open_path("/dev/zero", RT_O_RDONLY), 3);
	ASSERT_EQ(open_path("/dev/null", RT_O_RDONLY), 4);
	ASSERT_EQ(open_path("/dev/urandom", RT_O_RDONLY), 5);
	EXPECT_EQ(sys_read(3, buf, 32), 32);
	EXPECT_EQ(buf[0], 0);
	EXPECT_EQ(buf[31], 0);
	EXPECT_EQ(buf[32], 0xff);
	EXPECT_EQ(sys_read(4, buf, 64), 0);
	EXPECT_EQ(buf[32], 0xff);
	// The hypervisor's bytes, in order.
	EXPECT_EQ(sys_read(5, buf, 20), 20);
	EXPECT_EQ(buf[0], fake_entropy_byte(0));
	EXPECT_EQ(buf[19], fake_entropy_byte(19));
	EXPECT_EQ(sys_read(5, buf, 1), 1);
	EXPECT_EQ(buf[0], fake_entropy_byte(20));
	// The tty has nothing to read.
	EXPECT_EQ(sys_read(0, buf, 8), 0);
}

TEST(read, errors)
{
	char outside[8];
	char *buf = NULL;

	fake_reset();
	buf = fake_alloc(16);
	ASSERT_EQ(open_path("/dev/zero", RT_O_WRONLY), 3);
	ASSERT_EQ(open_path("/dev/zero", RT_O_ACCMODE), 4);
	ASSERT_EQ(open_path("/dev/console", RT_O_RDWR), 5);
	ASSERT_EQ(open_path("/dev/zero", RT_O_RDONLY), 6);
	EXPECT_EQ(sys_read(-1, buf, 1), -EBADF);
	EXPECT_EQ(sys_read(9, buf, 1), -EBADF);
	EXPECT_EQ(sys_read(3, buf, 1), -EBADF);
	EXPECT_EQ(sys_read(4, buf, 1), -EBADF);
	EXPECT_EQ(sys_read(5, buf, 1), -EINVAL);
	EXPECT_EQ(sys_read(6, NULL, 1), -EFAULT);
	EXPECT_EQ(sys_read(6, outside, sizeof(outside)), -EFAULT);
	EXPECT_EQ(sys_read(6, fake_arena_end - 4, 8), -EFAULT);
	EXPECT_EQ(sys_read(6, buf, (size_t)-1), -EFAULT);
	// Nothing to move, so no pointer to check, as in Linux.
	EXPECT_EQ(sys_read(6, NULL, 0), 0);
}

// The app's read-only memory (.rodata, code) can be written from, never
// into: Linux's EFAULT rather than a fault of the runtime's own store.
TEST(read, not_into_read_only_memory)
{
	struct rt_iovec *iov = NULL;
	struct rt_stat *st = NULL;
	int *on = NULL;

	fake_reset();
	ASSERT_EQ(open_path("/dev/zero", RT_O_RDONLY), 3);
	EXPECT_EQ(sys_read(3, fake_rodata, 16), -EFAULT);
	EXPECT_EQ(sys_read(3, fake_arena_end - 8, 16), -EFAULT);
	iov = fake_alloc(2 * sizeof(*iov));
	iov[0] = (struct rt_iovec){ fake_alloc(8), 8 };
	iov[1] = (struct rt_iovec){ fake_rodata, 8 };
	EXPECT_EQ(sys_readv(3, iov, 2), -EFAULT);
	EXPECT_EQ(sys_fstat(3, (struct rt_stat *)(void *)fake_rodata), -EFAULT);
	EXPECT_EQ(fake_rodata[0], 0x5a);
	EXPECT_EQ(fake_rodata[15], 0x5a);
	// What is only read may be there.
	memcpy(fake_rodata, "/dev/null", 10);
	EXPECT_EQ(sys_openat(RT_AT_FDCWD, (char *)fake_rodata, RT_O_WRONLY, 0),
	          4);
	EXPECT_EQ(sys_write(4, fake_rodata + 16, 64), 64);
	EXPECT_EQ(sys_write(1, fake_rodata + 16, 4), 4);
	EXPECT_MEMEQ(fake_tty_out, "ZZZZ", 4);
	iov[1] = (struct rt_iovec){ fake_rodata + 16, 8 };
	EXPECT_EQ(sys_writev(4, iov, 2), 16);
	on = (int *)(void *)(fake_rodata + 32);
	EXPECT_EQ(sys_ioctl(4, RT_FIONBIO, (unsigned long)on), 0);
	st = fake_alloc(sizeof(*st));
	EXPECT_EQ(sys_fstat(4, st), 0);
}

TEST(write, nodes_and_tty)
{
	char *msg = NULL;

	fake_reset();
	msg = fake_strdup("hello\n");
	ASSERT_EQ(open_path("/dev/null", RT_O_WRONLY), 3);
	ASSERT_EQ(open_path("/dev/zero", RT_O_RDWR), 4);
	ASSERT_EQ(open_path("/dev/urandom", RT_O_WRONLY), 5);
	EXPECT_EQ(sys_write(3, msg, 6), 6);
	EXPECT_EQ(sys_write(4, msg, 6), 6);
	EXPECT_EQ(sys_write(5, msg, 6), 6);
	EXPECT_EQ(sys_write(1, msg, 6), 6);
	EXPECT_EQ(fake_tty_len, 6);
	EXPECT_MEMEQ(fake_tty_out, "hello\n", 6);
	EXPECT_EQ(sys_write(2, msg, 0), 0);
	EXPECT_EQ(fake_tty_writes, 1);
}

TEST(write, errors)
{
	char outside[4] = "abc";
	char *msg = NULL;

	fake_reset();
	msg = fake_strdup("abc");
	ASSERT_EQ(open_path("/dev/null", RT_O_RDONLY), 3);
	ASSERT_EQ(open_path("/dev/exit", RT_O_RDWR), 4);
	ASSERT_EQ(open_path("/dev/null", RT_O_ACCMODE), 5);
	EXPECT_EQ(sys_write(-5, msg, 3), -EBADF);
	EXPECT_EQ(sys_write(RT_FD_MAX, msg, 3), -EBADF);
	EXPECT_EQ(sys_write(3, msg, 3), -EBADF);
	EXPECT_EQ(sys_write(5, msg, 3), -EBADF);
	EXPECT_EQ(sys_write(4, msg, 3), -EINVAL);
	EXPECT_EQ(sys_write(1, outside, 3), -EFAULT);
	EXPECT_EQ(sys_write(1, NULL, 3), -EFAULT);
	EXPECT_EQ(sys_write(1, NULL, 0), 0);
	EXPECT_EQ(fake_tty_writes, 0);
}

TEST(writev, gathers_in_order)
{
	struct rt_iovec *iov = NULL;

	fake_reset();
	iov = iov_of("Hello, ", NULL, "world\n");
	EXPECT_EQ(sys_writev(1, iov, 3), 13);
	EXPECT_EQ(fake_tty_len, 13);
	EXPECT_MEMEQ(fake_tty_out, "Hello, world\n", 13);
	// The empty segment reached no device.
	EXPECT_EQ(fake_tty_writes, 2);
	EXPECT_EQ(sys_writev(1, iov, 0), 0);
	EXPECT_EQ(sys_writev(1, NULL, 0), 0);
}

TEST(writev, vector_checks)
{
	struct rt_iovec outside[1] = { { NULL, 0 } };
	struct rt_iovec *iov = NULL, *many = NULL;

	fake_reset();
	iov = iov_of("abc", "def", NULL);
	many = fake_alloc(RT_UIO_MAXIOV * sizeof(*many) + 16);
	EXPECT_EQ(sys_writev(1, iov, -1), -EINVAL);
	EXPECT_EQ(sys_writev(1, many, RT_UIO_MAXIOV + 1), -EINVAL);
	EXPECT_EQ(sys_writev(1, many, RT_UIO_MAXIOV), 0);
	EXPECT_EQ(sys_writev(1, NULL, 1), -EFAULT);
	EXPECT_EQ(sys_writev(1, outside, 1), -EFAULT);
	EXPECT_EQ(sys_writev(1, (struct rt_iovec *)(fake_arena_end - 24), 2),
	          -EFAULT);
	// One bad base: nothing at all is written.
	iov[1].iov_base = outside;
	EXPECT_EQ(sys_writev(1, iov, 2), -EFAULT);
	iov[1].iov_base = (char *)fake_arena_end - 2;
	EXPECT_EQ(sys_writev(1, iov, 2), -EFAULT);
	// An empty segment may point anywhere.
	iov[1].iov_base = NULL;
	iov[1].iov_len = 0;
	EXPECT_EQ(sys_writev(1, iov, 2), 3);
	EXPECT_EQ(fake_tty_len, 3);
	// A length or a sum beyond ssize_t.
	iov[1].iov_len = (size_t)-1;
	EXPECT_EQ(sys_writev(1, iov, 2), -EINVAL);
	iov[1].iov_len = (size_t)INTPTR_MAX - 1;
	EXPECT_EQ(sys_writev(1, iov, 2), -EINVAL);
	iov[0].iov_len = (size_t)INTPTR_MAX + 1;
	EXPECT_EQ(sys_writev(1, iov, 1), -EINVAL);
	EXPECT_EQ(fake_tty_len, 3);
}

// A readv into its own vector: the segments after the one that overwrote
// it are checked as they are then, not as iov_check saw them.
TEST(readv, into_its_own_vector)
{
	struct rt_iovec *iov = NULL;
	unsigned char *b = NULL;

	fake_reset();
	iov = fake_alloc(2 * sizeof(*iov));
	b = fake_alloc(8);
	memset(b, 0xff, 8);
	iov[0] = (struct rt_iovec){ iov, 2 * sizeof(*iov) };
	iov[1] = (struct rt_iovec){ b, 8 };
	ASSERT_EQ(open_path("/dev/urandom", RT_O_RDONLY), 3);
	// The fake entropy's bytes count up from 0: iov[1] becomes
	// { 0x1716151413121110, 0x1f1e1d1c1b1a1918 }, outside app memory.
	EXPECT_EQ(sys_readv(3, iov, 2), (long)(2 * sizeof(*iov)));
	EXPECT_EQ((uintptr_t)iov[1].iov_base, 0x1716151413121110u);
	EXPECT_EQ(b[0], 0xff);
	// Zeros leave an empty segment, which is skipped.
	iov[0] = (struct rt_iovec){ iov, 2 * sizeof(*iov) };
	iov[1] = (struct rt_iovec){ b, 8 };
	ASSERT_EQ(open_path("/dev/zero", RT_O_RDONLY), 4);
	EXPECT_EQ(sys_readv(4, iov, 2), (long)(2 * sizeof(*iov)));
	EXPECT_EQ(b[0], 0xff);
}

TEST(writev, fd_checks_in_linux_order)
{
	struct rt_iovec *iov = NULL;

	fake_reset();
	iov = iov_of("abc", NULL, NULL);
	ASSERT_EQ(open_path("/dev/null", RT_O_RDONLY), 3);
	ASSERT_EQ(open_path("/dev/console", RT_O_RDWR), 4);
	EXPECT_EQ(sys_writev(-1, iov, 1), -EBADF);
	EXPECT_EQ(sys_writev(8, iov, 1), -EBADF);
	EXPECT_EQ(sys_writev(3, iov, 1), -EBADF);
	EXPECT_EQ(sys_writev(4, iov, 1), -EINVAL);
	// The vector is checked before the access mode.
	EXPECT_EQ(sys_writev(3, NULL, 1), -EFAULT);
	EXPECT_EQ(sys_writev(3, iov, 2000), -EINVAL);
	ASSERT_EQ(open_path("/dev/null", RT_O_WRONLY), 5);
	EXPECT_EQ(sys_writev(5, iov, 1), 3);
}

TEST(writev, partial_writes)
{
	struct rt_iovec *iov = NULL;

	fake_reset();
	iov = iov_of("hello", "world", "!");
	// A short write ends the call.
	fake_tty_chunk = 3;
	EXPECT_EQ(sys_writev(1, iov, 3), 3);
	EXPECT_EQ(fake_tty_writes, 1);
	// An error after some bytes is reported as those bytes...
	fake_tty_chunk = 0;
	fake_tty_len = 0;
	fake_tty_fail_after = 1;
	fake_tty_err = -EIO;
	EXPECT_EQ(sys_writev(1, iov, 3), 5);
	EXPECT_EQ(fake_tty_len, 5);
	// ...and an error first is the error.
	fake_tty_fail_after = 0;
	EXPECT_EQ(sys_writev(1, iov, 3), -EIO);
}

// The console function a tty write calls may close the fd (or open
// another file in its slot): the segments after that are not written, and
// the call returns what was.
static void
console_closes_stdout(void)
{
	EXPECT_EQ(sys_close(1), 0);
}

static void
console_reopens_stdout(void)
{
	EXPECT_EQ(sys_close(1), 0);
	// The lowest free fd: the same slot, the same device.
	EXPECT_EQ(sys_fcntl(2, RT_F_DUPFD, 1), 1);
}

TEST(writev, fd_closed_by_the_console_function)
{
	struct rt_iovec *iov = NULL;

	fake_reset();
	iov = iov_of("first ", "second ", "third");
	fake_tty_hook = console_closes_stdout;
	EXPECT_EQ(sys_writev(1, iov, 3), 6);
	EXPECT_EQ(fake_tty_writes, 1);
	EXPECT_MEMEQ(fake_tty_out, "first ", 6);
	EXPECT_EQ(fake_tty_len, 6);
	EXPECT_TRUE(fd_get(1) == NULL);
}

TEST(writev, fd_reopened_by_the_console_function)
{
	struct rt_iovec *iov = NULL;
	struct fd_file *before;

	fake_reset();
	iov = iov_of("first ", "second ", "third");
	before = fd_get(1);
	fake_tty_hook = console_reopens_stdout;
	EXPECT_EQ(sys_writev(1, iov, 3), 6);
	EXPECT_EQ(fake_tty_writes, 1);
	EXPECT_EQ(fake_tty_len, 6);
	// Same slot, same device: only its generation tells them apart.
	EXPECT_TRUE(fd_get(1) == before);
	EXPECT_EQ(fd_get(1)->ops, &dev_tty_ops);
	// Once the console leaves the fd alone, every segment goes out.
	fake_tty_hook = NULL;
	EXPECT_EQ(sys_writev(1, iov, 3), 18);
}

// /dev/urandom opened O_NONBLOCK does not wait for the hypervisor's next
// window: what it had, or EAGAIN.
TEST(read, urandom_nonblocking)
{
	unsigned char *buf = NULL;

	fake_reset();
	buf = fake_alloc(128);
	fake.entropy_unlimited = false;
	ASSERT_EQ(open_path("/dev/urandom", RT_O_RDONLY | RT_O_NONBLOCK), 3);
	// What entropy_init kept, then the window's 4 calls: 16 + 4 * 16
	// bytes, and the rest would have to wait.
	EXPECT_EQ(sys_read(3, buf, 128), 80);
	EXPECT_EQ(buf[79], fake_entropy_byte(79));
	EXPECT_EQ(sys_read(3, buf, 128), -EAGAIN);
	EXPECT_TRUE(fake.entropy_busy > 0);
	// A window later it answers again.
	fake.counter += FAKE_FREQ / 30;
	EXPECT_EQ(sys_read(3, buf, 16), 16);
	EXPECT_EQ(buf[0], fake_entropy_byte(80));
}

TEST(readv, scatters)
{
	struct rt_iovec *iov = NULL;
	unsigned char *a = NULL, *b = NULL;

	fake_reset();
	iov = fake_alloc(2 * sizeof(*iov));
	a = fake_alloc(8);
	b = fake_alloc(8);
	memset(a, 0xff, 8);
	memset(b, 0xff, 8);
	iov[0] = (struct rt_iovec){ a, 4 };
	iov[1] = (struct rt_iovec){ b, 8 };
	ASSERT_EQ(open_path("/dev/zero", RT_O_RDONLY), 3);
	ASSERT_EQ(open_path("/dev/null", RT_O_RDONLY), 4);
	ASSERT_EQ(open_path("/dev/urandom", RT_O_RDONLY), 5);
	ASSERT_EQ(open_path("/dev/zero", RT_O_WRONLY), 6);
	EXPECT_EQ(sys_readv(3, iov, 2), 12);
	EXPECT_EQ(a[3], 0);
	EXPECT_EQ(a[4], 0xff);
	EXPECT_EQ(b[7], 0);
	// End of file in the first segment ends the call.
	EXPECT_EQ(sys_readv(4, iov, 2), 0);
	EXPECT_EQ(sys_readv(5, iov, 2), 12);
	EXPECT_EQ(b[0], 4);
	EXPECT_EQ(sys_readv(6, iov, 2), -EBADF);
	EXPECT_EQ(sys_readv(9, iov, 2), -EBADF);
	EXPECT_EQ(sys_readv(3, iov, -4), -EINVAL);
	iov[1].iov_base = NULL;
	EXPECT_EQ(sys_readv(3, iov, 2), -EFAULT);
	ASSERT_EQ(open_path("/dev/gicv3", RT_O_RDWR), 7);
	EXPECT_EQ(sys_readv(7, iov, 1), -EINVAL);
}

TEST(ioctl, dispatch)
{
	int *on = NULL;
	int outside = 1;

	fake_reset();
	on = fake_alloc(sizeof(*on));
	ASSERT_EQ(open_path("/dev/null", RT_O_RDWR), 3);
	ASSERT_EQ(open_path("/dev/console", RT_O_RDWR), 4);
	EXPECT_EQ(sys_ioctl(-1, 0x5413, 0), -EBADF);
	EXPECT_EQ(sys_ioctl(5, 0x5413, 0), -EBADF);
	EXPECT_EQ(sys_ioctl(1, 0x5413, 0), 0);
	EXPECT_EQ(sys_ioctl(1, 0x1234, 0), -ENOTTY);
	EXPECT_EQ(sys_ioctl(3, 0x5413, 0), -ENOTTY);
	EXPECT_EQ(sys_ioctl(4, 0x40084300, 0), 0);
	EXPECT_EQ(sys_ioctl(4, 0x5413, 0), -ENOTTY);
	// The ioctls Linux answers for every fd.
	EXPECT_EQ(sys_ioctl(3, RT_FIOCLEX, 0), 0);
	EXPECT_EQ(sys_fcntl(3, RT_F_GETFD, 0), RT_FD_CLOEXEC);
	EXPECT_EQ(sys_ioctl(3, RT_FIONCLEX, 0), 0);
	EXPECT_EQ(sys_fcntl(3, RT_F_GETFD, 0), 0);
	*on = 1;
	EXPECT_EQ(sys_ioctl(3, RT_FIONBIO, (unsigned long)on), 0);
	EXPECT_EQ(sys_fcntl(3, RT_F_GETFL, 0),
	          RT_O_RDWR | RT_O_NONBLOCK | RT_O_LARGEFILE);
	*on = 0;
	EXPECT_EQ(sys_ioctl(3, RT_FIONBIO, (unsigned long)on), 0);
	EXPECT_EQ(sys_fcntl(3, RT_F_GETFL, 0), RT_O_RDWR | RT_O_LARGEFILE);
	EXPECT_EQ(sys_ioctl(3, RT_FIONBIO, (unsigned long)&outside), -EFAULT);
	EXPECT_EQ(sys_ioctl(3, RT_FIONBIO, 0), -EFAULT);
}

TEST(lseek, char_devices)
{
	fake_reset();
	ASSERT_EQ(open_path("/dev/null", RT_O_RDWR), 3);
	ASSERT_EQ(open_path("/dev/zero", RT_O_RDWR), 4);
	ASSERT_EQ(open_path("/dev/urandom", RT_O_RDONLY), 5);
	ASSERT_EQ(open_path("/dev/console", RT_O_RDWR), 6);
	ASSERT_EQ(open_path("/dev/gicv3", RT_O_RDWR), 7);
	ASSERT_EQ(open_path("/dev/exit", RT_O_RDWR), 8);
	EXPECT_EQ(sys_lseek(0, 0, RT_SEEK_SET), -ESPIPE);
	EXPECT_EQ(sys_lseek(1, 10, RT_SEEK_END), -ESPIPE);
	for (int fd = 3; fd <= 5; fd++) {
		EXPECT_EQ(sys_lseek(fd, 0, RT_SEEK_SET), 0);
		EXPECT_EQ(sys_lseek(fd, 4096, RT_SEEK_SET), 0);
		EXPECT_EQ(sys_lseek(fd, -8, RT_SEEK_END), 0);
		EXPECT_EQ(sys_lseek(fd, 1, RT_SEEK_MAX), 0);
	}
	for (int fd = 6; fd <= 8; fd++)
		EXPECT_EQ(sys_lseek(fd, 0, RT_SEEK_SET), -ESPIPE);
	EXPECT_EQ(sys_lseek(3, 0, RT_SEEK_MAX + 1), -EINVAL);
	EXPECT_EQ(sys_lseek(3, 0, -1), -EINVAL);
	EXPECT_EQ(sys_lseek(1, 0, 5), -EINVAL);
	EXPECT_EQ(sys_lseek(9, 0, RT_SEEK_SET), -EBADF);
	EXPECT_EQ(sys_lseek(-1, 0, 99), -EBADF);
}

TEST(fcntl, fd_flags)
{
	fake_reset();
	EXPECT_EQ(sys_fcntl(-1, RT_F_GETFD, 0), -EBADF);
	EXPECT_EQ(sys_fcntl(3, RT_F_GETFD, 0), -EBADF);
	EXPECT_EQ(sys_fcntl(1, RT_F_SETFD, RT_FD_CLOEXEC), 0);
	EXPECT_EQ(sys_fcntl(1, RT_F_GETFD, 0), RT_FD_CLOEXEC);
	EXPECT_EQ(sys_fcntl(1, RT_F_SETFD, 0x10), 0);
	EXPECT_EQ(sys_fcntl(1, RT_F_GETFD, 0), 0);
}

TEST(fcntl, status_flags)
{
	fake_reset();
	ASSERT_EQ(open_path("/dev/null", RT_O_WRONLY), 3);
	EXPECT_EQ(sys_fcntl(3, RT_F_SETFL,
	                    RT_O_APPEND | RT_O_NONBLOCK | RT_O_RDWR |
	                        RT_O_DIRECT | RT_O_CREAT),
	          0);
	// Only O_APPEND and O_NONBLOCK change; the access mode never does.
	EXPECT_EQ(sys_fcntl(3, RT_F_GETFL, 0),
	          RT_O_WRONLY | RT_O_APPEND | RT_O_NONBLOCK | RT_O_LARGEFILE);
	EXPECT_EQ(sys_fcntl(3, RT_F_SETFL, 0), 0);
	EXPECT_EQ(sys_fcntl(3, RT_F_GETFL, 0), RT_O_WRONLY | RT_O_LARGEFILE);
}

TEST(fcntl, dupfd)
{
	fake_reset();
	ASSERT_EQ(open_path("/dev/zero", RT_O_RDONLY | RT_O_NONBLOCK), 3);
	EXPECT_EQ(sys_fcntl(3, RT_F_DUPFD, 0), 4);
	EXPECT_EQ(sys_fcntl(3, RT_F_DUPFD, 10), 10);
	EXPECT_EQ(sys_fcntl(3, RT_F_DUPFD_CLOEXEC, 10), 11);
	EXPECT_EQ(sys_fcntl(11, RT_F_GETFD, 0), RT_FD_CLOEXEC);
	EXPECT_EQ(sys_fcntl(10, RT_F_GETFD, 0), 0);
	EXPECT_EQ(fd_get(10)->ops, &dev_zero_ops);
	EXPECT_EQ(sys_fcntl(10, RT_F_GETFL, 0),
	          RT_O_RDONLY | RT_O_NONBLOCK | RT_O_LARGEFILE);
	EXPECT_EQ(sys_fcntl(3, RT_F_DUPFD, RT_FD_MAX), -EINVAL);
	EXPECT_EQ(sys_fcntl(3, RT_F_DUPFD, (unsigned long)-1), -EINVAL);
	EXPECT_EQ(sys_fcntl(3, RT_F_DUPFD_CLOEXEC, 1u << 31), -EINVAL);
	// Linux reads it as an unsigned int.
	EXPECT_EQ(sys_fcntl(3, RT_F_DUPFD, 0x100000000ul + 12), 12);
	EXPECT_EQ(sys_fcntl(3, RT_F_DUPFD, RT_FD_MAX - 1), RT_FD_MAX - 1);
	EXPECT_EQ(sys_fcntl(3, RT_F_DUPFD, RT_FD_MAX - 1), -EMFILE);
	EXPECT_EQ(sys_fcntl(9, RT_F_DUPFD, 0), -EBADF);
}

TEST(fcntl, other_commands)
{
	fake_reset();
	EXPECT_EQ(sys_fcntl(1, RT_F_GETLK, 0), -EINVAL);
	EXPECT_EQ(sys_fcntl(1, 1024 /* F_SETLEASE */, 0), -EINVAL);
	EXPECT_EQ(sys_fcntl(1, -1, 0), -EINVAL);
	EXPECT_EQ(sys_fcntl(7, RT_F_GETLK, 0), -EBADF);
}

TEST(fstat, layout_and_values)
{
	struct rt_stat *st = NULL;

	fake_reset();
	// asm-generic's offsets, as musl's struct kstat for arm64 reads them.
	EXPECT_EQ(offsetof(struct rt_stat, st_mode), 16);
	EXPECT_EQ(offsetof(struct rt_stat, st_nlink), 20);
	EXPECT_EQ(offsetof(struct rt_stat, st_rdev), 32);
	EXPECT_EQ(offsetof(struct rt_stat, st_size), 48);
	EXPECT_EQ(offsetof(struct rt_stat, st_blksize), 56);
	EXPECT_EQ(offsetof(struct rt_stat, st_blocks), 64);
	EXPECT_EQ(offsetof(struct rt_stat, st_atime_sec), 72);
	EXPECT_EQ(offsetof(struct rt_stat, st_ctime_nsec), 112);
	st = fake_alloc(sizeof(*st));
	memset(st, 0xa5, sizeof(*st));
	EXPECT_EQ(sys_fstat(1, st), 0);
	EXPECT_EQ(st->st_mode, 0020620);
	EXPECT_EQ(st->st_rdev, 0x501);
	EXPECT_EQ(st->st_blksize, 4096);
	EXPECT_EQ(st->st_nlink, 1);
	EXPECT_EQ(st->st_size, 0);
	EXPECT_EQ(st->st_ino, 0);
	EXPECT_EQ(st->st_blocks, 0);
	EXPECT_EQ(st->st_mtime_nsec, 0);
	EXPECT_EQ(st->st_unused[1], 0);
	ASSERT_EQ(open_path("/dev/null", RT_O_RDONLY), 3);
	EXPECT_EQ(sys_fstat(3, st), 0);
	EXPECT_EQ(st->st_mode, 0020666);
	EXPECT_EQ(st->st_rdev, 0x103);
	ASSERT_EQ(open_path("/dev/zero", RT_O_RDONLY), 4);
	EXPECT_EQ(sys_fstat(4, st), 0);
	EXPECT_EQ(st->st_rdev, 0x105);
	ASSERT_EQ(open_path("/dev/urandom", RT_O_RDONLY), 5);
	EXPECT_EQ(sys_fstat(5, st), 0);
	EXPECT_EQ(st->st_rdev, 0x109);
}

TEST(fstat, errors)
{
	struct rt_stat outside;

	fake_reset();
	EXPECT_EQ(sys_fstat(-1, fake_alloc(sizeof(struct rt_stat))), -EBADF);
	EXPECT_EQ(sys_fstat(6, fake_alloc(sizeof(struct rt_stat))), -EBADF);
	EXPECT_EQ(sys_fstat(1, NULL), -EFAULT);
	EXPECT_EQ(sys_fstat(1, &outside), -EFAULT);
	EXPECT_EQ(sys_fstat(1, (struct rt_stat *)(fake_arena_end - 64)),
	          -EFAULT);
}
