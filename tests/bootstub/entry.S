// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

#include "stub.h"

// MMU and caches off, little-endian, RES1 bits set. Alignment checks on
// (A, SA): with the MMU off every access is Device memory, where real
// hardware faults unaligned accesses even if QEMU would not.
#define STUB_SCTLR_EL2 0x30c5083a

// What the guest's PSTATE is at entry: EL1h with D, A, I and F masked.
#define STUB_GUEST_SPSR 0x3c5

	.section .text.entry, "ax"
	.global stub_entry
	.type	stub_entry, %function
// QEMU's generic loader starts us here at EL2h, MMU off, DAIF masked.
stub_entry:
	ldr	x0, =STUB_SCTLR_EL2
	msr	sctlr_el2, x0
	isb
	adrp	x0, stub_stack_top
	add	x0, x0, :lo12:stub_stack_top
	mov	sp, x0
	adrp	x0, stub_vectors
	add	x0, x0, :lo12:stub_vectors
	msr	vbar_el2, x0
	isb

	// RAM keeps its contents across a QEMU system reset: clear .bss.
	adrp	x0, __bss_start
	add	x0, x0, :lo12:__bss_start
	adrp	x1, __bss_end
	add	x1, x1, :lo12:__bss_end
1:	cmp	x0, x1
	b.hs	2f
	str	xzr, [x0], #8
	b	1b
2:	bl	stub_main
	b	.
	.size	stub_entry, . - stub_entry

// stub_enter_guest(entry, x0): the first eret into the VM.
	.global stub_enter_guest
	.type	stub_enter_guest, %function
stub_enter_guest:
	msr	elr_el2, x0
	mov	x0, #STUB_GUEST_SPSR
	msr	spsr_el2, x0
	mov	x0, x1
	// Every trap from the guest starts on an empty stub stack.
	adrp	x1, stub_stack_top
	add	x1, x1, :lo12:stub_stack_top
	mov	sp, x1
	.irp	n, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30
	mov	x\n, xzr
	.endr
	eret
	.size	stub_enter_guest, . - stub_enter_guest

// One slot: push x0/x1, pass the slot number to C. The .org pads the slot
// to its 128 bytes and fails the build if the slot outgrows them.
.macro vector_slot slot
	sub	sp, sp, #STUB_FRAME_SIZE
	stp	x0, x1, [sp]
	mov	x1, #\slot
	b	stub_vector_common
	.org	stub_vectors + (\slot + 1) * 0x80
.endm

	.section .text.vectors, "ax"
	.balign	0x800
	.global	stub_vectors
stub_vectors:
	vector_slot 0	// current EL with SP_EL0: sync
	vector_slot 1	//   IRQ
	vector_slot 2	//   FIQ
	vector_slot 3	//   SError
	vector_slot 4	// current EL with SP_EL2: sync
	vector_slot 5	//   IRQ
	vector_slot 6	//   FIQ
	vector_slot 7	//   SError
	vector_slot 8	// lower EL, AArch64: sync (hvc, trapped msr, aborts)
	vector_slot 9	//   IRQ
	vector_slot 10	//   FIQ
	vector_slot 11	//   SError
	vector_slot 12	// lower EL, AArch32: sync
	vector_slot 13	//   IRQ
	vector_slot 14	//   FIQ
	vector_slot 15	//   SError

// Saves the rest of struct stub_frame, calls stub_exception(frame, slot),
// and returns to the guest with whatever the frame then holds.
stub_vector_common:
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x19, [sp, #144]
	stp	x20, x21, [sp, #160]
	stp	x22, x23, [sp, #176]
	stp	x24, x25, [sp, #192]
	stp	x26, x27, [sp, #208]
	stp	x28, x29, [sp, #224]
	mrs	x2, elr_el2
	mrs	x3, spsr_el2
	stp	x30, x2, [sp, #(STUB_FRAME_ELR - 8)]
	str	x3, [sp, #(STUB_FRAME_ELR + 8)]

	mov	x0, sp
	bl	stub_exception

	ldp	x30, x2, [sp, #(STUB_FRAME_ELR - 8)]
	ldr	x3, [sp, #(STUB_FRAME_ELR + 8)]
	msr	elr_el2, x2
	msr	spsr_el2, x3
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x19, [sp, #144]
	ldp	x20, x21, [sp, #160]
	ldp	x22, x23, [sp, #176]
	ldp	x24, x25, [sp, #192]
	ldp	x26, x27, [sp, #208]
	ldp	x28, x29, [sp, #224]
	ldp	x0, x1, [sp]
	add	sp, sp, #STUB_FRAME_SIZE
	eret

	.section .bss.stack, "aw", %nobits
	.balign	16
stub_stack:
	.space	0x4000
stub_stack_top:
