/* SPDX-License-Identifier: BSD-3-Clause */
/* Copyright (c) 2026 The aarch64 bare-metal runtime authors */

/*
 * The hypervisor enters here at EL1h with x0 = environment data, every other
 * register 0 (sp too), DAIF masked, MMU off. Before C can run we need a
 * stack, FP/SIMD access (the app's libc uses it from its first
 * instruction), vectors (so a fault says what happened instead of looping
 * through VBAR 0) and our own pointers relocated.
 */
#include <asm_macros.h>

	rt_convention

#define CURRENTEL_EL1        (1 << 2)
#define CPACR_FPEN_NO_TRAP   (3 << 20)
#define R_AARCH64_RELATIVE   1027

	.section .text.entry, "ax"
func arch_entry
	mov	x19, x0
	mrs	x1, CurrentEL
	cmp	x1, #CURRENTEL_EL1
	b.ne	halt
	mov	x1, #CPACR_FPEN_NO_TRAP
	msr	cpacr_el1, x1
	adr	x1, arch_vectors
	msr	vbar_el1, x1
	isb
	adrp	x1, arch_boot_stack_top
	add	x1, x1, :lo12:arch_boot_stack_top
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
	 * Loaders zero bss, but nothing in the contract says so; and bss
	 * reuses the memory of the relocations just applied (runtime.lds).
	 */
5:	adrp	x1, __bss_start
	add	x1, x1, :lo12:__bss_start
	adrp	x2, __bss_end
	add	x2, x2, :lo12:__bss_end
6:	cmp	x1, x2
	b.hs	7f
	stp	xzr, xzr, [x1], #16
	b	6b

7:	mov	x0, x19
	mov	x1, x20
	mov	x2, x21
	bl	boot_main
halt:	wfe
	b	halt
endfunc arch_entry

/* void arch_enter_app(uintptr_t entry, uintptr_t sp): never returns. */
	.text
func arch_enter_app
	mov	sp, x1
	mov	x16, x0
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
	/* IRQs and SErrors on: the app runs with interrupts, like RM expects. */
	msr	daifclr, #6
	br	x16
endfunc arch_enter_app

/*
 * The boot stack, and the stack every fatal exception switches to: an app
 * that overflowed its own stack still gets a readable panic.
 */
	.bss
	.balign 16
arch_boot_stack:
	.space	RT_BOOT_STACK_SIZE
	.global arch_boot_stack_top
arch_boot_stack_top:
