// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// From entry.S to the app: check what the hypervisor gave us, hand the heap
// to the memory syscalls, build the app's stack and jump.

#include <rt/arch.h>
#include <rt/auxv.h>
#include <rt/boot.h>
#include <rt/dev.h>
#include <rt/elf.h>
#include <rt/env.h>
#include <rt/exception.h>
#include <rt/fd_table.h>
#include <rt/log.h>
#include <rt/mem.h>
#include <rt/panic.h>
#include <rt/time.h>
#include <rt/uaccess.h>

extern char __runtime_end[];
extern char arch_boot_stack_top[];
extern uintptr_t __stack_chk_guard;

struct boot_info boot_info;
uintptr_t arch_stack_limit;

noreturn void boot_main(struct rt_env_data *env, uintptr_t base,
                        unsigned long bad_relocs);
noreturn void arch_enter_app(uintptr_t entry, uintptr_t sp);

static bool
boot_on_boot_stack(uintptr_t addr)
{
	uintptr_t top = (uintptr_t)arch_boot_stack_top;

	return addr < top && addr >= top - RT_BOOT_STACK_SIZE;
}

bool
panic_addr_ok(uintptr_t addr)
{
	// Frame records live on the app's stack or the boot stack.
	if (addr >= boot_info.stack_bottom && addr < boot_info.stack_top)
		return true;
	return boot_on_boot_stack(addr);
}

// Less than this left above the bottom of the app's stack looks like the
// overflow that may have caused the panic.
#define PANIC_CONSOLE_STACK_MIN 1024u

bool
panic_console_stack(uintptr_t sp)
{
	// Not on the boot stack: app code runs below us, as it always does.
	if (!boot_on_boot_stack((uintptr_t)__builtin_frame_address(0)))
		return true;
	sp = RT_ALIGN_DOWN(sp, 16);
	if (sp < boot_info.stack_bottom + PANIC_CONSOLE_STACK_MIN ||
	    sp > boot_info.stack_top)
		return false;
	arch_call_app_sp = sp;
	return true;
}

void
arch_stack_below_limit(const struct arch_frame *f)
{
	uintptr_t frame = (uintptr_t)f, env = (uintptr_t)boot_info.env;

	// Right under the stack lies the environment data: nothing but an
	// overflow puts a stack there.
	if (frame >= env && frame < boot_info.stack_bottom)
		panic_frame(f,
		            "stack overflow: sp %#lx is below the app's stack "
		            "[%#lx, %#lx), over the environment data",
		            (unsigned long)f->sp,
		            (unsigned long)boot_info.stack_bottom,
		            (unsigned long)boot_info.stack_top);
	// The app runs on a stack of its own further down: stop checking.
	arch_stack_limit = 0;
}

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

// The canary changes here, so this function must not carry one itself.
__attribute__((no_stack_protector)) noreturn void
boot_main(struct rt_env_data *env, uintptr_t base, unsigned long bad_relocs)
{
	struct boot_stack_args args = { 0 };
	struct elf_app_info app;
	const struct log_ring *log;
	const char *why;
	uintptr_t heap, sp, guard;

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

	heap = env->app_heap_ipa;
	boot_info = (struct boot_info){
		.env = env,
		.runtime_start = base,
		.runtime_end = (uintptr_t)__runtime_end,
		.app_start = env->app_ipa,
		.stack_bottom = heap,
		.stack_top = heap + ENV_STACK_SIZE,
		.heap_end = heap + env->app_heap_size,
	};
	// Through a local: entropy_get's own canary must not change under it.
	entropy_get(&guard, sizeof(guard));
	__stack_chk_guard = guard;
	entropy_get(args.random, sizeof(args.random));

	time_init(env->timer_freq);
	dev_init(env);
	fd_init();
	uaccess_init(env->app_ipa, boot_info.heap_end);
	mem_init(boot_info.stack_top, boot_info.heap_end);

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
	sp = boot_build_stack(boot_info.stack_top, boot_info.stack_bottom,
	                      &args);
	if (sp == 0)
		panic("boot: the app's initial stack does not fit");
	arch_stack_limit = boot_info.stack_bottom;
	arch_enter_app(env->app_ipa + app.entry, sp);
}
