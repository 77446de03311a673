// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef RT_EXCEPTION_H
#define RT_EXCEPTION_H

// What the vectors (src/arch/aarch64/vectors.S) call, and how they name an
// exception: bits 0-1 synchronous/IRQ/FIQ/SError, bits 2-3 where it came
// from. Assembly includes this file for the constants.
#define EXCEPTION_SYNC         0
#define EXCEPTION_IRQ          1
#define EXCEPTION_FIQ          2
#define EXCEPTION_SERROR       3
#define EXCEPTION_FROM_EL1T    0
#define EXCEPTION_FROM_EL1H    4
#define EXCEPTION_FROM_LOWER64 8
#define EXCEPTION_FROM_LOWER32 12

#ifndef __ASSEMBLER__
#include <rt/arch.h>
#include <rt/types.h>

// Every exception from the app that is not a plain syscall on the fast
// path (src/syscall/entry.c).
void rt_sync_entry(struct arch_frame *f);
// An IRQ that interrupted the app.
void rt_irq_entry(struct arch_frame *f);

// Every exception that is neither: reports it and stops the VM
// (src/core/fault.c).
noreturn void fault_report(const struct arch_frame *f, unsigned kind);
#endif

#endif
