// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The fd syscalls. Every file is a character device (the tty or a /dev
// node), so each call answers what Linux answers for a character device:
// nothing to create, truncate or seek, unknown open flags dropped, and the
// checks in Linux's order, so that an app sees the same errno for the same
// mistake.

#include <rt/errno.h>
#include <rt/fd_table.h>
#include <rt/linux.h>
#include <rt/string.h>
#include <rt/uaccess.h>

#include <syscall_table.h>

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

long
sys_close(int fd)
{
	return fd_close(fd);
}

long
sys_read(int fd, void *buf, size_t count)
{
	struct fd_file *f = fd_lookup(fd);

	if (f == NULL || !fd_can_read(f))
		return -EBADF;
	if (f->ops->read == NULL)
		return -EINVAL;
	if (count == 0)
		return 0;
	if (!uaccess_writable(buf, count))
		return -EFAULT;
	if (count > RT_MAX_RW_COUNT)
		count = RT_MAX_RW_COUNT;
	return f->ops->read(f, buf, count);
}

long
sys_write(int fd, const void *buf, size_t count)
{
	struct fd_file *f = fd_lookup(fd);

	if (f == NULL || !fd_can_write(f))
		return -EBADF;
	if (f->ops->write == NULL)
		return -EINVAL;
	if (count == 0)
		return 0;
	if (!uaccess_readable(buf, count))
		return -EFAULT;
	if (count > RT_MAX_RW_COUNT)
		count = RT_MAX_RW_COUNT;
	return f->ops->write(f, buf, count);
}

// Whether the app lets a device read (write) or fill (read) [p, p + n).
static inline bool
iov_usable(void *p, size_t n, bool write)
{
	return write ? uaccess_readable_inline(p, n)
	             : uaccess_writable_inline(p, n);
}

// Checks the whole vector before any byte moves, as Linux does: the total
// length (at most RT_MAX_RW_COUNT, which Linux also caps it to), or
// -EINVAL or -EFAULT. iov_each reads the vector again rather than copy it
// (up to 16 KiB), and checks again each segment after the first.
static long
iov_check(const struct rt_iovec *iov, int iovcnt, bool write)
{
	size_t total = 0;

	if ((unsigned int)iovcnt > RT_UIO_MAXIOV)
		return -EINVAL;
	if (iovcnt != 0 &&
	    !uaccess_readable_inline(iov, (size_t)iovcnt * sizeof(*iov)))
		return -EFAULT;
	for (int i = 0; i < iovcnt; i++) {
		size_t len = iov[i].iov_len;

		// The sum must fit in the ssize_t the call returns.
		if (len > (size_t)INTPTR_MAX - total)
			return -EINVAL;
		// Linux lets an empty segment point anywhere.
		if (len != 0 && !iov_usable(iov[i].iov_base, len, write))
			return -EFAULT;
		total += len;
	}
	return total > RT_MAX_RW_COUNT ? RT_MAX_RW_COUNT : (long)total;
}

// The segments in turn, until left bytes are moved or one comes up short.
// Each after the first is read from the vector again and checked again,
// and so is the fd: app memory may have changed since iov_check (a readv
// into the vector itself), and the console function that a tty write
// calls may have changed the vector or closed the fd (and opened another
// in its slot), so what was checked there is not what is used here. Nothing
// runs before the first (interrupts are masked). An error after some bytes
// is reported as those bytes, like Linux's loop over a device's read or
// write; a file gone after some bytes ends the call with those.
static long
iov_each(int fd, struct fd_file *f, const struct rt_iovec *iov, int iovcnt,
         long left, bool write)
{
	uint32_t gen = f->gen;
	long done = 0;

	for (int i = 0; i < iovcnt && left > 0; i++) {
		void *base = iov[i].iov_base;
		size_t len = iov[i].iov_len;
		long n;

		if (len > (size_t)left)
			len = (size_t)left;
		if (len == 0)
			continue;
		if (i > 0 && (fd_lookup(fd) != f || f->gen != gen))
			break;
		if (i > 0 && !iov_usable(base, len, write))
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

// readv and writev, which differ only in the direction. One copy, not
// inlined into both, and built for size: the runtime's memory is counted
// in pages, and writev's common case has a path of its own.
static RT_COLD long
iov_rw(int fd, const struct rt_iovec *iov, int iovcnt, bool write)
{
	struct fd_file *f = fd_lookup(fd);
	long left;

	if (f == NULL)
		return -EBADF;
	left = iov_check(iov, iovcnt, write);
	if (left < 0)
		return left;
	if (!(write ? fd_can_write(f) : fd_can_read(f)))
		return -EBADF;
	if (write ? f->ops->write == NULL : f->ops->read == NULL)
		return -EINVAL;
	return iov_each(fd, f, iov, iovcnt, left, write);
}

long
sys_readv(int fd, const struct rt_iovec *iov, int iovcnt)
{
	return iov_rw(fd, iov, iovcnt, false);
}

long
sys_writev(int fd, const struct rt_iovec *iov, int iovcnt)
{
	struct fd_file *f = fd_lookup(fd);
	long (*write)(struct fd_file *, const void *, size_t);
	const void *base;
	size_t len;

	// The common case whole, with no frame: a file open for writing, one
	// segment, it and the vector in the heap or on the stack. Its answer
	// is the same whichever order the checks run in; anything else goes
	// the general way, in Linux's order.
	if (iovcnt != 1 || f == NULL || !fd_can_write(f))
		goto general;
	write = f->ops->write;
	if (write == NULL || !uaccess_in_hot((uintptr_t)iov, sizeof(*iov)))
		goto general;
	base = iov->iov_base;
	len = iov->iov_len;
	if (len - 1 >= RT_MAX_RW_COUNT || !uaccess_in_hot((uintptr_t)base, len))
		goto general;
	return write(f, base, len);
general:
	return iov_rw(fd, iov, iovcnt, true);
}

// FIONBIO: its int, read without a local copy (which would give every
// ioctl a stack canary).
static long
ioctl_fionbio(struct fd_file *f, unsigned long arg)
{
	long on = uaccess_read_u32((const void *)arg);

	if (on < 0)
		return on;
	if (on != 0)
		f->flags |= RT_O_NONBLOCK;
	else
		f->flags &= ~RT_O_NONBLOCK;
	return 0;
}

long
sys_ioctl(int fd, unsigned int request, unsigned long arg)
{
	struct fd_file *f = fd_lookup(fd);

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
		return ioctl_fionbio(f, arg);
	default:
		break;
	}
	if (f->ops->ioctl == NULL)
		return -ENOTTY;
	return f->ops->ioctl(f, request, arg);
}
