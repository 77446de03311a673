// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The primary VM of the RM tests. RM starts it once it is ready, with the
// device tree it patched: the node whose compatible holds
// "gunyah-resource-manager" has, in reg, the capabilities of RM's two
// message queues (TX, then RX). The program sends VM_GET_VMID, polls for
// the reply, checks it (a reply, to our sequence number, rm_error 0, VMID
// 3: the primary VM's), says so on the PL011 and ends QEMU through
// semihosting with 0, or 1 and the reason.

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdnoreturn.h>

#define PL011_DR     0x09000000ul
#define PL011_FR     0x09000018ul
#define PL011_FR_TXF (1u << 5)

#define FDT_MAGIC      0xd00dfeedu
#define FDT_BEGIN_NODE 1u
#define FDT_END_NODE   2u
#define FDT_PROP       3u
#define FDT_NOP        4u
#define FDT_END        9u
#define FDT_MAX_SIZE   0x100000u

#define HVC_MSGQUEUE_SEND    "0x601b"
#define HVC_MSGQUEUE_RECEIVE "0x601c"
#define MSGQ_PUSH            1u
#define GUNYAH_ERR_EMPTY     60u

#define RPC_MSG_SIZE     240u
#define RPC_HEADER_SIZE  8u
#define RPC_API_HEADER   0x21u // two header words, API version 1
#define RPC_BAD_API      0x22u // API version 2: RM drops it
#define RPC_TYPE_REQUEST 1u
#define RPC_TYPE_REPLY   2u
#define RPC_TYPE_MASK    3u
#define RPC_VM_GET_VMID  0x56000024u
#define RPC_SEQ          0x5a5u
#define PRIMARY_VMID     3u
#define REPLY_WAIT_MS    2000u

#define SEMIHOST_EXIT_EXT 0x20ul
#define SEMIHOST_APP_EXIT 0x20026ul

#ifndef PRIMARY_BAD_HEADER
#define PRIMARY_BAD_HEADER 0
#endif

struct hvc_result {
	uint64_t x0, x1;
};

noreturn void primary_main(uintptr_t fdt);
noreturn void primary_exception(uint64_t esr, uint64_t elr, uint64_t far);

static void
uart_putc(char c)
{
	while (*(volatile uint32_t *)PL011_FR & PL011_FR_TXF) {
	}
	*(volatile uint32_t *)PL011_DR = (uint8_t)c;
}

static void
uart_puts(const char *s)
{
	while (*s != '\0')
		uart_putc(*s++);
}

static void
uart_hex(uint64_t v)
{
	int shift = 60;

	uart_puts("0x");
	while (shift > 0 && (v >> shift) == 0)
		shift -= 4;
	for (; shift >= 0; shift -= 4)
		uart_putc("0123456789abcdef"[(v >> shift) & 0xf]);
}

