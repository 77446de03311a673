// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The CPU's system registers and calls (with mmu.c, the identity map, and
// gic_arch.c, the GIC's CPU interface, and the few one-instruction accesses
// rt/arch.h has inline): portable code reaches the hardware only through
// rt/arch.h, so it builds on a host.

#include <rt/arch.h>
#include <rt/auxv.h>
#include <rt/string.h>
#include <rt/types.h>

#define HVC_GET_ENTROPY_BYTES 16u
#define CNTV_CTL_ENABLE       1u

uint64_t
arch_counter_freq(void)
{
	uint64_t v;

	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(v));
	return v;
}

// Read by the syscall vector with a literal load (vectors.S), set through
// rt/arch.h.
uintptr_t arch_app_sp_floor;

bool
arch_on_exc_stack(uintptr_t addr)
{
	uintptr_t top = (uintptr_t)arch_exc_stack_top;

	return addr < top && addr >= top - RT_EXC_STACK_SIZE;
}

#define SCTLR_M 1u

bool
arch_boot_segment_reusable(void)
{
	uint64_t sctlr;

	__asm__ volatile("mrs %0, sctlr_el1" : "=r"(sctlr));
	return (sctlr & SCTLR_M) == 0;
}

#define CPACR_FPEN_SHIFT 20
#define CPACR_FPEN_ON    3u

void
arch_fp_trap(bool trap)
{
	// FPEN is all CPACR_EL1 holds (entry.S sets it so), so the value is
	// a constant either way.
	uint64_t v = trap ? 0 : (uint64_t)CPACR_FPEN_ON << CPACR_FPEN_SHIFT;

	__asm__ volatile("msr cpacr_el1, %0; isb" : : "r"(v) : "memory");
}

#define CNTKCTL_EVNTEN      (1u << 2)
#define CNTKCTL_EVNTI_SHIFT 4u
#define ISR_EL1_I           (1u << 7)

void
arch_event_stream_init(uint64_t freq)
{
	uint64_t ticks = freq / 10000u; // 100 us
	unsigned bit = 0;

	// An event each time bit N of the counter turns 1: every 2^(N+1).
	while (bit < 15u && ((uint64_t)2 << (bit + 1)) <= ticks)
		bit++;
	__asm__ volatile(
	    "msr cntkctl_el1, %0; isb"
	    :
	    : "r"((uint64_t)(CNTKCTL_EVNTEN | bit << CNTKCTL_EVNTI_SHIFT))
	    : "memory");
}

void
arch_timer_disarm(void)
{
	// Disabling also drops the timer's interrupt line.
	__asm__ volatile("msr cntv_ctl_el0, xzr; isb" : : : "memory");
}

void
arch_wait_event(void)
{
	__asm__ volatile("dsb sy; wfe" : : : "memory");
}

bool
arch_irq_pending(void)
{
	uint64_t isr;

	__asm__ volatile("mrs %0, isr_el1" : "=r"(isr));
	return (isr & ISR_EL1_I) != 0;
}

long
arch_get_entropy(uint32_t out[4])
{
	register uint64_t x0 __asm__("x0") = HVC_GET_ENTROPY_BYTES;
	register uint64_t x1 __asm__("x1") = 0;
	register uint64_t x2 __asm__("x2");
	register uint64_t x3 __asm__("x3");
	register uint64_t x4 __asm__("x4");

	__asm__ volatile("hvc #0x6057"
	                 : "+r"(x0), "+r"(x1), "=r"(x2), "=r"(x3), "=r"(x4)
	                 :
	                 : "x5", "x6", "x7", "x8", "x9", "x10", "x11", "x12",
	                   "x13", "x14", "x15", "x16", "x17", "memory");
	// SMCCC's NOT_SUPPORTED (-1): no hypervisor, or one without the call.
	if ((int64_t)x0 < 0)
		return ARCH_ENTROPY_NONE;
	if (x0 != 0)
		return (long)x0;
	out[0] = (uint32_t)x1;
	out[1] = (uint32_t)x2;
	out[2] = (uint32_t)x3;
	out[3] = (uint32_t)x4;
	return 0;
}

#define ISAR0_RNDR_SHIFT 60

