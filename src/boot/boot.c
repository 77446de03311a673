// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// From entry.S to the app: check what the hypervisor gave us, find the
// app's memory and stack, hand the heap to the memory syscalls, build the
// app's initial stack and jump.

#include <rt/arch.h>
#include <rt/auxv.h>
#include <rt/boot.h>
#include <rt/dev.h>
#include <rt/elf.h>
#include <rt/entropy.h>
#include <rt/env.h>
#include <rt/fd_table.h>
#include <rt/log.h>
#include <rt/mem.h>
#include <rt/panic.h>
#include <rt/string.h>
#include <rt/time.h>
#include <rt/uaccess.h>
#include <rt/upcall.h>

extern char __runtime_end[];
extern uintptr_t __stack_chk_guard;

static void
boot_check_env(const struct rt_env_data *env, uintptr_t base)
{
	struct env_layout where = {
		.env_addr = (uintptr_t)env,
		.runtime_start = base,
		.runtime_end = (uintptr_t)__runtime_end,
	};
	const char *why;

	if (env == NULL || ((uintptr_t)env & 7u) != 0)
		panic("boot: no usable environment data (x0 = %p)", env);
	why = env_check(env, &where);
	if (why != NULL)
		panic("boot: bad environment data at %p: %s (signature %#x, "
		      "version %#x, heap %#lx size %#lx)",
		      env, why, env->signature, env->version,
		      (unsigned long)env->app_heap_ipa,
		      (unsigned long)env->app_heap_size);
}

// The app's stack: what its PT_GNU_STACK asks (-z stack-size), else the
// Gunyah runtime's 16 KiB, at the heap's bottom.
static uintptr_t
boot_stack_size(const struct rt_env_data *env, const struct elf_app_info *app)
{
	uint64_t size = RT_ALIGN_UP(app->stack_size, ENV_PAGE_SIZE);

	if (app->stack_size == 0)
		return ENV_STACK_SIZE;
	if (size < app->stack_size || size > env->app_heap_size ||
	    env->app_heap_size - size < ENV_MIN_HEAP_SIZE - ENV_STACK_SIZE)
		panic("boot: the app asks for a %#lx-byte stack (PT_GNU_STACK) "
		      "and the heap is %#lx bytes",
		      (unsigned long)app->stack_size,
		      (unsigned long)env->app_heap_size);
	return (uintptr_t)size;
}

// What syscalls may touch (rt/uaccess.h).
static void
boot_app_memory(const struct rt_env_data *env, const struct elf_app_info *app,
                uintptr_t heap_end)
{
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
		err = uaccess_add(env->app_ipa + s->start,
		                  env->app_ipa + s->end, perms);
	}
	if (err == 0)
		err = uaccess_add((uintptr_t)env,
		                  (uintptr_t)env + env->rm_config_offset +
		                      env->rm_config_size,
		                  UACCESS_READ);
	if (err == 0)
		err = uaccess_add(env->app_heap_ipa, heap_end,
		                  UACCESS_READ | UACCESS_WRITE);
	if (err != 0)
		panic("boot: the app's segments overlap each other or the "
		      "environment data (%d)",
		      err);
}

// The canary changes here, so this function must not carry one itself.
__attribute__((no_stack_protector)) noreturn void
boot_main(struct rt_env_data *env, uintptr_t base, unsigned long bad_relocs)
{
	struct boot_stack_args args = { 0 };
	struct elf_app_info app;
	const struct log_ring *log;
	const char *why;
	uintptr_t heap, heap_end, stack_top, sp, guard;

	// Before anything that could use DC ZVA, unaligned accesses or
	// exclusives: those fault on Device memory.
	if (!arch_ram_is_normal(base))
		panic("boot: RAM is Device memory (MMU off and HCR_EL2.DC "
		      "clear): the root-VM runtime needs the hypervisor to "
		      "make it Normal");
	string_allow_zero_blocks();
	log_init_early();
	if (bad_relocs != 0)
		panic("boot: %lu relocations are not R_AARCH64_RELATIVE; "
		      "the runtime was linked wrongly",
		      bad_relocs);
	boot_check_env(env, base);
	why = elf_check_app((const void *)env->app_ipa,
	                    (uintptr_t)env - env->app_ipa, &app);
	if (why != NULL)
		panic("boot: bad app ELF at %#lx: %s",
		      (unsigned long)env->app_ipa, why);
	why = entropy_init();
	if (why != NULL)
		panic("boot: %s", why);
	// Through a local: entropy_get's own canary must not change under it.
	entropy_get(&guard, sizeof(guard), true);
	__stack_chk_guard = guard;
	entropy_get(args.random, sizeof(args.random), true);

	heap = env->app_heap_ipa;
	heap_end = heap + env->app_heap_size;
	stack_top = heap + boot_stack_size(env, &app);
	time_init(env->timer_freq);
	dev_init(env);
	fd_init();
	boot_app_memory(env, &app, heap_end);
	mem_init(stack_top, heap_end);

	log = log_current();
	args.app_base = env->app_ipa;
	args.entry = app.entry;
	args.phdr = app.phdr;
	args.phnum = app.phnum;
	args.phent = app.phent;
	args.hwcap = arch_hwcap();
	args.rm_config = (uintptr_t)env + env->rm_config_offset;
	args.log_addr = (uintptr_t)log;
	args.log_size = log_total_size(log);
	sp = boot_build_stack(stack_top, heap, &args);
	if (sp == 0)
		panic("boot: the app's initial stack does not fit");
	upcall_init(heap, stack_top);
	arch_enter_app(env->app_ipa + app.entry, sp);
}
