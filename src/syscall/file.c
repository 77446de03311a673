// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The fd syscalls. Every file is a character device (the tty or a /dev
// node), so each call answers what Linux answers for a character device:
// nothing to create, truncate or seek, unknown open flags dropped, and the
// checks in Linux's order, so that an app sees the same errno for the same
// mistake.

#include <rt/errno.h>
#include <rt/fd_table.h>
#include <rt/string.h>
#include <rt/uaccess.h>

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

// Linux's OPEN_FMODE: access modes 0, 1, 2 and 3 give read, write, both
// and neither (3 opens for ioctl only).
static inline bool
fd_can_read(const struct fd_file *f)
{
	return ((f->flags + 1) & 1) != 0;
}

static inline bool
fd_can_write(const struct fd_file *f)
{
	return ((f->flags + 1) & 2) != 0;
}

// The nodes whose Linux llseek keeps the position at 0 and succeeds.
static bool
fd_seekable(const struct dev_ops *ops)
{
	return ops == &dev_null_ops || ops == &dev_zero_ops ||
	       ops == &dev_urandom_ops;
}

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
		return uaccess_ok(path, RT_PATH_MAX) ? -ENAMETOOLONG : -EFAULT;
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
sys_close(int fd)
{
	return fd_close(fd);
}

long
sys_read(int fd, void *buf, size_t count)
{
	struct fd_file *f = fd_get(fd);

	if (f == NULL || !fd_can_read(f))
		return -EBADF;
	if (f->ops->read == NULL)
		return -EINVAL;
	if (count == 0)
		return 0;
	if (!uaccess_ok(buf, count))
		return -EFAULT;
	if (count > RT_MAX_RW_COUNT)
		count = RT_MAX_RW_COUNT;
	return f->ops->read(f, buf, count);
}

long
sys_write(int fd, const void *buf, size_t count)
{
	struct fd_file *f = fd_get(fd);

	if (f == NULL || !fd_can_write(f))
		return -EBADF;
	if (f->ops->write == NULL)
		return -EINVAL;
	if (count == 0)
		return 0;
	if (!uaccess_ok(buf, count))
		return -EFAULT;
	if (count > RT_MAX_RW_COUNT)
		count = RT_MAX_RW_COUNT;
	return f->ops->write(f, buf, count);
}

// Checks the whole vector before any byte moves, as Linux does: the total
// length (at most RT_MAX_RW_COUNT, which Linux also caps it to), or
// -EINVAL or -EFAULT. iov_each reads the vector again rather than copy it
// (up to 16 KiB), and checks again each segment it uses.
static long
iov_check(const struct iovec *iov, int iovcnt)
{
	size_t total = 0;

	if ((unsigned int)iovcnt > RT_UIO_MAXIOV)
		return -EINVAL;
	if (iovcnt != 0 && !uaccess_ok(iov, (size_t)iovcnt * sizeof(*iov)))
		return -EFAULT;
	for (int i = 0; i < iovcnt; i++) {
		size_t len = iov[i].iov_len;

		// The sum must fit in the ssize_t the call returns.
		if (len > (size_t)INTPTR_MAX - total)
			return -EINVAL;
		// Linux lets an empty segment point anywhere.
		if (len != 0 && !uaccess_ok(iov[i].iov_base, len))
			return -EFAULT;
		total += len;
	}
	return total > RT_MAX_RW_COUNT ? RT_MAX_RW_COUNT : (long)total;
}

// The segments in turn, until left bytes are moved or one comes up short.
// Each is read from the vector again and checked again: app memory may
// have changed since iov_check (a readv into the vector itself, or the
// console function that a tty write calls), so what was checked there is
// not what is used here. An error after some bytes is reported as those
// bytes, like Linux's loop over a device's read or write.
static long
iov_each(struct fd_file *f, const struct iovec *iov, int iovcnt, long left,
         bool write)
{
	long done = 0;

	for (int i = 0; i < iovcnt && left > 0; i++) {
		void *base = iov[i].iov_base;
		size_t len = iov[i].iov_len;
		long n;

		if (len > (size_t)left)
			len = (size_t)left;
		if (len == 0)
			continue;
		if (!uaccess_ok(base, len))
			n = -EFAULT;
		else if (write)
			n = f->ops->write(f, base, len);
		else
			n = f->ops->read(f, base, len);
		if (n < 0)
			return done > 0 ? done : n;
		done += n;
		left -= n;
		if ((size_t)n < len)
			break;
	}
	return done;
}

long
sys_readv(int fd, const struct iovec *iov, int iovcnt)
{
	struct fd_file *f = fd_get(fd);
	long left;

	if (f == NULL)
		return -EBADF;
	left = iov_check(iov, iovcnt);
	if (left < 0)
		return left;
	if (!fd_can_read(f))
		return -EBADF;
	if (f->ops->read == NULL)
		return -EINVAL;
	return iov_each(f, iov, iovcnt, left, false);
}

long
sys_writev(int fd, const struct iovec *iov, int iovcnt)
{
	struct fd_file *f = fd_get(fd);
	long left;

	if (f == NULL)
		return -EBADF;
	left = iov_check(iov, iovcnt);
	if (left < 0)
		return left;
	if (!fd_can_write(f))
		return -EBADF;
	if (f->ops->write == NULL)
		return -EINVAL;
	return iov_each(f, iov, iovcnt, left, true);
}

long
sys_ioctl(int fd, unsigned int request, unsigned long arg)
{
	struct fd_file *f = fd_get(fd);
	const int *on = (const int *)arg;

	if (f == NULL)
		return -EBADF;
	// Linux answers these for every fd before the device sees them.
	switch (request) {
	case RT_FIOCLEX:
		f->cloexec = true;
		return 0;
	case RT_FIONCLEX:
		f->cloexec = false;
		return 0;
	case RT_FIONBIO:
		if (!uaccess_ok(on, sizeof(*on)))
			return -EFAULT;
		if (*on != 0)
			f->flags |= RT_O_NONBLOCK;
		else
			f->flags &= ~RT_O_NONBLOCK;
		return 0;
	default:
		break;
	}
	if (f->ops->ioctl == NULL)
		return -ENOTTY;
	return f->ops->ioctl(f, request, arg);
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
	return fd_seekable(f->ops) ? 0 : -ESPIPE;
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
sys_fstat(int fd, struct stat *st)
{
	struct fd_file *f = fd_get(fd);

	if (f == NULL)
		return -EBADF;
	if (!uaccess_ok(st, sizeof(*st)))
		return -EFAULT;
	memset(st, 0, sizeof(*st));
	st->st_mode = f->ops->mode;
	// A node that exists has a link; 0 would read as "deleted".
	st->st_nlink = 1;
	st->st_rdev = f->ops->rdev;
	st->st_blksize = 4096;
	return 0;
}