bool
arch_rndr(uint64_t *out)
{
	uint64_t isar0, v, nzcv;

	__asm__("mrs %0, id_aa64isar0_el1" : "=r"(isar0));
	if (((isar0 >> ISAR0_RNDR_SHIFT) & 0xfu) == 0)
		return false;
	// s3_3_c2_c4_0 is RNDR, named so that any assembler takes it. It
	// sets Z (and gives 0) when it has no number this time.
	__asm__ volatile("mrs %0, s3_3_c2_c4_0; mrs %1, nzcv"
	                 : "=r"(v), "=r"(nzcv)
	                 :
	                 : "cc");
	if ((nzcv & (1u << 30)) != 0)
		return false;
	*out = v;
	return true;
}

noreturn void
arch_stop(int status, unsigned flags, uintptr_t log)
{
	register uint64_t x0 __asm__("x0") = RT_SMCCC_EXIT;
	register uint64_t x1 __asm__("x1") = (uint64_t)status & 0xffu;
	register uint64_t x2 __asm__("x2") = log;
	register uint64_t x3 __asm__("x3") = flags;

	__asm__ volatile("msr daifset, #0xf");
	// Our boot stub stops here; Gunyah answers NOT_SUPPORTED and we park.
	__asm__ volatile("hvc #0"
	                 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3)
	                 :
	                 : "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11",
	                   "x12", "x13", "x14", "x15", "x16", "x17", "memory");
	for (;;)
		__asm__ volatile("wfi");
}

#define SEMIHOST_EXIT_EXTENDED 0x20u
#define SEMIHOST_APP_EXIT      0x20026u // ADP_Stopped_ApplicationExit
#define PSCI_SYSTEM_OFF        0x84000008u
#define PSCI_SYSTEM_RESET      0x84000009u

noreturn void
arch_semihost_exit(int status)
{
	uint64_t block[2] = { SEMIHOST_APP_EXIT, (uint64_t)status & 0xffu };
	register uint64_t x0 __asm__("x0") = SEMIHOST_EXIT_EXTENDED;
	register uint64_t x1 __asm__("x1") = (uintptr_t)block;

	__asm__ volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
	for (;;)
		__asm__ volatile("wfi");
}

noreturn void
arch_psci_stop(bool smc, bool reset)
{
	register uint64_t x0 __asm__("x0") =
	    reset ? PSCI_SYSTEM_RESET : PSCI_SYSTEM_OFF;

	__asm__ volatile("msr daifset, #0xf");
	// Both calls clobber what SMCCC lets them.
	if (smc)
		__asm__ volatile("smc #0"
		                 : "+r"(x0)
		                 :
		                 : "x1", "x2", "x3", "x4", "x5", "x6", "x7",
		                   "x8", "x9", "x10", "x11", "x12", "x13",
		                   "x14", "x15", "x16", "x17", "memory");
	else
		__asm__ volatile("hvc #0"
		                 : "+r"(x0)
		                 :
		                 : "x1", "x2", "x3", "x4", "x5", "x6", "x7",
		                   "x8", "x9", "x10", "x11", "x12", "x13",
		                   "x14", "x15", "x16", "x17", "memory");
	for (;;)
		__asm__ volatile("wfi");
}

#define PAR_F           1u
#define PAR_ATTR(par)   ((unsigned)((par) >> 56))
#define MAIR_DEVICE_MAX 0x0fu // 0b0000dd00: Device memory of some kind

bool
arch_ram_is_normal(uintptr_t addr)
{
	uint64_t par;

	__asm__ volatile("at s1e1r, %1; isb; mrs %0, par_el1"
	                 : "=r"(par)
	                 : "r"(addr)
	                 : "memory");
	return (par & PAR_F) == 0 && PAR_ATTR(par) > MAIR_DEVICE_MAX;
}

uint32_t
arch_mmio_read32(uintptr_t addr)
{
	uint32_t v;

	__asm__ volatile("ldr %w0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	return v;
}

void
arch_mmio_write32(uintptr_t addr, uint32_t v)
{
	__asm__ volatile("str %w0, [%1]" : : "rZ"(v), "r"(addr) : "memory");
}

uint64_t
arch_mmio_read64(uintptr_t addr)
{
	uint64_t v;

	__asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(addr) : "memory");
	return v;
}

void
arch_mmio_write64(uintptr_t addr, uint64_t v)
{
	__asm__ volatile("str %x0, [%1]" : : "rZ"(v), "r"(addr) : "memory");
}

uint32_t
arch_icc_ack(void)
{
	uint64_t v;

	__asm__ volatile("mrs %0, icc_iar1_el1" : "=r"(v) : : "memory");
	// Reads of the distributor/redistributor state after an ack must not
	// be reordered before it.
	__asm__ volatile("dsb sy" : : : "memory");
	return (uint32_t)v;
}

