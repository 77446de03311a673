/* SPDX-License-Identifier: BSD-3-Clause */
/* Copyright (c) 2026 The aarch64 bare-metal runtime authors */
#ifndef ASM_MACROS_H
#define ASM_MACROS_H

#include <rt/arch.h>

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

/*
 * Each .S with code states once that it is written by hand to the
 * convention the runtime's C is built with (required_cflags in
 * src/build.conf): the link refuses code without such a statement
 * (tools/build/objcheck.py), and one that names other flags. A change to
 * the convention is a change here, after reading every .S again.
 */
.macro rt_convention
	.pushsection .rt.convention, "MS", %progbits, 1
	.asciz "-ffixed-x18 -fcall-saved-x8 -fcall-saved-x9 -fcall-saved-x10 -fcall-saved-x11 -fcall-saved-x12 -fcall-saved-x13 -fcall-saved-x14 -fcall-saved-x15"
	.popsection
.endm

/* \op (stp or ldp) q0-q31 at x0, as struct arch_fp_state lays them out. */
.macro fp_q_regs op
	\op	q0, q1, [x0, #0 * 32]
	\op	q2, q3, [x0, #1 * 32]
	\op	q4, q5, [x0, #2 * 32]
	\op	q6, q7, [x0, #3 * 32]
	\op	q8, q9, [x0, #4 * 32]
	\op	q10, q11, [x0, #5 * 32]
	\op	q12, q13, [x0, #6 * 32]
	\op	q14, q15, [x0, #7 * 32]
	\op	q16, q17, [x0, #8 * 32]
	\op	q18, q19, [x0, #9 * 32]
	\op	q20, q21, [x0, #10 * 32]
	\op	q22, q23, [x0, #11 * 32]
	\op	q24, q25, [x0, #12 * 32]
	\op	q26, q27, [x0, #13 * 32]
	\op	q28, q29, [x0, #14 * 32]
	\op	q30, q31, [x0, #15 * 32]
.endm

/* \op (stp or ldp) x2-x7, x16 and x17 at their frame places. */
.macro frame_x2_to_x7_x16_x17 op
	\op	x2, x3, [sp, #ARCH_FRAME_X(2)]
	\op	x4, x5, [sp, #ARCH_FRAME_X(4)]
	\op	x6, x7, [sp, #ARCH_FRAME_X(6)]
	\op	x16, x17, [sp, #ARCH_FRAME_X(16)]
.endm

/*
 * The runtime's C is built with -fcall-saved-x8..x15 and -ffixed-x18
 * (src/build.conf): a C function preserves x8-x15 itself and never touches
 * x18. So before calling C, a vector saves only x0-x7, x16, x17 and x30,
 * with x29 beside it for a frame record. arch_call_app saves the rest
 * around app code, which follows the standard AAPCS64.
 */
.macro save_c_clobbered
	sub	sp, sp, #ARCH_FRAME_SIZE
	stp	x0, x1, [sp, #ARCH_FRAME_X(0)]
	frame_x2_to_x7_x16_x17 stp
	stp	x29, x30, [sp, #ARCH_FRAME_X(29)]
.endm

/* Restores all of them but x0, which holds the result. */
.macro restore_c_clobbered_but_x0
	ldr	x1, [sp, #ARCH_FRAME_X(1)]
	frame_x2_to_x7_x16_x17 ldp
	ldp	x29, x30, [sp, #ARCH_FRAME_X(29)]
	add	sp, sp, #ARCH_FRAME_SIZE
.endm

/*
 * \op (stp or ldp) x8-x15 and x18-x27 at their frame places: what C keeps
 * across calls under this convention, but for x28-x30.
 */
.macro frame_callee_saved op
	\op	x8, x9, [sp, #ARCH_FRAME_X(8)]
	\op	x10, x11, [sp, #ARCH_FRAME_X(10)]
	\op	x12, x13, [sp, #ARCH_FRAME_X(12)]
	\op	x14, x15, [sp, #ARCH_FRAME_X(14)]
	\op	x18, x19, [sp, #ARCH_FRAME_X(18)]
	\op	x20, x21, [sp, #ARCH_FRAME_X(20)]
	\op	x22, x23, [sp, #ARCH_FRAME_X(22)]
	\op	x24, x25, [sp, #ARCH_FRAME_X(24)]
	\op	x26, x27, [sp, #ARCH_FRAME_X(26)]
.endm

/* \op (stp or ldp) x2-x29 at their frame places. */
.macro frame_x2_to_x29 op
	frame_x2_to_x7_x16_x17 \op
	frame_callee_saved \op
	\op	x28, x29, [sp, #ARCH_FRAME_X(28)]
.endm

/*
 * Completes a frame that save_c_clobbered started, for code that wants the
 * whole picture or may change any register (the slow paths). The app's sp
 * is SP_EL0: the vectors only take these paths for exceptions from EL1t.
 * Uses only x16/x17, which are already saved.
 */
.macro save_rest_of_frame
	frame_callee_saved stp
	str	x28, [sp, #ARCH_FRAME_X(28)]
	mrs	x16, sp_el0
	mrs	x17, elr_el1
	stp	x16, x17, [sp, #ARCH_FRAME_SP]
	mrs	x16, spsr_el1
	mrs	x17, esr_el1
	stp	x16, x17, [sp, #ARCH_FRAME_SPSR]
	mrs	x16, far_el1
	str	x16, [sp, #ARCH_FRAME_FAR]
.endm
/* clang-format on */
#endif
#endif
