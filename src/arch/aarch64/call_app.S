/* SPDX-License-Identifier: BSD-3-Clause */
/* Copyright (c) 2026 The aarch64 bare-metal runtime authors */

/*
 * long arch_call_app(void *fn, long a0, long a1)
 *
 * Calls app code (an ISR, the console function, the exit hook) from inside
 * an exception. The app's code may use any FP/SIMD register (the runtime
 * never does, so the interrupted app's values are still live in them) and
 * may itself `svc`, which overwrites ELR_EL1/SPSR_EL1 of the exception we
 * are in. Both are saved here, so no vector has to pay for them.
 */
#include <asm_macros.h>

	.arch_extension fp
	.arch_extension simd

#define SAVE_SIZE (32 * 16 + 32)

	.text
func arch_call_app
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
	sub	sp, sp, #SAVE_SIZE
	stp	q0, q1, [sp, #32 + 0 * 32]
	stp	q2, q3, [sp, #32 + 1 * 32]
	stp	q4, q5, [sp, #32 + 2 * 32]
	stp	q6, q7, [sp, #32 + 3 * 32]
	stp	q8, q9, [sp, #32 + 4 * 32]
	stp	q10, q11, [sp, #32 + 5 * 32]
	stp	q12, q13, [sp, #32 + 6 * 32]
	stp	q14, q15, [sp, #32 + 7 * 32]
	stp	q16, q17, [sp, #32 + 8 * 32]
	stp	q18, q19, [sp, #32 + 9 * 32]
	stp	q20, q21, [sp, #32 + 10 * 32]
	stp	q22, q23, [sp, #32 + 11 * 32]
	stp	q24, q25, [sp, #32 + 12 * 32]
	stp	q26, q27, [sp, #32 + 13 * 32]
	stp	q28, q29, [sp, #32 + 14 * 32]
	stp	q30, q31, [sp, #32 + 15 * 32]
	mrs	x9, fpsr
	mrs	x10, fpcr
	stp	x9, x10, [sp, #0]
	mrs	x9, elr_el1
	mrs	x10, spsr_el1
	stp	x9, x10, [sp, #16]

	/* A third argument of 0: SA_SIGINFO handlers get (sig, NULL, NULL). */
	mov	x16, x0
	mov	x0, x1
	mov	x1, x2
	mov	x2, xzr
	blr	x16

	ldp	x9, x10, [sp, #16]
	msr	elr_el1, x9
	msr	spsr_el1, x10
	ldp	x9, x10, [sp, #0]
	msr	fpsr, x9
	msr	fpcr, x10
	ldp	q0, q1, [sp, #32 + 0 * 32]
	ldp	q2, q3, [sp, #32 + 1 * 32]
	ldp	q4, q5, [sp, #32 + 2 * 32]
	ldp	q6, q7, [sp, #32 + 3 * 32]
	ldp	q8, q9, [sp, #32 + 4 * 32]
	ldp	q10, q11, [sp, #32 + 5 * 32]
	ldp	q12, q13, [sp, #32 + 6 * 32]
	ldp	q14, q15, [sp, #32 + 7 * 32]
	ldp	q16, q17, [sp, #32 + 8 * 32]
	ldp	q18, q19, [sp, #32 + 9 * 32]
	ldp	q20, q21, [sp, #32 + 10 * 32]
	ldp	q22, q23, [sp, #32 + 11 * 32]
	ldp	q24, q25, [sp, #32 + 12 * 32]
	ldp	q26, q27, [sp, #32 + 13 * 32]
	ldp	q28, q29, [sp, #32 + 14 * 32]
	ldp	q30, q31, [sp, #32 + 15 * 32]
	mov	sp, x29
	ldp	x29, x30, [sp], #16
	ret
endfunc arch_call_app
