/* SPDX-License-Identifier: BSD-3-Clause */
/* Copyright (c) 2026 The aarch64 bare-metal runtime authors */
#ifndef ASM_MACROS_H
#define ASM_MACROS_H

#include <rt/arch.h>
#include <rt/boot.h>

#define ESR_SVC64_IMM0 0x56000000 /* EC 0x15, IL 1, imm16 0 */

#ifdef __ASSEMBLER__
/* clang-format off */
.macro func name
	.global \name
	.type \name, %function
	.balign 4
\name:
.endm

.macro endfunc name
	.size \name, . - \name
.endm

/* Saves x0-x18 and x29/x30: what a C call may clobber, plus a frame record. */
.macro save_caller_regs
	sub	sp, sp, #ARCH_FRAME_SIZE
	stp	x0, x1, [sp, #ARCH_FRAME_X(0)]
	stp	x2, x3, [sp, #ARCH_FRAME_X(2)]
	stp	x4, x5, [sp, #ARCH_FRAME_X(4)]
	stp	x6, x7, [sp, #ARCH_FRAME_X(6)]
	stp	x8, x9, [sp, #ARCH_FRAME_X(8)]
	stp	x10, x11, [sp, #ARCH_FRAME_X(10)]
	stp	x12, x13, [sp, #ARCH_FRAME_X(12)]
	stp	x14, x15, [sp, #ARCH_FRAME_X(14)]
	stp	x16, x17, [sp, #ARCH_FRAME_X(16)]
	stp	x18, x19, [sp, #ARCH_FRAME_X(18)]
	stp	x29, x30, [sp, #ARCH_FRAME_X(29)]
.endm

/* Restores all but x0, which holds the result. */
.macro restore_caller_regs_but_x0
	ldr	x1, [sp, #ARCH_FRAME_X(1)]
	ldp	x2, x3, [sp, #ARCH_FRAME_X(2)]
	ldp	x4, x5, [sp, #ARCH_FRAME_X(4)]
	ldp	x6, x7, [sp, #ARCH_FRAME_X(6)]
	ldp	x8, x9, [sp, #ARCH_FRAME_X(8)]
	ldp	x10, x11, [sp, #ARCH_FRAME_X(10)]
	ldp	x12, x13, [sp, #ARCH_FRAME_X(12)]
	ldp	x14, x15, [sp, #ARCH_FRAME_X(14)]
	ldp	x16, x17, [sp, #ARCH_FRAME_X(16)]
	ldp	x18, x19, [sp, #ARCH_FRAME_X(18)]
	ldp	x29, x30, [sp, #ARCH_FRAME_X(29)]
	add	sp, sp, #ARCH_FRAME_SIZE
.endm

/* Completes a frame that save_caller_regs started (x20-x28, sp, ELR...). */
.macro save_rest_of_frame
	stp	x20, x21, [sp, #ARCH_FRAME_X(20)]
	stp	x22, x23, [sp, #ARCH_FRAME_X(22)]
	stp	x24, x25, [sp, #ARCH_FRAME_X(24)]
	stp	x26, x27, [sp, #ARCH_FRAME_X(26)]
	str	x28, [sp, #ARCH_FRAME_X(28)]
	add	x9, sp, #ARCH_FRAME_SIZE
	mrs	x10, elr_el1
	stp	x9, x10, [sp, #ARCH_FRAME_SP]
	mrs	x9, spsr_el1
	mrs	x10, esr_el1
	stp	x9, x10, [sp, #ARCH_FRAME_SPSR]
	mrs	x9, far_el1
	str	x9, [sp, #ARCH_FRAME_FAR]
.endm
/* clang-format on */
#endif
#endif
