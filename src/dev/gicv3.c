// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The GIC: a GICv3 (Gunyah's root VM, and VMs that have one) or a GICv2
// (QEMU's plain virt machine); rt/gicv3.h says what it offers. The two share
// the distributor's per-interrupt registers; a GICv2 keeps SGIs and PPIs in
// the distributor too (banked per CPU), routes SPIs by CPU mask, and has
// its CPU interface in memory rather than in system registers. Every
// distributor or redistributor access is a trap into the hypervisor under
// Gunyah, so the
// driver keeps its own record of what it configured and enabled, reads a
// register only where it must merge bits into it, and skips writes that
// would change nothing.

#include <rt/arch.h>
#include <rt/errno.h>
#include <rt/gicv3.h>
#include <rt/log.h>
#include <rt/string.h>

// Distributor. The redistributor's SGI_base frame has the same layout for
// the first word (SGIs and PPIs) of each of these, so one set of offsets
// serves both.
#define GICD_CTLR       0x0000u
#define GICD_TYPER      0x0004u
#define GICD_IGROUPR    0x0080u
#define GICD_ISENABLER  0x0100u
#define GICD_ICENABLER  0x0180u
#define GICD_ISPENDR    0x0200u
#define GICD_ICPENDR    0x0280u
#define GICD_IPRIORITYR 0x0400u
#define GICD_ICFGR      0x0c00u
#define GICD_IROUTER    0x6000u

// Bit 1 is EnableGrp1 with one Security state and EnableGrp1A in the
// Non-secure view of two: Group 1 either way, unlike bit 0.
#define GICD_CTLR_ENABLE_G1 (1u << 1)
#define GICD_CTLR_ARE       (1u << 4)
#define GICD_CTLR_RWP       (1u << 31)
#define GICD_TYPER_ITLINES  0x1fu

// GICv2: the distributor's own SGI and routing registers, and the CPU
// interface (GICC).
#define GICD_ITARGETSR  0x0800u
#define GICD_SGIR       0x0f00u
#define GICD_CPENDSGIR  0x0f10u
#define GICD_SGIR_SELF  (2u << 24) // TargetListFilter: this CPU only
#define GICD_CTLR_V2_ON 3u         // both groups (or the NS one)
#define GICC_CTLR       0x0000u
#define GICC_PMR        0x0004u
#define GICC_BPR        0x0008u
#define GICC_IAR        0x000cu
#define GICC_EOIR       0x0010u
#define GICC_CTLR_ON    3u // groups 0 and 1 as IRQs, EOImode 0

// Redistributor: RD_base frame, then SGI_base.
#define GICR_CTLR           0x0000u
#define GICR_WAKER          0x0014u
#define GICR_CTLR_RWP       (1u << 3)
#define GICR_WAKER_SLEEP    (1u << 1) // ProcessorSleep
#define GICR_WAKER_CHILDREN (1u << 2) // ChildrenAsleep
#define GICR_SGI_BASE       0x10000u

#define GICV3_SGI_COUNT 16u
#define GICV3_MPIDR_AFF 0xff00ffffffull // Aff3, Aff2, Aff1, Aff0
#define GICV3_WORDS     ((GICV3_INTID_LIMIT + 31u) / 32u)
// Each poll is a trap; a GIC that needs more is broken.
#define GICV3_POLL_LIMIT 100000u

static struct {
	unsigned version;
	uintptr_t gicd, gicr; // gicr: the GICv2's CPU interface
	uint64_t mpidr;
	uint32_t cpu_mask; // GICv2: this CPU's bit, for ITARGETSR
	uint32_t max_intid;
	int state; // 0: not brought up yet, 1: up, -EIO: failed
	unsigned enabled_count;
	uint32_t configured[GICV3_WORDS];
	uint32_t enabled[GICV3_WORDS];
	uint32_t edge[GICV3_WORDS]; // as configured here
	// GICv2: SGIs taken while disabled (below), to be raised again.
	uint32_t sgi_held;
} gicv3;

int
gicv3_set_bases(unsigned version, uintptr_t gicd, uintptr_t gicr)
{
	if (version != 2 && version != 3)
		return -EINVAL;
	gicv3.version = version;
	gicv3.gicd = gicd;
	gicv3.gicr = gicr;
	return 0;
}

