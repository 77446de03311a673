// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// What the guest's traps to EL2 get: the two hypercalls the runtime uses,
// the SCTLR_EL1 check that HCR_EL2.TVM buys, stage-2 aborts handed back to
// the guest as Gunyah hands them, and a loud stop otherwise.

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

// Gunyah's prng_get_entropy hypercall and the error codes it answers.
#define HVC_PRNG_GET_ENTROPY 0x6057
#define GUNYAH_ARG_INVAL     1
#define GUNYAH_ARG_SIZE      2
#define GUNYAH_ARG_ALIGN     3
#define GUNYAH_DENIED        30

// The runtime's exit call (plan.md "The exit/panic call").
#define RT_SMCCC_EXIT       0x83000e00UL
#define RT_STOP_PANIC       (1UL << 0)
#define RT_STOP_CONSOLE     (1UL << 1)
#define SMCCC_NOT_SUPPORTED 0xffffffffffffffffUL

// MSR/MRS encodings as the ESR ISS gives them (Op0, Op1, CRn, CRm, Op2).
#define SYSREG(op0, op1, crn, crm, op2) \
	(((op0) << 14) | ((op1) << 11) | ((crn) << 7) | ((crm) << 3) | (op2))
#define SYSREG_SCTLR_EL1      SYSREG(3, 0, 1, 0, 0)
#define SYSREG_TTBR0_EL1      SYSREG(3, 0, 2, 0, 0)
#define SYSREG_TTBR1_EL1      SYSREG(3, 0, 2, 0, 1)
#define SYSREG_TCR_EL1        SYSREG(3, 0, 2, 0, 2)
#define SYSREG_AFSR0_EL1      SYSREG(3, 0, 5, 1, 0)
#define SYSREG_AFSR1_EL1      SYSREG(3, 0, 5, 1, 1)
#define SYSREG_ESR_EL1        SYSREG(3, 0, 5, 2, 0)
#define SYSREG_FAR_EL1        SYSREG(3, 0, 6, 0, 0)
#define SYSREG_MAIR_EL1       SYSREG(3, 0, 10, 2, 0)
#define SYSREG_AMAIR_EL1      SYSREG(3, 0, 10, 3, 0)
#define SYSREG_CONTEXTIDR_EL1 SYSREG(3, 0, 13, 0, 1)

#define SCTLR_M (1UL << 0)

// Copies: the layout on stub_main's stack is gone once the guest runs.
static struct stub_layout trap_layout;
static uint64_t trap_prng_state;

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
	} else if (f->x[1] != 0) {
		error = GUNYAH_ARG_INVAL;
	}
	f->x[0] = error;
	for (unsigned int i = 0; i < 4; i++) {
		f->x[1 + i] = (error == 0 && i * 4 < bytes) ? trap_random() : 0;
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
		uart_puts("stub: exit status ");
		uart_put_dec(f->x[1] & 0xff);
		uart_putc('\n');
	}
	stub_exit(f->x[1] & 0xff);
}

static void
trap_hvc(struct stub_frame *f, uint64_t esr)
{
	uint64_t imm = ESR_ISS(esr) & 0xffff;

	if (imm == HVC_PRNG_GET_ENTROPY) {
		trap_get_entropy(f);
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
		// Stage-2 faults: HPFAR_EL2 holds the faulting IPA's page.
		uart_puts(" IPA ");
		uart_put_hex((stub_read_sysreg(hpfar_el2) >> 4) << 12 |
		             (stub_read_sysreg(far_el2) & 0xfff));
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
		trap_fatal(f, SLOT_LOWER_SYNC, esr, "unexpected trapped mrs");
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

void
stub_exception(struct stub_frame *f, unsigned int slot)
{
	uint64_t esr = stub_read_sysreg(esr_el2);
	uint64_t ec = ESR_EC(esr);

	if (slot == SLOT_LOWER_SYNC && ec == EC_HVC64) {
		trap_hvc(f, esr);
	} else if (slot == SLOT_LOWER_SYNC && ec == EC_SYSREG) {
		trap_msr(f, esr);
	} else if (slot == SLOT_LOWER_SYNC &&
	           (ec == EC_DABT_LOW || ec == EC_IABT_LOW)) {
		trap_inject_abort(f, esr);
	} else {
		trap_fatal(f, slot, esr, "unexpected exception");
	}
}
