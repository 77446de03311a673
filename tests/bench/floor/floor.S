/* SPDX-License-Identifier: BSD-3-Clause */
/* Copyright (c) 2026 The aarch64 bare-metal runtime authors */

/*
 * The floor: booted in the runtime's place, it does each benchmarked job
 * with the least code this CPU allows, so every runtime figure can be given
 * as a ratio to it. No checks, no decoding: what is left is the irreducible
 * cost of the job.
 */

	.arch_extension fp

	.section .text.entry, "ax"
	.global floor_entry
floor_entry:
	adrp	x1, floor_stack_top
	add	x1, x1, :lo12:floor_stack_top
	mov	sp, x1
	mov	x1, #(3 << 20)
	msr	cpacr_el1, x1
	adr	x1, floor_vectors
	msr	vbar_el1, x1
	isb
	bl	floor_main
	b	.

	.text
	.balign 2048
floor_vectors:
	.balign 128
	b	.
	.balign 128
	b	.
	.balign 128
	b	.
	.balign 128
	b	.
	.balign 128
	b	floor_svc
	.balign 128
	b	floor_irq
	.rept 10
	.balign 128
	b	.
	.endr

/* svc, save the caller-saved registers, table call, restore, eret. */
floor_svc:
	sub	sp, sp, #176
	stp	x0, x1, [sp, #0]
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x30, [sp, #144]
	adrp	x9, floor_table
	add	x9, x9, :lo12:floor_table
	ldr	x9, [x9, x8, lsl #3]
	blr	x9
	ldr	x1, [sp, #8]
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x30, [sp, #144]
	add	sp, sp, #176
	eret

/* Acknowledge and end an interrupt; nothing else. */
floor_irq:
	stp	x0, x1, [sp, #-16]!
	mrs	x0, icc_iar1_el1
	msr	icc_eoir1_el1, x0
	ldp	x0, x1, [sp], #16
	eret

	.bss
	.balign 16
	.space	4096
floor_stack_top:
