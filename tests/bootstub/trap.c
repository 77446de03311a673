// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// What the guest's traps to EL2 get, as Gunyah would answer them: the
// hypercalls the runtime and the test apps use (entropy, with Gunyah's rate
// limit; addrspace_map of the PL011), the SCTLR_EL1 check that HCR_EL2.TVM
// buys, the GIC accesses Gunyah traps (distributor and redistributor MMIO,
// ICC_DIR_EL1 with ICH_HCR_EL2.TDIR, ICC_SGI1R_EL1), done here and counted,
// the Group 1 CPU interface registers (ICH_HCR_EL2.TALL1), done here so
// that an EOI can be seen as Gunyah's vGIC sees it, stage-2 aborts handed
// back to the guest as Gunyah hands them, and a loud stop otherwise.

#include "stub.h"

#define ESR_EC(esr)  (((esr) >> 26) & 0x3f)
#define ESR_ISS(esr) ((esr)&0x1ffffff)

#define EC_HVC64    0x16
#define EC_SYSREG   0x18
#define EC_IABT_LOW 0x20
#define EC_IABT_CUR 0x21
#define EC_DABT_LOW 0x24
#define EC_DABT_CUR 0x25

#define ESR_IL        (1UL << 25)
#define FSC(esr)      ((esr)&0x3f)
#define FSC_SYNC_EXT  0x10
#define SPSR_M(spsr)  ((spsr)&0x1f)
#define SPSR_EL1T     0x4
#define SPSR_EL1H     0x5
#define SPSR_DAIF     (0xfUL << 6)
#define SPSR_KEEP     0xf0000000UL // NZCV
#define VEC_CUR_SP0   0x000
#define VEC_CUR_SPX   0x200
#define VEC_SLOT_SIZE 0x80

// The trap slot the vectors use for a synchronous exception from EL1.
#define SLOT_LOWER_SYNC 8

// Gunyah's hypercalls the stub answers, and the error codes it gives
// (hyp/core/base/types.tc, hyp/interfaces/cspace).
#define HVC_PRNG_GET_ENTROPY     0x6057
#define HVC_ADDRSPACE_MAP        0x602b
#define GUNYAH_ARG_INVAL         1
#define GUNYAH_ARG_SIZE          2
#define GUNYAH_ARG_ALIGN         3
#define GUNYAH_DENIED            30
#define GUNYAH_BUSY              31
#define GUNYAH_CAP_NULL          50
#define GUNYAH_WRONG_OBJECT_TYPE 52

// prng_get_entropy: at most 4 calls in a 33 ms window per vCPU; the window
// starts at the first call after the last one ended (prng_api.c).
#define ENTROPY_WINDOW_NS  33000000UL
#define ENTROPY_WINDOW_MAX 3U // the count in the window, from 0

// addrspace_map's arguments (memextent_mapping_attrs, addrspace_map_flags).
#define MAP_ATTRS_RES0      0xff00ff88UL
#define MAP_ATTR_KERNEL(a)  (((a) >> 4) & 7U)
#define MAP_ATTR_MEMTYPE(a) (((a) >> 16) & 0xffU)
#define MAP_ACCESS_W        2U
#define MAP_ACCESS_R        4U
#define MAP_MEMTYPE_DEV_GRE 3U // memtypes 0-3 are Device
#define MAP_FLAGS_RES0      0x7ffffffeUL
#define MAP_FLAG_PARTIAL    1U

// GIC registers the stub follows (offsets in the distributor and in the
// redistributor's SGI frame alike).
#define TRAP_INTIDS       1024U
#define GIC_ISPENDR       0x200U
#define GIC_ICPENDR       0x280U
#define GIC_ICFGR         0xc00U
#define GIC_ICFGR_END     0xd00U
#define GICR_SGI_FRAME    0x10000U
#define GIC_INTID_SPECIAL 1020U

// A data abort's instruction syndrome (ESR ISS, valid with ISV).
#define ISS_ISV      (1UL << 24)
#define ISS_SAS(iss) (((iss) >> 22) & 3U)
#define ISS_SSE      (1UL << 21)
#define ISS_SRT(iss) (((iss) >> 16) & 0x1fU)
#define ISS_SF       (1UL << 15)
#define ISS_WNR      (1UL << 6)

// The runtime's exit call (include/rt/arch.h, RT_SMCCC_EXIT), which
// Gunyah answers NOT_SUPPORTED and the stub takes as the end of the boot.
#define RT_SMCCC_EXIT       0x83000e00UL
#define RT_STOP_PANIC       (1UL << 0)
#define RT_STOP_CONSOLE     (1UL << 1)
#define SMCCC_NOT_SUPPORTED 0xffffffffffffffffUL

