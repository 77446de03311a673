/* SPDX-License-Identifier: BSD-3-Clause */
/* Copyright (c) 2026 The aarch64 bare-metal runtime authors */

/*
 * The EL1 vector table. The app runs at EL1t (on SP_EL0), so its `svc #0`,
 * its IRQs and its faults arrive at "current EL with SP_EL0"; taking the
 * exception switches to SP_EL1, the runtime's own stack, so nothing the app
 * did to its stack can make the runtime fault on its frames. The runtime
 * itself runs at EL1h with interrupts masked: anything arriving at "current
 * EL with SP_ELx" is a runtime bug and ends in a panic, as does every
 * lower-EL slot. Decoding happens in C (src/syscall/entry.c).
 *
 * The table is 2 KiB and most slots need a few instructions: the room the
 * slots leave holds the slow path, fatal_runtime and the FP/SIMD save and
 * restore, and fatal_save goes before the table (.text.entry), so that
 * none of it takes memory of its own.
 */
#include <asm_macros.h>
#include <rt/config.h>
#include <rt/exception.h>
#include <syscall_table.h>

	.arch_extension fp
	.arch_extension simd

	rt_convention

#define KIND_SYNC   EXCEPTION_SYNC
#define KIND_IRQ    EXCEPTION_IRQ
#define KIND_FIQ    EXCEPTION_FIQ
#define KIND_SERROR EXCEPTION_SERROR
#define SRC_EL1T    EXCEPTION_FROM_EL1T
#define SRC_EL1H    EXCEPTION_FROM_EL1H
#define SRC_LOWER64 EXCEPTION_FROM_LOWER64
#define SRC_LOWER32 EXCEPTION_FROM_LOWER32

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

