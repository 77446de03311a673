// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The process: one thread (tid = pid = 1), user and group 0, exit through
// the app's exit hook, and signals as far as raise() and abort() need them.
//
// Signals only ever come from the app itself (tkill/tgkill), so each is
// delivered inside a syscall: at once when it is not blocked, else when
// rt_sigprocmask unblocks it. A handler is called as an ordinary function
// through arch_call_app, which also gives SA_SIGINFO handlers (sig, NULL,
// NULL): there is no siginfo or ucontext to show them. Handlers return to
// the runtime, so sa_restorer is never used and reads back as 0. Pending
// signals are a set, so a real-time signal raised twice while blocked
// arrives once. A default action either ignores the signal (SIGCHLD,
// SIGCONT, SIGURG, SIGWINCH) or ends the app with status 128 + sig, what a
// shell reports for a killed process: musl's abort() ends with 134. The
// stop signals end it too, since nothing could ever continue it.

#include <rt/arch.h>
#include <rt/boot.h>
#include <rt/errno.h>
#include <rt/exit.h>
#include <rt/fd_table.h>
#include <rt/irq.h>
#include <rt/panic.h>
#include <rt/string.h>
#include <rt/uaccess.h>

#define PROCESS_ID 1

#define SIG_BIT(sig) (UINT64_C(1) << ((sig)-1))
// Neither can be caught, blocked or ignored.
#define SIG_UNBLOCKABLE (SIG_BIT(RT_SIGKILL) | SIG_BIT(RT_SIGSTOP))
#define SIG_DEFAULT_IGNORED                                               \
	(SIG_BIT(RT_SIGCHLD) | SIG_BIT(RT_SIGCONT) | SIG_BIT(RT_SIGURG) | \
	 SIG_BIT(RT_SIGWINCH))

// The sa_flags Linux keeps (UAPI_SA_FLAGS on arm64); it clears the others
// so that apps can probe for support.
#define SA_KNOWN                                                       \
	(0x1 /* NOCLDSTOP */ | 0x2 /* NOCLDWAIT */ | RT_SA_SIGINFO |   \
	 0x800 /* EXPOSE_TAGBITS */ | RT_SA_RESTORER | RT_SA_ONSTACK | \
	 RT_SA_RESTART | RT_SA_NODEFER | RT_SA_RESETHAND)

#define FUTEX_CMD_MASK (~(RT_FUTEX_PRIVATE_FLAG | RT_FUTEX_CLOCK_REALTIME))

#ifndef RT_SIG_ACTIONS
#define RT_SIG_ACTIONS 16
#endif

// Only signals whose action is not SIG_DFL take a slot: runtime memory is
// the app's heap, and apps install few handlers. handler 0 (SIG_DFL) marks
// a free slot.
struct sig_action {
	uint64_t handler;
	uint64_t mask;
	uint32_t flags;
	uint32_t sig;
};

static struct {
	struct sig_action action[RT_SIG_ACTIONS];
	uint64_t blocked;
	uint64_t pending;
} sig;

static const struct sig_action sig_default;

static const struct sig_action *
sig_action(int s)
{
	for (size_t i = 0; i < RT_ARRAY_SIZE(sig.action); i++) {
		if (sig.action[i].handler != RT_SIG_DFL &&
		    sig.action[i].sig == (uint32_t)s)
			return &sig.action[i];
	}
	return &sig_default;
}

// Replaces the action of s; false when a new one finds no free slot.
static bool
sig_set_action(int s, const struct sig_action *a)
{
	struct sig_action *found = NULL, *free = NULL;

	for (size_t i = 0; i < RT_ARRAY_SIZE(sig.action); i++) {
		struct sig_action *e = &sig.action[i];

		if (e->handler == RT_SIG_DFL) {
			if (free == NULL)
				free = e;
		} else if (e->sig == (uint32_t)s) {
			found = e;
		}
	}
	if (found == NULL)
		found = free;
	if (found == NULL)
		return a->handler == RT_SIG_DFL;
	*found = *a;
	found->sig = (uint32_t)s;
	return true;
}

