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
// Sleeps wait for interrupts until the deadline: the app's ISRs run during
// a sleep, but unlike a Linux signal handler they do not cut it short.
//
// Conversions split a count into seconds and a remainder, so that no
// product needs more than 64 bits: a 128-bit division would need libgcc,
// which the runtime does not link.

#include <rt/arch.h>
#include <rt/errno.h>
#include <rt/fd_table.h>
#include <rt/irq.h>
#include <rt/panic.h>
#include <rt/time.h>
#include <rt/uaccess.h>

#define NSEC ((uint64_t)RT_NSEC_PER_SEC)

// The remainder products (below NSEC * freq) must fit in 64 bits.
#define TIME_FREQ_MAX UINT64_C(16000000000)

static uint64_t time_freq;
static uint64_t time_res_ns;

void
time_init(uint64_t freq)
{
	if (freq == 0 || freq > TIME_FREQ_MAX)
		panic("time: counter frequency %lu Hz is out of range",
		      (unsigned long)freq);
	time_freq = freq;
	time_res_ns = (NSEC + freq - 1) / freq;
}

uint64_t
time_ticks_to_ns(uint64_t ticks)
{
	uint64_t sec = ticks / time_freq;
	uint64_t rem = ticks - sec * time_freq;
	uint64_t ns;

	if (__builtin_mul_overflow(sec, NSEC, &ns) ||
	    __builtin_add_overflow(ns, rem * NSEC / time_freq, &ns))
		return UINT64_MAX;
	return ns;
}

// sec seconds and nsec (< NSEC) nanoseconds in ticks, rounded up so that a
// sleep never ends early, saturating.
static uint64_t
time_split_to_ticks(uint64_t sec, uint64_t nsec)
{
	uint64_t ticks;

	if (__builtin_mul_overflow(sec, time_freq, &ticks) ||
	    __builtin_add_overflow(ticks, (nsec * time_freq + NSEC - 1) / NSEC,
	                           &ticks))
		return UINT64_MAX;
	return ticks;
}

uint64_t
time_ns_to_ticks(uint64_t ns)
{
	return time_split_to_ticks(ns / NSEC, ns % NSEC);
}

long
time_timespec_ticks(const struct timespec *ts, uint64_t *ticks)
{
	long sec, nsec;

	if (!uaccess_ok(ts, sizeof(*ts)))
		return -EFAULT;
	sec = ts->tv_sec;
	nsec = ts->tv_nsec;
	if (sec < 0 || (unsigned long)nsec >= NSEC)
		return -EINVAL;
	*ticks = time_split_to_ticks((uint64_t)sec, (uint64_t)nsec);
	return 0;
}

uint64_t
time_deadline(uint64_t ticks)
{
	uint64_t deadline;

	if (__builtin_add_overflow(arch_counter(), ticks, &deadline))
		return IRQ_WAIT_FOREVER;
	return deadline;
}

static void
time_sleep_until(uint64_t deadline)
{
	// irq_wait returns after each app interrupt; the sleep goes on.
	while (arch_counter() < deadline)
		irq_wait(deadline);
}

long
sys_clock_gettime(int clockid, struct timespec *tp)
{
	uint64_t now, sec;

	if ((unsigned int)clockid > RT_CLOCK_BOOTTIME)
		return -EINVAL;
	if (!uaccess_ok(tp, sizeof(*tp)))
		return -EFAULT;
	now = arch_counter();
	sec = now / time_freq;
	tp->tv_sec = (long)sec;
	tp->tv_nsec = (long)((now - sec * time_freq) * NSEC / time_freq);
	return 0;
}

long
sys_clock_getres(int clockid, struct timespec *res)
{
	if ((unsigned int)clockid > RT_CLOCK_BOOTTIME)
		return -EINVAL;
	// Linux lets the app ask only whether the clock exists.
	if (res == NULL)
		return 0;
	if (!uaccess_ok(res, sizeof(*res)))
		return -EFAULT;
	res->tv_sec = (long)(time_res_ns / NSEC);
	res->tv_nsec = (long)(time_res_ns % NSEC);
	return 0;
}

long
sys_clock_nanosleep(int clockid, int flags, const struct timespec *req,
                    struct timespec *rem)
{
	bool relative = (flags & RT_TIMER_ABSTIME) == 0;
	uint64_t ticks;
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
	// Linux only writes rem after a signal, which never ends a sleep
	// here; we write 0 so the app never reads stale time. A bad pointer
	// is refused before the sleep rather than found after it.
	if (relative && rem != NULL && !uaccess_ok(rem, sizeof(*rem)))
		return -EFAULT;
	time_sleep_until(relative ? time_deadline(ticks) : ticks);
	if (relative && rem != NULL)
		*rem = (struct timespec){ 0, 0 };
	return 0;
}

long
sys_nanosleep(const struct timespec *req, struct timespec *rem)
{
	return sys_clock_nanosleep(RT_CLOCK_MONOTONIC, 0, req, rem);
}

// What a file is ready for. The tty takes output at once and never has
// input; the other nodes answer as Linux answers for a device without a
// poll method: ready both ways (read and write then say what they can do).
static short
poll_ready(const struct dev_ops *ops)
{
	if (ops == &dev_tty_ops)
		return RT_POLLOUT | RT_POLLWRNORM;
	return RT_POLLIN | RT_POLLOUT | RT_POLLRDNORM | RT_POLLWRNORM;
}

// Readiness never changes by itself here, so one scan decides: some fd is
// ready, or the call waits for its timeout or an interrupt. An ISR is what
// a signal handler is to Linux, so an interrupt ends the wait with -EINTR,
// which is how RM's ppoll(NULL, 0, NULL) sleeps until its next event. The
// timeout is const in syscalls.tbl: the time left is not written back
// (musl passes a copy anyway).
long
sys_ppoll(struct pollfd *fds, unsigned int nfds, const struct timespec *timeout,
          const void *sigmask, size_t sigsetsize)
{
	uint64_t ticks = UINT64_MAX, deadline;
	long ready = 0;

	if (timeout != NULL) {
		long err = time_timespec_ticks(timeout, &ticks);

		if (err != 0)
			return err;
	}
	// No signal can arrive during the wait, so the mask has nothing to
	// change, but a bad one is still the app's bug.
	if (sigmask != NULL) {
		if (sigsetsize != RT_SIGSET_SIZE)
			return -EINVAL;
		if (!uaccess_ok(sigmask, RT_SIGSET_SIZE))
			return -EFAULT;
	}
	// Linux's limit is the fd limit (RLIMIT_NOFILE).
	if (nfds > RT_FD_MAX)
		return -EINVAL;
	if (nfds != 0 && !uaccess_ok(fds, nfds * sizeof(*fds)))
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
	deadline = time_deadline(ticks);
	for (;;) {
		if (irq_wait(deadline))
			return -EINTR;
		if (arch_counter() >= deadline)
			return 0;
	}
}
