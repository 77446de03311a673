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

#endif