// MSR/MRS encodings as the ESR ISS gives them (Op0, Op1, CRn, CRm, Op2).
#define SYSREG(op0, op1, crn, crm, op2) \
	(((op0) << 14) | ((op1) << 11) | ((crn) << 7) | ((crm) << 3) | (op2))
#define SYSREG_SCTLR_EL1       SYSREG(3, 0, 1, 0, 0)
#define SYSREG_TTBR0_EL1       SYSREG(3, 0, 2, 0, 0)
#define SYSREG_TTBR1_EL1       SYSREG(3, 0, 2, 0, 1)
#define SYSREG_TCR_EL1         SYSREG(3, 0, 2, 0, 2)
#define SYSREG_AFSR0_EL1       SYSREG(3, 0, 5, 1, 0)
#define SYSREG_AFSR1_EL1       SYSREG(3, 0, 5, 1, 1)
#define SYSREG_ESR_EL1         SYSREG(3, 0, 5, 2, 0)
#define SYSREG_FAR_EL1         SYSREG(3, 0, 6, 0, 0)
#define SYSREG_MAIR_EL1        SYSREG(3, 0, 10, 2, 0)
#define SYSREG_AMAIR_EL1       SYSREG(3, 0, 10, 3, 0)
#define SYSREG_CONTEXTIDR_EL1  SYSREG(3, 0, 13, 0, 1)
#define SYSREG_ICC_PMR_EL1     SYSREG(3, 0, 4, 6, 0)
#define SYSREG_ICC_DIR_EL1     SYSREG(3, 0, 12, 11, 1)
#define SYSREG_ICC_RPR_EL1     SYSREG(3, 0, 12, 11, 3)
#define SYSREG_ICC_SGI1R_EL1   SYSREG(3, 0, 12, 11, 5)
#define SYSREG_ICC_ASGI1R_EL1  SYSREG(3, 0, 12, 11, 6)
#define SYSREG_ICC_SGI0R_EL1   SYSREG(3, 0, 12, 11, 7)
#define SYSREG_ICC_CTLR_EL1    SYSREG(3, 0, 12, 12, 4)
#define SYSREG_ICC_AP1R0_EL1   SYSREG(3, 0, 12, 9, 0)
#define SYSREG_ICC_AP1R1_EL1   SYSREG(3, 0, 12, 9, 1)
#define SYSREG_ICC_AP1R2_EL1   SYSREG(3, 0, 12, 9, 2)
#define SYSREG_ICC_AP1R3_EL1   SYSREG(3, 0, 12, 9, 3)
#define SYSREG_ICC_IAR1_EL1    SYSREG(3, 0, 12, 12, 0)
#define SYSREG_ICC_EOIR1_EL1   SYSREG(3, 0, 12, 12, 1)
#define SYSREG_ICC_HPPIR1_EL1  SYSREG(3, 0, 12, 12, 2)
#define SYSREG_ICC_BPR1_EL1    SYSREG(3, 0, 12, 12, 3)
#define SYSREG_ICC_IGRPEN1_EL1 SYSREG(3, 0, 12, 12, 7)

#define ICC_CTLR_EOIMODE (1UL << 1)
#define ICC_INTID(v)     ((uint32_t)((v)&0xffffffUL))

#define SCTLR_M (1UL << 0)

// Copies: the layout on stub_main's stack is gone once the guest runs.
static struct stub_layout trap_layout;
static uint64_t trap_prng_state;
// Gunyah's thread->prng_last_read: the window's start, the count in the low
// two bits. 0 at boot, as Gunyah's is: a call in the counter's first 33 ms
// counts into a window that started at 0.
static uint64_t trap_prng_last_read;
static bool trap_uart_mapped;
// Level-sensitive interrupts the guest made pending with a GICD/GICR
// ISPENDR write and has not cleared with ICPENDR (Gunyah's level_sw).
static uint32_t trap_level_sw[TRAP_INTIDS / 32];
static struct {
	uint64_t gic_mmio, icc_dir, icc_sgi1r;
} trap_counts;

void
trap_init(const struct stub_layout *layout)
{
	trap_layout = *layout;
	// Seeded from the counter: differs run to run, except under -icount.
	trap_prng_state = stub_read_sysreg(cntpct_el0) | 1;
}

