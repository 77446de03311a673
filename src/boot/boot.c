// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// From entry.S to the app. x0 says how the runtime was started: Gunyah's
// environment data (rootvm.c) or a device tree (image.c); either fills in
// a boot plan, and the rest is the same: randomness, the devices, what the
// app's syscalls may touch, the heap, the app's initial stack, the jump.

#include <rt/arch.h>
#include <rt/auxv.h>
#include <rt/boot.h>
#include <rt/dev.h>
#include <rt/entropy.h>
#include <rt/env.h>
#include <rt/fd_table.h>
#include <rt/fdt.h>
#include <rt/log.h>
#include <rt/mem.h>
#include <rt/panic.h>
#include <rt/string.h>
#include <rt/time.h>
#include <rt/uaccess.h>
#include <rt/upcall.h>

#include <boot_plan.h>

uintptr_t
boot_stack_size(const struct elf_app_info *app, uintptr_t fallback,
                uintptr_t heap_size, uintptr_t heap_min)
{
	uint64_t size = RT_ALIGN_UP(app->stack_size, (uint64_t)4096);

	if (app->stack_size == 0)
		size = fallback;
	if (size < app->stack_size || size > heap_size ||
	    heap_size - size < heap_min)
		panic("boot: the app asks for a %#lx-byte stack (PT_GNU_STACK) "
		      "and the heap is %#lx bytes",
		      (unsigned long)size, (unsigned long)heap_size);
	return (uintptr_t)size;
}

// What syscalls may touch (rt/uaccess.h): the app's segments with their
// permissions, the read-only region, the heap with the stack.
static void
boot_app_memory(const struct boot_plan *p)
{
	const struct elf_app_info *app = &p->app_info;
	int err = 0;

	uaccess_reset();
	for (unsigned i = 0; i < app->nseg && err == 0; i++) {
		const struct elf_segment *s = &app->seg[i];
		unsigned perms = 0;

		if (s->flags & ELF_PF_R)
			perms |= UACCESS_READ;
		if (s->flags & ELF_PF_W)
			perms |= UACCESS_READ | UACCESS_WRITE;
		if (s->flags & ELF_PF_X)
			perms |= UACCESS_EXEC;
		err = uaccess_add(p->app + s->start, p->app + s->end, perms);
	}
	if (err == 0 && p->ro_end > p->ro_start)
		err = uaccess_add(p->ro_start, p->ro_end, UACCESS_READ);
	if (err == 0)
		err = uaccess_add(p->heap, p->heap_end,
		                  UACCESS_READ | UACCESS_WRITE);
	if (err != 0)
		panic("boot: the app's segments overlap each other or the "
		      "runtime's other regions (%d)",
		      err);
}

// The canary changes here, so this function must not carry one itself.
__attribute__((no_stack_protector)) static noreturn void
boot_finish(struct boot_plan *p)
{
	struct boot_stack_args *args = &p->args;
	uintptr_t stack_top = p->heap + p->stack_size, sp, guard;
	const char *why;

	why = entropy_init(p->hypercalls, p->seed, p->seed_len);
	if (why != NULL)
		panic("boot: %s", why);
	// Through a local: entropy_get's own canary must not change under it.
	entropy_get(&guard, sizeof(guard), true);
	__stack_chk_guard = guard;
	entropy_get(args->random, sizeof(args->random), true);

	time_init(p->plat.timer_freq);
	dev_init(&p->plat);
	fd_init();
	boot_app_memory(p);
	mem_init(stack_top, p->heap_end);

	args->app_base = p->app;
	args->entry = p->app_info.entry;
	args->phdr = p->app_info.phdr;
	args->phnum = p->app_info.phnum;
	args->phent = p->app_info.phent;
	args->hwcap = arch_hwcap();
	sp = boot_build_stack(stack_top, p->heap, args);
	if (sp == 0)
		panic("boot: the app's initial stack does not fit");
	upcall_init(p->heap, stack_top, p->stack_guard);
	arch_enter_app(p->app + p->app_info.entry, sp);
}

noreturn void
boot_main(void *x0, uintptr_t base, unsigned long bad_relocs, unsigned entry_el)
{
	static struct boot_plan plan;
	uint32_t magic = 0;

	if (bad_relocs != 0)
		panic("boot: %lu relocations are not R_AARCH64_RELATIVE; "
		      "the runtime was linked wrongly",
		      bad_relocs);
	// An aligned 32-bit read: fine on Device memory too. With the caches
	// off it sees memory, so the lines a loader may have left dirty over
	// a device tree's header (magic, totalsize) are cleaned first
	// (boot_image cleans the rest).
	if (x0 != NULL && RT_IS_ALIGNED((uintptr_t)x0, 8)) {
		arch_cache_clean_invalidate((uintptr_t)x0, 8);
		magic = *(const volatile uint32_t *)x0;
	}
	if (magic == ENV_SIGNATURE)
		boot_rootvm(x0, base, &plan);
	else if (__builtin_bswap32(magic) == FDT_MAGIC)
		boot_image(x0, base, entry_el, &plan);
	else
		panic("boot: x0 = %p is neither Gunyah's environment data nor "
		      "a device tree (first word %#x)",
		      x0, magic);
	boot_finish(&plan);
}