void
arch_icc_eoi(uint32_t intid)
{
	__asm__ volatile("msr icc_eoir1_el1, %0; isb"
	                 :
	                 : "r"((uint64_t)intid)
	                 : "memory");
}

void
arch_icc_sgi(uint64_t sgi1r)
{
	__asm__ volatile("dsb ishst; msr icc_sgi1r_el1, %0; isb"
	                 :
	                 : "r"(sgi1r)
	                 : "memory");
}

#define ICC_CTLR_PRIBITS(ctlr) ((unsigned)((ctlr) >> 8) & 7u)

void
arch_icc_init(void)
{
	uint64_t sre, ctlr;
	unsigned pribits;

	__asm__ volatile("mrs %0, icc_sre_el1" : "=r"(sre));
	__asm__ volatile("msr icc_sre_el1, %0; isb" : : "r"(sre | 1u));
	// An interrupt that firmware (or a boot before) acknowledged and
	// never deactivated keeps its priority in the active priorities, so
	// the running priority stays raised above the app's: they start
	// clear, as Linux has them. PRIbits is the priority bits less one:
	// 5 bits need AP1R0, 6 AP1R0-1, 7 AP1R0-3 (the others do not exist).
	__asm__ volatile("mrs %0, icc_ctlr_el1" : "=r"(ctlr));
	pribits = ICC_CTLR_PRIBITS(ctlr) + 1u;
	if (pribits >= 7u)
		__asm__ volatile(
		    "msr icc_ap1r3_el1, xzr; msr icc_ap1r2_el1, xzr");
	if (pribits >= 6u)
		__asm__ volatile("msr icc_ap1r1_el1, xzr");
	__asm__ volatile("msr icc_ap1r0_el1, xzr; isb" : : : "memory");
	// Every priority unmasked, no preemption groups, and EOImode 0: one
	// EOIR write drops the priority and deactivates, where EOImode 1
	// would need an ICC_DIR_EL1 write, which Gunyah traps (TDIR).
	__asm__ volatile("msr icc_pmr_el1, %0" : : "r"((uint64_t)0xff));
	__asm__ volatile("msr icc_bpr1_el1, xzr");
	__asm__ volatile("msr icc_ctlr_el1, xzr");
	__asm__ volatile("msr icc_igrpen1_el1, %0; isb" : : "r"((uint64_t)1));
}

static unsigned
id_field(uint64_t reg, unsigned shift)
{
	return (unsigned)(reg >> shift) & 0xfu;
}

// AT_HWCAP as Linux reports it, for the features libc may dispatch on.
uint64_t
arch_hwcap(void)
{
	uint64_t isar0, pfr0, hwcap = 0;
	unsigned fp, simd;

	__asm__ volatile("mrs %0, id_aa64isar0_el1" : "=r"(isar0));
	__asm__ volatile("mrs %0, id_aa64pfr0_el1" : "=r"(pfr0));
	fp = id_field(pfr0, 16);
	simd = id_field(pfr0, 20);
	if (fp != 0xf)
		hwcap |= RT_HWCAP_FP | (fp >= 1 ? RT_HWCAP_FPHP : 0);
	if (simd != 0xf)
		hwcap |= RT_HWCAP_ASIMD | (simd >= 1 ? RT_HWCAP_ASIMDHP : 0);
	if (id_field(isar0, 4) >= 1)
		hwcap |= RT_HWCAP_AES;
	if (id_field(isar0, 4) >= 2)
		hwcap |= RT_HWCAP_PMULL;
	if (id_field(isar0, 8) >= 1)
		hwcap |= RT_HWCAP_SHA1;
	if (id_field(isar0, 12) >= 1)
		hwcap |= RT_HWCAP_SHA2;
	if (id_field(isar0, 12) >= 2)
		hwcap |= RT_HWCAP_SHA512;
	if (id_field(isar0, 16) >= 1)
		hwcap |= RT_HWCAP_CRC32;
	if (id_field(isar0, 20) >= 2)
		hwcap |= RT_HWCAP_ATOMICS;
	if (id_field(isar0, 28) >= 1)
		hwcap |= RT_HWCAP_ASIMDRDM;
	if (id_field(isar0, 32) >= 1)
		hwcap |= RT_HWCAP_SHA3;
	if (id_field(isar0, 36) >= 1)
		hwcap |= RT_HWCAP_SM3;
	if (id_field(isar0, 40) >= 1)
		hwcap |= RT_HWCAP_SM4;
	if (id_field(isar0, 44) >= 1)
		hwcap |= RT_HWCAP_ASIMDDP;
	return hwcap;
}
