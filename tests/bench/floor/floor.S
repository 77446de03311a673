/* SPDX-License-Identifier: BSD-3-Clause */
/* Copyright (c) 2026 The aarch64 bare-metal runtime authors */

/*
 * The floor: booted in the runtime's place, it does each benchmarked job
 * with the least code this CPU allows, so every runtime figure can be given
 * as a ratio to it. No checks, no decoding: what is left is the irreducible
 * cost of the job (tools/bench.py pairs each figure with one):
 *
 * floor_svc        svc, save what C may clobber, table call, restore, eret
 * floor_clock      that, and the counter as seconds and nanoseconds
 * floor_writev     that, a 64-byte copy into a log ring, and a call of the
 *                  app's console function as app code (floor_call_app) with
 *                  FP/SIMD trapped (one that makes no syscall itself)
 * floor_zero_4k/1m two svcs (mmap, munmap), DC ZVA over the memory
 * floor_ioctl_irq  svc, one distributor register write
 * floor_irq        an SGI acknowledged and ended, nothing else
 * floor_irq_isr    svc writing the SGI, taken on the way out, acknowledged,
 *                  ended, the ISR called as app code; floor_irq_to_isr is
 *                  the same to the ISR's first instruction
 *
 * The app's musl wrappers are not in the floor: the runtime's figures
 * include them (about 30 instructions for writev, 20 for clock_gettime).
 */

	.arch_extension fp

#define FLOOR_RING 1024 /* the log ring: 64-byte pieces never wrap in it */
#define FLOOR_SPI  40   /* the interrupt bench_syscalls enables */
#define FLOOR_MEM  (1 << 20) /* what floor_mmap hands out */

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

/*
 * The same, and then the app's ISR (floor_isr), called as the runtime
 * calls app code: every register C may clobber saved, on the app's stack
 * (SP_EL0), FP/SIMD trapped so that the app's registers are saved only if
 * the ISR uses them. floor_vectors_isr sends interrupts here.
 */
floor_irq_isr:
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
	mrs	x0, icc_iar1_el1
	msr	icc_eoir1_el1, x0
	bl	floor_call_app
	ldp	x0, x1, [sp, #0]
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

/*
 * Calls floor_app_fn(x0, x1) as app code: on SP_EL0, FP/SIMD trapped
 * while it runs. Only x30 needs keeping: callers saved the rest.
 */
floor_call_app:
	str	x30, [sp, #-16]!
	msr	cpacr_el1, xzr
	isb
	adrp	x16, floor_app_fn
	ldr	x16, [x16, :lo12:floor_app_fn]
	msr	spsel, #0
	blr	x16
	msr	spsel, #1
	mov	x16, #(3 << 20)
	msr	cpacr_el1, x16
	ldr	x30, [sp], #16
	ret

/*
 * writev of one segment to the console: copy it into a log ring (64-byte
 * pieces, so that one never wraps), then hand it to the app's console
 * function. x1 = the iovec.
 */
	.global floor_writev
floor_writev:
	str	x30, [sp, #-16]!
	ldp	x0, x1, [x1]
	adrp	x2, floor_ring_idx
	ldr	w3, [x2, :lo12:floor_ring_idx]
	adrp	x4, floor_ring
	add	x4, x4, :lo12:floor_ring
	add	x4, x4, x3
	ldp	x5, x6, [x0]
	stp	x5, x6, [x4]
	ldp	x5, x6, [x0, #16]
	stp	x5, x6, [x4, #16]
	ldp	x5, x6, [x0, #32]
	stp	x5, x6, [x4, #32]
	ldp	x5, x6, [x0, #48]
	stp	x5, x6, [x4, #48]
	add	w3, w3, #64
	and	w3, w3, #(FLOOR_RING - 1)
	str	w3, [x2, :lo12:floor_ring_idx]
	bl	floor_call_app
	mov	x0, #64
	ldr	x30, [sp], #16
	ret

/*
 * mmap of anonymous memory: zero it, a 64-byte block (DC ZVA) sixteen at
 * a loop, and return it. x1 = the length, a multiple of 1 KiB, at most
 * FLOOR_MEM.
 */
	.global floor_mmap
floor_mmap:
	adrp	x0, floor_mem
	add	x0, x0, :lo12:floor_mem
	mov	x2, x0
	lsr	x1, x1, #10
1:	.rept 16
	dc	zva, x2
	add	x2, x2, #64
	.endr
	subs	x1, x1, #1
	b.ne	1b
	ret

/* clock_gettime: the counter in seconds and nanoseconds. x1 = the timespec. */
	.global floor_clock
floor_clock:
	isb
	mrs	x2, cntvct_el0
	adrp	x3, floor_freq
	ldr	x3, [x3, :lo12:floor_freq]
	udiv	x4, x2, x3
	msub	x2, x4, x3, x2
	mov	x5, #0xca00
	movk	x5, #0x3b9a, lsl #16
	mul	x2, x2, x5
	udiv	x2, x2, x3
	stp	x4, x2, [x1]
	mov	x0, #0
	ret

/* An ioctl that enables an interrupt: one distributor register write. */
	.global floor_irq_enable
floor_irq_enable:
	adrp	x2, floor_gicd
	ldr	x2, [x2, :lo12:floor_gicd]
	mov	w3, #(1 << (FLOOR_SPI % 32))
	str	w3, [x2, #(0x100 + 4 * (FLOOR_SPI / 32))]
	mov	x0, #0
	ret

/* An ioctl that asserts an SGI to this CPU: one ICC_SGI1R_EL1 write. */
	.global floor_sgi
floor_sgi:
	mov	x2, #1
	msr	icc_sgi1r_el1, x2
	isb
	mov	x0, #0
	ret

/* The same table as floor_vectors, with floor_irq_isr for interrupts. */
	.balign 2048
	.global floor_vectors_isr
floor_vectors_isr:
	.rept 4
	.balign 128
	b	.
	.endr
	.balign 128
	b	floor_svc
	.balign 128
	b	floor_irq_isr
	.rept 10
	.balign 128
	b	.
	.endr

	.bss
	.balign 16
	.space	4096
floor_stack_top:
	.space	4096
	.global floor_app_stack_top
floor_app_stack_top:
	.balign 4096
floor_mem:
	.space	FLOOR_MEM
	.balign 64
floor_ring:
	.space	FLOOR_RING
floor_ring_idx:
	.space	8
