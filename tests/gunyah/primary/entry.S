/* SPDX-License-Identifier: BSD-3-Clause */
/* Copyright (c) 2026 The aarch64 bare-metal runtime authors */

/*
 * RM enters the primary VM at EL1 with the MMU off and x0 = the device
 * tree it patched. Set a stack, clear .bss, catch exceptions, call C.
 */

	.section .text.entry, "ax"
	.global primary_entry
	.type	primary_entry, %function
primary_entry:
	mov	x19, x0
	adrp	x1, primary_stack_top
	add	x1, x1, :lo12:primary_stack_top
	mov	sp, x1
	adrp	x1, primary_vectors
	add	x1, x1, :lo12:primary_vectors
	msr	vbar_el1, x1
	isb
	adrp	x0, __bss_start
	add	x0, x0, :lo12:__bss_start
	adrp	x1, __bss_end
	add	x1, x1, :lo12:__bss_end
1:	cmp	x0, x1
	b.hs	2f
	str	xzr, [x0], #8
	b	1b
2:	mov	x0, x19
	bl	primary_main
	b	.
	.size	primary_entry, . - primary_entry

/* Every exception is a bug here: report it from C, which exits. */
	.text
	.balign	2048
primary_vectors:
	.rept	16
	.balign	128
	mrs	x0, esr_el1
	mrs	x1, elr_el1
	mrs	x2, far_el1
	b	primary_exception
	.endr

	.section .bss.stack, "aw", %nobits
	.balign	16
	.space	0x2000
primary_stack_top:
