// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef RT_FD_TABLE_H
#define RT_FD_TABLE_H

// The fd table, the /dev memory nodes, and what the file, time and process
// syscalls (src/syscall/{fd,file,time,process}.c) share with each other and
// with their tests: Linux AArch64's structures and constants.
//
// The structure tags are Linux's because syscalls.tbl names them and the
// generated syscall_table.h declares the handlers with them. Host code that
// includes this header must therefore not include libc headers defining
// the same tags (<time.h>, <stdlib.h>, <sys/stat.h>, <poll.h>, <sys/uio.h>,
// <sys/utsname.h>): the layouts here are the kernel's, not libc's. The
// constants carry an RT_ prefix for the same reason.

#include <rt/fd.h>
#include <rt/types.h>

// The fd table (src/syscall/fd.c), and fd_get inline for the fd syscalls'
// hot paths.
extern struct fd_file fd_table[RT_FD_MAX];

static inline struct fd_file *
fd_lookup(int fd)
{
	// The unsigned compare also turns away negative fds.
	if ((unsigned int)fd >= RT_FD_MAX || fd_table[fd].ops == NULL)
		return NULL;
	return &fd_table[fd];
}

// ---- Linux AArch64 structures (asm-generic layouts) ----

struct iovec {
	void *iov_base;
	size_t iov_len;
};

struct timespec {
	long tv_sec;
	long tv_nsec;
};

struct pollfd {
	int fd;
	short events;
	short revents;
};

// asm-generic's struct stat, which arm64 uses.
struct stat {
	uint64_t st_dev;
	uint64_t st_ino;
	uint32_t st_mode;
	uint32_t st_nlink;
	uint32_t st_uid;
	uint32_t st_gid;
	uint64_t st_rdev;
	uint64_t st_pad1;
	int64_t st_size;
	int32_t st_blksize;
	int32_t st_pad2;
	int64_t st_blocks;
	int64_t st_atime_sec;
	uint64_t st_atime_nsec;
	int64_t st_mtime_sec;
	uint64_t st_mtime_nsec;
	int64_t st_ctime_sec;
	uint64_t st_ctime_nsec;
	uint32_t st_unused[2];
};

static_assert(sizeof(struct stat) == 128, "ABI: arm64 struct stat");
static_assert(offsetof(struct stat, st_rdev) == 32, "ABI: st_rdev");
static_assert(offsetof(struct stat, st_blksize) == 56, "ABI: st_blksize");

#define RT_UTSNAME_LEN 65

struct utsname {
	char sysname[RT_UTSNAME_LEN];
	char nodename[RT_UTSNAME_LEN];
	char release[RT_UTSNAME_LEN];
	char version[RT_UTSNAME_LEN];
	char machine[RT_UTSNAME_LEN];
	char domainname[RT_UTSNAME_LEN];
};

static_assert(sizeof(struct utsname) == 390, "ABI: struct utsname");

// What rt_sigaction reads and writes: the kernel's struct sigaction, not
// libc's (musl calls it struct k_sigaction).
struct rt_sigaction {
	uint64_t handler; // or RT_SIG_DFL, RT_SIG_IGN
	uint64_t flags;
	uint64_t restorer;
	uint64_t mask;
};

static_assert(sizeof(struct rt_sigaction) == 32, "ABI: kernel sigaction");

// ---- Constants (Linux AArch64 values) ----

#define RT_AT_FDCWD   (-100)
#define RT_PATH_MAX   4096
#define RT_UIO_MAXIOV 1024
// Linux caps one read or write at INT_MAX rounded down to a page.
#define RT_MAX_RW_COUNT 0x7ffff000L

#define RT_O_ACCMODE   00000003
#define RT_O_RDONLY    00000000
#define RT_O_WRONLY    00000001
#define RT_O_RDWR      00000002
#define RT_O_CREAT     00000100
#define RT_O_EXCL      00000200
#define RT_O_NOCTTY    00000400
#define RT_O_TRUNC     00001000
#define RT_O_APPEND    00002000
#define RT_O_NONBLOCK  00004000
#define RT_O_DSYNC     00010000
#define RT_O_ASYNC     00020000
#define RT_O_DIRECTORY 00040000
#define RT_O_NOFOLLOW  00100000
#define RT_O_DIRECT    00200000
#define RT_O_LARGEFILE 00400000
#define RT_O_NOATIME   01000000
#define RT_O_CLOEXEC   02000000
#define RT_O_SYNC      04010000
#define RT_O_PATH      010000000
#define RT_O_TMPFILE   020040000 // includes O_DIRECTORY

#define RT_F_DUPFD         0
#define RT_F_GETFD         1
#define RT_F_SETFD         2
#define RT_F_GETFL         3
#define RT_F_SETFL         4
#define RT_F_GETLK         5
#define RT_F_DUPFD_CLOEXEC 1030
#define RT_FD_CLOEXEC      1

#define RT_SEEK_SET 0
#define RT_SEEK_END 2
#define RT_SEEK_MAX 4 // SEEK_HOLE

// ioctls every fd answers in Linux, whatever the device.
#define RT_FIONBIO  0x5421
#define RT_FIONCLEX 0x5450
#define RT_FIOCLEX  0x5451

