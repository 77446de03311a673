// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// Where the vectors' slow paths land (src/arch/aarch64/vectors.S): every
// exception from the app that is not a plain syscall on the fast path. On
// the way back to the app, an ISR or signal handler that is due starts
// (rt/upcall.h), the way Linux delivers signals on return to user space.

#include <rt/config.h>
#include <rt/exception.h>
#include <rt/irq.h>
#include <rt/panic.h>
#include <rt/signal.h>
#include <rt/uaccess.h>
#include <rt/upcall.h>

#include <syscall_table.h>

static void
entry_deliver(struct arch_frame *f)
{
	struct signal_due sd;
	struct irq_isr isr;

	if (irq_take(&isr)) {
		upcall_start(f, UPCALL_ISR, isr.intid, isr.fn, isr.intid,
		             (uintptr_t)isr.data, true, 0);
	} else if (signal_take(&sd)) {
		// Linux takes any address at sigaction and faults at delivery;
		// here a jump to it could land in the runtime, at EL1.
		if (!uaccess_executable(sd.handler))
			panic_frame(
			    f,
			    "signal %u: its handler %p is not the app's "
			    "code",
			    sd.sig, sd.handler);
		// A handler runs with interrupts as the code it interrupts.
		upcall_start(f, UPCALL_SIGNAL, sd.sig, sd.handler, sd.sig, 0,
		             (f->spsr & ARCH_SPSR_I) != 0, sd.blocked);
	}
}

void
rt_sync_entry(struct arch_frame *f)
{
	upcall_enter(f);
	irq_release_left();
	// Every ISR and signal handler ends with rt_sigreturn: straight to
	// its handler, not through the table's lookup (the trace shows it).
	if (!RT_SYSCALL_TRACE && (uint32_t)f->esr == ARCH_ESR_SVC_IMM0 &&
	    f->x[8] == SYSCALL_NR_rt_sigreturn) {
		f->x[0] = (uint64_t)sys_rt_sigreturn(f);
	} else if ((uint32_t)f->esr == ARCH_ESR_SVC_IMM0) {
		f->x[0] =
		    (uint64_t)(RT_SYSCALL_TRACE ? syscall_dispatch_traced(f)
		                                : syscall_dispatch_slow(f));
	} else if (ARCH_ESR_EC(f->esr) == ARCH_EC_FP_TRAP) {
		upcall_fp_trap();
	} else {
		upcall_check_guard(f);
		fault_report(f, EXCEPTION_SYNC | EXCEPTION_FROM_EL1T);
	}
	entry_deliver(f);
}

void
rt_irq_entry(struct arch_frame *f)
{
	upcall_enter(f);
	irq_vector_handle();
	entry_deliver(f);
}
