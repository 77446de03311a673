// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// addrspace_map (hvc #0x602b) as test apps use it to reach the PL011
// (common/test_hyp.h): the RM config's keys, the first map, and the errors
// Gunyah gives for bad requests. The same app runs under the boot stub,
// whose answers must be Gunyah's.

#include <stdint.h>
#include <stdio.h>

#include "test_hyp.h"

#define MAP_ATTRS_DEVICE_RW (6ul | 6ul << 4 | 1ul << 16)
#define MAP_NO_SYNC         (1ul << 31)

static uint64_t
addrspace_map(uint64_t as, uint64_t me, uint64_t vbase, uint64_t attrs,
              uint64_t flags)
{
	register uint64_t x0 __asm__("x0") = as;
	register uint64_t x1 __asm__("x1") = me;
	register uint64_t x2 __asm__("x2") = vbase;
	register uint64_t x3 __asm__("x3") = attrs;
	register uint64_t x4 __asm__("x4") = flags;
	register uint64_t x5 __asm__("x5") = 0;
	register uint64_t x6 __asm__("x6") = 0;

	__asm__ volatile("hvc #0x602b"
	                 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4),
	                   "+r"(x5), "+r"(x6)
	                 :
	                 : "x7", "x8", "x9", "x10", "x11", "x12", "x13", "x14",
	                   "x15", "x16", "x17", "memory");
	return x0;
}

int
main(void)
{
	uint64_t uart = 0, me = 0, as = 0;

	if (test_hyp_config_uint("uart_address", &uart) != 0 ||
	    test_hyp_config_uint("uart_me_capid", &me) != 0 ||
	    test_hyp_config_uint("addrspace_capid", &as) != 0)
		return 1;
	if (test_hyp_uart_map() != 0)
		return 2;
	printf("hyp_map: uart_address %#lx, uart_me_capid %#lx, "
	       "addrspace_capid %#lx\n",
	       (unsigned long)uart, (unsigned long)me, (unsigned long)as);
	printf("hyp_map: mapped the PL011\n");
	printf("hyp_map: map again: %lu\n",
	       (unsigned long)addrspace_map(as, me, uart, MAP_ATTRS_DEVICE_RW,
	                                    MAP_NO_SYNC));
	printf("hyp_map: addrspace cap + 0x100: %lu\n",
	       (unsigned long)addrspace_map(as + 0x100, me, uart,
	                                    MAP_ATTRS_DEVICE_RW, MAP_NO_SYNC));
	printf("hyp_map: memextent cap + 0x100: %lu\n",
	       (unsigned long)addrspace_map(as, me + 0x100, uart,
	                                    MAP_ATTRS_DEVICE_RW, MAP_NO_SYNC));
	printf("hyp_map: caps swapped: %lu\n",
	       (unsigned long)addrspace_map(me, as, uart, MAP_ATTRS_DEVICE_RW,
	                                    MAP_NO_SYNC));
	printf("hyp_map: reserved attribute bit 3: %lu\n",
	       (unsigned long)addrspace_map(
	           as, me, uart, MAP_ATTRS_DEVICE_RW | 1ul << 3, MAP_NO_SYNC));
	printf("hyp_map: reserved flag bit 1: %lu\n",
	       (unsigned long)addrspace_map(as, me, uart, MAP_ATTRS_DEVICE_RW,
	                                    MAP_NO_SYNC | 1ul << 1));
	printf("hyp_map: done\n");
	return 0;
}