// xorshift64*: not for secrets, only so the runtime's stack canaries and
// AT_RANDOM are not constant.
static uint32_t
trap_random(void)
{
	uint64_t x = trap_prng_state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	trap_prng_state = x;
	return (uint32_t)((x * 0x2545f4914f6cdd1dUL) >> 32);
}

// Gunyah's rate limit, to the tick: returns whether this call may have data.
static bool
trap_entropy_allowed(void)
{
	uint64_t now = stub_read_sysreg(cntpct_el0);
	uint64_t window =
	    ENTROPY_WINDOW_NS * stub_read_sysreg(cntfrq_el0) / 1000000000UL;
	uint64_t start = trap_prng_last_read & ~3UL;
	uint64_t count = trap_prng_last_read & 3UL;

	if (now - start < window) {
		if (count == ENTROPY_WINDOW_MAX) {
			return false;
		}
		trap_prng_last_read = start | (count + 1);
	} else {
		trap_prng_last_read = now & ~3UL;
	}
	return true;
}

// STUB_FLAG_ENTROPY_TAGGED's word: four bytes of the sequence, the first
// in the lowest byte (the order a little-endian copy keeps).
static uint32_t
trap_tagged_word(void)
{
	static uint8_t next;
	uint32_t w = 0;

	for (unsigned int i = 0; i < 4; i++, next++) {
		w |= (uint32_t)(0xa0U | (next & 0xfU)) << (8 * i);
	}
	return w;
}

static void
trap_get_entropy(struct stub_frame *f)
{
	uint64_t bytes = f->x[0];
	uint64_t error = 0;

	if (stub_config.flags & STUB_FLAG_ENTROPY_FAILS) {
		error = GUNYAH_DENIED;
	} else if (bytes == 0 || bytes > 16) {
		error = GUNYAH_ARG_SIZE;
	} else if (bytes % 4 != 0) {
		error = GUNYAH_ARG_ALIGN;
	} else if (!trap_entropy_allowed()) {
		error = GUNYAH_BUSY;
	}
	f->x[0] = error;
	for (unsigned int i = 0; i < 4; i++) {
		if (error != 0 || i * 4 >= bytes) {
			f->x[1 + i] = 0;
		} else if (stub_config.flags & STUB_FLAG_ENTROPY_TAGGED) {
			f->x[1 + i] = trap_tagged_word();
		} else {
			f->x[1 + i] = trap_random();
		}
	}
}

static bool
trap_guest_ram(uint64_t addr, uint64_t size)
{
	uint64_t end = trap_layout.heap_ipa + trap_layout.heap_size;

	return addr >= STUB_RUNTIME_BASE && addr < end && size <= end - addr;
}

// Prints a log ring {u32 write_idx; u32 size; char buf[size]} oldest byte
// first. buf[write_idx % size] is the NUL after the newest byte; bytes
// never written are NUL too, and skipped.
static void
trap_print_ring(uint64_t ring)
{
	const volatile uint32_t *hdr = (const volatile uint32_t *)ring;
	const volatile char *buf = (const volatile char *)(ring + 8);
	uint32_t start, size;
	char last = '\n';

	if (ring % 4 != 0 || !trap_guest_ram(ring, 8)) {
		uart_puts("stub: no log ring at ");
		uart_put_hex(ring);
		uart_putc('\n');
		return;
	}
	size = hdr[1];
	if (size == 0 || !trap_guest_ram(ring + 8, size)) {
		uart_puts("stub: bad log ring size ");
		uart_put_hex(size);
		uart_putc('\n');
		return;
	}
	start = hdr[0] % size;
	for (uint32_t i = 1; i <= size; i++) {
		char c = buf[(start + i) % size];

		if (c != '\0') {
			uart_putc(c);
			last = c;
		}
	}
	if (last != '\n') {
		uart_putc('\n');
	}
}

static noreturn void
trap_exit(const struct stub_frame *f)
{
	uint64_t flags = f->x[3];

	if ((flags & RT_STOP_PANIC) || !(flags & RT_STOP_CONSOLE)) {
		trap_print_ring(f->x[2]);
	}
	if (stub_config.flags & STUB_FLAG_VERBOSE) {
		trap_print_counts();
		uart_puts("stub: exit status ");
		uart_put_dec(f->x[1] & 0xff);
		uart_putc('\n');
	}
	stub_exit(f->x[1] & 0xff);
}

// What a capability names in the root VM's cspace: 0 if nothing.
static uint64_t
trap_cap_lookup(uint64_t cap, uint64_t want)
{
	if (cap != STUB_CAP_ADDRSPACE && cap != STUB_CAP_UART_ME) {
		return GUNYAH_CAP_NULL;
	}
	return cap == want ? 0 : GUNYAH_WRONG_OBJECT_TYPE;
}

