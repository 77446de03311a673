/* SPDX-License-Identifier: BSD-3-Clause */
/* Copyright (c) 2026 The aarch64 bare-metal runtime authors */

/*
 * Put in the slack after a runtime's code and made its entry point by
 * tools/bench.py: reads the virtual counter (under -icount it counts
 * instructions), leaves {PROBE_MAGIC, the count} in the last 16 bytes of
 * the environment data's 16 KiB, which nothing uses, and branches to the
 * runtime's own entry point with x0, the environment data, as it came.
 * bench_gunyah finds the two words there and takes its boot figure from
 * them: in one run, so nothing the hypervisor does before either reading
 * can differ between them. PROBE_AFTER_READ instructions run after the
 * reading; tools/bench.py takes them out.
 *
 * bench.py writes probe_entry_offset, the runtime's entry point less this
 * code's address.
 */

#define PROBE_MAGIC_LO 0x4250 /* "PBEN", "PB" */
#define PROBE_MAGIC_HI 0x4e45
#define SLOT_PAGE      0x3000
#define SLOT_OFF       0xff0

	.section .text.probe, "ax"
	.global	probe_entry
probe_entry:
	isb
	mrs	x1, cntvct_el0
	add	x2, x0, #SLOT_PAGE
	add	x2, x2, #SLOT_OFF
	mov	x3, #PROBE_MAGIC_LO
	movk	x3, #PROBE_MAGIC_HI, lsl #16
	stp	x3, x1, [x2]
	ldr	x3, probe_entry_offset
	adr	x4, probe_entry
	add	x4, x4, x3
	br	x4
	.balign	8
	.global	probe_entry_offset
probe_entry_offset:
	.quad	0