#define RT_POLLIN     0x001
#define RT_POLLPRI    0x002
#define RT_POLLOUT    0x004
#define RT_POLLERR    0x008
#define RT_POLLHUP    0x010
#define RT_POLLNVAL   0x020
#define RT_POLLRDNORM 0x040
#define RT_POLLWRNORM 0x100

#define RT_NSEC_PER_SEC             1000000000L
#define RT_CLOCK_REALTIME           0
#define RT_CLOCK_MONOTONIC          1
#define RT_CLOCK_PROCESS_CPUTIME_ID 2
#define RT_CLOCK_THREAD_CPUTIME_ID  3
#define RT_CLOCK_MONOTONIC_RAW      4
#define RT_CLOCK_REALTIME_COARSE    5
#define RT_CLOCK_MONOTONIC_COARSE   6
#define RT_CLOCK_BOOTTIME           7
#define RT_TIMER_ABSTIME            1

#define RT_NSIG         64 // signals are 1..64
#define RT_SIGSET_SIZE  8  // bytes of the kernel's sigset_t
#define RT_SIG_DFL      0
#define RT_SIG_IGN      1
#define RT_SIG_BLOCK    0
#define RT_SIG_UNBLOCK  1
#define RT_SIG_SETMASK  2
#define RT_SIGABRT      6
#define RT_SIGKILL      9
#define RT_SIGUSR1      10
#define RT_SIGUSR2      12
#define RT_SIGTERM      15
#define RT_SIGCHLD      17
#define RT_SIGCONT      18
#define RT_SIGSTOP      19
#define RT_SIGURG       23
#define RT_SIGWINCH     28
#define RT_SA_SIGINFO   0x00000004
#define RT_SA_RESTORER  0x04000000
#define RT_SA_ONSTACK   0x08000000
#define RT_SA_RESTART   0x10000000
#define RT_SA_NODEFER   0x40000000
#define RT_SA_RESETHAND 0x80000000

#define RT_FUTEX_WAIT           0
#define RT_FUTEX_WAKE           1
#define RT_FUTEX_REQUEUE        3
#define RT_FUTEX_PRIVATE_FLAG   128
#define RT_FUTEX_CLOCK_REALTIME 256

#define RT_GRND_NONBLOCK 0x1
#define RT_GRND_RANDOM   0x2
#define RT_GRND_INSECURE 0x4

// ---- The fd table (src/syscall/fd.c) ----

// Empties the table and opens fds 0, 1 and 2 on the tty (O_RDWR). Boot
// calls it once, after the devices are set up.
void fd_init(void);

// Puts a file on ops in the lowest free slot at or above `from` and calls
// the device's open. The fd, or -EMFILE when no slot is free, or the
// device's error (the slot is then free again).
int fd_install(int from, const struct dev_ops *ops, int flags, bool cloexec);

// Calls the device's close and frees the slot: 0, or -EBADF.
long fd_close(int fd);

// ---- /dev/null, /dev/zero, /dev/urandom (src/dev/mem_nodes.c) ----

extern const struct dev_ops dev_null_ops, dev_zero_ops, dev_urandom_ops;

// ---- The handlers; syscalls.tbl declares the same prototypes ----

long sys_openat(int dirfd, const char *path, int flags, unsigned int mode);
long sys_close(int fd);
long sys_read(int fd, void *buf, size_t count);
long sys_write(int fd, const void *buf, size_t count);
long sys_readv(int fd, const struct iovec *iov, int iovcnt);
long sys_writev(int fd, const struct iovec *iov, int iovcnt);
long sys_ioctl(int fd, unsigned int request, unsigned long arg);
long sys_lseek(int fd, long offset, int whence);
long sys_fcntl(int fd, int cmd, unsigned long arg);
long sys_fstat(int fd, struct stat *st);

long sys_clock_gettime(int clockid, struct timespec *tp);
long sys_clock_getres(int clockid, struct timespec *res);
long sys_clock_nanosleep(int clockid, int flags, const struct timespec *req,
                         struct timespec *rem);
long sys_nanosleep(const struct timespec *req, struct timespec *rem);
long sys_ppoll(struct pollfd *fds, unsigned int nfds,
               const struct timespec *timeout, const void *sigmask,
               size_t sigsetsize);

long sys_exit(int status);
long sys_exit_group(int status);
long sys_set_tid_address(int *tidptr);
long sys_getpid(void);
long sys_gettid(void);
long sys_getuid(void);
long sys_geteuid(void);
long sys_getgid(void);
long sys_getegid(void);
long sys_sched_yield(void);
long sys_uname(struct utsname *buf);
long sys_getrandom(void *buf, size_t len, unsigned int flags);
long sys_futex(uint32_t *uaddr, int op, uint32_t val,
               const struct timespec *timeout, uint32_t *uaddr2, uint32_t val3);
long sys_rt_sigaction(int sig, const void *act, void *oldact,
                      size_t sigsetsize);
long sys_rt_sigprocmask(int how, const void *set, void *oldset,
                        size_t sigsetsize);
long sys_tkill(int tid, int sig);
long sys_tgkill(int tgid, int tid, int sig);

#ifdef RT_HOST
// Puts the signal and futex state back to boot's, between unit tests.
void process_reset_for_test(void);
#endif

#endif
