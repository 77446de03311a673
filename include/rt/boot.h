// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef RT_BOOT_H
#define RT_BOOT_H

// The boot stack, also where fatal exceptions report from (entry.S).
#ifndef RT_BOOT_STACK_SIZE
#define RT_BOOT_STACK_SIZE 2048
#endif

#ifndef __ASSEMBLER__
#include <rt/env.h>
#include <rt/types.h>

// What boot learnt, for the code that runs later.
struct boot_info {
	const struct rt_env_data *env;
	uintptr_t runtime_start, runtime_end;
	uintptr_t app_start;
	uintptr_t stack_bottom, stack_top; // the app's initial stack
	uintptr_t heap_end;
};

extern struct boot_info boot_info;

// Fills buf with n bytes from the hypervisor's entropy source, or from a
// counter-based fallback (logged once) when the hypercall fails.
void entropy_get(void *buf, size_t n);

// AT_HWCAP for this CPU, from its ID registers.
uint64_t arch_hwcap(void);

#endif // __ASSEMBLER__
#endif
