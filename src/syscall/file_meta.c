// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The fd syscalls that open a file or ask about one: openat, lseek, fcntl,
// fstat. As in file.c, every file is a character device and each call
// answers as Linux does for one, with its checks in Linux's order. Called
// at startup or rarely, so built small (-Os); file.c has the hot ones.

#include <rt/errno.h>
#include <rt/fd_table.h>
#include <rt/linux.h>
#include <rt/string.h>
#include <rt/uaccess.h>

#include <syscall_table.h>

// Linux's internal bit of O_TMPFILE, which the O_TMPFILE value includes.
#define O_TMPFILE_BIT 020000000

// Open flags an fd keeps, as Linux's F_GETFL shows them. The open-time
// ones (O_CREAT, O_EXCL, O_NOCTTY, O_TRUNC) are gone after the open,
// O_CLOEXEC belongs to the fd, and O_ASYNC has no effect at open in Linux
// either: it is only ever set with F_SETFL, and ours never changes it.
#define O_KEPT                                                    \
	(RT_O_ACCMODE | RT_O_APPEND | RT_O_NONBLOCK | RT_O_SYNC | \
	 RT_O_NOFOLLOW | RT_O_NOATIME | RT_O_LARGEFILE)

// The only status flags F_SETFL changes: the others Linux takes there are
// about page caches and signals, which nothing here has.
#define O_SETFL (RT_O_APPEND | RT_O_NONBLOCK)

// A relative path with a dirfd other than AT_FDCWD: Linux would resolve it
// from dirfd, which here is never a directory.
static long
file_bad_dirfd(int dirfd)
{
	return fd_get(dirfd) == NULL ? -EBADF : -ENOTDIR;
}

long
sys_openat(int dirfd, const char *path, int flags, unsigned int mode)
{
	const struct dev_ops *ops;
	long len;

	(void)mode; // nothing is ever created
	if ((flags & O_TMPFILE_BIT) != 0 &&
	    ((flags & (RT_O_TMPFILE | RT_O_CREAT)) != RT_O_TMPFILE ||
	     (flags & RT_O_ACCMODE) == RT_O_RDONLY))
		return -EINVAL;
	len = uaccess_strlen(path, RT_PATH_MAX);
	if (len < 0)
		return uaccess_readable(path, RT_PATH_MAX) ? -ENAMETOOLONG
		                                           : -EFAULT;
	if (len == 0)
		return -ENOENT;
	if (path[0] != '/' && dirfd != RT_AT_FDCWD)
		return file_bad_dirfd(dirfd);
	// Linux's answer where a file system cannot make unnamed files.
	if ((flags & O_TMPFILE_BIT) != 0)
		return -EOPNOTSUPP;
	ops = dev_lookup(path);
	if (ops == NULL)
		// Creating a file is asking a read-only file system for one.
		return (flags & RT_O_CREAT) != 0 ? -EROFS : -ENOENT;
	if ((flags & (RT_O_CREAT | RT_O_EXCL)) == (RT_O_CREAT | RT_O_EXCL))
		return -EEXIST;
	if ((flags & RT_O_DIRECTORY) != 0)
		return -ENOTDIR;
	// What Linux says of O_DIRECT on a character device; O_PATH handles
	// are not offered, since nothing here needs a file it cannot use.
	if ((flags & (RT_O_DIRECT | RT_O_PATH)) != 0)
		return -EINVAL;
	return fd_install(0, ops, (flags & O_KEPT) | RT_O_LARGEFILE,
	                  (flags & RT_O_CLOEXEC) != 0);
}

long
sys_lseek(int fd, long offset, int whence)
{
	struct fd_file *f = fd_get(fd);

	(void)offset;
	if (f == NULL)
		return -EBADF;
	if ((unsigned int)whence > RT_SEEK_MAX)
		return -EINVAL;
	return f->ops->seekable ? 0 : -ESPIPE;
}

long
sys_fcntl(int fd, int cmd, unsigned long arg)
{
	struct fd_file *f = fd_get(fd);

	if (f == NULL)
		return -EBADF;
	switch (cmd) {
	case RT_F_DUPFD:
	case RT_F_DUPFD_CLOEXEC:
		// Linux reads the lowest fd as an unsigned int and refuses
		// one at or above the fd limit.
		if ((unsigned int)arg >= RT_FD_MAX)
			return -EINVAL;
		return fd_install((int)(unsigned int)arg, f->ops, f->flags,
		                  cmd == RT_F_DUPFD_CLOEXEC);
	case RT_F_GETFD:
		return f->cloexec ? RT_FD_CLOEXEC : 0;
	case RT_F_SETFD:
		f->cloexec = (arg & RT_FD_CLOEXEC) != 0;
		return 0;
	case RT_F_GETFL:
		return f->flags;
	case RT_F_SETFL:
		f->flags = (f->flags & ~O_SETFL) | ((int)arg & O_SETFL);
		return 0;
	default:
		return -EINVAL;
	}
}

long
sys_fstat(int fd, struct rt_stat *st)
{
	struct fd_file *f = fd_get(fd);
	struct rt_stat s = {
		.st_mode = 0,
		// A node that exists has a link; 0 would read as "deleted".
		.st_nlink = 1,
		.st_blksize = 4096,
	};

	if (f == NULL)
		return -EBADF;
	s.st_mode = f->ops->mode;
	s.st_rdev = f->ops->rdev;
	return copy_to_app(st, &s, sizeof(s));
}
