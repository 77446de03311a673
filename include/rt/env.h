// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef RT_ENV_H
#define RT_ENV_H

#include <rt/types.h>

// What the hypervisor hands us in x0 (docs/gunyah.md section 3), little-endian.
struct rt_env_data {
	uint32_t signature;
	uint16_t version;
	uint8_t pad[2];
	uint64_t runtime_ipa;
	uint64_t app_ipa;
	uint64_t app_heap_ipa;
	uint64_t app_heap_size;
	uint64_t vcpu_capid;
	uint64_t timer_freq;
	uint64_t gicd_base;
	uint64_t gicr_base;
	uint64_t rm_config_offset;
	uint64_t rm_config_size;
};

_Static_assert(sizeof(struct rt_env_data) == 88, "ABI: 88-byte env data");
_Static_assert(offsetof(struct rt_env_data, rm_config_size) == 80, "ABI");

#define ENV_SIGNATURE      0x454D5652u
#define ENV_VERSION        1u
#define ENV_VERSION_HEADER 0x1000u // what the old header constant says
#define ENV_PAGE_SIZE      4096u
#define ENV_STACK_SIZE     0x4000u // docs/gunyah.md section 4: the app's stack
#define ENV_MIN_HEAP_SIZE  (ENV_STACK_SIZE + 4 * ENV_PAGE_SIZE)
#define ENV_GIC_ALIGN      0x10000u

// Where the runtime itself sits, for the overlap checks.
struct env_layout {
	uintptr_t env_addr;
	uintptr_t runtime_start;
	uintptr_t runtime_end;
};

// NULL when the data is usable, else what is wrong with it, in words.
const char *env_check(const struct rt_env_data *env,
                      const struct env_layout *where);

#endif
