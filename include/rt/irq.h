// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef RT_IRQ_H
#define RT_IRQ_H

// The app's ISR table and the dispatch loop (src/dev/irq.c).

#include <rt/arch.h>
#include <rt/errno.h>
#include <rt/types.h>

#define IRQ_WAIT_FOREVER UINT64_MAX

// An ISR that is due: bool fn(uint32_t intid, void *data), app code.
struct irq_isr {
	void *fn;
	void *data;
	uint32_t intid;
};

// 0, -EBUSY if intid has an ISR, -ENOMEM if the table is full.
int irq_register(uint32_t intid, void *isr, void *data);
// 0, or -ENOENT if intid has no ISR.
int irq_deregister(uint32_t intid);

// The app's enable and disable (gicv3_enable, gicv3_disable), which an
// interrupt put off while its ISR runs takes once the ISR ends.
int irq_enable(uint32_t intid);
int irq_disable(uint32_t intid);

// The IRQ vector's part: starts a dispatch loop, which takes interrupts
// until one has an ISR to run.
void irq_vector_handle(void);

// The ISR that is due, if any (then true, and it is no longer due).
bool irq_take(struct irq_isr *isr);

// The ISR of intid returned `handled`; the dispatch loop goes on.
void irq_isr_done(uint32_t intid, bool handled);

// Ends the interrupts of the ISRs the app left by longjmp (the entry code
// calls it once upcall_enter has forgotten them).
void irq_release_left(void);

// Waits with interrupts masked until an app interrupt has been taken and
// its ISR is due (true), or the virtual counter reaches deadline (false).
// The runtime's own timer interrupt that ends the wait is not an app
// interrupt.
bool irq_wait(uint64_t deadline);

// A sleep until the virtual counter reaches deadline: 0, or -EINTR once an
// app interrupt has been taken (its ISR starts on the way back to the app,
// which is what ends Linux's sleeps and waits with EINTR). A deadline
// already past is 0 at once, as Linux's expired timer is.
static inline long
irq_sleep_until(uint64_t deadline)
{
	if (arch_counter() >= deadline)
		return 0;
	return irq_wait(deadline) ? -EINTR : 0;
}

#ifdef RT_HOST
void irq_reset_for_test(void);
#endif

#endif