static uintptr_t
gicv3_frame(uint32_t intid)
{
	// SGIs and PPIs belong to this CPU's redistributor, SPIs to the
	// distributor; a GICv2 banks them all in the distributor.
	return intid < GICV3_INTID_SPI_FIRST && gicv3.version == 3
	           ? gicv3.gicr + GICR_SGI_BASE
	           : gicv3.gicd;
}

// The one-bit-per-interrupt register at offset reg that holds intid.
static uintptr_t
gicv3_bit_reg(uint32_t intid, uint32_t reg)
{
	return gicv3_frame(intid) + reg + (intid / 32u) * 4u;
}

static uint32_t
gicv3_bit(uint32_t intid)
{
	return 1u << (intid % 32u);
}

static bool
gicv3_poll_clear(uintptr_t reg, uint32_t mask)
{
	for (unsigned i = 0; i < GICV3_POLL_LIMIT; i++) {
		if ((arch_mmio_read32(reg) & mask) == 0)
			return true;
	}
	log_printf("gicv3: bit 0x%x of 0x%lx stuck\n", mask,
	           (unsigned long)reg);
	return false;
}

// Waits until a disable (or a GICD_CTLR change) has taken effect. A GICv2
// has no such bit: a later access to its distributor comes after the
// write anyway (gicv3_disable_sync orders the CPU interface's EOI).
static void
gicv3_wait_rwp(uint32_t intid)
{
	if (gicv3.version == 2)
		return;
	if (intid < GICV3_INTID_SPI_FIRST)
		gicv3_poll_clear(gicv3.gicr + GICR_CTLR, GICR_CTLR_RWP);
	else
		gicv3_poll_clear(gicv3.gicd + GICD_CTLR, GICD_CTLR_RWP);
}

static void
gicv3_write_ctlr(uint32_t ctlr)
{
	arch_mmio_write32(gicv3.gicd + GICD_CTLR, ctlr);
	gicv3_wait_rwp(GICV3_INTID_SPI_FIRST);
}

// GICv2: the distributor and this CPU's interface on, every priority let
// through. Interrupts stay in the group they reset to: group 0 without
// the Security Extensions (acknowledged by GICC_IAR, signalled as IRQ with
// FIQEn clear), the Non-secure group 1 with them.
static void
gicv3_bring_up_v2(void)
{
	uint32_t ctlr = arch_mmio_read32(gicv3.gicd + GICD_CTLR);

	if ((ctlr & GICD_CTLR_V2_ON) != GICD_CTLR_V2_ON)
		arch_mmio_write32(gicv3.gicd + GICD_CTLR, GICD_CTLR_V2_ON);
	// ITARGETSR0-7 read as this CPU's own bit (banked).
	gicv3.cpu_mask = arch_mmio_read32(gicv3.gicd + GICD_ITARGETSR) & 0xffu;
	arch_mmio_write32(gicv3.gicr + GICC_PMR, 0xff);
	arch_mmio_write32(gicv3.gicr + GICC_BPR, 0);
	arch_mmio_write32(gicv3.gicr + GICC_CTLR, GICC_CTLR_ON);
}

