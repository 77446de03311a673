/* SPDX-License-Identifier: BSD-3-Clause */
/* Copyright (c) 2026 The aarch64 bare-metal runtime authors */

/*
 * memcpy and memset for Normal memory (rt/string.h): string.c calls these
 * once boot has said that all memory is Normal, where unaligned accesses
 * and DC ZVA are allowed (SCTLR_EL1.A is clear). Each size class is a few
 * unaligned accesses from both ends, which may overlap in the middle;
 * longer runs go 64 bytes a loop. Only x0-x7, x16 and x17 are touched:
 * the runtime's C keeps x8-x15 across calls (docs/architecture.md).
 * In .text.entry, which fills the gap up to the vectors' 2 KiB alignment
 * (runtime.lds): there they take no page of their own.
 */

#include <asm_macros.h>

	rt_convention

/*
 * Zero fills from this size on use DC ZVA, where its block is 64 bytes (as
 * on every core this runs on so far; other sizes get stores).
 */
#define ZVA_MIN        256
#define DCZID_DZP_BIT  4
#define DCZID_BS_64    4 /* log2(64 / 4) */

	.section .text.entry, "ax"
	.global string_copy_normal
	.type string_copy_normal, %function
	.balign 16
/* void *string_copy_normal(void *dst, const void *src, size_t n) */
string_copy_normal:
	add	x4, x1, x2		/* src end */
	add	x5, x0, x2		/* dst end */
	cmp	x2, #16
	b.hi	.Lcopy_17
	cmp	x2, #8
	b.lo	.Lcopy_0_7
	ldr	x6, [x1]
	ldr	x7, [x4, #-8]
	str	x6, [x0]
	str	x7, [x5, #-8]
	ret
.Lcopy_0_7:
	cmp	x2, #4
	b.lo	.Lcopy_0_3
	ldr	w6, [x1]
	ldr	w7, [x4, #-4]
	str	w6, [x0]
	str	w7, [x5, #-4]
	ret
.Lcopy_0_3:
	cbz	x2, .Lcopy_ret
	ldrb	w6, [x1]
	ldrb	w7, [x4, #-1]
	cmp	x2, #2
	b.ls	1f
	ldrb	w3, [x1, #1]
	strb	w3, [x0, #1]
1:	strb	w6, [x0]
	strb	w7, [x5, #-1]
.Lcopy_ret:
	ret
.Lcopy_17:
	ldp	x6, x7, [x1]
	cmp	x2, #32
	b.hi	.Lcopy_33
	ldp	x16, x17, [x4, #-16]
	stp	x6, x7, [x0]
	stp	x16, x17, [x5, #-16]
	ret
.Lcopy_33:
	ldp	x16, x17, [x1, #16]
	cmp	x2, #64
	b.hi	.Lcopy_65
	stp	x6, x7, [x0]
	stp	x16, x17, [x0, #16]
	ldp	x6, x7, [x4, #-32]
	ldp	x16, x17, [x4, #-16]
	stp	x6, x7, [x5, #-32]
	stp	x16, x17, [x5, #-16]
	ret
	/*
	 * 64 bytes a loop while more than 64 are left, then the last 64
	 * from the end, which may store some bytes twice.
	 */
.Lcopy_65:
	mov	x3, x0
	sub	x2, x2, #64
.Lcopy_loop:
	stp	x6, x7, [x3]
	stp	x16, x17, [x3, #16]
	ldp	x6, x7, [x1, #32]
	ldp	x16, x17, [x1, #48]
	stp	x6, x7, [x3, #32]
	stp	x16, x17, [x3, #48]
	add	x1, x1, #64
	add	x3, x3, #64
	subs	x2, x2, #64
	b.ls	.Lcopy_tail
	ldp	x6, x7, [x1]
	ldp	x16, x17, [x1, #16]
	b	.Lcopy_loop
.Lcopy_tail:
	ldp	x6, x7, [x4, #-64]
	ldp	x16, x17, [x4, #-48]
	stp	x6, x7, [x5, #-64]
	stp	x16, x17, [x5, #-48]
	ldp	x6, x7, [x4, #-32]
	ldp	x16, x17, [x4, #-16]
	stp	x6, x7, [x5, #-32]
	stp	x16, x17, [x5, #-16]
	ret
	.size string_copy_normal, . - string_copy_normal

	.section .text.entry, "ax"
	.global string_fill_normal
	.type string_fill_normal, %function
	.balign 16
/* void *string_fill_normal(void *dst, int c, size_t n) */
string_fill_normal:
	/* Zero fills of whole pages (brk, mmap) first, with the least ado. */
	tst	w1, #0xff
	b.ne	1f
	cmp	x2, #ZVA_MIN
	b.hs	.Lfill_zva
1:	and	x1, x1, #0xff
	mov	x3, #0x0101010101010101
	mul	x1, x1, x3
	add	x4, x0, x2		/* end */
	cmp	x2, #16
	b.hi	.Lfill_17
	cmp	x2, #8
	b.lo	.Lfill_0_7
	str	x1, [x0]
	str	x1, [x4, #-8]
	ret
.Lfill_0_7:
	cmp	x2, #4
	b.lo	.Lfill_0_3
	str	w1, [x0]
	str	w1, [x4, #-4]
	ret
.Lfill_0_3:
	cbz	x2, .Lfill_ret
	strb	w1, [x0]
	strb	w1, [x4, #-1]
	cmp	x2, #2
	b.ls	.Lfill_ret
	strb	w1, [x0, #1]
.Lfill_ret:
	ret
.Lfill_17:
	stp	x1, x1, [x0]
	cmp	x2, #32
	b.hi	.Lfill_33
	stp	x1, x1, [x4, #-16]
	ret
.Lfill_33:
	stp	x1, x1, [x0, #16]
	cmp	x2, #64
	b.hi	.Lfill_stores
	stp	x1, x1, [x4, #-32]
	stp	x1, x1, [x4, #-16]
	ret
	/*
	 * Zeroes of ZVA_MIN bytes or more: stores up to the first whole
	 * block, DC ZVA for the whole blocks (sixteen a loop, then singly),
	 * stores after the last. x1 is 0.
	 */
.Lfill_zva:
	mrs	x5, dczid_el0
	and	x5, x5, #((1 << DCZID_DZP_BIT) | 0xf)
	cmp	x5, #DCZID_BS_64
	b.ne	1b
	mov	x1, xzr
	add	x4, x0, x2
	add	x3, x0, #63
	and	x3, x3, #~63
	and	x5, x4, #~63
	cmp	x3, x0
	b.eq	1f
	stp	xzr, xzr, [x0]
	stp	xzr, xzr, [x0, #16]
	stp	xzr, xzr, [x0, #32]
	stp	xzr, xzr, [x0, #48]
1:	sub	x6, x5, x3
	lsr	x7, x6, #10
	cbz	x7, 3f
2:	.rept 16
	dc	zva, x3
	add	x3, x3, #64
	.endr
	subs	x7, x7, #1
	b.ne	2b
3:	cmp	x3, x5
	b.hs	4f
	dc	zva, x3
	add	x3, x3, #64
	b	3b
4:	cmp	x5, x4
	b.ne	.Lfill_end
	ret
	/* The first 32 bytes are stored; on from the next 64-byte boundary. */
.Lfill_stores:
	stp	x1, x1, [x0, #32]
	stp	x1, x1, [x0, #48]
	add	x3, x0, #64
	and	x3, x3, #~63
	b	.Lfill_loop_check
.Lfill_loop:
	stp	x1, x1, [x3]
	stp	x1, x1, [x3, #16]
	stp	x1, x1, [x3, #32]
	stp	x1, x1, [x3, #48]
	add	x3, x3, #64
.Lfill_loop_check:
	sub	x5, x4, x3
	cmp	x5, #64
	b.hi	.Lfill_loop
.Lfill_end:
	/* The last 64 bytes, some of them perhaps again. */
	stp	x1, x1, [x4, #-64]
	stp	x1, x1, [x4, #-48]
	stp	x1, x1, [x4, #-32]
	stp	x1, x1, [x4, #-16]
	ret
	.size string_fill_normal, . - string_fill_normal