static void
uart_dec(uint64_t v)
{
	char buf[21];
	int i = sizeof(buf) - 1;

	buf[i] = '\0';
	do {
		buf[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	uart_puts(&buf[i]);
}

static noreturn void
primary_exit(unsigned int status)
{
	uint64_t block[2] = { SEMIHOST_APP_EXIT, status & 0xff };
	register uint64_t x0 __asm__("x0") = SEMIHOST_EXIT_EXT;
	register uint64_t x1 __asm__("x1") = (uint64_t)block;

	__asm__ volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
	for (;;)
		__asm__ volatile("wfi");
}

static noreturn void
fail(const char *why, uint64_t value)
{
	uart_puts("primary: FAILED: ");
	uart_puts(why);
	uart_puts(" (");
	uart_hex(value);
	uart_puts(")\n");
	primary_exit(1);
}

noreturn void
primary_exception(uint64_t esr, uint64_t elr, uint64_t far)
{
	uart_puts("primary: FAILED: exception, ESR ");
	uart_hex(esr);
	uart_puts(" ELR ");
	uart_hex(elr);
	uart_puts(" FAR ");
	uart_hex(far);
	uart_puts("\n");
	primary_exit(2);
}

// The device tree is big-endian, and with the MMU off every access is to
// Device memory: bytes, so nothing is unaligned.
static uint32_t
be32(uintptr_t p)
{
	const volatile uint8_t *b = (const volatile uint8_t *)p;

	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
	       (uint32_t)b[2] << 8 | b[3];
}

static uint64_t
be64(uintptr_t p)
{
	return (uint64_t)be32(p) << 32 | be32(p + 4);
}

static size_t
str_len(uintptr_t s, uintptr_t end)
{
	size_t n = 0;

	while (s + n < end && *(const volatile char *)(s + n) != '\0')
		n++;
	return n;
}

static bool
str_eq(uintptr_t s, const char *want, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (*(const volatile char *)(s + i) != want[i])
			return false;
	}
	return want[n] == '\0';
}

// Whether a compatible property (NUL-separated strings) lists want.
static bool
compatible_has(uintptr_t value, uint32_t len, const char *want)
{
	uintptr_t end = value + len;

	while (value < end) {
		size_t n = str_len(value, end);

		if (str_eq(value, want, n))
			return true;
		value += n + 1;
	}
	return false;
}

// Finds the RM node's reg: sets tx and rx, or fails.
static void
fdt_find_rm(uintptr_t fdt, uint64_t *tx, uint64_t *rx)
{
	uint32_t total, off_struct, off_strings, size_struct;
	uintptr_t p, end, strings, strings_end, reg = 0;
	uint32_t reg_len = 0;
	bool found = false;

	if (be32(fdt) != FDT_MAGIC)
		fail("no device tree at x0", fdt);
	total = be32(fdt + 4);
	off_struct = be32(fdt + 8);
	off_strings = be32(fdt + 12);
	size_struct = be32(fdt + 36);
	if (total > FDT_MAX_SIZE || off_struct > total ||
	    size_struct > total - off_struct || off_strings > total)
		fail("device tree header out of bounds", total);
	p = fdt + off_struct;
	end = p + size_struct;
	strings = fdt + off_strings;
	strings_end = fdt + total;
	while (p + 4 <= end) {
		uint32_t token = be32(p);

		p += 4;
		if (token == FDT_BEGIN_NODE) {
			// A new node: forget the last one's reg.
			if (found)
				break;
			reg = 0;
			p += (str_len(p, end) + 4) & ~(uintptr_t)3;
		} else if (token == FDT_END_NODE) {
			if (found)
				break;
		} else if (token == FDT_PROP) {
			uint32_t len = be32(p);
			uintptr_t name = strings + be32(p + 4);
			uintptr_t value = p + 8;

			size_t name_len = str_len(name, strings_end);

			if (str_eq(name, "compatible", name_len) &&
			    compatible_has(value, len,
			                   "gunyah-resource-manager"))
				found = true;
			if (str_eq(name, "reg", name_len)) {
				reg = value;
				reg_len = len;
			}
			p = value + ((len + 3) & ~3u);
		} else if (token != FDT_NOP) {
			break;
		}
	}
	if (!found)
		fail("no gunyah-resource-manager node in the device tree", 0);
	if (reg == 0 || reg_len != 16)
		fail("the RM node's reg is not two 64-bit capabilities",
		     reg_len);
	*tx = be64(reg);
	*rx = be64(reg + 8);
}

static uint64_t
counter(void)
{
	uint64_t v;

	__asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(v) : : "memory");
	return v;
}

static uint64_t
counter_freq(void)
{
	uint64_t v;

	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(v));
	return v;
}

static struct hvc_result
msgq_send(uint64_t cap, const void *buf, uint64_t size)
{
	register uint64_t x0 __asm__("x0") = cap;
	register uint64_t x1 __asm__("x1") = size;
	register uint64_t x2 __asm__("x2") = (uint64_t)buf;
	register uint64_t x3 __asm__("x3") = MSGQ_PUSH;
	register uint64_t x4 __asm__("x4") = 0;

	__asm__ volatile("hvc #" HVC_MSGQUEUE_SEND
	                 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4)
	                 :
	                 : "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12",
	                   "x13", "x14", "x15", "x16", "x17", "memory");
	return (struct hvc_result){ x0, x1 };
}