// addrspace_map of the PL011's memory extent, the one the RM config names,
// checked in Gunyah's order (hyp/mem/addrspace/src/hypercalls.c). Mapping
// it again where it is answers 0, as Gunyah does. What the stub cannot do
// (another address, a partial map, memory that is not Device) stops it
// loudly rather than answer what Gunyah might not.
static void
trap_addrspace_map(struct stub_frame *f)
{
	uint64_t attrs = f->x[3], flags = f->x[4];
	uint64_t error;
	unsigned int perms = 0;

	if ((attrs & MAP_ATTRS_RES0) != 0 || (flags & MAP_FLAGS_RES0) != 0) {
		f->x[0] = GUNYAH_ARG_INVAL;
		return;
	}
	error = trap_cap_lookup(f->x[0], STUB_CAP_ADDRSPACE);
	if (error == 0) {
		error = trap_cap_lookup(f->x[1], STUB_CAP_UART_ME);
	}
	if (error != 0) {
		f->x[0] = error;
		return;
	}
	if (f->x[2] != STUB_UART_BASE || (flags & MAP_FLAG_PARTIAL) ||
	    MAP_ATTR_MEMTYPE(attrs) > MAP_MEMTYPE_DEV_GRE) {
		stub_fail("addrspace_map",
		          "the stub maps the PL011 only at its "
		          "own address, whole, as Device; asked for",
		          f->x[2]);
	}
	perms |= (MAP_ATTR_KERNEL(attrs) & MAP_ACCESS_R) ? STUB_PERM_R : 0;
	perms |= (MAP_ATTR_KERNEL(attrs) & MAP_ACCESS_W) ? STUB_PERM_W : 0;
	if (!trap_uart_mapped) {
		s2_map_device_perms(STUB_UART_BASE, STUB_PAGE_SIZE, perms);
		trap_uart_mapped = true;
	}
	f->x[0] = 0;
}

void
trap_print_counts(void)
{
	uart_puts("stub: traps: GIC MMIO ");
	uart_put_dec(trap_counts.gic_mmio);
	uart_puts(", ICC_DIR_EL1 ");
	uart_put_dec(trap_counts.icc_dir);
	uart_puts(", ICC_SGI1R_EL1 ");
	uart_put_dec(trap_counts.icc_sgi1r);
	uart_puts(" (each would trap under Gunyah)\n");
}

static void
trap_hvc(struct stub_frame *f, uint64_t esr)
{
	uint64_t imm = ESR_ISS(esr) & 0xffff;

	if (imm == HVC_PRNG_GET_ENTROPY) {
		trap_get_entropy(f);
	} else if (imm == HVC_ADDRSPACE_MAP) {
		trap_addrspace_map(f);
	} else if (imm == 0 && f->x[0] == RT_SMCCC_EXIT) {
		trap_exit(f);
	} else {
		f->x[0] = SMCCC_NOT_SUPPORTED;
	}
}

static const char *
trap_ec_name(uint64_t ec)
{
	switch (ec) {
	case 0x00:
		return "unknown reason";
	case 0x01:
		return "wfi/wfe";
	case 0x07:
		return "FP/SIMD access";
	case 0x16:
		return "hvc";
	case 0x17:
		return "smc";
	case 0x18:
		return "msr/mrs";
	case 0x20:
		return "instruction abort from EL1";
	case 0x21:
		return "instruction abort at EL2";
	case 0x22:
		return "pc alignment";
	case 0x24:
		return "data abort from EL1";
	case 0x25:
		return "data abort at EL2";
	case 0x26:
		return "sp alignment";
	case 0x2f:
		return "SError";
	default:
		return "other";
	}
}

static uint64_t
trap_fault_ipa(void)
{
	// Stage-2 faults: HPFAR_EL2 holds the faulting IPA's page.
	return (stub_read_sysreg(hpfar_el2) >> 4) << 12 |
	       (stub_read_sysreg(far_el2) & 0xfff);
}

