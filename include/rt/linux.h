// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef RT_LINUX_H
#define RT_LINUX_H

// Linux AArch64's structures and constants as the syscalls take them: the
// kernel's layouts, not a libc's. Every name carries an rt_ or RT_ prefix,
// so host code may include libc headers beside this one.

#include <rt/types.h>

// Structures (asm-generic layouts, which arm64 uses).

struct rt_iovec {
	void *iov_base;
	size_t iov_len;
};

struct rt_timespec {
	long tv_sec;
	long tv_nsec;
};

struct rt_pollfd {
	int fd;
	short events;
	short revents;
};

// asm-generic's struct stat, which arm64 uses.
struct rt_stat {
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

static_assert(sizeof(struct rt_stat) == 128, "ABI: arm64 struct rt_stat");
static_assert(offsetof(struct rt_stat, st_rdev) == 32, "ABI: st_rdev");
static_assert(offsetof(struct rt_stat, st_blksize) == 56, "ABI: st_blksize");

#define RT_UTSNAME_LEN 65

struct rt_utsname {
	char sysname[RT_UTSNAME_LEN];
	char nodename[RT_UTSNAME_LEN];
	char release[RT_UTSNAME_LEN];
	char version[RT_UTSNAME_LEN];
	char machine[RT_UTSNAME_LEN];
	char domainname[RT_UTSNAME_LEN];
};

static_assert(sizeof(struct rt_utsname) == 390, "ABI: struct rt_utsname");

// What rt_sigaction reads and writes: the kernel's struct sigaction, not
// libc's (musl calls it struct k_sigaction).
struct rt_sigaction {
	uint64_t handler; // or RT_SIG_DFL, RT_SIG_IGN
	uint64_t flags;
	uint64_t restorer;
	uint64_t mask;
};

static_assert(sizeof(struct rt_sigaction) == 32, "ABI: kernel sigaction");

// Constants (Linux AArch64 values).

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

#endif
