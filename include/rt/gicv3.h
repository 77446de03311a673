// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef RT_GICV3_H
#define RT_GICV3_H

// The root VM's view of a GICv3: one distributor, one redistributor (this
// vCPU's), the CPU interface through ICC_* system registers; or a GICv2,
// for VMs that have one. Under Gunyah
// every distributor and redistributor access traps to the hypervisor, so
// nothing is touched until the app asks for an interrupt, and then only
// that interrupt's registers; what was already set up is remembered rather
// than read back.

#include <rt/types.h>

#define GICV3_INTID_TIMER     27u // EL1 virtual timer PPI
#define GICV3_INTID_SPI_FIRST 32u
#define GICV3_INTID_SPECIAL   1020u // 1020-1023: no interrupt to handle
#define GICV3_INTID_LIMIT     1020u // INTIDs this driver handles: 0..1019

// The priority of every app interrupt (lower is more urgent): all alike,
// so that none preempts another's ISR.
#define GICV3_PRIO_APP 0xa0u

// Which GIC (3, or 2) and where its distributor and its redistributor
// (RD_base; for a GICv2, the CPU interface) are. No access. -EINVAL for
// another version, which leaves the GIC unset.
int gicv3_set_bases(unsigned version, uintptr_t gicd, uintptr_t gicr);

// The CPU interface: acknowledge (the INTID in the low bits: & 0x3ff is
// enough for both versions, as there are no LPIs) and end an interrupt,
// giving back what the acknowledge returned (EOImode 0: the priority drops
// and the interrupt is deactivated).
uint32_t gicv3_ack(void);
void gicv3_eoi(uint32_t ack);
// The EOI of a level interrupt whose ISR has run, ordered after every
// memory access before it (dsb sy): without it the EOI may overtake the
// ISR's device write that lowers the line. Device-nGnRE lets a write be
// acknowledged early, so this does not prove the line has dropped: an ISR
// that must be sure reads its device back.
void gicv3_eoi_after_isr(uint32_t ack);

// 0 if intid is an interrupt this GIC has, -EINVAL if not, -EIO if the GIC
// could not be brought up. The first call of any function below brings it
// up: distributor groups and affinity routing, redistributor awake, CPU
// interface on.
int gicv3_check(uint32_t intid);

// Group 1, priority and (SPIs) routing to this CPU, once per interrupt:
// later calls, with any priority, change nothing. The interrupt stays
// disabled.
int gicv3_configure(uint32_t intid, uint8_t priority);

// Enabling configures the interrupt with GICV3_PRIO_APP if nothing did.
// Whether a GICv2's SGIs can be disabled is IMPLEMENTATION DEFINED: one
// acknowledged while disabled here is held and raised again when it is
// enabled (gicv3_ack), as a GICv3 would keep it pending.
int gicv3_enable(uint32_t intid);
int gicv3_disable(uint32_t intid);
// The same disable, returning only once it has taken effect (GICv3: the
// distributor's or redistributor's RWP reads 0): for a caller that EOIs
// or acknowledges next, which must not find the interrupt delivered again.
// A GICv2 has no RWP: its disable is the write alone.
int gicv3_disable_sync(uint32_t intid);

// edge: rising edge, else level high. SGIs are edge only (-EINVAL for
// level); a PPI whose configuration is fixed gives -EINVAL for the other.
int gicv3_set_trigger(uint32_t intid, bool edge);

// Whether intid is edge-triggered as far as this driver set it up (SGIs
// always; an interrupt it never configured counts as level).
bool gicv3_is_edge(uint32_t intid);

// An SGI is raised through ICC_SGI1R_EL1 to this CPU.
int gicv3_set_pending(uint32_t intid);
int gicv3_clear_pending(uint32_t intid);

// Interrupts enabled through this driver.
unsigned gicv3_enabled_count(void);

// MPIDR_EL1 (src/arch/aarch64/gic_arch.c): the affinity SPIs and SGIs are
// sent to.
uint64_t arch_mpidr(void);
// dsb sy (gic_arch.c): neither a system register write (ICC_EOIR1_EL1)
// nor a store to another peripheral (a GICv2's GICC_EOIR) is ordered
// after earlier Device stores without it.
void arch_dsb(void);

#ifdef RT_HOST
// Forget every interrupt and the GIC's state, for the next unit test.
void gicv3_reset_for_test(void);
#endif

#endif
