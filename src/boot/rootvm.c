// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The root VM of Gunyah (docs/gunyah.md): the hypervisor loaded the app
// beside the runtime and left x0 = its environment data, with memory made
// Normal by HCR_EL2.DC and the MMU off (Gunyah refuses it).

#include <rt/arch.h>
#include <rt/config.h>
#include <rt/dev.h>
#include <rt/env.h>
#include <rt/exit.h>
#include <rt/gicv3.h>
#include <rt/log.h>
#include <rt/panic.h>
#include <rt/string.h>

#include <boot_plan.h>

#define ROOTVM_NAME     "rootvm"
#define ROOTVM_PL011_DR 0x09000000u // QEMU virt's, for RT_EARLY_PL011

static void
rootvm_check_env(const struct rt_env_data *env, uintptr_t base)
{
	struct env_layout where = {
		.env_addr = (uintptr_t)env,
		.runtime_start = base,
		.runtime_end = (uintptr_t)__runtime_end,
	};
	const char *why = env_check(env, &where);

	if (why != NULL)
		panic("boot: bad environment data at %p: %s (signature %#x, "
		      "version %#x, heap %#lx size %#lx)",
		      (const void *)env, why, env->signature, env->version,
		      (unsigned long)env->app_heap_ipa,
		      (unsigned long)env->app_heap_size);
}

void
boot_rootvm(const void *x0, uintptr_t base, struct boot_plan *p)
{
	const struct rt_env_data *env = x0;
	struct boot_stack_args *args = &p->args;
	const struct log_ring *log;
	const char *why;

	// Before anything that could use DC ZVA, unaligned accesses or
	// exclusives: those fault on Device memory.
	if (!arch_ram_is_normal(base))
		panic("boot: RAM is Device memory (MMU off and HCR_EL2.DC "
		      "clear): as Gunyah's root VM the runtime needs the "
		      "hypervisor to make it Normal");
	string_allow_zero_blocks();
	log_init_early();
	rootvm_check_env(env, base);
	why = elf_check_app((const void *)env->app_ipa,
	                    (uintptr_t)env - env->app_ipa, &p->app_info);
	if (why != NULL)
		panic("boot: bad app ELF at %#lx: %s",
		      (unsigned long)env->app_ipa, why);

	p->plat = (struct platform){
		.gic_version = 3,
		.gicd_base = env->gicd_base,
		.gicr_base = env->gicr_base,
		.timer_intid = GICV3_INTID_TIMER,
		.timer_freq = env->timer_freq,
		.psci = PLATFORM_PSCI_NONE,
	};
	p->app = env->app_ipa;
	p->heap = env->app_heap_ipa;
	p->heap_end = env->app_heap_ipa + env->app_heap_size;
	// The Gunyah runtime's 16 KiB, unless the app asks otherwise.
	p->stack_size =
	    boot_stack_size(&p->app_info, ENV_STACK_SIZE, env->app_heap_size,
	                    ENV_MIN_HEAP_SIZE - ENV_STACK_SIZE);
	// Gunyah answers its own calls; nothing guards the stack (the MMU
	// stays off).
	p->hypercalls = true;
	p->ro_start = (uintptr_t)env;
	p->ro_end =
	    (uintptr_t)env + env->rm_config_offset + env->rm_config_size;
	if (RT_EARLY_PL011)
		dev_pl011_console(ROOTVM_PL011_DR);
	exit_set_method(EXIT_BY_HYPERVISOR);

	// argv: the name, then RM's config, the early log ring and its size
	// (docs/gunyah.md); envp: the name again.
	log = log_current();
	args->argc = 4;
	args->argv[0].str = ROOTVM_NAME;
	args->argv[1].value = (uintptr_t)env + env->rm_config_offset;
	args->argv[2].value = (uintptr_t)log;
	args->argv[3].value = log_total_size(log);
	args->envc = 1;
	args->envp[0] = ROOTVM_NAME;
}
