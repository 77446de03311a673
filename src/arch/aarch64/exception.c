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

static const struct {
	uint8_t ec;
	const char *name;
} ec_names[] = {
	{ 0x00, "undefined instruction" },
	{ 0x01, "trapped WFI/WFE" },
	{ 0x07, "trapped FP/SIMD access" },
	{ 0x0e, "illegal execution state" },
	{ 0x15, "SVC with a non-zero immediate" },
	{ 0x16, "HVC" },
	{ 0x17, "SMC" },
	{ 0x18, "trapped system register access" },
	{ 0x19, "trapped SVE access" },
	{ 0x20, "instruction abort (lower EL)" },
	{ 0x21, "instruction abort" },
	{ 0x22, "PC alignment fault" },
	{ 0x24, "data abort (lower EL)" },
	{ 0x25, "data abort" },
	{ 0x26, "SP alignment fault" },
	{ 0x2c, "floating-point exception" },
	{ 0x2f, "SError" },
	{ 0x30, "breakpoint (lower EL)" },
	{ 0x31, "breakpoint" },
	{ 0x32, "software step (lower EL)" },
	{ 0x33, "software step" },
	{ 0x34, "watchpoint (lower EL)" },
	{ 0x35, "watchpoint" },
	{ 0x3c, "BRK instruction" },
};

static const char *const kind_names[] = { "synchronous", "IRQ", "FIQ",
	                                  "SError" };
static const char *const source_names[] = { "EL1 with SP_EL0", "EL1",
	                                    "EL0 (AArch64)", "EL0 (AArch32)" };

const char *
exception_class_name(uint64_t esr)
{
	unsigned ec = ESR_EC(esr);

	for (size_t i = 0; i < RT_ARRAY_SIZE(ec_names); i++) {
		if (ec_names[i].ec == ec)
			return ec_names[i].name;
	}
	return "unknown exception class";
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
	if (fsc == 0x10)
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
	const char *what = kind_names[kind & 3u];
	const char *from = source_names[(kind >> 2) & 3u];
	unsigned ec = ESR_EC(f->esr);

	if ((kind & 3u) != 0) {
		panic_frame(f, "unexpected %s from %s at pc %#lx", what, from,
		            (unsigned long)f->elr);
	}
	if (is_abort(ec)) {
		bool write =
		    (ec == EC_DATA_ABORT_SAME || ec == EC_DATA_ABORT_LOWER) &&
		    (f->esr & ESR_DA_WNR);
		panic_frame(f,
		            "%s from %s: %s on %s of address %#lx at pc %#lx "
		            "(ESR %#lx)",
		            exception_class_name(f->esr), from,
		            exception_fault_status_name(f->esr),
		            write ? "write" : "read", (unsigned long)f->far,
		            (unsigned long)f->elr, (unsigned long)f->esr);
	}
	panic_frame(f, "%s from %s at pc %#lx (ESR %#lx, ISS %#x)",
	            exception_class_name(f->esr), from, (unsigned long)f->elr,
	            (unsigned long)f->esr, (unsigned)ESR_ISS(f->esr));
}
