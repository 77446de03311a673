// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// Boots the package the way Gunyah boots its root VM: load, fill the
// environment data, set EL2 up, enter the runtime at EL1.

#include "stub.h"

// EL1 is AArch64; with its MMU off memory is still Normal cacheable (DC);
// writes to the EL1 translation registers trap (TVM), so the MMU stays off.
// Nothing else: IRQs, FIQs and SErrors go to EL1.
#define HCR_RW  (1UL << 31)
#define HCR_TVM (1UL << 26)
#define HCR_DC  (1UL << 12)
#define HCR_VM  (1UL << 0)

#define CNTHCTL_EL1PCTEN (1UL << 0)
#define CNTHCTL_EL1PCEN  (1UL << 1)

// CPTR_EL2 with E2H = 0: RES1 bits only. TZ and TSM are RES1 when SVE or
// SME is absent, and trap when set.
#define CPTR_RES1 0x22ffUL
#define CPTR_TZ   (1UL << 8)
#define CPTR_TSM  (1UL << 12)

#define PMCR_N(pmcr)           (((pmcr) >> 11) & 0x1f)
#define PMCR_E                 (1U << 0)
#define PMCR_P                 (1U << 1) // resets the event counters
#define PMU_EVENT_INST_RETIRED 0x08U

#define ICC_SRE_SRE    (1UL << 0)
#define ICC_SRE_DFB    (1UL << 1)
#define ICC_SRE_DIB    (1UL << 2)
#define ICC_SRE_ENABLE (1UL << 3)

#define ICH_HCR_TC    (1UL << 10)
#define ICH_HCR_TALL1 (1UL << 12)
#define ICH_HCR_TDIR  (1UL << 14)

// docs/gunyah.md section 2: MMU and caches off, little-endian, RES1 bits.
#define GUEST_SCTLR_EL1 0x30d00800UL

struct stub_config stub_config;

// The stack protector (the build may turn it on) compares with this.
uintptr_t __stack_chk_guard = 0x2f5c4e7a91b3d608UL;

noreturn void
__stack_chk_fail(void)
{
	stub_fail("stack", "canary overwritten", __stack_chk_guard);
}

noreturn void
stub_exit(unsigned int status)
{
	static bool exiting;

	// Without semihosting the exit traps back here: stop instead.
	if (exiting) {
		uart_puts("stub: semihosting exit failed: QEMU needs "
		          "-semihosting-config enable=on,target=native\n");
		for (;;) {
			__asm__ volatile("wfi");
		}
	}
	exiting = true;
	semihost_exit(status);
}

noreturn void
stub_fail(const char *what, const char *why, uint64_t value)
{
	uart_puts("stub: ");
	uart_puts(what);
	uart_puts(": ");
	uart_puts(why);
	uart_puts(" (");
	uart_put_hex(value);
	uart_puts(")\n");
	stub_exit(STUB_EXIT_FATAL);
}

// Our MMU is off, so every access is to Device memory and must be aligned:
// words when both sides allow it, else bytes. Volatile keeps the compiler
// from turning the loops back into (unaligned) library calls.
void
stub_copy(void *dst, const void *src, size_t n)
{
	uintptr_t d = (uintptr_t)dst, s = (uintptr_t)src;

	if ((d | s) % 8 == 0) {
		for (; n >= 8; n -= 8, d += 8, s += 8) {
			*(volatile uint64_t *)d = *(const volatile uint64_t *)s;
		}
	}
	for (; n > 0; n--, d++, s++) {
		*(volatile uint8_t *)d = *(const volatile uint8_t *)s;
	}
}

void
stub_zero(void *dst, size_t n)
{
	uintptr_t d = (uintptr_t)dst;

	for (; n > 0 && d % 8 != 0; n--, d++) {
		*(volatile uint8_t *)d = 0;
	}
	for (; n >= 8; n -= 8, d += 8) {
		*(volatile uint64_t *)d = 0;
	}
	for (; n > 0; n--, d++) {
		*(volatile uint8_t *)d = 0;
	}
}

void *
memcpy(void *dst, const void *src, size_t n)
{
	stub_copy(dst, src, n);
	return dst;
}

void *
memset(void *dst, int c, size_t n)
{
	if (c == 0) {
		stub_zero(dst, n);
	} else {
		for (size_t i = 0; i < n; i++) {
			((volatile uint8_t *)dst)[i] = (uint8_t)c;
		}
	}
	return dst;
}

static void
stub_read_config(void)
{
	const volatile struct stub_config *cfg =
	    (const volatile struct stub_config *)STUB_CONFIG_ADDR;

	if (cfg->magic == STUB_CONFIG_MAGIC) {
		stub_config.magic = cfg->magic;
		stub_config.flags = cfg->flags;
		stub_config.heap_size = cfg->heap_size;
		stub_config.env_signature = cfg->env_signature;
		stub_config.env_version = cfg->env_version;
		stub_config.pkg_size = cfg->pkg_size;
	}
	if (stub_config.pkg_size > STUB_RUNTIME_BASE - STUB_PKG_ADDR) {
		stub_fail("config", "package too large", stub_config.pkg_size);
	}
}

// The guest sees this memory cacheable (HCR_EL2.DC); we wrote it with our
// MMU off. Push any stale lines out so both views agree.
static void
stub_clean_dcache(uint64_t start, uint64_t end)
{
	uint64_t line = 4UL << ((stub_read_sysreg(ctr_el0) >> 16) & 0xf);

	for (uint64_t a = start & ~(line - 1); a < end; a += line) {
		__asm__ volatile("dc civac, %0" : : "r"(a) : "memory");
	}
	__asm__ volatile("dsb sy\n\tic iallu\n\tdsb sy\n\tisb" : : : "memory");
}