static int
gicv3_bring_up(void)
{
	uintptr_t waker = gicv3.gicr + GICR_WAKER;
	uint32_t ctlr, lines, w;

	if (gicv3.gicd == 0 || gicv3.gicr == 0) {
		log_printf("gicv3: no GIC addresses\n");
		return -EIO;
	}
	lines = arch_mmio_read32(gicv3.gicd + GICD_TYPER) & GICD_TYPER_ITLINES;
	gicv3.max_intid = 32u * (lines + 1u) - 1u;
	if (gicv3.max_intid >= GICV3_INTID_LIMIT)
		gicv3.max_intid = GICV3_INTID_LIMIT - 1u;
	if (gicv3.version == 2) {
		gicv3_bring_up_v2();
		return 0;
	}
	// Gunyah and QEMU hold ARE at 1, leaving one read and at most one
	// write here; the rest is for a GIC left in legacy mode.
	ctlr = arch_mmio_read32(gicv3.gicd + GICD_CTLR) & ~GICD_CTLR_RWP;
	if ((ctlr & GICD_CTLR_ARE) == 0) {
		// Changing ARE with a group enabled is UNPREDICTABLE.
		gicv3_write_ctlr(0);
		gicv3_write_ctlr(GICD_CTLR_ARE);
		ctlr = arch_mmio_read32(gicv3.gicd + GICD_CTLR);
		if ((ctlr & GICD_CTLR_ARE) == 0) {
			log_printf("gicv3: affinity routing cannot be "
			           "enabled\n");
			return -EIO;
		}
		ctlr &= ~GICD_CTLR_RWP;
	}
	if ((ctlr & GICD_CTLR_ENABLE_G1) == 0)
		gicv3_write_ctlr(ctlr | GICD_CTLR_ENABLE_G1);

	// A sleeping redistributor forwards nothing to the CPU interface.
	w = arch_mmio_read32(waker);
	if ((w & (GICR_WAKER_SLEEP | GICR_WAKER_CHILDREN)) != 0) {
		arch_mmio_write32(waker, w & ~GICR_WAKER_SLEEP);
		if (!gicv3_poll_clear(waker, GICR_WAKER_CHILDREN))
			return -EIO;
	}

	gicv3.mpidr = arch_mpidr();
	arch_icc_init();
	return 0;
}

int
gicv3_check(uint32_t intid)
{
	if (gicv3.state == 0)
		gicv3.state = gicv3_bring_up() == 0 ? 1 : -EIO;
	if (gicv3.state < 0)
		return gicv3.state;
	return intid <= gicv3.max_intid ? 0 : -EINVAL;
}

int
gicv3_configure(uint32_t intid, uint8_t priority)
{
	uint32_t bit = gicv3_bit(intid), shift, v, nv;
	int ret = gicv3_check(intid);
	uintptr_t reg;

	if (ret != 0 || (gicv3.configured[intid / 32u] & bit) != 0)
		goto out;

	// The reads are needed to keep the neighbours' bits; the writes are
	// skipped when the reset value is already right. (A GICv2's groups
	// stay as they reset: gicv3_bring_up_v2.)
	if (gicv3.version == 3) {
		reg = gicv3_bit_reg(intid, GICD_IGROUPR);
		v = arch_mmio_read32(reg);
		if ((v & bit) == 0)
			arch_mmio_write32(reg, v | bit);
	}

	// One byte per interrupt, but arch.h offers only word accesses.
	reg = gicv3_frame(intid) + GICD_IPRIORITYR + (intid & ~3u);
	shift = 8u * (intid & 3u);
	v = arch_mmio_read32(reg);
	nv = (v & ~(0xffu << shift)) | ((uint32_t)priority << shift);
	if (nv != v)
		arch_mmio_write32(reg, nv);

	// SPIs start rising-edge, as the Gunyah runtime sets them all: a
	// level SPI asserted with ISPENDR stays pending until ICPENDR clears
	// it (Gunyah's vGIC, and the architecture), which an ISR written for
	// that runtime never does. set_trigger may make it level again. SGIs
	// are edge; a PPI is what it is.
	if (intid < GICV3_SGI_COUNT) {
		gicv3.edge[intid / 32u] |= bit;
	} else {
		uint32_t edge = 2u << (2u * (intid % 16u));

		reg = gicv3_frame(intid) + GICD_ICFGR + (intid / 16u) * 4u;
		v = arch_mmio_read32(reg);
		if (intid >= GICV3_INTID_SPI_FIRST && (v & edge) == 0) {
			v |= edge;
			arch_mmio_write32(reg, v);
		}
		if ((v & edge) != 0)
			gicv3.edge[intid / 32u] |= bit;
	}

	// The reset route is UNKNOWN, so one blind write is the cheapest.
	if (intid >= GICV3_INTID_SPI_FIRST && gicv3.version == 3)
		arch_mmio_write64(gicv3.gicd + GICD_IROUTER + 8u * intid,
		                  gicv3.mpidr & GICV3_MPIDR_AFF);
	if (intid >= GICV3_INTID_SPI_FIRST && gicv3.version == 2) {
		reg = gicv3.gicd + GICD_ITARGETSR + (intid & ~3u);
		v = arch_mmio_read32(reg);
		nv = (v & ~(0xffu << shift)) | (gicv3.cpu_mask << shift);
		if (nv != v)
			arch_mmio_write32(reg, nv);
	}

	gicv3.configured[intid / 32u] |= bit;
out:
	return ret;
}

