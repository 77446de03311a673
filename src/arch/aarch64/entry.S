/* SPDX-License-Identifier: BSD-3-Clause */
/* Copyright (c) 2026 The aarch64 bare-metal runtime authors */

/*
 * Two ways in (docs/architecture.md): Gunyah enters the root VM's runtime
 * at arch_entry, EL1h, with x0 = its environment data; a VMM that boots
 * Linux enters the arm64 Image at its first byte (the header below), at EL2
 * or EL1, with x0 = a device tree. Either way DAIF is masked, the MMU off
 * and nothing else promised. Before C can run we need EL1 (dropping from
 * EL2 as Linux does when it is not a hypervisor; an EL2 whose HCR_EL2.E2H
 * is fixed at 1 only goes as far as boot's panic), SCTLR_EL1 as the runtime
 * expects it, a stack, FP/SIMD access (the app's libc uses it from its first
 * instruction), vectors (so a fault says what happened instead of looping
 * through VBAR 0) and our own pointers relocated. C (boot_main) tells the
 * two apart by what x0 points to.
 */
#include <asm_macros.h>

	rt_convention

#define CURRENTEL_EL1        (1 << 2)
#define CPACR_FPEN_NO_TRAP   (3 << 20)
#define HCR_EL2_RW           (1 << 31) /* EL1 is AArch64, nothing trapped */
#define HCR_EL2_E2H_BIT      34
#define MMFR4_E2H0_SIGN_BIT  27        /* ID_AA64MMFR4_EL1.E2H0 < 0: no E2H 0 */
#define CNTHCTL_EL1_ACCESS   3         /* EL1PCTEN, EL1PCEN; no ECV traps */
#define HCRX_EL2_MSCEN       (1 << 11)
#define HCRX_EL2_ENFPM       (1 << 23)
/*
 * FP/SIMD untrapped (TFP, TTA clear). TZ and TSM are RES1 where SVE and SME
 * are absent, so they are written 1 as Linux does; where present they trap
 * SVE and SME, which CPACR_EL1 leaves trapped at EL1 anyway.
 */
#define CPTR_EL2_FP_ONLY     0x33ff
#define ICC_SRE_EL2_EL1_USE  9         /* SRE, Enable: EL1 may use ICC_* */
/*
 * MMU and data cache off (Gunyah refuses M for the root VM; HCR_EL2.DC
 * makes its memory normal), alignment checks off, SP alignment checks on,
 * instruction cache on, EL0 access to nothing. Bits 11, 20, 22, 23, 28, 29
 * are RES1 without the features that would give them a meaning.
 */
#define SCTLR_EL1_RUNTIME_LO 0x1808
#define SCTLR_EL1_RUNTIME_HI 0x30d0
#define R_AARCH64_RELATIVE   1027

/*
 * The arm64 Linux Image header (Documentation/arch/arm64/booting.rst), so
 * that the runtime's first bytes are what a VMM's -kernel wants. Gunyah
 * loads the ELF and enters at arch_entry, past it. tools/mkimage.py fills
 * image_size and the app's place and name after the header.
 */
	.section .text.head, "ax"
	.global arch_image_header
arch_image_header:
	b	arch_entry		/* code0 */
	.long	0			/* code1 */
	.quad	0			/* text_offset */
	.quad	0			/* image_size: mkimage.py */
	.quad	0xa			/* LE, 4 KiB pages, anywhere in RAM */
	.quad	0, 0, 0			/* res2-res4 */
	.ascii	"ARM\x64"		/* magic */
	.long	0			/* res5: no PE/COFF header */
/* struct arch_image_app (rt/arch.h), written by mkimage.py. */
	.global arch_image_app
arch_image_app:
	.quad	0			/* the app's offset in the image; 0: none */
	.quad	0			/* reserved */
	.space	ARCH_IMAGE_NAME_SIZE	/* the app's name, NUL-terminated */

	.section .text.entry, "ax"