static noreturn void
trap_fatal(const struct stub_frame *f, unsigned int slot, uint64_t esr,
           const char *what)
{
	static const char *const kinds[] = { "sync", "IRQ", "FIQ", "SError" };
	uint64_t ec = ESR_EC(esr);

	uart_puts("stub: ");
	uart_puts(what);
	uart_puts(" (");
	uart_puts(kinds[slot % 4]);
	uart_puts(slot < 8 ? " at EL2, a stub bug" : " from the guest");
	uart_puts(")\nstub: ESR ");
	uart_put_hex(esr);
	uart_puts(" EC ");
	uart_put_hex(ec);
	uart_puts(" (");
	uart_puts(trap_ec_name(ec));
	uart_puts(") ELR ");
	uart_put_hex(f->elr);
	uart_puts(" FAR ");
	uart_put_hex(stub_read_sysreg(far_el2));
	if (ec == EC_IABT_LOW || ec == EC_DABT_LOW) {
		uart_puts(" IPA ");
		uart_put_hex(trap_fault_ipa());
	}
	uart_puts("\nstub: SPSR ");
	uart_put_hex(f->spsr);
	uart_puts(" SP_EL1 ");
	uart_put_hex(stub_read_sysreg(sp_el1));
	for (unsigned int i = 0; i < 31; i++) {
		uart_puts(i % 4 == 0 ? "\nstub: " : " ");
		uart_putc('x');
		uart_put_dec(i);
		uart_putc('=');
		uart_put_hex(f->x[i]);
	}
	uart_putc('\n');
	stub_exit(STUB_EXIT_FATAL);
}

// Where intid's bit lives in ISPENDR/ICPENDR: the distributor for SPIs,
// the redistributor's SGI frame for SGIs and PPIs.
static uint64_t
trap_gic_frame(uint32_t intid)
{
	return intid < 32 ? STUB_GICR_BASE + GICR_SGI_FRAME : STUB_GICD_BASE;
}

static bool
trap_gic_is_level(uint32_t intid)
{
	uint64_t reg = trap_gic_frame(intid) + GIC_ICFGR + (intid / 16) * 4;

	return intid >= 16 &&
	       !((*(volatile uint32_t *)reg >> (2 * (intid % 16) + 1)) & 1U);
}

// Gunyah's vGIC keeps a level-sensitive interrupt that a GICD/GICR ISPENDR
// write made pending pending until ICPENDR clears it, acknowledge or not
// (hyp/vm/vgic/vgic.tc, level_sw), and lists it again once the guest has
// deactivated it; QEMU's GIC drops it at the acknowledge. The stub notes
// such writes here and makes the interrupt pending again when the guest
// deactivates it: with ICC_DIR_EL1 (EOImode 1), or with ICC_EOIR1_EL1 in
// EOImode 0, which Gunyah sees through the list register's EOI bit (its
// maintenance interrupt) and the stub through ICH_HCR_EL2.TALL1.
static void
trap_gic_track(uint64_t ipa, unsigned int size, uint64_t value)
{
	uint64_t off;
	uint32_t first, lo, hi;

	// The distributor's registers cover SPIs (its words for 0-31 are
	// RAZ/WI with affinity routing), the SGI frame's SGIs and PPIs.
	if (ipa >= STUB_GICR_BASE + GICR_SGI_FRAME) {
		off = ipa - STUB_GICR_BASE - GICR_SGI_FRAME;
		lo = 0;
		hi = 32;
	} else if (ipa < STUB_GICD_BASE + STUB_GICD_SIZE) {
		off = ipa - STUB_GICD_BASE;
		lo = 32;
		hi = TRAP_INTIDS;
	} else {
		return;
	}
	if (size != 4) {
		return;
	}
	if (off >= GIC_ISPENDR && off < GIC_ICPENDR) {
		first = (uint32_t)((off - GIC_ISPENDR) * 8);
		for (unsigned int i = 0; i < 32; i++) {
			uint32_t intid = first + i;

			if ((value >> i) & 1U && intid >= lo && intid < hi &&
			    trap_gic_is_level(intid)) {
				trap_level_sw[intid / 32] |= 1U << (intid % 32);
			}
		}
	} else if (off >= GIC_ICPENDR && off < GIC_ICPENDR + 0x80) {
		first = (uint32_t)((off - GIC_ICPENDR) * 8);
		if (first >= lo && first < hi) {
			trap_level_sw[first / 32] &= ~(uint32_t)value;
		}
	} else if (off >= GIC_ICFGR && off < GIC_ICFGR_END) {
		first = (uint32_t)((off - GIC_ICFGR) * 4);
		for (unsigned int i = 0; i < 16; i++) {
			uint32_t intid = first + i;

			if ((value >> (2 * i + 1)) & 1U && intid >= lo &&
			    intid < hi) {
				trap_level_sw[intid / 32] &=
				    ~(1U << (intid % 32));
			}
		}
	}
}