static void
stub_map_guest(struct stub_layout *layout)
{
	uint64_t heap_size = stub_config.heap_size ? stub_config.heap_size
	                                           : STUB_DEFAULT_HEAP_SIZE;

	if (layout->heap_ipa > STUB_RAM_END ||
	    heap_size > STUB_RAM_END - layout->heap_ipa) {
		stub_fail("config",
		          "heap does not fit below 0xc0000000 (-m 2G)",
		          heap_size);
	}
	layout->heap_size = STUB_ALIGN_UP(heap_size, STUB_PAGE_SIZE);
	s2_map(layout->env_ipa, STUB_ENV_SIZE, STUB_PERM_R | STUB_PERM_W);
	s2_map(layout->heap_ipa, layout->heap_size, STUB_PERM_R | STUB_PERM_W);
	// As under Gunyah: the GIC's frames stay unmapped (trap.c does each
	// access, as Gunyah's vGIC does), and so does the PL011 until the app
	// maps it with addrspace_map, as RM does.
}

static void
stub_setup_el2(void)
{
	uint64_t cptr = CPTR_RES1;

	if (((stub_read_sysreg(id_aa64pfr0_el1) >> 32) & 0xf) == 0) {
		cptr |= CPTR_TZ;
	}
	if (((stub_read_sysreg(id_aa64pfr1_el1) >> 24) & 0xf) == 0) {
		cptr |= CPTR_TSM;
	}
	// VM without DC: stage 2 as before, and the guest's own view of its
	// memory with the MMU off, Device-nGnRnE.
	stub_write_sysreg(
	    hcr_el2,
	    HCR_RW | HCR_TVM |
	        ((stub_config.flags & STUB_FLAG_NO_DC) ? HCR_VM : HCR_DC));
	stub_write_sysreg(cnthctl_el2, CNTHCTL_EL1PCTEN | CNTHCTL_EL1PCEN);
	stub_write_sysreg(cntvoff_el2, 0);
	stub_write_sysreg(cptr_el2, cptr);
	// HPMN = N: every PMU counter belongs to EL1 (benchmarks count
	// instructions); TPM and TPMCR clear, so nothing traps.
	stub_write_sysreg(mdcr_el2, PMCR_N(stub_read_sysreg(pmcr_el0)));
	// EL1 may use the GIC system registers. Under Gunyah, ICC_DIR_EL1
	// (TDIR, always set) and ICC_SGI1R_EL1 writes trap: TDIR and TC make
	// them trap here too (trap.c does them and counts them). TALL1 traps
	// the Group 1 registers, ICC_EOIR1_EL1 among them, which Gunyah's
	// guest reaches without a trap: trap.c does them too, and follows an
	// EOI as Gunyah's vGIC does (a deactivated level interrupt that an
	// ISPENDR write made pending is pending again).
	stub_write_sysreg(icc_sre_el2, ICC_SRE_SRE | ICC_SRE_DFB | ICC_SRE_DIB |
	                                   ICC_SRE_ENABLE);
	stub_isb();
	stub_write_sysreg(ich_hcr_el2,
	                  ICH_HCR_TDIR | ICH_HCR_TC | ICH_HCR_TALL1);
	if (stub_config.flags & STUB_FLAG_DIRTY_AP1R) {
		stub_write_sysreg(icc_ap1r0_el1, 1);
		stub_isb();
	}

	stub_write_sysreg(sctlr_el1, GUEST_SCTLR_EL1);
	stub_write_sysreg(cpacr_el1, 0);
	stub_write_sysreg(vbar_el1, 0);
	stub_write_sysreg(sp_el1, 0);
	stub_write_sysreg(sp_el0, 0);
	s2_enable();
}

// For the boot benchmark: event counter 0 counts instructions retired at
// EL1 and EL0 (not EL2, so the stub's own work is left out) from the
// runtime's first instruction on.
static void
stub_start_pmu(void)
{
	stub_write_sysreg(pmevtyper0_el0, PMU_EVENT_INST_RETIRED);
	stub_write_sysreg(pmcntenset_el0, 1);
	stub_write_sysreg(pmcr_el0, PMCR_E | PMCR_P);
	stub_isb();
}

static void
stub_print_layout(const struct stub_layout *layout)
{
	uart_puts("stub: runtime ");
	uart_put_hex(STUB_RUNTIME_BASE);
	uart_puts(" entry ");
	uart_put_hex(layout->runtime_entry);
	uart_puts(" app ");
	uart_put_hex(layout->app_ipa);
	uart_puts(" env ");
	uart_put_hex(layout->env_ipa);
	uart_puts(" heap ");
	uart_put_hex(layout->heap_ipa);
	uart_puts(" size ");
	uart_put_hex(layout->heap_size);
	uart_putc('\n');
}

noreturn void
stub_main(void)
{
	struct stub_layout layout;

	stub_read_config();
	loader_load(&layout);
	stub_map_guest(&layout);
	env_fill(&layout);
	stub_clean_dcache(STUB_RUNTIME_BASE, layout.heap_ipa);
	trap_init(&layout);
	stub_setup_el2();
	if (stub_config.flags & STUB_FLAG_VERBOSE) {
		stub_print_layout(&layout);
	}
	if (stub_config.flags & STUB_FLAG_PMU) {
		stub_start_pmu();
	}
	stub_enter_guest(layout.runtime_entry, layout.env_ipa);
}
