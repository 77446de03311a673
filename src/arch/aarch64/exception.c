// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// What an ESR says, in words: the AArch64 half of a fault report
// (src/core/fault.c writes it). Plain C without assembly, so the decoding
// is unit-tested on the host.

#include <rt/arch.h>
#include <rt/types.h>

#define ESR_EC(esr)         ((unsigned)((esr) >> 26) & 0x3fu)
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
arch_esr_class_name(uint64_t esr)
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

const char *
arch_esr_fault_name(uint64_t esr)
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

const char *
arch_esr_access_name(uint64_t esr)
{
	unsigned ec = ESR_EC(esr);

	if (ec != EC_DATA_ABORT_SAME && ec != EC_DATA_ABORT_LOWER &&
	    ec != EC_INSN_ABORT_SAME && ec != EC_INSN_ABORT_LOWER)
		return NULL;
	if (ec == EC_INSN_ABORT_SAME || ec == EC_INSN_ABORT_LOWER)
		return "fetch";
	// Gunyah hands a stage-2 fault back as an external abort with WnR
	// clear, whichever way the access went.
	if (ESR_FSC(esr) == FSC_SYNC_EXTERNAL)
		return "access";
	return esr & ESR_DA_WNR ? "write" : "read";
}