static void
trap_gic_deactivated(uint32_t intid)
{
	if (intid < GIC_INTID_SPECIAL &&
	    (trap_level_sw[intid / 32] >> (intid % 32)) & 1U) {
		*(volatile uint32_t *)(trap_gic_frame(intid) + GIC_ISPENDR +
		                       (intid / 32) * 4) = 1U << (intid % 32);
	}
}

// An EL1 read ICH_HCR_EL2.TC or TALL1 traps: do it here.
static void
trap_mrs(struct stub_frame *f, uint64_t esr, uint64_t reg, unsigned int rt)
{
	uint64_t value;

	switch (reg) {
	case SYSREG_ICC_IAR1_EL1:
		__asm__ volatile("mrs %0, icc_iar1_el1" : "=r"(value));
		break;
	case SYSREG_ICC_HPPIR1_EL1:
		__asm__ volatile("mrs %0, icc_hppir1_el1" : "=r"(value));
		break;
	case SYSREG_ICC_BPR1_EL1:
		__asm__ volatile("mrs %0, icc_bpr1_el1" : "=r"(value));
		break;
	case SYSREG_ICC_IGRPEN1_EL1:
		__asm__ volatile("mrs %0, icc_igrpen1_el1" : "=r"(value));
		break;
	// AP1R1-3 exist only with 6 or 7 priority bits; where they do not,
	// the guest's access is UNDEFINED at EL1 and never reaches here.
	case SYSREG_ICC_AP1R0_EL1:
		__asm__ volatile("mrs %0, icc_ap1r0_el1" : "=r"(value));
		break;
	case SYSREG_ICC_AP1R1_EL1:
		__asm__ volatile("mrs %0, icc_ap1r1_el1" : "=r"(value));
		break;
	case SYSREG_ICC_AP1R2_EL1:
		__asm__ volatile("mrs %0, icc_ap1r2_el1" : "=r"(value));
		break;
	case SYSREG_ICC_AP1R3_EL1:
		__asm__ volatile("mrs %0, icc_ap1r3_el1" : "=r"(value));
		break;
	case SYSREG_ICC_PMR_EL1:
		__asm__ volatile("mrs %0, icc_pmr_el1" : "=r"(value));
		break;
	case SYSREG_ICC_RPR_EL1:
		__asm__ volatile("mrs %0, icc_rpr_el1" : "=r"(value));
		break;
	case SYSREG_ICC_CTLR_EL1:
		__asm__ volatile("mrs %0, icc_ctlr_el1" : "=r"(value));
		break;
	default:
		trap_fatal(f, SLOT_LOWER_SYNC, esr, "unexpected trapped mrs");
	}
	if (rt != 31) {
		f->x[rt] = value;
	}
	f->elr += 4;
}