/* A fatal exception from the app: SP_EL1 is the runtime's and good. */
.macro fatal_el1t_stub kind
	sub	sp, sp, #ARCH_FRAME_SIZE
	stp	x0, x1, [sp, #ARCH_FRAME_X(0)]
	mrs	x1, sp_el0
	mov	x0, #\kind
	b	fatal_save
.endm

/*
 * A fatal exception from the runtime itself: its sp is suspect, so x0 and
 * x1 are parked in system registers nothing else uses (TPIDRRO_EL0 is the
 * app's, and the app's own code never goes on after this).
 */
.macro fatal_el1h_stub kind
	msr	tpidr_el1, x0
	msr	tpidrro_el0, x1
	mov	x0, #\kind
	b	fatal_runtime
.endm

.macro fatal_el1h kind
	slot_start
	fatal_el1h_stub \kind
	slot_end
.endm

	.section .text.vectors, "ax"
	.balign 2048
	.global arch_vectors
arch_vectors:
/*
 * EL1t synchronous: the syscall fast path, in its slot. Every register but
 * x0 survives (see save_c_clobbered for why so few are stored). One compare
 * sends everything else to the slow path: an app sp below the floor (a
 * stack overflow, or any exception while the runtime runs app code), an
 * exception that is not `svc #0`, a number outside the table or one whose
 * handler may start an upcall (bit 0 of its offset).
 */
	slot_start
	save_c_clobbered
	ldr	x16, arch_app_sp_floor
	mrs	x17, sp_el0
	cmp	x17, x16
	b.lo	sync_slow
	mrs	x16, esr_el1
	mov	w17, #ARCH_ESR_SVC_IMM0
	cmp	x16, x17
	b.ne	sync_slow
#if RT_SYSCALL_TRACE
	b	sync_slow
#else
	/*
	 * No array_index_nospec here: the app and the runtime share EL1 and
	 * all memory, so there is no privilege boundary to leak across.
	 */
	cmp	x8, #SYSCALL_TABLE_SIZE
	b.hs	sync_slow
	adr	x17, syscall_offsets
	ldrsh	x16, [x17, x8, lsl #1]
	tbnz	w16, #0, sync_slow
	add	x16, x17, x16
	blr	x16
#endif
	restore_c_clobbered_but_x0
	eret
	slot_end

/* EL1t IRQ: the whole frame, since an ISR may be started on the way out. */
	slot_start
	save_c_clobbered
	save_rest_of_frame
	mov	x0, sp
	bl	rt_irq_entry
	b	exit_full
	slot_end

	slot_start
	fatal_el1t_stub SRC_EL1T + KIND_FIQ
/*
 * Everything from the app that is not a plain syscall: the frame is made
 * whole, C decides, and every register comes back from the frame, which C
 * may have changed (a syscall's result, an upcall's entry, rt_sigreturn).
 * In the room of this slot and the next.
 */
sync_slow:
	save_rest_of_frame
	mov	x0, sp
	bl	rt_sync_entry
	b	exit_full
	slot_end
	slot_start
	fatal_el1t_stub SRC_EL1T + KIND_SERROR
exit_full:
	ldp	x16, x17, [sp, #ARCH_FRAME_SP]
	msr	sp_el0, x16
	msr	elr_el1, x17
	ldr	x16, [sp, #ARCH_FRAME_SPSR]
	msr	spsr_el1, x16
	ldp	x0, x1, [sp, #ARCH_FRAME_X(0)]
	frame_x2_to_x29 ldp
	ldr	x30, [sp, #ARCH_FRAME_X(30)]
	add	sp, sp, #ARCH_FRAME_SIZE
	eret
	slot_end
	slot_start
	msr	tpidr_el1, x0
	msr	tpidrro_el0, x1
	mov	x0, #(SRC_EL1H + KIND_SYNC)
/*
 * Every fatal_el1h slot comes here, in this slot's room. The runtime
 * faulted (or took an interrupt it never unmasks). Its sp may be what
 * broke: the report goes below it only if it lies inside the exception
 * stack with the report's RT_EXC_REPORT_NEED bytes left below it, else it
 * starts again from the stack's top (the runtime never goes on from
 * there; the outer frames it overwrites only cut the backtrace short).
 * x0 = kind; TPIDR_EL1 and TPIDRRO_EL0 = x0 and x1 as they were.
 */
fatal_runtime:
	adrp	x1, arch_exc_stack_report_floor
	add	x1, x1, :lo12:arch_exc_stack_report_floor
	cmp	sp, x1
	b.lo	1f
	adrp	x1, arch_exc_stack_top
	add	x1, x1, :lo12:arch_exc_stack_top
	cmp	sp, x1
	b.hi	1f
	mov	x1, sp
	b	2f
	/* sp and x1 swap without a third register. */
1:	adrp	x1, arch_exc_stack_top
	add	x1, x1, :lo12:arch_exc_stack_top
	sub	x1, sp, x1
	sub	sp, sp, x1
	add	x1, sp, x1
2:	sub	sp, sp, #ARCH_FRAME_SIZE
	str	x1, [sp, #ARCH_FRAME_SP]
	mrs	x1, tpidr_el1
	str	x1, [sp, #ARCH_FRAME_X(0)]
	mrs	x1, tpidrro_el0
	str	x1, [sp, #ARCH_FRAME_X(1)]
	b	fatal_save_rest
	slot_end
	fatal_el1h SRC_EL1H + KIND_IRQ
	fatal_el1h SRC_EL1H + KIND_FIQ
	fatal_el1h SRC_EL1H + KIND_SERROR
/*
 * Lower EL, synchronous. The runtime never runs EL0, so at EL1 this is a
 * bug. When the runtime was entered at EL2 (entry.S), VBAR_EL2 points here
 * too, and this is a trap from EL1. An HVC: nothing answers it, as on a
 * machine without the call (SMCCC NOT_SUPPORTED in x0). Anything else
 * (entry.S traps nothing, so it would be a bug): EL1 takes it as its own
 * synchronous exception, from where it came, so that EL1's fault path
 * reports it. TPIDR_EL1, which the runtime only uses in its fault path,
 * is the scratch.
 */
	slot_start
	msr	tpidr_el1, x0
	mrs	x0, CurrentEL
	cmp	x0, #ARCH_CURRENTEL_EL2
	b.ne	2f
	mrs	x0, esr_el2
	lsr	x0, x0, #ARCH_ESR_EC_SHIFT
	cmp	x0, #ARCH_EC_HVC64
	b.ne	1f
	mov	x0, #-1
	eret
1:	mrs	x0, esr_el2
	msr	esr_el1, x0
	mrs	x0, far_el2
	msr	far_el1, x0
	mrs	x0, elr_el2
	msr	elr_el1, x0
	mrs	x0, spsr_el2
	msr	spsr_el1, x0
	/* EL1t's synchronous slot is the first, EL1h's is 0x200 on. */
	tst	x0, #ARCH_SPSR_SPX
	mrs	x0, vbar_el1
	b.eq	3f
	add	x0, x0, #0x200
3:	msr	elr_el2, x0
	mov	x0, #ARCH_SPSR_EL1H_MASKED
	msr	spsr_el2, x0
	mrs	x0, tpidr_el1
	eret
2:	msr	tpidrro_el0, x1
	mov	x0, #(SRC_LOWER64 + KIND_SYNC)
	b	fatal_runtime
	slot_end
	slot_start
	fatal_el1h_stub SRC_LOWER64 + KIND_IRQ
/* void arch_fp_save(struct arch_fp_state *s) */
	.global arch_fp_save
	.type arch_fp_save, %function
arch_fp_save:
	fp_q_regs stp
	mrs	x1, fpsr
	mrs	x2, fpcr
	add	x0, x0, #16 * 32
	stp	x1, x2, [x0]
	ret
	.size arch_fp_save, . - arch_fp_save
	slot_end
	slot_start
	fatal_el1h_stub SRC_LOWER64 + KIND_FIQ
/* void arch_fp_restore(const struct arch_fp_state *s) */
	.global arch_fp_restore
	.type arch_fp_restore, %function
arch_fp_restore:
	fp_q_regs ldp
	add	x0, x0, #16 * 32
	ldp	x1, x2, [x0]
	msr	fpsr, x1
	msr	fpcr, x2
	ret
	.size arch_fp_restore, . - arch_fp_restore
	slot_end
	fatal_el1h SRC_LOWER64 + KIND_SERROR
	fatal_el1h SRC_LOWER32 + KIND_SYNC
	fatal_el1h SRC_LOWER32 + KIND_IRQ
	fatal_el1h SRC_LOWER32 + KIND_FIQ
	fatal_el1h SRC_LOWER32 + KIND_SERROR
	.balign 128

/*
 * The rest goes before the table, into the room .text.entry leaves up to
 * its 2 KiB alignment (runtime.lds), where it takes no memory of its own.
 */
	.section .text.entry, "ax"
	.balign 4

/* x1 = the sp to report, x0 = kind, x0/x1 of the app saved. */
	.type fatal_save, %function
fatal_save:
	str	x1, [sp, #ARCH_FRAME_SP]
fatal_save_rest:
	frame_x2_to_x29 stp
	str	x30, [sp, #ARCH_FRAME_X(30)]
	mrs	x2, elr_el1
	str	x2, [sp, #ARCH_FRAME_ELR]
	mrs	x2, spsr_el1
	mrs	x3, esr_el1
	stp	x2, x3, [sp, #ARCH_FRAME_SPSR]
	mrs	x2, far_el1
	str	x2, [sp, #ARCH_FRAME_FAR]
	mov	x1, x0
	mov	x0, sp
	/*
	 * The report's backtrace starts from the frame's x29, the faulting
	 * code's; the report's own chain ends here.
	 */
	mov	x29, xzr
	bl	fault_report
	b	.
	.size fatal_save, . - fatal_save
