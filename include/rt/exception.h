// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef RT_EXCEPTION_H
#define RT_EXCEPTION_H

#include <rt/arch.h>
#include <rt/types.h>

const char *exception_class_name(uint64_t esr);
const char *exception_fault_status_name(uint64_t esr);

// Called by the vectors for every exception that is not a syscall or an IRQ.
// kind: bits 0-1 synchronous/IRQ/FIQ/SError, bits 2-3 where it came from.
noreturn void arch_unexpected_exception(const struct arch_frame *f,
                                        unsigned kind);

// The lowest sp the vectors accept without asking arch_stack_below_limit
// (the bottom of the app's stack; 0 turns the check off).
extern uintptr_t arch_stack_limit;

// Called by the vectors when the frame they pushed lies below
// arch_stack_limit: panics if that is a stack overflow.
void arch_stack_below_limit(const struct arch_frame *f);

#endif