// The one futex waiter there can be at a time (an ISR's wait nests inside
// the main program's): a FUTEX_WAKE on its address ends its wait.
static struct {
	const uint32_t *addr;
	bool woken;
} futex_waiter;

static int *clear_child_tid;

#ifdef RT_HOST
void
process_reset_for_test(void)
{
	memset(&sig, 0, sizeof(sig));
	futex_waiter.addr = NULL;
	futex_waiter.woken = false;
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
sys_uname(struct utsname *buf)
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

	static_assert(sizeof(struct utsname) == 6 * sizeof(buf->sysname),
	              "six fields of one size");
	if (!uaccess_ok(buf, sizeof(*buf)))
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
	if (!uaccess_ok(buf, len))
		return -EFAULT;
	// The hypervisor's source is ready from boot: nothing ever blocks.
	entropy_get(buf, len);
	return (long)len;
}

static long
futex_check_addr(const uint32_t *uaddr)
{
	if (((uintptr_t)uaddr & 3) != 0)
		return -EINVAL;
	if (!uaccess_ok(uaddr, sizeof(*uaddr)))
		return -EFAULT;
	return 0;
}

// With one thread, only an ISR could wake the waiter, so a wait with no
// timeout is nearly always a deadlock (a lock taken twice): it panics,
// naming the address, instead of hanging the VM.
static long
futex_wait(const uint32_t *uaddr, uint32_t val, const struct timespec *timeout)
{
	uint64_t ticks = 0, deadline;
	const uint32_t *outer_addr = futex_waiter.addr;
	bool outer_woken = futex_waiter.woken, woken;
	long err;

	if (timeout != NULL) {
		err = time_timespec_ticks(timeout, &ticks);
		if (err != 0)
			return err;
	}
	err = futex_check_addr(uaddr);
	if (err != 0)
		return err;
	if (*(const volatile uint32_t *)uaddr != val)
		return -EAGAIN;
	if (timeout == NULL)
		panic("futex: wait on %p would block forever (single thread)",
		      (const void *)uaddr);
	deadline = time_deadline(ticks);
	futex_waiter.addr = uaddr;
	futex_waiter.woken = false;
	while (!futex_waiter.woken && arch_counter() < deadline)
		irq_wait(deadline);
	woken = futex_waiter.woken;
	futex_waiter.addr = outer_addr;
	futex_waiter.woken = outer_woken;
	return woken ? 0 : -ETIMEDOUT;
}

long
sys_futex(uint32_t *uaddr, int op, uint32_t val, const struct timespec *timeout,
          uint32_t *uaddr2, uint32_t val3)
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
		err = futex_check_addr(uaddr);
		if (err != 0)
			return err;
		if (uaddr != futex_waiter.addr || futex_waiter.woken ||
		    (int)val <= 0)
			return 0;
		futex_waiter.woken = true;
		return 1;
	default:
		return -ENOSYS;
	}
}

static bool
sig_ignored(int s)
{
	uint64_t h = sig_action(s)->handler;

	return h == RT_SIG_IGN ||
	       (h == RT_SIG_DFL && (SIG_DEFAULT_IGNORED & SIG_BIT(s)) != 0);
}

static void
sig_deliver(int s)
{
	struct sig_action a = *sig_action(s);
	uint64_t saved;

	if (sig_ignored(s))
		return;
	if (a.handler == RT_SIG_DFL)
		exit_app(128 + s);
	// As Linux: the handler's mask and the signal itself (unless
	// SA_NODEFER) are blocked while it runs, SA_RESETHAND makes it
	// one-shot.
	saved = sig.blocked;
	sig.blocked |= a.mask;
	if ((a.flags & RT_SA_NODEFER) == 0)
		sig.blocked |= SIG_BIT(s);
	sig.blocked &= ~SIG_UNBLOCKABLE;
	if ((a.flags & RT_SA_RESETHAND) != 0)
		sig_set_action(s, &sig_default);
	arch_call_app((void *)(uintptr_t)a.handler, s, 0);
	sig.blocked = saved;
}

