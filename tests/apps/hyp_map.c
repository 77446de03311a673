// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// addrspace_map (hvc #0x602b) as test apps use it to reach the PL011
// (common/test_hyp.h): the RM config's keys, the first map, and the errors
// Gunyah gives for bad requests. The same app runs under the boot stub,
// whose answers must be Gunyah's.

#include <stdint.h>
#include <stdio.h>

#include "test_hyp.h"

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
	       (unsigned long)test_hyp_addrspace_map(
	           as, me, uart, TEST_HYP_MAP_DEVICE_RW, TEST_HYP_MAP_NO_SYNC));
	printf("hyp_map: addrspace cap + 0x100: %lu\n",
	       (unsigned long)test_hyp_addrspace_map(as + 0x100, me, uart,
	                                             TEST_HYP_MAP_DEVICE_RW,
	                                             TEST_HYP_MAP_NO_SYNC));
	printf("hyp_map: memextent cap + 0x100: %lu\n",
	       (unsigned long)test_hyp_addrspace_map(as, me + 0x100, uart,
	                                             TEST_HYP_MAP_DEVICE_RW,
	                                             TEST_HYP_MAP_NO_SYNC));
	printf("hyp_map: caps swapped: %lu\n",
	       (unsigned long)test_hyp_addrspace_map(
	           me, as, uart, TEST_HYP_MAP_DEVICE_RW, TEST_HYP_MAP_NO_SYNC));
	printf("hyp_map: reserved attribute bit 3: %lu\n",
	       (unsigned long)test_hyp_addrspace_map(
	           as, me, uart, TEST_HYP_MAP_DEVICE_RW | 1ul << 3,
	           TEST_HYP_MAP_NO_SYNC));
	printf("hyp_map: reserved flag bit 1: %lu\n",
	       (unsigned long)test_hyp_addrspace_map(
	           as, me, uart, TEST_HYP_MAP_DEVICE_RW,
	           TEST_HYP_MAP_NO_SYNC | 1ul << 1));
	printf("hyp_map: done\n");
	return 0;
}
