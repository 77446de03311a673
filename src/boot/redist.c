// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// Which of a device tree's GICv3 redistributors is the boot CPU's. The
// tree gives regions of every CPU's, in no promised order, and the boot
// CPU need not be the first nor have affinity 0: each frame says whose it
// is in GICR_TYPER. Gunyah's environment data gives the root VM's own
// frame, so only an Image boot asks, once, before the MMU is on.

#include <rt/arch.h>
#include <rt/platform.h>

#define GICR_TYPER       0x0008u
#define GICR_TYPER_VLPIS (1u << 1)
#define GICR_TYPER_LAST  (1u << 4)
#define GICR_PIDR2       0xffe8u
#define GICR_PIDR2_ARCH  0xf0u
#define GICR_PIDR2_GICV3 0x30u
#define GICR_PIDR2_GICV4 0x40u
#define GICR_FRAMES_VLPI 0x40000u // with VLPI_base and a reserved frame

uintptr_t
redist_find(uintptr_t base, uint64_t size, uint64_t stride, uint64_t mpidr)
{
	// GICR_TYPER[63:32] is Aff3.Aff2.Aff1.Aff0; MPIDR keeps Aff3 apart.
	uint64_t aff = (mpidr & 0xffffffu) | ((mpidr >> 32) & 0xffu) << 24;

	while (size >= PLATFORM_GICR_SIZE) {
		uint32_t arch =
		    arch_mmio_read32(base + GICR_PIDR2) & GICR_PIDR2_ARCH;
		uint64_t typer, step;

		// Past the last redistributor, a region that says no Last
		// (as Linux's search stops there too).
		if (arch != GICR_PIDR2_GICV3 && arch != GICR_PIDR2_GICV4)
			break;
		typer = arch_mmio_read64(base + GICR_TYPER);
		if (typer >> 32 == aff)
			return base;
		step = stride != 0                       ? stride
		       : (typer & GICR_TYPER_VLPIS) != 0 ? GICR_FRAMES_VLPI
		                                         : PLATFORM_GICR_SIZE;
		if ((typer & GICR_TYPER_LAST) != 0 || step > size)
			break;
		base += step;
		size -= step;
	}
	return 0;
}
