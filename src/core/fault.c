// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The report of an exception nothing else handles: the app's fault, an
// exception class the runtime does not expect, a fault of the runtime
// itself. Ends in a panic.

#include <rt/arch.h>
#include <rt/exception.h>
#include <rt/panic.h>
#include <rt/types.h>

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

noreturn void
fault_report(const struct arch_frame *f, unsigned kind)
{
	const char *what = exception_kind_name(kind);
	const char *from = exception_source_name(kind);
	const char *access = arch_esr_access_name(f->esr);

	if ((kind & 3u) != EXCEPTION_SYNC) {
		panic_frame(f, "unexpected %s from %s at pc %#lx", what, from,
		            (unsigned long)f->elr);
	}
	// With ESR.FnV set, FAR holds nothing the report may show.
	if (access != NULL && (f->esr & ARCH_ESR_FNV) != 0) {
		panic_frame(f,
		            "%s from %s: %s on %s of an address not known "
		            "(FAR not valid) at pc %#lx (ESR %#lx)",
		            arch_esr_class_name(f->esr), from,
		            arch_esr_fault_name(f->esr), access,
		            (unsigned long)f->elr, (unsigned long)f->esr);
	}
	if (access != NULL) {
		panic_frame(f,
		            "%s from %s: %s on %s of address %#lx at pc %#lx "
		            "(ESR %#lx)",
		            arch_esr_class_name(f->esr), from,
		            arch_esr_fault_name(f->esr), access,
		            (unsigned long)f->far, (unsigned long)f->elr,
		            (unsigned long)f->esr);
	}
	panic_frame(f, "%s from %s at pc %#lx (ESR %#lx, ISS %#x)",
	            arch_esr_class_name(f->esr), from, (unsigned long)f->elr,
	            (unsigned long)f->esr, (unsigned)(f->esr & 0x1ffffffu));
}
