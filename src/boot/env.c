// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The environment data comes from the hypervisor, but a wrong layout would
// make the runtime hand out memory it does not own: every field that boot
// relies on is checked before it is used.

#include <rt/env.h>
#include <rt/platform.h>

// What the GIC driver reaches from each base: the distributor's frame, and
// the RD_base and SGI_base frames of one redistributor.

static bool
page_aligned(uint64_t v)
{
	return (v & (ENV_PAGE_SIZE - 1)) == 0;
}

// [a, a + n) without wrapping past the top of the address space.
static bool
range_ok(uint64_t a, uint64_t n)
{
	return a + n >= a;
}

// A GIC frame the driver may write anywhere in: it must be neither RAM of
// the VM (from the runtime to the heap's end), which those writes would
// corrupt, nor wrap past the top, where an offset would reach address 0.
static bool
gic_frame_ok(uint64_t base, uint64_t size, const struct env_layout *where,
             uint64_t vm_end)
{
	return range_ok(base, size) &&
	       !rt_ranges_overlap(base, size, where->runtime_start,
	                          vm_end - where->runtime_start);
}

const char *
env_check(const struct rt_env_data *env, const struct env_layout *where)
{
	uint64_t env_end, heap_end;

	if (env->signature != ENV_SIGNATURE)
		return "bad signature";
	if (env->version != ENV_VERSION && env->version != ENV_VERSION_HEADER)
		return "unsupported version";
	if (env->runtime_ipa != where->runtime_start)
		return "runtime_ipa is not where the runtime runs";
	if (!page_aligned(env->app_ipa) || env->app_ipa < where->runtime_end ||
	    env->app_ipa >= where->env_addr)
		return "app_ipa is not a page between the runtime and the "
		       "environment data";
	if (env->rm_config_offset < sizeof(*env) ||
	    !range_ok(env->rm_config_offset, env->rm_config_size) ||
	    !range_ok(where->env_addr,
	              env->rm_config_offset + env->rm_config_size))
		return "rm_config lies outside the environment data";
	env_end = where->env_addr + env->rm_config_offset + env->rm_config_size;
	if (!page_aligned(env->app_heap_ipa) ||
	    !page_aligned(env->app_heap_size) || env->app_heap_ipa < env_end ||
	    !range_ok(env->app_heap_ipa, env->app_heap_size))
		return "heap is not page-aligned memory after the environment "
		       "data";
	if (env->app_heap_size < ENV_MIN_HEAP_SIZE)
		return "heap too small for the stack and a minimal heap";
	if (env->timer_freq == 0)
		return "timer_freq is 0";
	if (env->gicd_base == 0 || (env->gicd_base & (ENV_GIC_ALIGN - 1)) ||
	    env->gicr_base == 0 || (env->gicr_base & (ENV_GIC_ALIGN - 1)))
		return "GIC base is 0 or not 64 KiB aligned";
	heap_end = env->app_heap_ipa + env->app_heap_size;
	if (!gic_frame_ok(env->gicd_base, PLATFORM_GICD_SIZE, where,
	                  heap_end) ||
	    !gic_frame_ok(env->gicr_base, PLATFORM_GICR_SIZE, where, heap_end))
		return "GIC frames overlap the VM's memory or wrap";
	return NULL;
}
