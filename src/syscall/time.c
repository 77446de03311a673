// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// Clocks, sleeps and ppoll over the EL1 virtual counter.
//
// Every clock is that counter, counted from its zero. There is no RTC, so
// CLOCK_REALTIME starts at 1970 when the VM starts; nothing suspends the
// VM, so BOOTTIME is MONOTONIC; and with one thread that only leaves the
// CPU to wait for interrupts, the CPU-time clocks are the counter too: they
// over-count by the time spent asleep but never run backwards, which is
// what clock() users need.
//
// An ISR is what a signal handler is to Linux: an interrupt during a
// sleep, ppoll or futex wait ends it with EINTR, and the ISR runs on the way
// back to the app (a relative sleep reports the time left in rem).
//
// Conversions split a count into seconds and a remainder, so that no
// product needs more than 64 bits: a 128-bit division would need libgcc,
// which the runtime does not link.

#include <rt/arch.h>
#include <rt/errno.h>
#include <rt/fd_table.h>
#include <rt/irq.h>
#include <rt/linux.h>
#include <rt/panic.h>
#include <rt/signal.h>
#include <rt/time.h>
#include <rt/uaccess.h>

#include <syscall_table.h>

static RT_COLD long
clock_gettime_any(struct rt_timespec *tp)
{
	struct rt_timespec t = time_ticks_to_timespec(arch_counter());

	return copy_to_app(tp, &t, sizeof(t));
}

long
sys_clock_gettime(int clockid, struct rt_timespec *tp)
{
	uint64_t sec, nsec;

	if ((unsigned int)clockid > RT_CLOCK_BOOTTIME)
		return -EINVAL;
	// The common case with no frame: an aligned timespec in the heap or
	// on the stack, stored as such. Anywhere else it may be misaligned or
	// not the app's: checked and copied the general way.
	if (!uaccess_in_hot((uintptr_t)tp, sizeof(*tp)) ||
	    !RT_IS_ALIGNED((uintptr_t)tp, _Alignof(struct rt_timespec)))
		return clock_gettime_any(tp);
	sec = time_ticks_split(arch_counter(), &nsec);
	tp->tv_sec = (long)sec;
	tp->tv_nsec = (long)nsec;
	return 0;
}

RT_COLD long
sys_clock_getres(int clockid, struct rt_timespec *res)
{
	if ((unsigned int)clockid > RT_CLOCK_BOOTTIME)
		return -EINVAL;
	// Linux lets the app ask only whether the clock exists.
	if (res == NULL)
		return 0;
	return copy_to_app(
	    res,
	    &(struct rt_timespec){
	        (long)(time_resolution_ns() / TIME_NSEC_PER_SEC),
	        (long)(time_resolution_ns() % TIME_NSEC_PER_SEC) },
	    sizeof(*res));
}

RT_COLD long
sys_clock_nanosleep(int clockid, int flags, const struct rt_timespec *req,
                    struct rt_timespec *rem)
{
	bool relative = (flags & RT_TIMER_ABSTIME) == 0;
	struct rt_timespec left = { 0, 0 };
	uint64_t ticks, deadline, now;
	long err;

	// Linux's answers: the coarse and raw clocks cannot be slept on, and
	// a thread's CPU clock is not a valid clock to sleep on at all.
	switch (clockid) {
	case RT_CLOCK_REALTIME:
	case RT_CLOCK_MONOTONIC:
	case RT_CLOCK_PROCESS_CPUTIME_ID:
	case RT_CLOCK_BOOTTIME:
		break;
	case RT_CLOCK_MONOTONIC_RAW:
	case RT_CLOCK_REALTIME_COARSE:
	case RT_CLOCK_MONOTONIC_COARSE:
		return -EOPNOTSUPP;
	default:
		return -EINVAL;
	}
	err = time_timespec_ticks(req, &ticks);
	if (err != 0)
		return err;
	// Linux writes rem only when a signal handler ends the sleep; a full
	// sleep writes 0 here, so the app never reads stale time. A bad
	// pointer is refused before the sleep rather than found after it.
	if (relative && rem != NULL && !uaccess_writable(rem, sizeof(*rem)))
		return -EFAULT;
	deadline = relative ? time_deadline(ticks) : ticks;
	err = irq_sleep_until(deadline);
	now = arch_counter();
	if (err != 0 && now < deadline)
		left = time_ticks_to_timespec(deadline - now);
	if (relative && rem != NULL)
		copy_to_app(rem, &left, sizeof(left));
	return err;
}

RT_COLD long
sys_nanosleep(const struct rt_timespec *req, struct rt_timespec *rem)
{
	return sys_clock_nanosleep(RT_CLOCK_MONOTONIC, 0, req, rem);
}

// What a file is ready for: what its device says, else Linux's answer for
// a device without a poll method (rt/fd.h).
static short
poll_ready(const struct dev_ops *ops)
{
	if (ops->poll != 0)
		return (short)ops->poll;
	return RT_POLLIN | RT_POLLOUT | RT_POLLRDNORM | RT_POLLWRNORM;
}

// Readiness never changes by itself here, so one scan decides: some fd is
// ready, or the call waits for its timeout or an interrupt. An ISR is what
// a signal handler is to Linux, so an interrupt ends the wait with -EINTR,
// which is how RM's ppoll(NULL, 0, NULL) sleeps until its next event. The
// timeout is const in syscalls.tbl: the time left is not written back
// (musl passes a copy anyway).
RT_COLD long
sys_ppoll(struct rt_pollfd *fds, unsigned int nfds,
          const struct rt_timespec *timeout, const void *sigmask,
          size_t sigsetsize)
{
	uint64_t ticks = UINT64_MAX;
	long ready = 0;

	if (timeout != NULL) {
		long err = time_timespec_ticks(timeout, &ticks);

		if (err != 0)
			return err;
	}
	if (sigmask != NULL) {
		uint64_t mask;

		if (sigsetsize != RT_SIGSET_SIZE)
			return -EINVAL;
		if (copy_from_app(&mask, sigmask, sizeof(mask)) != 0)
			return -EFAULT;
		if (signal_wait_mask(mask))
			return -EINTR;
	}
	// Linux's limit is the fd limit (RLIMIT_NOFILE).
	if (nfds > RT_FD_MAX)
		return -EINVAL;
	if (nfds != 0 && !uaccess_writable(fds, nfds * sizeof(*fds)))
		return -EFAULT;
	for (unsigned int i = 0; i < nfds; i++) {
		struct fd_file *f;
		short revents = 0;

		if (fds[i].fd >= 0) {
			f = fd_get(fds[i].fd);
			if (f == NULL)
				revents = RT_POLLNVAL;
			else
				revents =
				    poll_ready(f->ops) &
				    (fds[i].events | RT_POLLERR | RT_POLLHUP);
		}
		fds[i].revents = revents;
		if (revents != 0)
			ready++;
	}
	if (ready != 0 || ticks == 0)
		return ready;
	// An interrupt already due ends it even now, as Linux's poll looks at
	// pending signals before its timeout.
	return irq_wait(time_deadline(ticks)) ? -EINTR : 0;
}
