/* SPDX-License-Identifier: BSD-3-Clause */
/* Copyright (c) 2026 The aarch64 bare-metal runtime authors */

/*
 * How the runtime runs app code, and the app's FP/SIMD registers.
 *
 * long arch_call_app(void *fn, long a0, long a1, uintptr_t sp)
 *
 * Calls app code (the console function, the exit hook) from inside an
 * exception, as the app would run it: at EL1t on the app's stack. App code
 * follows the plain AAPCS64, while the runtime is built to keep x8-x15
 * live across calls and to leave x18 alone (docs/architecture.md), so those
 * are saved here; so are ELR_EL1/SPSR_EL1 (app code may `svc`, which
 * overwrites them) and SP_EL0, the app's sp at the exception. Interrupts
 * stay masked. The runtime's own frames stay on SP_EL1, where app code
 * cannot reach them by way of its sp.
 */
#include <asm_macros.h>
#include <syscall_table.h>

	rt_convention

#define SAVE_GPRS  16  /* x8-x15, x18, SP_EL0 */
#define SAVE_ELR   96  /* ELR_EL1, SPSR_EL1 */
#define SAVE_STATE 112 /* arch_app_sp_floor, CPACR_EL1 */
#define SAVE_SIZE  128
#define CPACR_FPEN (3 << 20)

	.section .text.entry, "ax"
func arch_call_app
	stp	x29, x30, [sp, #-SAVE_SIZE]!
	mov	x29, sp
	stp	x8, x9, [sp, #SAVE_GPRS + 0]
	stp	x10, x11, [sp, #SAVE_GPRS + 16]
	stp	x12, x13, [sp, #SAVE_GPRS + 32]
	stp	x14, x15, [sp, #SAVE_GPRS + 48]
	mrs	x9, sp_el0
	stp	x18, x9, [sp, #SAVE_GPRS + 64]
	mrs	x9, elr_el1
	mrs	x10, spsr_el1
	stp	x9, x10, [sp, #SAVE_ELR]
	/*
	 * While app code runs, every exception takes the slow path, which
	 * notices app code that never returns, and FP/SIMD traps, so that the
	 * app's registers are saved only if the code uses them.
	 */
	adrp	x11, arch_app_sp_floor
	ldr	x9, [x11, :lo12:arch_app_sp_floor]
	mrs	x10, cpacr_el1
	stp	x9, x10, [sp, #SAVE_STATE]
	mov	x9, #-1
	str	x9, [x11, :lo12:arch_app_sp_floor]
	bic	x10, x10, #CPACR_FPEN
	msr	cpacr_el1, x10
	isb

	/* A third argument of 0, as SA_SIGINFO-style callees would read. */
	mov	x16, x0
	mov	x0, x1
	mov	x1, x2
	mov	x2, xzr
	msr	spsel, #0
	mov	sp, x3
	blr	x16
	/* Back on SP_EL1, at this function's frame: app code never moves it. */
	msr	spsel, #1

	/*
	 * The floor and the FP trap as they were. No isb: nothing here uses
	 * FP/SIMD, and the eret to the app synchronizes (arch_fp_trap has one
	 * for the runtime's own saves and restores).
	 */
	ldp	x9, x10, [sp, #SAVE_STATE]
	adrp	x11, arch_app_sp_floor
	str	x9, [x11, :lo12:arch_app_sp_floor]
	msr	cpacr_el1, x10
	ldp	x9, x10, [sp, #SAVE_ELR]
	msr	elr_el1, x9
	msr	spsr_el1, x10
	ldp	x18, x9, [sp, #SAVE_GPRS + 64]
	msr	sp_el0, x9
	ldp	x14, x15, [sp, #SAVE_GPRS + 48]
	ldp	x12, x13, [sp, #SAVE_GPRS + 32]
	ldp	x10, x11, [sp, #SAVE_GPRS + 16]
	ldp	x8, x9, [sp, #SAVE_GPRS + 0]
	ldp	x29, x30, [sp], #SAVE_SIZE
	ret
endfunc arch_call_app

/*
 * Where app code started by an upcall returns: rt_sigreturn, which ends the
 * upcall (src/core/upcall.c). Executed by the app at EL1t.
 */
func arch_upcall_return
	mov	x8, #SYSCALL_NR_rt_sigreturn
	svc	#0
	/* rt_sigreturn does not come back here; if it did, stop loudly. */
	udf	#0
endfunc arch_upcall_return
