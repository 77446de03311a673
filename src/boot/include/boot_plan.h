// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef BOOT_PLAN_H
#define BOOT_PLAN_H

// What each way in (rootvm.c for Gunyah's root VM, image.c for a VM booted
// like Linux) works out about the machine, the app and memory, for the
// part of boot they share (boot.c). Private to src/boot.

#include <rt/auxv.h>
#include <rt/elf.h>
#include <rt/platform.h>
#include <rt/types.h>

struct boot_plan {
	struct platform plat;
	uintptr_t app; // where the app's ELF header is
	struct elf_app_info app_info;
	// The memory syscalls' pool, the app's stack at its bottom.
	uintptr_t heap, heap_end, stack_size;
	// Memory the app may read but not write (the environment data).
	uintptr_t ro_start, ro_end;
	const void *seed; // entropy the platform hands over, or NULL
	size_t seed_len;
	bool hypercalls; // whether a hypervisor answers hvc
	// The unmapped guard right below the app's stack, if any.
	uintptr_t stack_guard;
	struct boot_stack_args args;
};

// Fill in plan (the stack arguments' argv, envp and the app's addresses
// included) or panic, saying what is wrong.
void boot_rootvm(const void *env, uintptr_t base, struct boot_plan *plan);
void boot_image(const void *dt, uintptr_t base, unsigned entry_el,
                struct boot_plan *plan);

// The app's stack size: what its PT_GNU_STACK asks (-z stack-size), else
// `fallback`; panics if that leaves the heap less than `heap_min`.
uintptr_t boot_stack_size(const struct elf_app_info *app, uintptr_t fallback,
                          uintptr_t heap_size, uintptr_t heap_min);

#endif
