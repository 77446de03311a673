// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// Turns an unexpected exception into words. Plain C without assembly, so the
// decoding is unit-tested on the host.

#include <rt/arch.h>
#include <rt/exception.h>
#include <rt/panic.h>
#include <rt/types.h>

#define ESR_EC(esr)         ((unsigned)((esr) >> 26) & 0x3fu)
#define ESR_ISS(esr)        ((uint32_t)(esr)&0x1ffffffu)
#define ESR_DA_WNR          (1u << 6)
#define ESR_FSC(esr)        ((unsigned)(esr)&0x3fu)
#define EC_DATA_ABORT_SAME  0x25u
#define EC_DATA_ABORT_LOWER 0x24u
#define EC_INSN_ABORT_SAME  0x21u
#define EC_INSN_ABORT_LOWER 0x20u
#define FSC_SYNC_EXTERNAL   0x10u

// A switch of string literals rather than a table of pointers: literals are
// reached PC-relative, so the names cost the runtime no relocations.
const char *
exception_class_name(uint64_t esr)
{
	switch (ESR_EC(esr)) {
	case 0x00:
		return "undefined instruction";
	case 0x01:
		return "trapped WFI/WFE";
	case 0x07:
		return "trapped FP/SIMD access";
	case 0x0e:
		return "illegal execution state";
	case 0x15:
		return "SVC with a non-zero immediate";
	case 0x16:
		return "HVC";
	case 0x17:
		return "SMC";
	case 0x18:
		return "trapped system register access";
	case 0x19:
		return "trapped SVE access";
	case 0x20:
		return "instruction abort (lower EL)";
	case 0x21:
		return "instruction abort";
	case 0x22:
		return "PC alignment fault";
	case 0x24:
		return "data abort (lower EL)";
	case 0x25:
		return "data abort";
	case 0x26:
		return "SP alignment fault";
	case 0x2c:
		return "floating-point exception";
	case 0x2f:
		return "SError";
	case 0x30:
		return "breakpoint (lower EL)";
	case 0x31:
		return "breakpoint";
	case 0x32:
		return "software step (lower EL)";
	case 0x33:
		return "software step";
	case 0x34:
		return "watchpoint (lower EL)";
	case 0x35:
		return "watchpoint";
	case 0x3c:
		return "BRK instruction";
	default:
		return "unknown exception class";
	}
}

static const char *
exception_kind_name(unsigned kind)
{
	switch (kind & 3u) {
	case 0:
		return "synchronous";
	case 1:
		return "IRQ";
	case 2:
		return "FIQ";
	default:
		return "SError";
	}
}

static const char *
exception_source_name(unsigned kind)
{
	// The app runs at EL1t, the runtime at EL1h.
	switch ((kind >> 2) & 3u) {
	case 0:
		return "the app";
	case 1:
		return "the runtime";
	case 2:
		return "EL0 (AArch64)";
	default:
		return "EL0 (AArch32)";
	}
}

const char *
exception_fault_status_name(uint64_t esr)
{
	unsigned fsc = ESR_FSC(esr);

	if (fsc <= 0x03)
		return "address size fault";
	if (fsc <= 0x07)
		return "translation fault";
	if (fsc >= 0x09 && fsc <= 0x0b)
		return "access flag fault";
	if (fsc >= 0x0d && fsc <= 0x0f)
		return "permission fault";
	if (fsc == FSC_SYNC_EXTERNAL)
		return "synchronous external abort";
	if (fsc == 0x21)
		return "alignment fault";
	if (fsc == 0x30)
		return "TLB conflict abort";
	return "other fault";
}

static bool
is_abort(unsigned ec)
{
	return ec == EC_DATA_ABORT_SAME || ec == EC_DATA_ABORT_LOWER ||
	       ec == EC_INSN_ABORT_SAME || ec == EC_INSN_ABORT_LOWER;
}

noreturn void
arch_unexpected_exception(const struct arch_frame *f, unsigned kind)
{
	const char *what = exception_kind_name(kind);
	const char *from = exception_source_name(kind);
	unsigned ec = ESR_EC(f->esr);

	if ((kind & 3u) != 0) {
		panic_frame(f, "unexpected %s from %s at pc %#lx", what, from,
		            (unsigned long)f->elr);
	}
	if (is_abort(ec)) {
		const char *access = "fetch";

		// Gunyah hands a stage-2 fault back as an external abort with
		// WnR clear, whichever way the access went.
		if (ec == EC_DATA_ABORT_SAME || ec == EC_DATA_ABORT_LOWER) {
			if (ESR_FSC(f->esr) == FSC_SYNC_EXTERNAL)
				access = "access";
			else
				access = f->esr & ESR_DA_WNR ? "write" : "read";
		}
		panic_frame(f,
		            "%s from %s: %s on %s of address %#lx at pc %#lx "
		            "(ESR %#lx)",
		            exception_class_name(f->esr), from,
		            exception_fault_status_name(f->esr), access,
		            (unsigned long)f->far, (unsigned long)f->elr,
		            (unsigned long)f->esr);
	}
	panic_frame(f, "%s from %s at pc %#lx (ESR %#lx, ISS %#x)",
	            exception_class_name(f->esr), from, (unsigned long)f->elr,
	            (unsigned long)f->esr, (unsigned)ESR_ISS(f->esr));
}
