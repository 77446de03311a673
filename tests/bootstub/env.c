// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The environment data the runtime finds at x0 (docs/gunyah.md section 3), and
// the Resource Manager's configuration right behind it: a header, then a CBOR
// map holding, as Gunyah's does, what an app needs to map the PL011 the way
// RM does (uart_address, uart_me_capid, addrspace_capid; trap.c answers the
// addrspace_map call).

#include "stub.h"

#define ENV_SIGNATURE   0x454d5652U
#define ENV_VERSION     1U
#define ENV_VCPU_CAPID  2U
#define RM_CONFIG_MAGIC 0x524d4544U

struct env_data {
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

_Static_assert(sizeof(struct env_data) == 88,
               "docs/gunyah.md section 3: 88 bytes");
_Static_assert(__builtin_offsetof(struct env_data, runtime_ipa) == 8 &&
                   __builtin_offsetof(struct env_data, timer_freq) == 48 &&
                   __builtin_offsetof(struct env_data, rm_config_size) == 80,
               "docs/gunyah.md section 3 offsets");

// What RM parses; the runtime only passes its address on.
struct rm_config {
	uint32_t signature;
	uint16_t version;
	uint8_t pad[2];
	uint32_t payload_offset;
	uint32_t payload_size;
	uint8_t payload[];
};

#define CBOR_UINT 0U
#define CBOR_TEXT 3U
#define CBOR_MAP  5U

struct cbor_out {
	uint8_t *p;
};

// A CBOR head: major type and argument, in the shortest form.
static void
cbor_head(struct cbor_out *o, unsigned int major, uint64_t arg)
{
	unsigned int len;

	if (arg < 24) {
		*o->p++ = (uint8_t)(major << 5 | arg);
		return;
	}
	len = arg <= 0xff ? 1 : arg <= 0xffff ? 2 : arg <= 0xffffffffU ? 4 : 8;
	*o->p++ = (uint8_t)(major << 5 | (len == 1   ? 24
	                                  : len == 2 ? 25
	                                  : len == 4 ? 26
	                                             : 27));
	for (unsigned int i = len; i-- > 0;) {
		*o->p++ = (uint8_t)(arg >> (8 * i));
	}
}

static void
cbor_key_uint(struct cbor_out *o, const char *key, uint64_t value)
{
	size_t n = 0;

	while (key[n] != '\0') {
		n++;
	}
	cbor_head(o, CBOR_TEXT, n);
	for (size_t i = 0; i < n; i++) {
		*o->p++ = (uint8_t)key[i];
	}
	cbor_head(o, CBOR_UINT, value);
}

void
env_fill(const struct stub_layout *layout)
{
	struct env_data *env = (struct env_data *)layout->env_ipa;
	struct rm_config *rm = (struct rm_config *)(env + 1);

	stub_zero(env, STUB_ENV_SIZE);
	env->signature = stub_config.env_signature ? stub_config.env_signature
	                                           : ENV_SIGNATURE;
	env->version =
	    (uint16_t)(stub_config.env_version ? stub_config.env_version
	                                       : ENV_VERSION);
	env->runtime_ipa = STUB_RUNTIME_BASE;
	env->app_ipa = layout->app_ipa;
	env->app_heap_ipa = layout->heap_ipa;
	env->app_heap_size = layout->heap_size;
	env->vcpu_capid = ENV_VCPU_CAPID;
	env->timer_freq = stub_read_sysreg(cntfrq_el0);
	env->gicd_base = STUB_GICD_BASE;
	env->gicr_base = STUB_GICR_BASE;
	env->rm_config_offset = sizeof(*env);
	env->rm_config_size = STUB_ENV_SIZE - sizeof(*env);

	rm->signature = RM_CONFIG_MAGIC;
	rm->version = 1;
	rm->payload_offset = __builtin_offsetof(struct rm_config, payload);

	// A few of the keys Gunyah's map has around the three that matter,
	// so that a reader must skip what it does not want.
	struct cbor_out o = { rm->payload };

	cbor_head(&o, CBOR_MAP, 6);
	cbor_key_uint(&o, "me_ipa_base", STUB_RUNTIME_BASE);
	cbor_key_uint(&o, "ipa_offset", 0);
	cbor_key_uint(&o, "addrspace_capid", STUB_CAP_ADDRSPACE);
	cbor_key_uint(&o, "hlos_vm_base", STUB_HLOS_VM_BASE);
	cbor_key_uint(&o, "uart_address", STUB_UART_BASE);
	cbor_key_uint(&o, "uart_me_capid", STUB_CAP_UART_ME);
	rm->payload_size = (uint32_t)(o.p - rm->payload);
}