static struct hvc_result
msgq_receive(uint64_t cap, void *buf, uint64_t size)
{
	register uint64_t x0 __asm__("x0") = cap;
	register uint64_t x1 __asm__("x1") = (uint64_t)buf;
	register uint64_t x2 __asm__("x2") = size;
	register uint64_t x3 __asm__("x3") = 0;

	__asm__ volatile("hvc #" HVC_MSGQUEUE_RECEIVE
	                 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
	                 :
	                 : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11",
	                   "x12", "x13", "x14", "x15", "x16", "x17", "memory");
	return (struct hvc_result){ x0, x1 };
}

static uint32_t
le32(const volatile uint8_t *b)
{
	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
	       (uint32_t)b[3] << 24;
}

static uint8_t request[RPC_HEADER_SIZE] __attribute__((aligned(8)));
static uint8_t reply[RPC_MSG_SIZE] __attribute__((aligned(8)));

noreturn void
primary_main(uintptr_t fdt)
{
	uint64_t tx, rx, deadline;
	struct hvc_result r;
	unsigned int skipped = 0;

	uart_puts("primary: started, device tree at ");
	uart_hex(fdt);
	uart_puts("\n");
	fdt_find_rm(fdt, &tx, &rx);
	uart_puts("primary: RM message queues: tx ");
	uart_hex(tx);
	uart_puts(", rx ");
	uart_hex(rx);
	uart_puts("\n");

	request[0] = PRIMARY_BAD_HEADER ? RPC_BAD_API : RPC_API_HEADER;
	request[1] = RPC_TYPE_REQUEST;
	request[2] = RPC_SEQ & 0xff;
	request[3] = RPC_SEQ >> 8;
	request[4] = RPC_VM_GET_VMID & 0xff;
	request[5] = (RPC_VM_GET_VMID >> 8) & 0xff;
	request[6] = (RPC_VM_GET_VMID >> 16) & 0xff;
	request[7] = (uint8_t)(RPC_VM_GET_VMID >> 24);
	r = msgq_send(tx, request, sizeof(request));
	if (r.x0 != 0)
		fail("msgqueue_send", r.x0);
	uart_puts(PRIMARY_BAD_HEADER ? "primary: sent VM_GET_VMID with API "
	                               "version 2, which RM drops\n"
	                             : "primary: sent VM_GET_VMID\n");

	deadline = counter() + counter_freq() * REPLY_WAIT_MS / 1000;
	for (;;) {
		r = msgq_receive(rx, reply, sizeof(reply));
		if (r.x0 == GUNYAH_ERR_EMPTY) {
			if (counter() > deadline) {
				uart_puts("primary: no reply from RM within ");
				uart_dec(REPLY_WAIT_MS);
				uart_puts(" ms\n");
				primary_exit(1);
			}
			continue;
		}
		if (r.x0 != 0)
			fail("msgqueue_receive", r.x0);
		if (r.x1 < RPC_HEADER_SIZE)
			fail("a message shorter than its header", r.x1);
		// Notifications (and anything not ours) may come first.
		if ((reply[1] & RPC_TYPE_MASK) != RPC_TYPE_REPLY ||
		    le32(&reply[4]) != RPC_VM_GET_VMID ||
		    (reply[2] | reply[3] << 8) != RPC_SEQ) {
			skipped++;
			continue;
		}
		break;
	}
	if (reply[0] != RPC_API_HEADER)
		fail("reply header", reply[0]);
	if (r.x1 < RPC_HEADER_SIZE + 8)
		fail("reply too short for rm_error and vmid", r.x1);
	if (le32(&reply[8]) != 0)
		fail("rm_error", le32(&reply[8]));
	if (le32(&reply[12]) != PRIMARY_VMID)
		fail("the VMID is not the primary VM's", le32(&reply[12]));
	uart_puts("primary: VM_GET_VMID answered: vmid ");
	uart_dec(le32(&reply[12]));
	uart_puts(", rm_error 0 (");
	uart_dec(skipped);
	uart_puts(" other messages skipped)\n");
	primary_exit(0);
}
