// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef FAKE_ARCH_H
#define FAKE_ARCH_H

// A host stand-in for rt/arch.h (fake_arch.c) and for uaccess (dev_stubs.c)
// that the device tests drive and inspect.
//
// The GIC is modelled far enough for the driver and the dispatch loop: a
// distributor and a redistributor backed by byte arrays at QEMU virt's
// addresses, set/clear register pairs sharing one state word, pending and
// enabled bits that the fake CPU interface acknowledges from (lowest INTID
// first, priorities ignored), level lines that stay pending until lowered,
// and the EL1 virtual timer as a level line on INTID 27, whose deadline a
// wfi jumps the counter to. Every MMIO write
// is logged so tests can count them. A test fails at once on an access
// outside the GIC, a misaligned one, a DIR without its EOI, or a wfi that
// nothing could ever wake.

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FAKE_GICD_BASE 0x08000000u
#define FAKE_GICR_BASE 0x080a0000u
#define FAKE_GICD_SIZE 0x10000u
#define FAKE_GICR_SIZE 0x20000u
#define FAKE_GICR_SGI  (FAKE_GICR_BASE + 0x10000u)
// GICD_TYPER.ITLinesNumber = 2: INTIDs 0-95.
#define FAKE_MAX_INTID 95u
#define FAKE_WRITES    256
#define FAKE_INTIDS    1020

struct fake_write {
	uintptr_t addr;
	uint64_t value;
	unsigned size;
};

struct fake_arch {
	uint8_t gicd[FAKE_GICD_SIZE];
	uint8_t gicr[FAKE_GICR_SIZE];
	struct fake_write writes[FAKE_WRITES];
	unsigned nwrites, nreads;
	bool level[FAKE_INTIDS];  // lines held high
	bool active[FAKE_INTIDS]; // acknowledged, not deactivated
	bool dropped[FAKE_INTIDS];
	unsigned acks, eois, dirs;
	bool waker_stuck; // ChildrenAsleep never clears
	bool ppi_cfg_ro;  // GICR_ICFGR1 ignores writes
	uint64_t mpidr;
	uint64_t sgi1r[16];
	unsigned nsgi, icc_inits;
	uint64_t counter, timer_cval;
	bool timer_armed;
	unsigned wfis;
	// The world outside: called with n = 1, 2, ... until an interrupt
	// can be taken.
	void (*wfi_hook)(unsigned n);
	jmp_buf *stop_jmp;
	int stop_status;
	unsigned stop_flags, stops;
};

extern struct fake_arch fake;

// Power-on state: GICD_CTLR.ARE set and groups off, the redistributor
// asleep, everything else zero; no write logged.
void fake_arch_reset(void);
void fake_clear_writes(void);
unsigned fake_writes_in(uintptr_t lo, uintptr_t hi);
uint32_t fake_read32(uintptr_t addr);
bool fake_gic_enabled(uint32_t intid);
bool fake_gic_pending(uint32_t intid);
// Sets an edge interrupt pending, as a device would.
void fake_gic_raise(uint32_t intid);

// dev_stubs.c: uaccess sees all memory as the app's but the first page
// and the upper half of fake_memory, so a string can run out of app memory.
#define FAKE_FOREIGN      (fake_memory + 64)
#define FAKE_FOREIGN_SIZE 64u
extern char fake_memory[128];

// Fresh fakes, GIC driver, ISR table and log ring (read with
// fake_log_text); no console, no prefix, no exit hook.
void fake_devices_setup(void);
const char *fake_log_text(void);
// ioctl on the /dev node at path.
long fake_ioctl(const char *path, unsigned long cmd, unsigned long arg);

#endif
