/* SPDX-License-Identifier: BSD-3-Clause */
/* Copyright (c) 2026 The aarch64 bare-metal runtime authors */

/*
 * The EL1 vector table. The app runs at EL1h too, so its `svc #0` and its
 * IRQs arrive at "current EL with SP_ELx"; every other slot is a bug or a
 * fault and ends in a panic that names it. Decoding happens in C.
 */
#include <asm_macros.h>
#include <rt/config.h>
#include <syscall_table.h>

	rt_convention

/* Kinds passed to arch_unexpected_exception(); see exception.c. */
#define KIND_SYNC   0
#define KIND_IRQ    1
#define KIND_FIQ    2
#define KIND_SERROR 3
#define SRC_EL1T    0
#define SRC_EL1H    4
#define SRC_LOWER64 8
#define SRC_LOWER32 12

/* Every slot is 32 instructions at most: the build fails otherwise. */
.macro slot_start
	.balign 128
9997:
.endm

.macro slot_end
	.if (. - 9997b) > 128
	.error "vector slot longer than 32 instructions"
	.endif
.endm

/*
 * A fatal slot: park x0 and the interrupted sp in registers the runtime
 * never uses otherwise, and switch to the boot stack, which is known good
 * even when the app's stack has overflowed.
 */
.macro fatal_slot kind
	slot_start
	msr	tpidr_el1, x0
	mov	x0, sp
	msr	sp_el0, x0
	adrp	x0, arch_boot_stack_top
	add	x0, x0, :lo12:arch_boot_stack_top
	mov	sp, x0
	mov	x0, #\kind
	b	fatal_common
	slot_end
.endm

/*
 * If sp went below the stack boot gave the app, C decides off the fast path
 * whether that is an overflow (panic) or an app that runs on a stack of its
 * own (the check is then switched off).
 */
.macro check_stack below
	/* A literal load: the runtime is one image far smaller than 1 MiB. */
	ldr	x16, arch_stack_limit
	cmp	sp, x16
	b.lo	\below
.endm

