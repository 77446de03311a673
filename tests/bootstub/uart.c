// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The QEMU virt PL011, polled. QEMU needs no initialisation for output.

#include "stub.h"

#define UART_DR      0x00
#define UART_FR      0x18
#define UART_FR_TXFF (1U << 5)

static volatile uint32_t *
uart_reg(unsigned int offset)
{
	return (volatile uint32_t *)(STUB_UART_BASE + offset);
}

void
uart_putc(char c)
{
	while (*uart_reg(UART_FR) & UART_FR_TXFF) {
	}
	*uart_reg(UART_DR) = (uint8_t)c;
}

void
uart_puts(const char *s)
{
	while (*s != '\0') {
		uart_putc(*s++);
	}
}

void
uart_put_hex(uint64_t v)
{
	int shift = 60;

	uart_puts("0x");
	while (shift > 0 && (v >> shift) == 0) {
		shift -= 4;
	}
	for (; shift >= 0; shift -= 4) {
		uart_putc("0123456789abcdef"[(v >> shift) & 0xf]);
	}
}

void
uart_put_dec(uint64_t v)
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
