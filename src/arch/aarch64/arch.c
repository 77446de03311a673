// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The only C file that touches system registers or issues hypercalls: all
// other code reaches the hardware through rt/arch.h, so it builds on a host.

#include <rt/arch.h>
#include <rt/auxv.h>
#include <rt/boot.h>
#include <rt/log.h>
#include <rt/string.h>
#include <rt/types.h>

#define HVC_GET_ENTROPY_BYTES 16u
#define CNTV_CTL_ENABLE       1u

uint64_t
arch_counter(void)
{
	uint64_t v;

	// Without the isb the read may be hoisted above code it must follow.
	__asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(v) : : "memory");
	return v;
}

// Written by the syscall vector (vectors.S); arch_call_app keeps it across
// app code, whose own syscalls change it.
uintptr_t arch_syscall_frame;

void
arch_timer_arm(uint64_t cval)
{
	__asm__ volatile("msr cntv_cval_el0, %0; msr cntv_ctl_el0, %1; isb"
	                 :
	                 : "r"(cval), "r"((uint64_t)CNTV_CTL_ENABLE)
	                 : "memory");
}

void
arch_timer_disarm(void)
{
	// Disabling also drops the timer's interrupt line.
	__asm__ volatile("msr cntv_ctl_el0, xzr; isb" : : : "memory");
}

void
arch_wait_for_interrupt(void)
{
	// wfi wakes on a pending interrupt even with PSTATE.I set, so the
	// caller can dispatch it with interrupts still masked.
	__asm__ volatile("dsb sy; wfi" : : : "memory");
}

bool
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
	if (x0 != 0)
		return false;
	out[0] = (uint32_t)x1;
	out[1] = (uint32_t)x2;
	out[2] = (uint32_t)x3;
	out[3] = (uint32_t)x4;
	return true;
}

noreturn void
arch_stop(int status, unsigned flags)
{
	// Evaluated before the register variables: a call would clobber them.
	uintptr_t log = (uintptr_t)log_current();
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

#define DCZID_DZP     (1u << 4)
#define DCZID_BS(r)   ((uintptr_t)4 << ((r)&0xfu))
#define ZVA_BLOCK_MAX 256u // larger blocks: not worth it below ARCH_ZERO_MIN

bool
arch_zero(void *p, size_t n)
{
	uintptr_t a = (uintptr_t)p, end = a + n, bs, mid, last;
	uint64_t dczid;

	__asm__("mrs %0, dczid_el0" : "=r"(dczid));
	bs = DCZID_BS(dczid);
	if ((dczid & DCZID_DZP) != 0 || bs > ZVA_BLOCK_MAX)
		return false;
	mid = RT_ALIGN_UP(a, bs);
	last = RT_ALIGN_DOWN(end, bs);
	// Head and tail are shorter than a block, so memset does them itself.
	memset(p, 0, mid - a);
	for (; mid < last; mid += bs)
		__asm__ volatile("dc zva, %0" : : "r"(mid) : "memory");
	memset((void *)last, 0, end - last);
	return true;
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
arch_icc_deactivate(uint32_t intid)
{
	__asm__ volatile("msr icc_dir_el1, %0; isb"
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

void
arch_icc_init(void)
{
	uint64_t sre;

	__asm__ volatile("mrs %0, icc_sre_el1" : "=r"(sre));
	__asm__ volatile("msr icc_sre_el1, %0; isb" : : "r"(sre | 1u));
	// Every priority unmasked, no preemption groups, and EOImode 1 so
	// the priority drop (EOIR) and deactivation (DIR) are separate steps.
	__asm__ volatile("msr icc_pmr_el1, %0" : : "r"((uint64_t)0xff));
	__asm__ volatile("msr icc_bpr1_el1, xzr");
	__asm__ volatile("msr icc_ctlr_el1, %0" : : "r"((uint64_t)2));
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
