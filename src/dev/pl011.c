// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// An Arm PL011 UART as the console device: output only, polled, the way a
// firmware's early console drives one it finds already set up.

#include <rt/arch.h>
#include <rt/console.h>
#include <rt/dev.h>

#define PL011_DR      0x000u
#define PL011_FR      0x018u
#define PL011_FR_TXFF (1u << 5) // transmit FIFO full
// A UART that never drains is not worth hanging the VM for.
#define PL011_SPINS 1000000u

static uintptr_t pl011_base;

static void
pl011_write(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned spins = 0;

		while ((arch_mmio_read32(pl011_base + PL011_FR) &
		        PL011_FR_TXFF) != 0 &&
		       ++spins < PL011_SPINS)
			;
		arch_mmio_write32(pl011_base + PL011_DR, (unsigned char)s[i]);
	}
}

void
dev_pl011_console(uintptr_t base)
{
	pl011_base = base;
	console_set_device(base != 0 ? pl011_write : NULL);
}
