// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The fd table: RT_FD_MAX slots, each a device and its open flags. A slot
// is one fd and one open file at once: dup'ed fds get a slot of their own
// and are opened on the device again, so every device close has its open.

#include <rt/errno.h>
#include <rt/fd_table.h>
#include <rt/linux.h>

#include <syscall_table.h>

struct fd_file fd_table[RT_FD_MAX];
static uint32_t fd_gen;

void
fd_init(void)
{
	for (int fd = 0; fd < RT_FD_MAX; fd++)
		fd_table[fd] = (struct fd_file){ 0 };
	// stdin, stdout and stderr, as a Linux console would hand them over.
	for (int fd = 0; fd < 3; fd++)
		fd_install(fd, &dev_tty_ops, RT_O_RDWR | RT_O_LARGEFILE, false);
}

struct fd_file *
fd_get(int fd)
{
	return fd_lookup(fd);
}

int
fd_install(int from, const struct dev_ops *ops, int flags, bool cloexec)
{
	struct fd_file *f;
	long err;
	int fd;

	for (fd = from < 0 ? 0 : from; fd < RT_FD_MAX; fd++) {
		if (fd_table[fd].ops == NULL)
			break;
	}
	if (fd >= RT_FD_MAX)
		return -EMFILE;
	f = &fd_table[fd];
	*f = (struct fd_file){
		.ops = ops,
		.flags = flags,
		.cloexec = cloexec,
		.gen = ++fd_gen,
	};
	if (ops->open != NULL) {
		err = ops->open(f);
		if (err < 0) {
			f->ops = NULL;
			return (int)err;
		}
	}
	return fd;
}

long
fd_close(int fd)
{
	struct fd_file *f = fd_get(fd);

	if (f == NULL)
		return -EBADF;
	if (f->ops->close != NULL)
		f->ops->close(f);
	f->ops = NULL;
	return 0;
}