.macro stack_below_limit resume
	save_rest_of_frame
	mov	x0, sp
	bl	arch_stack_below_limit
	ldp	x0, x1, [sp, #ARCH_FRAME_X(0)]
	ldp	x2, x3, [sp, #ARCH_FRAME_X(2)]
	ldp	x4, x5, [sp, #ARCH_FRAME_X(4)]
	ldp	x6, x7, [sp, #ARCH_FRAME_X(6)]
	b	\resume
.endm

	.section .text.vectors, "ax"
	.balign 2048
	.global arch_vectors
arch_vectors:
	fatal_slot SRC_EL1T + KIND_SYNC
	fatal_slot SRC_EL1T + KIND_IRQ
	fatal_slot SRC_EL1T + KIND_FIQ
	fatal_slot SRC_EL1T + KIND_SERROR

/*
 * EL1h synchronous: the syscall path, in its slot. Every register but x0
 * survives (see save_c_clobbered for why so few are stored); the slow
 * paths complete the frame when they need the whole picture.
 */
	slot_start
	save_c_clobbered
	check_stack sync_stack_low
sync_stack_checked:
	/*
	 * Where the frame is, for uaccess (arch_syscall_frame): the runtime's
	 * own frames lie below it until the eret, so app pointers there are
	 * refused.
	 */
	mov	x17, sp
	adr	x16, arch_syscall_frame
	str	x17, [x16]
	mrs	x16, esr_el1
	mov	w17, #ESR_SVC64_IMM0
	cmp	x16, x17
	b.ne	sync_not_svc
#if RT_SYSCALL_TRACE
	b	svc_traced
#else
	/*
	 * No array_index_nospec here: the app and the runtime share EL1 and
	 * all memory, so there is no privilege boundary to leak across.
	 */
	cmp	x8, #SYSCALL_TABLE_SIZE
	b.hs	svc_slow
	adr	x17, syscall_offsets
	ldrsw	x16, [x17, x8, lsl #2]
	cbz	x16, svc_slow
	add	x16, x17, x16
	blr	x16
#endif
svc_return:
	restore_c_clobbered_but_x0
	eret
	slot_end

/*
 * EL1h IRQ. ELR_EL1/SPSR_EL1 need no saving here: the runtime reaches every
 * ISR through arch_call_app, which keeps them.
 */
	slot_start
	save_c_clobbered
	check_stack irq_stack_low
irq_stack_checked:
	mov	x0, sp
	bl	irq_vector_handle
	ldr	x0, [sp, #ARCH_FRAME_X(0)]
	restore_c_clobbered_but_x0
	eret
	slot_end

	fatal_slot SRC_EL1H + KIND_FIQ
	fatal_slot SRC_EL1H + KIND_SERROR
	fatal_slot SRC_LOWER64 + KIND_SYNC
	fatal_slot SRC_LOWER64 + KIND_IRQ
	fatal_slot SRC_LOWER64 + KIND_FIQ
	fatal_slot SRC_LOWER64 + KIND_SERROR
	fatal_slot SRC_LOWER32 + KIND_SYNC
	fatal_slot SRC_LOWER32 + KIND_IRQ
	fatal_slot SRC_LOWER32 + KIND_FIQ
	fatal_slot SRC_LOWER32 + KIND_SERROR
	.balign 128

/* The vectors' paths off the fast ones. */
sync_stack_low:
	stack_below_limit sync_stack_checked

irq_stack_low:
	stack_below_limit irq_stack_checked

#if RT_SYSCALL_TRACE
svc_traced:
	save_rest_of_frame
	mov	x0, sp
	bl	syscall_dispatch_traced
	b	svc_return
#endif

svc_slow:
	save_rest_of_frame
	mov	x0, sp
	bl	syscall_dispatch_slow
	b	svc_return

	/* A fault taken at EL1h: undo the partial save, then report it. */
sync_not_svc:
	ldp	x16, x17, [sp, #ARCH_FRAME_X(16)]
	add	sp, sp, #ARCH_FRAME_SIZE
	msr	tpidr_el1, x0
	mov	x0, sp
	msr	sp_el0, x0
	adrp	x0, arch_boot_stack_top
	add	x0, x0, :lo12:arch_boot_stack_top
	mov	sp, x0
	mov	x0, #(SRC_EL1H + KIND_SYNC)
	b	fatal_common

/* x0 = kind, TPIDR_EL1 = x0, SP_EL0 = interrupted sp, sp = boot stack. */
fatal_common:
	sub	sp, sp, #ARCH_FRAME_SIZE
	stp	x1, x2, [sp, #ARCH_FRAME_X(1)]
	stp	x3, x4, [sp, #ARCH_FRAME_X(3)]
	stp	x5, x6, [sp, #ARCH_FRAME_X(5)]
	stp	x7, x8, [sp, #ARCH_FRAME_X(7)]
	stp	x9, x10, [sp, #ARCH_FRAME_X(9)]
	stp	x11, x12, [sp, #ARCH_FRAME_X(11)]
	stp	x13, x14, [sp, #ARCH_FRAME_X(13)]
	stp	x15, x16, [sp, #ARCH_FRAME_X(15)]
	stp	x17, x18, [sp, #ARCH_FRAME_X(17)]
	stp	x19, x20, [sp, #ARCH_FRAME_X(19)]
	stp	x21, x22, [sp, #ARCH_FRAME_X(21)]
	stp	x23, x24, [sp, #ARCH_FRAME_X(23)]
	stp	x25, x26, [sp, #ARCH_FRAME_X(25)]
	stp	x27, x28, [sp, #ARCH_FRAME_X(27)]
	stp	x29, x30, [sp, #ARCH_FRAME_X(29)]
	mrs	x1, tpidr_el1
	str	x1, [sp, #ARCH_FRAME_X(0)]
	mrs	x1, sp_el0
	mrs	x2, elr_el1
	stp	x1, x2, [sp, #ARCH_FRAME_SP]
	mrs	x1, spsr_el1
	mrs	x2, esr_el1
	stp	x1, x2, [sp, #ARCH_FRAME_SPSR]
	mrs	x1, far_el1
	str	x1, [sp, #ARCH_FRAME_FAR]
	mov	x1, x0
	mov	x0, sp
	/* Frame record so the backtrace starts at the faulting code. */
	mov	x29, sp
	bl	arch_unexpected_exception
	b	.
