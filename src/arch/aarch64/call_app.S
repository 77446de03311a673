/* SPDX-License-Identifier: BSD-3-Clause */
/* Copyright (c) 2026 The aarch64 bare-metal runtime authors */

/*
 * long arch_call_app(void *fn, long a0, long a1)
 *
 * Calls app code (an ISR, the console function, the exit hook, a signal
 * handler) from inside an exception. App code follows the plain AAPCS64,
 * while the runtime is built to keep x8-x15 live across calls and to leave
 * x18 alone (see save_c_clobbered), so those are saved here. So are all
 * FP/SIMD registers (the runtime never uses them, so the interrupted app's
 * values are still live in them) and ELR_EL1/SPSR_EL1 (app code may `svc`,
 * which overwrites them), and arch_syscall_frame, which the app's own
 * syscalls change. Paying for this here keeps it off every vector.
 *
 * App code runs right below this function's frame, on the stack it was
 * called on, unless arch_call_app_sp says otherwise: a panic taken on the
 * small boot stack points it at the app's own stack.
 */
#include <asm_macros.h>

	rt_convention

	.arch_extension fp
	.arch_extension simd

#define GPRS	0	/* x8-x15, x18, then arch_syscall_frame */
#define FPSR	80
#define ELR	96
#define QREGS	112
#define SAVE_SIZE (QREGS + 32 * 16)

	.text
func arch_call_app
	stp	x29, x30, [sp, #-16]!
	mov	x29, sp
	sub	sp, sp, #SAVE_SIZE
	stp	x8, x9, [sp, #GPRS + 0]
	stp	x10, x11, [sp, #GPRS + 16]
	stp	x12, x13, [sp, #GPRS + 32]
	stp	x14, x15, [sp, #GPRS + 48]
	ldr	x9, arch_syscall_frame
	stp	x18, x9, [sp, #GPRS + 64]
	mrs	x9, fpsr
	mrs	x10, fpcr
	stp	x9, x10, [sp, #FPSR]
	mrs	x9, elr_el1
	mrs	x10, spsr_el1
	stp	x9, x10, [sp, #ELR]
	stp	q0, q1, [sp, #QREGS + 0 * 32]
	stp	q2, q3, [sp, #QREGS + 1 * 32]
	stp	q4, q5, [sp, #QREGS + 2 * 32]
	stp	q6, q7, [sp, #QREGS + 3 * 32]
	stp	q8, q9, [sp, #QREGS + 4 * 32]
	stp	q10, q11, [sp, #QREGS + 5 * 32]
	stp	q12, q13, [sp, #QREGS + 6 * 32]
	stp	q14, q15, [sp, #QREGS + 7 * 32]
	stp	q16, q17, [sp, #QREGS + 8 * 32]
	stp	q18, q19, [sp, #QREGS + 9 * 32]
	stp	q20, q21, [sp, #QREGS + 10 * 32]
	stp	q22, q23, [sp, #QREGS + 11 * 32]
	stp	q24, q25, [sp, #QREGS + 12 * 32]
	stp	q26, q27, [sp, #QREGS + 13 * 32]
	stp	q28, q29, [sp, #QREGS + 14 * 32]
	stp	q30, q31, [sp, #QREGS + 15 * 32]

	/* A third argument of 0: SA_SIGINFO handlers get (sig, NULL, NULL). */
	mov	x16, x0
	mov	x0, x1
	mov	x1, x2
	mov	x2, xzr
	ldr	x17, arch_call_app_sp
	cbz	x17, 1f
	mov	sp, x17
1:	blr	x16
	/* x29 is callee-saved: the app code kept it. */
	sub	sp, x29, #SAVE_SIZE

	ldp	q0, q1, [sp, #QREGS + 0 * 32]
	ldp	q2, q3, [sp, #QREGS + 1 * 32]
	ldp	q4, q5, [sp, #QREGS + 2 * 32]
	ldp	q6, q7, [sp, #QREGS + 3 * 32]
	ldp	q8, q9, [sp, #QREGS + 4 * 32]
	ldp	q10, q11, [sp, #QREGS + 5 * 32]
	ldp	q12, q13, [sp, #QREGS + 6 * 32]
	ldp	q14, q15, [sp, #QREGS + 7 * 32]
	ldp	q16, q17, [sp, #QREGS + 8 * 32]
	ldp	q18, q19, [sp, #QREGS + 9 * 32]
	ldp	q20, q21, [sp, #QREGS + 10 * 32]
	ldp	q22, q23, [sp, #QREGS + 11 * 32]
	ldp	q24, q25, [sp, #QREGS + 12 * 32]
	ldp	q26, q27, [sp, #QREGS + 13 * 32]
	ldp	q28, q29, [sp, #QREGS + 14 * 32]
	ldp	q30, q31, [sp, #QREGS + 15 * 32]
	ldp	x9, x10, [sp, #ELR]
	msr	elr_el1, x9
	msr	spsr_el1, x10
	ldp	x9, x10, [sp, #FPSR]
	msr	fpsr, x9
	msr	fpcr, x10
	ldp	x18, x9, [sp, #GPRS + 64]
	adr	x10, arch_syscall_frame
	str	x9, [x10]
	ldp	x14, x15, [sp, #GPRS + 48]
	ldp	x12, x13, [sp, #GPRS + 32]
	ldp	x10, x11, [sp, #GPRS + 16]
	ldp	x8, x9, [sp, #GPRS + 0]
	mov	sp, x29
	ldp	x29, x30, [sp], #16
	ret
endfunc arch_call_app

	.bss
	.balign 8
	.global arch_call_app_sp
arch_call_app_sp:
	.space	8