// Delivers every pending signal that is not blocked, lowest number first,
// including those a handler raised meanwhile.
static void
sig_flush(void)
{
	uint64_t ready;

	while ((ready = sig.pending & ~sig.blocked) != 0) {
		int s = __builtin_ctzll(ready) + 1;

		sig.pending &= ~SIG_BIT(s);
		sig_deliver(s);
	}
}

static long
sig_send(int s)
{
	if (s == 0)
		return 0;
	if (s < 0 || s > RT_NSIG)
		return -EINVAL;
	// A blocked signal stays pending even if ignored now: the handler may
	// change before it is unblocked.
	if ((sig.blocked & SIG_BIT(s)) == 0 && sig_ignored(s))
		return 0;
	sig.pending |= SIG_BIT(s);
	sig_flush();
	return 0;
}

long
sys_tkill(int tid, int s)
{
	if (tid <= 0)
		return -EINVAL;
	if (tid != PROCESS_ID)
		return -ESRCH;
	return sig_send(s);
}

long
sys_tgkill(int tgid, int tid, int s)
{
	if (tgid <= 0 || tid <= 0)
		return -EINVAL;
	if (tgid != PROCESS_ID || tid != PROCESS_ID)
		return -ESRCH;
	return sig_send(s);
}

long
sys_rt_sigaction(int s, const void *act, void *oldact, size_t sigsetsize)
{
	struct rt_sigaction nact, *old = oldact;

	if (sigsetsize != RT_SIGSET_SIZE)
		return -EINVAL;
	// Both pointers are checked first, so that a fault changes nothing.
	if (act != NULL && !uaccess_ok(act, sizeof(nact)))
		return -EFAULT;
	if (old != NULL && !uaccess_ok(old, sizeof(*old)))
		return -EFAULT;
	if (s < 1 || s > RT_NSIG ||
	    (act != NULL && (SIG_BIT(s) & SIG_UNBLOCKABLE) != 0))
		return -EINVAL;
	if (act != NULL)
		memcpy(&nact, act, sizeof(nact));
	if (old != NULL) {
		const struct sig_action *a = sig_action(s);

		*old = (struct rt_sigaction){
			.handler = a->handler,
			.flags = a->flags,
			.mask = a->mask,
		};
	}
	if (act == NULL)
		return 0;
	if (!sig_set_action(s, &(struct sig_action){
	                           .handler = nact.handler,
	                           .flags = (uint32_t)(nact.flags & SA_KNOWN),
	                           .mask = nact.mask & ~SIG_UNBLOCKABLE,
	                       }))
		return -ENOMEM;
	// POSIX: setting a pending signal to be ignored discards it.
	if (sig_ignored(s))
		sig.pending &= ~SIG_BIT(s);
	return 0;
}

long
sys_rt_sigprocmask(int how, const void *set, void *oldset, size_t sigsetsize)
{
	uint64_t mask;

	if (sigsetsize != RT_SIGSET_SIZE)
		return -EINVAL;
	if (set != NULL && !uaccess_ok(set, RT_SIGSET_SIZE))
		return -EFAULT;
	if (oldset != NULL && !uaccess_ok(oldset, RT_SIGSET_SIZE))
		return -EFAULT;
	if (set != NULL && (unsigned int)how > RT_SIG_SETMASK)
		return -EINVAL;
	if (oldset != NULL)
		memcpy(oldset, &sig.blocked, RT_SIGSET_SIZE);
	if (set == NULL)
		return 0;
	memcpy(&mask, set, RT_SIGSET_SIZE);
	if (how == RT_SIG_BLOCK)
		sig.blocked |= mask;
	else if (how == RT_SIG_UNBLOCK)
		sig.blocked &= ~mask;
	else
		sig.blocked = mask;
	sig.blocked &= ~SIG_UNBLOCKABLE;
	// This is where musl's raise() and abort() get their signal.
	sig_flush();
	return 0;
}
