// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef RT_IRQ_H
#define RT_IRQ_H

#include <rt/arch.h>
#include <rt/types.h>

#define IRQ_WAIT_FOREVER UINT64_MAX

// Called by the IRQ vector with the interrupted context.
void irq_vector_handle(struct arch_frame *frame);

// Waits with interrupts masked, dispatching each interrupt to the app's
// ISRs as it comes, until one was dispatched (returns true) or the virtual
// counter reaches deadline (returns false). The runtime's own timer
// interrupt that ends the wait is not an app interrupt.
bool irq_wait(uint64_t deadline);

#endif