func arch_entry
	mov	x19, x0
	mrs	x22, CurrentEL
	lsr	x22, x22, #2
	mrs	x1, CurrentEL
	cmp	x1, #ARCH_CURRENTEL_EL2
	b.eq	from_el2
	cmp	x1, #CURRENTEL_EL1
	b.ne	halt
el1:	mov	x1, #SCTLR_EL1_RUNTIME_LO
	movk	x1, #SCTLR_EL1_RUNTIME_HI, lsl #16
	msr	sctlr_el1, x1
	isb
	mov	x1, #CPACR_FPEN_NO_TRAP
	msr	cpacr_el1, x1
	adr	x1, arch_vectors
	msr	vbar_el1, x1
	isb
	msr	spsel, #1
	adrp	x1, arch_exc_stack_top
	add	x1, x1, :lo12:arch_exc_stack_top
	mov	sp, x1

	/*
	 * Static-pie: every absolute pointer is an R_AARCH64_RELATIVE entry
	 * (base + addend). Any other type is counted and reported by C.
	 */
	adrp	x20, __runtime_start
	add	x20, x20, :lo12:__runtime_start
	adrp	x1, __rela_start
	add	x1, x1, :lo12:__rela_start
	adrp	x2, __rela_end
	add	x2, x2, :lo12:__rela_end
	mov	x21, #0