int
gicv3_enable(uint32_t intid)
{
	int ret = gicv3_configure(intid, GICV3_PRIO_APP);
	uint32_t bit = gicv3_bit(intid);

	if (ret == 0 && (gicv3.enabled[intid / 32u] & bit) == 0) {
		arch_mmio_write32(gicv3_bit_reg(intid, GICD_ISENABLER), bit);
		gicv3.enabled[intid / 32u] |= bit;
		gicv3.enabled_count++;
	}
	if (ret == 0 && (gicv3.sgi_held & bit) != 0 &&
	    intid < GICV3_SGI_COUNT) {
		gicv3.sgi_held &= ~bit;
		ret = gicv3_set_pending(intid);
	}
	return ret;
}

int
gicv3_disable(uint32_t intid)
{
	int ret = gicv3_check(intid);
	uint32_t bit = gicv3_bit(intid);

	// No wait for RWP: the app asked, and nothing here depends on when
	// the disable lands; the wait would be another trap.
	if (ret == 0 && (gicv3.enabled[intid / 32u] & bit) != 0) {
		arch_mmio_write32(gicv3_bit_reg(intid, GICD_ICENABLER), bit);
		gicv3.enabled[intid / 32u] &= ~bit;
		gicv3.enabled_count--;
	}
	return ret;
}

int
gicv3_disable_sync(uint32_t intid)
{
	int ret = gicv3_disable(intid);

	// For irq.c's cold paths: one read (a trap under Gunyah), even when
	// the interrupt was disabled already and nothing was written. A
	// GICv2 has no RWP, and its CPU interface (the EOI) is another
	// peripheral than the distributor: a read of the same distributor
	// word completes only after the write, and the dsb waits for it.
	if (ret == 0 && gicv3.version == 2) {
		(void)arch_mmio_read32(gicv3_bit_reg(intid, GICD_ISENABLER));
		arch_dsb();
	} else if (ret == 0) {
		gicv3_wait_rwp(intid);
	}
	return ret;
}

int
gicv3_set_trigger(uint32_t intid, bool edge)
{
	uint32_t bit = 2u << (2u * (intid % 16u)), v, nv;
	// Configured first, so that the edge an SPI starts with cannot undo
	// this later: RM sets the trigger before it registers its ISR.
	int ret = gicv3_configure(intid, GICV3_PRIO_APP);
	uintptr_t reg;
	bool on;

	if (ret != 0)
		goto out;
	if (intid < GICV3_SGI_COUNT) {
		ret = edge ? 0 : -EINVAL;
		goto out;
	}
	reg = gicv3_frame(intid) + GICD_ICFGR + (intid / 16u) * 4u;
	v = arch_mmio_read32(reg);
	nv = edge ? v | bit : v & ~bit;
	if (nv == v)
		goto out;

	// Changing the configuration of an enabled interrupt is
	// UNPREDICTABLE, and the disable must have landed first.
	on = (gicv3.enabled[intid / 32u] & gicv3_bit(intid)) != 0;
	if (on) {
		arch_mmio_write32(gicv3_bit_reg(intid, GICD_ICENABLER),
		                  gicv3_bit(intid));
		gicv3_wait_rwp(intid);
	}
	arch_mmio_write32(reg, nv);
	// Whether a PPI's trigger can be changed is IMPLEMENTATION DEFINED.
	if (intid < GICV3_INTID_SPI_FIRST && arch_mmio_read32(reg) != nv)
		ret = -EINVAL;
	if (on)
		arch_mmio_write32(gicv3_bit_reg(intid, GICD_ISENABLER),
		                  gicv3_bit(intid));
out:
	if (ret == 0 && intid >= GICV3_SGI_COUNT) {
		if (edge)
			gicv3.edge[intid / 32u] |= gicv3_bit(intid);
		else
			gicv3.edge[intid / 32u] &= ~gicv3_bit(intid);
	}
	return ret;
}

