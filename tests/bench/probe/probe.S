/* SPDX-License-Identifier: BSD-3-Clause */
/* Copyright (c) 2026 The aarch64 bare-metal runtime authors */

/*
 * Written over a runtime's first instructions (tools/bench.py): reads the
 * virtual counter, prints it as "BENCH runtime_entry 0x<16 hex digits>"
 * through semihosting and ends QEMU. Under -icount the counter counts
 * instructions, so this is when the runtime's first instruction ran: the
 * counter is read by the second instruction.
 *
 * Entered like the runtime: EL1, MMU off, x0 = the environment data, whose
 * 16 KiB end in room nothing uses; two words there hold the character
 * SYS_WRITEC prints and SYS_EXIT_EXTENDED's block.
 */

#define SYS_WRITEC        0x03
#define SYS_EXIT_EXTENDED 0x20
#define APP_EXIT          0x20026
#define SCRATCH_PAGE      0x3000
#define SCRATCH_OFF       0xff0

	.section .text.probe, "ax"
	.global	probe_entry
probe_entry:
	isb
	mrs	x19, cntvct_el0
	add	x20, x0, #SCRATCH_PAGE
	add	x20, x20, #SCRATCH_OFF
	adr	x21, probe_text
1:	ldrb	w22, [x21], #1
	cbz	w22, 2f
	bl	probe_putc
	b	1b
2:	mov	x23, #60
3:	lsr	x22, x19, x23
	and	x22, x22, #0xf
	add	x24, x22, #'0'
	add	x25, x22, #('a' - 10)
	cmp	x22, #10
	csel	x22, x24, x25, lo
	bl	probe_putc
	subs	x23, x23, #4
	b.pl	3b
	mov	x22, #'\n'
	bl	probe_putc
	mov	x22, #(APP_EXIT & 0xffff)
	movk	x22, #(APP_EXIT >> 16), lsl #16
	stp	x22, xzr, [x20]
	mov	x0, #SYS_EXIT_EXTENDED
	mov	x1, x20
	hlt	#0xf000
	b	.

/* Prints the character in w22 (keeps x19-x21, x23). */
probe_putc:
	strb	w22, [x20]
	mov	x0, #SYS_WRITEC
	mov	x1, x20
	hlt	#0xf000
	ret

probe_text:
	.asciz	"BENCH runtime_entry 0x"
