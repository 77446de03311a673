// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef RT_PLATFORM_H
#define RT_PLATFORM_H

#include <rt/types.h>

// A GICv3 distributor's frame, and one redistributor's, RD_base and
// SGI_base: what the runtime drives of its own CPU's.
#define PLATFORM_GICD_SIZE 0x10000u
#define PLATFORM_GICR_SIZE 0x20000u
// Redistributor regions a device tree may give (#redistributor-regions).
#define PLATFORM_GICR_REGIONS 4u

// What boot learnt about the machine, from Gunyah's environment data or
// from a device tree. Addresses are CPU physical addresses.
struct platform {
	// The RAM bank holding the image (a /memory reg entry), ending early
	// at the first reserved region above the image if one lies in it.
	uint64_t mem_base, mem_size;
	// GICv3 distributor and first redistributor region (reg[0], reg[1]
	// of the "arm,gic-v3" node; Image boot then narrows the latter to the
	// boot CPU's frames, redist_find); or, gic_version 2, a GICv2's
	// distributor and CPU interface (an "arm,cortex-a15-gic" or
	// "arm,gic-400" node).
	unsigned gic_version;
	uint64_t gicd_base, gicd_size;
	uint64_t gicr_base, gicr_size;
	// A device tree's GICv3 redistributor regions (reg[1..], the first
	// is gicr_base and gicr_size) and redistributor-stride (0: each
	// frame's GICR_TYPER says), for redist_find.
	unsigned gicr_count;
	uint64_t gicr_stride;
	struct platform_region {
		uint64_t base, size;
	} gicr_regions[PLATFORM_GICR_REGIONS];
	// The EL1 virtual timer's INTID (the third interrupt of the
	// "arm,armv8-timer" node, a PPI), 0 without a timer node.
	uint32_t timer_intid;
	// The timer node's clock-frequency, 0 without one (read CNTFRQ_EL0).
	uint64_t timer_freq;
	// The PL011 that /chosen/stdout-path names, 0 if it names none.
	uint64_t uart_base;
	// /chosen/bootargs, NUL-terminated, inside the blob; or NULL.
	const char *bootargs;
	// /chosen/rng-seed, else /chosen/kaslr-seed, inside the blob; or
	// NULL.
	const uint8_t *rng_seed;
	size_t rng_seed_len;
	enum platform_psci {
		PLATFORM_PSCI_NONE,
		PLATFORM_PSCI_HVC,
		PLATFORM_PSCI_SMC,
	} psci; // the conduit of /psci's method
};

// Reads the device tree at blob (x0 of the Linux boot protocol: 8-byte
// aligned), of which size_limit bytes are known to be readable; image_addr
// is where the image was loaded, which picks the RAM bank. NULL when the
// tree describes a machine the runtime can run on, with *out filled in;
// else what is wrong, in words that leave "device tree" to the caller
// (panic("boot: bad device tree at %p: %s", blob, why)), and *out is not
// to be used.
//
// bootargs and rng_seed point into the blob: copy them before the blob's
// memory is reused (it may lie in RAM above the image, where the heap
// goes).
//
// No recursion; at most about 600 bytes of stack (the deepest chain is
// dt_platform_read, fdt_reg_cpu, fdt_translate, fdt_prop, a string
// routine: 576 bytes with GCC, 560 with clang, by -fstack-usage).
const char *dt_platform_read(const void *blob, size_t size_limit,
                             uint64_t image_addr, struct platform *out);

// The boot CPU's GICv3 redistributor (its RD_base) in the region [base,
// base + size) of CPUs' redistributors: the one whose GICR_TYPER names
// mpidr's affinity, searched up to the frame marked Last, or one whose
// GICR_PIDR2 names no GICv3 or GICv4; 0 if none does. stride is the
// step from one to the next, 0 for the architecture's (two frames, four
// with VLPIs). Reads each frame it passes (src/boot/redist.c).
uintptr_t redist_find(uintptr_t base, uint64_t size, uint64_t stride,
                      uint64_t mpidr);

#endif