bool
gicv3_is_edge(uint32_t intid)
{
	if (intid < GICV3_SGI_COUNT)
		return true;
	return intid < GICV3_INTID_LIMIT &&
	       (gicv3.edge[intid / 32u] & gicv3_bit(intid)) != 0;
}

// ICC_SGI1R_EL1 aimed at this CPU alone.
static uint64_t
gicv3_sgi1r(uint32_t intid)
{
	uint64_t m = gicv3.mpidr, aff0 = m & 0xffu;

	return ((m >> 32) & 0xffu) << 48 |    // Aff3
	       (aff0 >> 4) << 44 |            // RS: which 16 of Aff0
	       ((m >> 16) & 0xffu) << 32 |    // Aff2
	       (uint64_t)intid << 24 |        // INTID
	       ((m >> 8) & 0xffu) << 16 |     // Aff1
	       (uint64_t)1u << (aff0 & 0xfu); // TargetList
}

int
gicv3_set_pending(uint32_t intid)
{
	int ret = gicv3_check(intid);

	if (ret != 0)
		goto out;
	// GICD_ISPENDR ignores SGIs. GICR_ISPENDR0 would take one, but
	// ICC_SGI1R_EL1 is the architected way to raise an SGI, and a
	// system register rather than a trapped redistributor access.
	if (intid < GICV3_SGI_COUNT && gicv3.version == 2)
		arch_mmio_write32(gicv3.gicd + GICD_SGIR,
		                  GICD_SGIR_SELF | intid);
	else if (intid < GICV3_SGI_COUNT)
		arch_icc_sgi(gicv3_sgi1r(intid));
	else
		arch_mmio_write32(gicv3_bit_reg(intid, GICD_ISPENDR),
		                  gicv3_bit(intid));
out:
	return ret;
}

int
gicv3_clear_pending(uint32_t intid)
{
	int ret = gicv3_check(intid);

	// A GICv2 keeps an SGI pending per source CPU, one byte of
	// GICD_CPENDSGIR each; its ICPENDR bits for SGIs do nothing.
	if (ret == 0 && intid < GICV3_SGI_COUNT && gicv3.version == 2) {
		gicv3.sgi_held &= ~gicv3_bit(intid);
		arch_mmio_write32(gicv3.gicd + GICD_CPENDSGIR + (intid & ~3u),
		                  0xffu << (8u * (intid & 3u)));
	} else if (ret == 0)
		arch_mmio_write32(gicv3_bit_reg(intid, GICD_ICPENDR),
		                  gicv3_bit(intid));
	return ret;
}

uint32_t
gicv3_ack(void)
{
	uint32_t iar, intid;

	if (gicv3.version != 2)
		return arch_icc_ack();
	// Whether a GICv2's SGIs can be disabled is IMPLEMENTATION DEFINED,
	// and QEMU's cannot: one taken while disabled here is held, and
	// raised again when it is enabled, as a GICv3 would keep it pending.
	for (;;) {
		iar = arch_mmio_read32(gicv3.gicr + GICC_IAR);
		intid = iar & 0x3ffu;
		if (intid >= GICV3_SGI_COUNT ||
		    (gicv3.enabled[0] & gicv3_bit(intid)) != 0)
			return iar;
		gicv3.sgi_held |= gicv3_bit(intid);
		arch_mmio_write32(gicv3.gicr + GICC_EOIR, iar);
	}
}

void
gicv3_eoi(uint32_t iar)
{
	if (gicv3.version == 2)
		arch_mmio_write32(gicv3.gicr + GICC_EOIR, iar);
	else
		arch_icc_eoi(iar);
}

void
gicv3_eoi_after_isr(uint32_t ack)
{
	arch_dsb();
	gicv3_eoi(ack);
}

unsigned
gicv3_enabled_count(void)
{
	return gicv3.enabled_count;
}

#ifdef RT_HOST
void
gicv3_reset_for_test(void)
{
	memset(&gicv3, 0, sizeof(gicv3));
}
#endif
