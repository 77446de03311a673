// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// Signals, as far as raise() and abort() need them, and rt_sigreturn.
//
// Signals only ever come from the app itself (tkill/tgkill). As in Linux, a
// signal that is not blocked is delivered on the way back to the app from
// the syscall that raised or unblocked it: its handler starts as an upcall
// on the app's stack (rt/upcall.h) and returns through rt_sigreturn, which
// also ends the app's ISRs. SA_SIGINFO handlers get (sig, NULL, NULL): there
// is no siginfo or ucontext to show them. The runtime's own return path is
// used, so sa_restorer is never called and reads back as 0. Pending
// signals are a set, so a real-time signal raised twice while blocked
// arrives once. A default action either ignores the signal (SIGCHLD,
// SIGCONT, SIGURG, SIGWINCH) or ends the app with status 128 + sig, what a
// shell reports for a killed process: musl's abort() ends with 134. The
// stop signals end it too, since nothing could ever continue it.

#include <rt/errno.h>
#include <rt/exit.h>
#include <rt/irq.h>
#include <rt/linux.h>
#include <rt/process.h>
#include <rt/signal.h>
#include <rt/string.h>
#include <rt/uaccess.h>
#include <rt/upcall.h>

#include <syscall_table.h>

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
// signal_wait_mask's: the mask to put back after the handler it let run.
static uint64_t sig_wait_saved;
static bool sig_wait_masked;

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

static bool
sig_ignored(int s)
{
	uint64_t h = sig_action(s)->handler;

	return h == RT_SIG_IGN ||
	       (h == RT_SIG_DFL && (SIG_DEFAULT_IGNORED & SIG_BIT(s)) != 0);
}

bool
signal_take(struct signal_due *due)
{
	uint64_t ready;

	// Lowest number first, as Linux picks among the synchronous ones.
	while ((ready = sig.pending & ~sig.blocked) != 0) {
		int s = __builtin_ctzll(ready) + 1;
		struct sig_action a = *sig_action(s);

		sig.pending &= ~SIG_BIT(s);
		if (sig_ignored(s))
			continue;
		if (a.handler == RT_SIG_DFL)
			exit_app(128 + s);
		*due = (struct signal_due){
			.handler = (void *)(uintptr_t)a.handler,
			.sig = (uint32_t)s,
			.blocked =
			    sig_wait_masked ? sig_wait_saved : sig.blocked,
		};
		sig_wait_masked = false;
		// As Linux: the handler's mask and the signal itself (unless
		// SA_NODEFER) are blocked while it runs, SA_RESETHAND makes
		// it one-shot. rt_sigreturn puts `blocked` back.
		sig.blocked |= a.mask;
		if ((a.flags & RT_SA_NODEFER) == 0)
			sig.blocked |= SIG_BIT(s);
		sig.blocked &= ~SIG_UNBLOCKABLE;
		if ((a.flags & RT_SA_RESETHAND) != 0)
			sig_set_action(s, &sig_default);
		return true;
	}
	return false;
}

RT_COLD bool
signal_wait_mask(uint64_t mask)
{
	uint64_t blocked = mask & ~SIG_UNBLOCKABLE;

	if ((sig.pending & ~blocked) == 0)
		return false;
	sig_wait_saved = sig.blocked;
	sig_wait_masked = true;
	sig.blocked = blocked;
	return true;
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
	// Delivered on the way back to the app (src/syscall/entry.c).
	sig.pending |= SIG_BIT(s);
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
	struct rt_sigaction nact, old;
	const struct sig_action *a;

	if (sigsetsize != RT_SIGSET_SIZE)
		return -EINVAL;
	// Both pointers are checked first, so that a fault changes nothing.
	if (act != NULL && copy_from_app(&nact, act, sizeof(nact)) != 0)
		return -EFAULT;
	if (oldact != NULL && !uaccess_writable(oldact, sizeof(old)))
		return -EFAULT;
	if (s < 1 || s > RT_NSIG ||
	    (act != NULL && (SIG_BIT(s) & SIG_UNBLOCKABLE) != 0))
		return -EINVAL;
	a = sig_action(s);
	old = (struct rt_sigaction){
		.handler = a->handler,
		.flags = a->flags,
		.mask = a->mask,
	};
	if (oldact != NULL)
		copy_to_app(oldact, &old, sizeof(old));
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
	uint64_t mask = 0;

	if (sigsetsize != RT_SIGSET_SIZE)
		return -EINVAL;
	if (set != NULL && copy_from_app(&mask, set, RT_SIGSET_SIZE) != 0)
		return -EFAULT;
	if (oldset != NULL && !uaccess_writable(oldset, RT_SIGSET_SIZE))
		return -EFAULT;
	if (set != NULL && (unsigned int)how > RT_SIG_SETMASK)
		return -EINVAL;
	if (oldset != NULL)
		copy_to_app(oldset, &sig.blocked, RT_SIGSET_SIZE);
	if (set == NULL)
		return 0;
	if (how == RT_SIG_BLOCK)
		sig.blocked |= mask;
	else if (how == RT_SIG_UNBLOCK)
		sig.blocked &= ~mask;
	else
		sig.blocked = mask;
	sig.blocked &= ~SIG_UNBLOCKABLE;
	// On the way back from here, musl's raise() and abort() get their
	// signal.
	return 0;
}

long
sys_rt_sigreturn(struct arch_frame *f)
{
	struct upcall_end end;

	upcall_return(f, &end);
	if (end.kind == UPCALL_ISR)
		irq_isr_done(end.id, (end.result & 0xffu) != 0);
	else
		sig.blocked = end.sigmask & ~SIG_UNBLOCKABLE;
	return (long)f->x[0];
}

#ifdef RT_HOST
void
signal_reset_for_test(void)
{
	memset(&sig, 0, sizeof(sig));
	sig_wait_masked = false;
}
#endif