// An EL1 write to a register HCR_EL2.TVM traps: do it here, unless it
// turns the MMU on, which Gunyah refuses for the root VM.
static void
trap_msr(struct stub_frame *f, uint64_t esr)
{
	uint64_t iss = ESR_ISS(esr);
	unsigned int op0 = (iss >> 20) & 0x3;
	unsigned int op2 = (iss >> 17) & 0x7;
	unsigned int op1 = (iss >> 14) & 0x7;
	unsigned int crn = (iss >> 10) & 0xf;
	unsigned int rt = (iss >> 5) & 0x1f;
	unsigned int crm = (iss >> 1) & 0xf;
	bool is_read = iss & 1;
	uint64_t value = rt == 31 ? 0 : f->x[rt];

	if (is_read) {
		trap_mrs(f, esr, SYSREG(op0, op1, crn, crm, op2), rt);
		return;
	}
	switch (SYSREG(op0, op1, crn, crm, op2)) {
	case SYSREG_SCTLR_EL1:
		if (value & SCTLR_M) {
			uart_puts("stub: guest tried to enable the MMU\n");
			stub_exit(STUB_EXIT_MMU);
		}
		stub_write_sysreg(sctlr_el1, value);
		break;
	case SYSREG_TTBR0_EL1:
		stub_write_sysreg(ttbr0_el1, value);
		break;
	case SYSREG_TTBR1_EL1:
		stub_write_sysreg(ttbr1_el1, value);
		break;
	case SYSREG_TCR_EL1:
		stub_write_sysreg(tcr_el1, value);
		break;
	case SYSREG_AFSR0_EL1:
		stub_write_sysreg(afsr0_el1, value);
		break;
	case SYSREG_AFSR1_EL1:
		stub_write_sysreg(afsr1_el1, value);
		break;
	case SYSREG_ESR_EL1:
		stub_write_sysreg(esr_el1, value);
		break;
	case SYSREG_FAR_EL1:
		stub_write_sysreg(far_el1, value);
		break;
	case SYSREG_MAIR_EL1:
		stub_write_sysreg(mair_el1, value);
		break;
	case SYSREG_AMAIR_EL1:
		stub_write_sysreg(amair_el1, value);
		break;
	case SYSREG_CONTEXTIDR_EL1:
		stub_write_sysreg(contextidr_el1, value);
		break;
	case SYSREG_ICC_DIR_EL1:
		// Gunyah sets ICH_HCR_EL2.TDIR; so does the stub (main.c).
		trap_counts.icc_dir++;
		__asm__ volatile("msr icc_dir_el1, %0" : : "r"(value));
		trap_gic_deactivated(ICC_INTID(value));
		break;
	case SYSREG_ICC_SGI1R_EL1:
		// Gunyah traps it (the guest's interface is the virtual one).
		trap_counts.icc_sgi1r++;
		__asm__ volatile("msr icc_sgi1r_el1, %0; isb" : : "r"(value));
		break;
	// ICH_HCR_EL2.TC, which the stub needs for ICC_SGI1R_EL1, traps these
	// too; Gunyah's guest reaches their virtual copies without a trap, so
	// they are done and not counted.
	case SYSREG_ICC_ASGI1R_EL1:
		__asm__ volatile("msr icc_asgi1r_el1, %0; isb" : : "r"(value));
		break;
	case SYSREG_ICC_SGI0R_EL1:
		__asm__ volatile("msr icc_sgi0r_el1, %0; isb" : : "r"(value));
		break;
	case SYSREG_ICC_PMR_EL1:
		__asm__ volatile("msr icc_pmr_el1, %0" : : "r"(value));
		break;
	case SYSREG_ICC_CTLR_EL1:
		__asm__ volatile("msr icc_ctlr_el1, %0" : : "r"(value));
		break;
	// ICH_HCR_EL2.TALL1 traps these, which Gunyah's guest reaches
	// without a trap once its Group 1 is enabled: done, not counted.
	case SYSREG_ICC_EOIR1_EL1:
		__asm__ volatile("msr icc_eoir1_el1, %0; isb" : : "r"(value));
		// EOImode 0: the write deactivated the interrupt too.
		if (!(stub_read_sysreg(icc_ctlr_el1) & ICC_CTLR_EOIMODE)) {
			trap_gic_deactivated(ICC_INTID(value));
		}
		break;
	case SYSREG_ICC_BPR1_EL1:
		__asm__ volatile("msr icc_bpr1_el1, %0" : : "r"(value));
		break;
	case SYSREG_ICC_IGRPEN1_EL1:
		__asm__ volatile("msr icc_igrpen1_el1, %0; isb" : : "r"(value));
		break;
	case SYSREG_ICC_AP1R0_EL1:
		__asm__ volatile("msr icc_ap1r0_el1, %0" : : "r"(value));
		break;
	case SYSREG_ICC_AP1R1_EL1:
		__asm__ volatile("msr icc_ap1r1_el1, %0" : : "r"(value));
		break;
	case SYSREG_ICC_AP1R2_EL1:
		__asm__ volatile("msr icc_ap1r2_el1, %0" : : "r"(value));
		break;
	case SYSREG_ICC_AP1R3_EL1:
		__asm__ volatile("msr icc_ap1r3_el1, %0" : : "r"(value));
		break;
	default:
		trap_fatal(f, SLOT_LOWER_SYNC, esr, "unexpected trapped msr");
	}
	f->elr += 4;
}

// Whether fsc is a fault that stage 2 raises for an IPA nothing maps or
// that the guest may not access this way: address size, translation,
// permission (levels 0-3) or alignment.
static bool
trap_fsc_is_stage2_miss(uint64_t fsc)
{
	return fsc <= 0x07 || (fsc >= 0x0d && fsc <= 0x0f) || fsc == 0x21;
}