3:	cmp	x1, x2
	b.hs	5f
	ldp	x3, x4, [x1]
	ldr	x5, [x1, #16]
	add	x1, x1, #24
	cmp	x4, #R_AARCH64_RELATIVE
	b.ne	4f
	add	x5, x5, x20
	str	x5, [x20, x3]
	b	3b
4:	add	x21, x21, #1
	b	3b

	/*
	 * Loaders zero bss, but nothing in the contract says so: the
	 * runtime's and the boot code's (runtime.lds).
	 */
5:	adrp	x1, __bss_start
	add	x1, x1, :lo12:__bss_start
	adrp	x2, __bss_end
	add	x2, x2, :lo12:__bss_end
	bl	zero_range
	adrp	x1, __init_bss_start
	add	x1, x1, :lo12:__init_bss_start
	adrp	x2, __init_bss_end
	add	x2, x2, :lo12:__init_bss_end
	bl	zero_range
	mov	x0, x19
	mov	x1, x20
	mov	x2, x21
	mov	x3, x22
	bl	boot_main
halt:	wfe
	b	halt

	/* Zeroes [x1, x2), both 16-byte aligned. */
zero_range:
	cmp	x1, x2
	b.hs	1f
	stp	xzr, xzr, [x1], #16
	b	zero_range
1:	ret

	/*
	 * EL2 without a hypervisor's job: EL1 in AArch64 with nothing
	 * trapped, the counters and timers, the GIC's system registers and
	 * the PMU (for the benchmarks) its own, MIDR/MPIDR as they are, no
	 * stage 2. The vectors answer EL1's HVCs NOT_SUPPORTED (vectors.S),
	 * as a missing hypervisor call would be.
	 */
from_el2:
	/*
	 * First: a fault below lands in our vectors, not at VBAR_EL2's
	 * UNKNOWN reset value.
	 */
	adr	x1, arch_vectors
	msr	vbar_el2, x1
	isb
	mov	x1, #HCR_EL2_RW
	msr	hcr_el2, x1
	isb
	/*
	 * Without FEAT_E2H0, HCR_EL2.E2H is RES1 (the ID register says so,
	 * or the bit reads 1 after the 0 written above): EL2 is then a host
	 * EL2 whose CPTR_EL2 and CNTHCTL_EL2 have other layouts, which this
	 * code does not set up. boot_image says so and stops.
	 */
	mrs	x1, S3_0_C0_C7_4	/* ID_AA64MMFR4_EL1; RAZ before it existed */
	tbnz	x1, #MMFR4_E2H0_SIGN_BIT, e2h_fixed
	mrs	x1, hcr_el2
	tbnz	x1, #HCR_EL2_E2H_BIT, e2h_fixed
	/* Written whole: reset leaves its other bits (ECV traps) UNKNOWN. */
	mov	x1, #CNTHCTL_EL1_ACCESS
	msr	cnthctl_el2, x1
	msr	cntvoff_el2, xzr
	mov	x1, #CPTR_EL2_FP_ONLY
	msr	cptr_el2, x1
	mrs	x1, midr_el1
	msr	vpidr_el2, x1
	mrs	x1, mpidr_el1
	msr	vmpidr_el2, x1
	msr	vttbr_el2, xzr
	mrs	x1, id_aa64pfr0_el1
	ubfx	x1, x1, #24, #4		/* GIC system registers */
	cbz	x1, 1f
	mrs	x1, icc_sre_el2
	mov	x2, #ICC_SRE_EL2_EL1_USE
	orr	x1, x1, x2
	msr	icc_sre_el2, x1
	isb
	msr	ich_hcr_el2, xzr
	/* Without a PMUv3, PMCR_EL0 is UNDEFINED: HPMN 0 then. */
1:	mrs	x1, id_aa64dfr0_el1
	ubfx	x1, x1, #8, #4		/* PMUVer */
	cbz	x1, 2f
	cmp	x1, #0xf		/* IMPLEMENTATION DEFINED: not PMUv3 */
	b.eq	3f
	mrs	x1, pmcr_el0
	ubfx	x1, x1, #11, #5		/* PMCR_EL0.N to MDCR_EL2.HPMN */
	b	2f
3:	mov	x1, xzr
2:	msr	mdcr_el2, x1
	/*
	 * The fine-grained traps reset UNKNOWN (FEAT_FGT, FGT2): none, which
	 * also traps the registers of features the runtime leaves off (the
	 * n-prefixed bits). Generic names: the assemblers may not know them.
	 */
	mrs	x1, id_aa64mmfr0_el1
	ubfx	x1, x1, #56, #4		/* FGT */
	cbz	x1, 7f
	msr	S3_4_C1_C1_4, xzr	/* HFGRTR_EL2 */
	msr	S3_4_C1_C1_5, xzr	/* HFGWTR_EL2 */
	msr	S3_4_C1_C1_6, xzr	/* HFGITR_EL2 */
	msr	S3_4_C3_C1_4, xzr	/* HDFGRTR_EL2 */
	msr	S3_4_C3_C1_5, xzr	/* HDFGWTR_EL2 */
	cmp	x1, #2			/* FEAT_FGT2 */
	b.lo	6f
	msr	S3_4_C3_C1_2, xzr	/* HFGRTR2_EL2 */
	msr	S3_4_C3_C1_3, xzr	/* HFGWTR2_EL2 */
	msr	S3_4_C3_C1_7, xzr	/* HFGITR2_EL2 */
	msr	S3_4_C3_C1_0, xzr	/* HDFGRTR2_EL2 */
	msr	S3_4_C3_C1_1, xzr	/* HDFGWTR2_EL2 */
6:	mrs	x1, id_aa64pfr0_el1
	ubfx	x1, x1, #44, #4		/* AMU */
	cbz	x1, 7f
	msr	S3_4_C3_C1_6, xzr	/* HAFGRTR_EL2 */
	/*
	 * HCRX_EL2 (FEAT_HCX) resets UNKNOWN too. None of its traps, but the
	 * enables an app's code may need where the CPU has them (as Linux
	 * sets them): MSCEn for the memory copy and set instructions
	 * (FEAT_MOPS, which compilers inline for memcpy), EnFPM for FPMR
	 * (FEAT_FPMR). These writes, like the fine-grained ones above, trap
	 * to EL3 if firmware left SCR_EL3.HXEn (FGTEn) clear; it should not.
	 */
7:	mrs	x1, id_aa64mmfr1_el1
	ubfx	x1, x1, #40, #4		/* HCX */
	cbz	x1, 8f
	mov	x1, xzr
	mrs	x2, S3_0_C0_C6_2	/* ID_AA64ISAR2_EL1 */
	ubfx	x2, x2, #16, #4		/* MOPS */
	cbz	x2, 9f
	orr	x1, x1, #HCRX_EL2_MSCEN
9:	mrs	x2, S3_0_C0_C4_2	/* ID_AA64PFR2_EL1; RAZ before it existed */
	ubfx	x2, x2, #32, #4		/* FPMR */
	cbz	x2, 10f
	orr	x1, x1, #HCRX_EL2_ENFPM
10:	msr	S3_4_C1_C2_2, x1	/* HCRX_EL2 */
8:	mov	x1, #ARCH_SPSR_EL1H_MASKED
	msr	spsr_el2, x1
	adr	x1, el1
	msr	elr_el2, x1
	isb
	eret
	/*
	 * Boot goes on at EL2 just far enough to find the console and say
	 * why it stops: with E2H 1 the _EL1 names the code above el1 writes
	 * reach EL2's own registers.
	 */
e2h_fixed:
	mov	x22, #ARCH_ENTRY_EL2_E2H
	b	el1
endfunc arch_entry

/*
 * void arch_enter_app(uintptr_t entry, uintptr_t sp): never returns. The app
 * starts at EL1t on its own stack with every register 0 but sp, interrupts
 * on, and FPCR and FPSR 0 (round to nearest, no flush to zero, as Linux
 * starts a task: their reset values are UNKNOWN); the runtime's stack
 * starts empty again for the first exception.
 */
	.section .text.entry, "ax"
func arch_enter_app
	msr	elr_el1, x0
	msr	sp_el0, x1
	mov	x2, #ARCH_SPSR_APP
	msr	spsr_el1, x2
	msr	fpcr, xzr
	msr	fpsr, xzr
	adrp	x2, arch_exc_stack_top
	add	x2, x2, :lo12:arch_exc_stack_top
	mov	sp, x2
	mov	x0, xzr
	mov	x1, xzr
	mov	x2, xzr
	mov	x3, xzr
	mov	x4, xzr
	mov	x5, xzr
	mov	x6, xzr
	mov	x7, xzr
	mov	x8, xzr
	mov	x9, xzr
	mov	x10, xzr
	mov	x11, xzr
	mov	x12, xzr
	mov	x13, xzr
	mov	x14, xzr
	mov	x15, xzr
	mov	x16, xzr
	mov	x17, xzr
	mov	x18, xzr
	mov	x19, xzr
	mov	x20, xzr
	mov	x21, xzr
	mov	x22, xzr
	mov	x23, xzr
	mov	x24, xzr
	mov	x25, xzr
	mov	x26, xzr
	mov	x27, xzr
	mov	x28, xzr
	mov	x29, xzr
	mov	x30, xzr
	eret
endfunc arch_enter_app

/*
 * void arch_exc_stack_restart(void (*fn)(void)): never returns. fn runs on
 * the runtime's stack (SP_EL1, which every caller is on) emptied, with the
 * frame chain ended; whatever was on it is dropped.
 */
	.section .text.entry, "ax"
func arch_exc_stack_restart
	adrp	x1, arch_exc_stack_top
	add	x1, x1, :lo12:arch_exc_stack_top
	mov	sp, x1
	mov	x29, xzr
	blr	x0
	b	.
endfunc arch_exc_stack_restart

/*
 * The runtime's stack: boot runs on it, then every exception. A fault of
 * the runtime whose sp leaves less than RT_EXC_REPORT_NEED bytes above
 * the bottom is reported from the top (vectors.S).
 */
	.section .bss.exc_stack, "aw", %nobits
	.balign 16
	.global arch_exc_stack, arch_exc_stack_top, arch_exc_stack_report_floor
arch_exc_stack:
	.space	RT_EXC_STACK_SIZE
arch_exc_stack_top:
	.set	arch_exc_stack_report_floor, arch_exc_stack + RT_EXC_REPORT_NEED
