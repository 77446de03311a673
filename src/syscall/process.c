// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The process: one thread (tid = pid = 1), user and group 0, exit through
// the app's exit hook; signals are in signal.c.

#include <rt/arch.h>
#include <rt/entropy.h>
#include <rt/errno.h>
#include <rt/exit.h>
#include <rt/irq.h>
#include <rt/linux.h>
#include <rt/panic.h>
#include <rt/process.h>
#include <rt/string.h>
#include <rt/time.h>
#include <rt/uaccess.h>

#include <syscall_table.h>

#define FUTEX_CMD_MASK (~(RT_FUTEX_PRIVATE_FLAG | RT_FUTEX_CLOCK_REALTIME))

static int *clear_child_tid;

#ifdef RT_HOST
void
process_reset_for_test(void)
{
	clear_child_tid = NULL;
}
#endif

long
sys_exit(int status)
{
	exit_app(status & 0xff);
}

long
sys_exit_group(int status)
{
	exit_app(status & 0xff);
}

long
sys_set_tid_address(int *tidptr)
{
	// Linux clears *tidptr and wakes it when the thread ends, for a
	// joiner; the only thread ending here ends everything, so it is kept
	// for the record only and not checked.
	clear_child_tid = tidptr;
	return PROCESS_ID;
}

long
sys_getpid(void)
{
	return PROCESS_ID;
}

long
sys_gettid(void)
{
	return PROCESS_ID;
}

long
sys_getuid(void)
{
	return 0;
}

long
sys_geteuid(void)
{
	return 0;
}

long
sys_getgid(void)
{
	return 0;
}

long
sys_getegid(void)
{
	return 0;
}

long
sys_sched_yield(void)
{
	return 0;
}

// sysname is "Linux" because the app talks to the Linux syscall ABI and
// libraries test for it; release names the Linux whose arm64 ABI the
// syscall table follows, and the suffix and version say what runs in fact.
long
sys_uname(struct rt_utsname *buf)
{
	// The fields one after another, NUL-separated: a full struct utsname
	// template would be 390 bytes of runtime memory, mostly zeros.
	static const char fields[] =
	    "Linux\0gunyah-rt\0"
	    "6.1.0-gunyah-rt\0"
	    "gunyah-rt: bare-metal runtime, no MMU, one CPU\0"
	    "aarch64\0(none)";
	char(*field)[sizeof(buf->sysname)];
	const char *p = fields;

	static_assert(sizeof(struct rt_utsname) == 6 * sizeof(buf->sysname),
	              "six fields of one size");
	if (!uaccess_writable(buf, sizeof(*buf)))
		return -EFAULT;
	memset(buf, 0, sizeof(*buf));
	field = &buf->sysname;
	for (int i = 0; i < 6; i++, field++) {
		size_t n = strlen(p);

		memcpy(*field, p, n);
		p += n + 1;
	}
	return 0;
}

// Waits out the hypervisor's rate limit as a sleep waits (getrandom is a
// slow-path call, which starts a due ISR on its way out): an app interrupt
// ends the wait, with the bytes so far, or -EINTR if none.
static RT_COLD long
getrandom_fill(uint8_t *buf, size_t n, bool block)
{
	size_t done = 0;
	long r;

	for (;;) {
		r = entropy_get(buf + done, n - done, false);
		if (r > 0)
			done += (size_t)r;
		if (done == n || (r < 0 && r != -EAGAIN) || !block)
			break;
		if (irq_wait(
		        time_deadline(time_ns_to_ticks(ENTROPY_RETRY_NS)))) {
			r = -EINTR;
			break;
		}
	}
	return done > 0 ? (long)done : r;
}

long
sys_getrandom(void *buf, size_t len, unsigned int flags)
{
	unsigned int both = RT_GRND_RANDOM | RT_GRND_INSECURE;

	if ((flags & ~(RT_GRND_NONBLOCK | both)) != 0 || (flags & both) == both)
		return -EINVAL;
	if (len > RT_MAX_RW_COUNT)
		len = RT_MAX_RW_COUNT;
	if (len == 0)
		return 0;
	if (!uaccess_writable(buf, len))
		return -EFAULT;
	// The source is there from boot (boot panics without one), but the
	// hypervisor limits how often it answers: GRND_NONBLOCK gets EAGAIN
	// (or the bytes so far) rather than a wait for its next window.
	return getrandom_fill(buf, len, (flags & RT_GRND_NONBLOCK) == 0);
}

static long
futex_check_addr(const uint32_t *uaddr)
{
	if (((uintptr_t)uaddr & 3) != 0)
		return -EINVAL;
	if (!uaccess_readable(uaddr, sizeof(*uaddr)))
		return -EFAULT;
	return 0;
}

// With one thread nothing can wake the waiter but an ISR, which runs only
// once the wait has ended (with EINTR, as Linux ends a wait for a signal
// handler; musl's callers then look at the futex word again). A wait with
// no timeout is nearly always a deadlock (a lock taken twice): it panics,
// naming the address, instead of hanging the VM.
static long
futex_wait(const uint32_t *uaddr, uint32_t val,
           const struct rt_timespec *timeout)
{
	uint64_t ticks = 0;
	uint32_t now;
	long err;

	if (timeout != NULL) {
		err = time_timespec_ticks(timeout, &ticks);
		if (err != 0)
			return err;
	}
	err = futex_check_addr(uaddr);
	if (err == 0)
		err = copy_from_app(&now, uaddr, sizeof(now));
	if (err != 0)
		return err;
	if (now != val)
		return -EAGAIN;
	if (timeout == NULL)
		panic("futex: wait on %p would block forever (single thread)",
		      (const void *)uaddr);
	err = irq_sleep_until(time_deadline(ticks));
	return err != 0 ? err : -ETIMEDOUT;
}

long
sys_futex(uint32_t *uaddr, int op, uint32_t val,
          const struct rt_timespec *timeout, uint32_t *uaddr2, uint32_t val3)
{
	int cmd = op & FUTEX_CMD_MASK;
	long err;

	(void)uaddr2;
	(void)val3;
	// The private flag only tells Linux the futex is not shared between
	// processes, which none is here. CLOCK_REALTIME is for the waits.
	if ((op & RT_FUTEX_CLOCK_REALTIME) != 0 && cmd != RT_FUTEX_WAIT)
		return -ENOSYS;
	switch (cmd) {
	case RT_FUTEX_WAIT:
		return futex_wait(uaddr, val, timeout);
	case RT_FUTEX_WAKE:
		// No waiter can exist while the app runs (see futex_wait).
		err = futex_check_addr(uaddr);
		return err != 0 ? err : 0;
	default:
		return -ENOSYS;
	}
}