// A stage-2 abort of the guest at EL1 goes back to it, as Gunyah does for
// the root VM: a synchronous external abort taken at EL1 (EC 0x21/0x25,
// ISS holding only the FSC, FAR_EL1 = the faulting address), so the
// runtime reports it. An abort in the guest's own synchronous vector would
// loop: that stops the VM here.
static void
trap_inject_abort(struct stub_frame *f, uint64_t esr)
{
	uint64_t mode = SPSR_M(f->spsr);
	uint64_t vbar = stub_read_sysreg(vbar_el1);
	uint64_t vector =
	    vbar + (mode == SPSR_EL1H ? VEC_CUR_SPX : VEC_CUR_SP0);
	uint64_t ec = ESR_EC(esr) == EC_DABT_LOW ? EC_DABT_CUR : EC_IABT_CUR;

	if ((mode != SPSR_EL1H && mode != SPSR_EL1T) ||
	    !trap_fsc_is_stage2_miss(FSC(esr)) ||
	    (f->elr >= vector && f->elr < vector + VEC_SLOT_SIZE)) {
		trap_fatal(f, SLOT_LOWER_SYNC, esr, "unexpected exception");
	}
	stub_write_sysreg(esr_el1, ec << 26 | (esr & ESR_IL) | FSC_SYNC_EXT);
	stub_write_sysreg(far_el1, stub_read_sysreg(far_el2));
	stub_write_sysreg(elr_el1, f->elr);
	stub_write_sysreg(spsr_el1, f->spsr);
	f->spsr = (f->spsr & SPSR_KEEP) | SPSR_DAIF | SPSR_EL1H;
	f->elr = vector;
	if (stub_config.flags & STUB_FLAG_VERBOSE) {
		uart_puts("stub: stage-2 abort at ");
		uart_put_hex(stub_read_sysreg(far_el2));
		uart_puts(" handed to the guest\n");
	}
}

static bool
trap_is_gic(uint64_t ipa)
{
	return (ipa >= STUB_GICD_BASE &&
	        ipa - STUB_GICD_BASE < STUB_GICD_SIZE) ||
	       (ipa >= STUB_GICR_BASE && ipa - STUB_GICR_BASE < STUB_GICR_SIZE);
}

// A distributor or redistributor access of the guest, which Gunyah's vGIC
// takes as a stage-2 fault and emulates: done here on the real GIC from
// the instruction syndrome. An access without one (a load or store pair,
// writeback) cannot be emulated, by Gunyah either: the stub stops.
static void
trap_gic_mmio(struct stub_frame *f, uint64_t esr, uint64_t ipa)
{
	uint64_t iss = ESR_ISS(esr);
	unsigned int size = 1U << ISS_SAS(iss);
	unsigned int rt = ISS_SRT(iss);
	uint64_t value = 0;

	if (!(iss & ISS_ISV) || ipa % size != 0) {
		trap_fatal(f, SLOT_LOWER_SYNC, esr,
		           "GIC access that cannot be emulated (no instruction "
		           "syndrome, or unaligned)");
	}
	if (iss & ISS_WNR) {
		value = rt == 31 ? 0 : f->x[rt];
		if (size == 1) {
			*(volatile uint8_t *)ipa = (uint8_t)value;
		} else if (size == 2) {
			*(volatile uint16_t *)ipa = (uint16_t)value;
		} else if (size == 4) {
			*(volatile uint32_t *)ipa = (uint32_t)value;
		} else {
			*(volatile uint64_t *)ipa = value;
		}
		trap_gic_track(ipa, size, value);
	} else {
		if (size == 1) {
			value = *(volatile uint8_t *)ipa;
		} else if (size == 2) {
			value = *(volatile uint16_t *)ipa;
		} else if (size == 4) {
			value = *(volatile uint32_t *)ipa;
		} else {
			value = *(volatile uint64_t *)ipa;
		}
		if ((iss & ISS_SSE) && size < 8 &&
		    (value >> (size * 8 - 1)) & 1) {
			value |= ~0UL << (size * 8);
		}
		if (!(iss & ISS_SF)) {
			value &= 0xffffffffUL;
		}
		if (rt != 31) {
			f->x[rt] = value;
		}
	}
	trap_counts.gic_mmio++;
	f->elr += 4;
}

void
stub_exception(struct stub_frame *f, unsigned int slot)
{
	uint64_t esr = stub_read_sysreg(esr_el2);
	uint64_t ec = ESR_EC(esr);

	if (slot == SLOT_LOWER_SYNC && ec == EC_HVC64) {
		trap_hvc(f, esr);
	} else if (slot == SLOT_LOWER_SYNC && ec == EC_SYSREG) {
		trap_msr(f, esr);
	} else if (slot == SLOT_LOWER_SYNC && ec == EC_DABT_LOW &&
	           trap_is_gic(trap_fault_ipa())) {
		trap_gic_mmio(f, esr, trap_fault_ipa());
	} else if (slot == SLOT_LOWER_SYNC &&
	           (ec == EC_DABT_LOW || ec == EC_IABT_LOW)) {
		trap_inject_abort(f, esr);
	} else {
		trap_fatal(f, slot, esr, "unexpected exception");
	}
}
