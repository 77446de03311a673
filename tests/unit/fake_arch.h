// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef FAKE_ARCH_H
#define FAKE_ARCH_H

// A host stand-in for rt/arch.h (fake_arch.c) that the tests drive and
// inspect.
//
// The GIC is modelled far enough for the driver and the dispatch loop: a
// distributor and a redistributor backed by byte arrays at QEMU virt's
// addresses, set/clear register pairs sharing one state word, pending and
// enabled bits, and triggers as configured in GICD_ICFGR: an
// edge-triggered interrupt is pending from a rising edge of its line (or
// an ISPENDR write, or an SGI) until it is acknowledged; a level-triggered
// one while its line is high, and what ISPENDR set stays until ICPENDR
// clears it (as in Gunyah's vGIC). The EL1 virtual timer is a level line on
// INTID 27. The CPU interface keeps priorities as GICv3 does (full 8-bit
// priorities, no preemption groups: what BPR 0 gives): an acknowledge
// takes the highest-priority pending interrupt (lowest value, then lowest
// INTID) only if it is higher than both the running priority and the PMR;
// it makes the interrupt active and its priority the running one. EOImode
// is 0, as the runtime sets it: an EOI drops the running priority and
// deactivates, and must name the interrupt acknowledged last. So an
// interrupt that is not EOIed keeps every other of its priority out, as on
// hardware. With rwp_lag set, a disable (ICENABLER write) takes effect
// late, as the GICv3 architecture allows until RWP reads 0: the interrupt
// can still be signalled and acknowledged until a read of the frame's
// CTLR (GICD_CTLR for SPIs, GICR_CTLR for SGIs and PPIs), a wait, or the
// first acknowledge after the write, which still sees it enabled. With
// posted_writes set, a device lowering its line (fake_gic_line) is seen
// by the GIC only after a barrier: arch_dsb, a wait, or an acknowledge
// (which reads the GIC first, then has its own dsb). (Kinder than real
// hardware, where an early-acknowledged Device-nGnRE write may still be on
// its way after the dsb: the model checks that the runtime orders its EOI,
// which is what it can do.) With relist_at_eoi
// set, the CPU interface is Gunyah's list registers: a level interrupt
// EOIed while its line is up is listed pending again, and stays pending
// until it is acknowledged, even if the line drops first. A wait
// (wfe) ends with the event stream's next tick or at once
// when an interrupt is signalled; the longer nothing happens the faster the
// counter runs. Every MMIO write is logged so tests can count them. A test
// fails at once on an access outside the GIC, a misaligned one, an EOI out
// of order, a wait that never ends, or a counter read in a loop that never
// moves.
//
// The rest of the CPU: the app's sp (SP_EL0) and the fast-path floor, calls
// into app code (arch_call_app, which runs fake.call_app if set, else calls
// the function directly), the FP/SIMD registers with CPACR's trap, the
// hypervisor's entropy call as Gunyah answers it, and RNDR.

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <rt/arch.h>

#define FAKE_GICD_BASE 0x08000000u
#define FAKE_GICR_BASE 0x080a0000u
#define FAKE_GICD_SIZE 0x10000u
#define FAKE_GICR_SIZE 0x40000u // two CPUs' redistributors
#define FAKE_GICR_SGI  (FAKE_GICR_BASE + 0x10000u)
// GICD_TYPER.ITLinesNumber = 2: INTIDs 0-95.
#define FAKE_MAX_INTID 95u
#define FAKE_WRITES    256
#define FAKE_INTIDS    1020
// The idle running priority (ICC_RPR_EL1 with nothing active).
#define FAKE_PRIO_IDLE 0xffu

// The counter's frequency, as QEMU virt and the boot stub give it: what
// tests pass to time_init.
#define FAKE_COUNTER_HZ 62500000u

// The runtime's stack left below a syscall's handler, more or less: what
// the runtime's RT_EXC_STACK_SIZE (build.conf) leaves after a vector's
// frames.
#define FAKE_EXC_ROOM 2048u

// The event stream's period in counter ticks at FAKE_COUNTER_HZ: about
// 100 us, as the runtime sets it up.
#define FAKE_EVENT_TICKS 6250u

// Gunyah's entropy rate limit: 4 calls per 33 ms window, per vCPU.
#define FAKE_ENTROPY_CALLS 4u
#define FAKE_ENTROPY_NS    33000000u

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
	bool active[FAKE_INTIDS]; // acknowledged, not EOIed
	// Acknowledged and not EOIed, oldest first: the last one's priority
	// is the running priority.
	uint32_t running[FAKE_INTIDS];
	unsigned nrunning;
	uint8_t pmr;
	unsigned acks, eois;
	unsigned taken[FAKE_INTIDS]; // acknowledged, per INTID
	// Disables written and not yet taken effect (only with rwp_lag).
	bool rwp_lag;
	bool disabling[FAKE_INTIDS];
	// Lines lowered that the GIC still sees high (only with
	// posted_writes), and the barriers (arch_dsb) so far.
	bool posted_writes;
	bool lowering[FAKE_INTIDS];
	unsigned dsbs;
	// Listed again at an EOI (only with relist_at_eoi).
	bool relist_at_eoi;
	bool listed[FAKE_INTIDS];
	bool waker_stuck; // ChildrenAsleep never clears
	bool ppi_cfg_ro;  // GICR_ICFGR1 ignores writes
	uint64_t mpidr;
	uint64_t sgi1r[16];
	unsigned nsgi, icc_inits;
	// When not 0, what the counter moves on by after 64 reads in a row
	// that found it standing still: time passing while the runtime spins
	// on it.
	uint64_t counter, counter_step;
	// Called with n = 1, 2, ... each time a spin moved the counter on.
	void (*spin_hook)(unsigned n);
	// The EL1 virtual timer, as a level line on INTID 27 (nothing in the
	// runtime arms it now; a test may).
	uint64_t timer_cval;
	bool timer_armed;
	// The waits (wfe) so far, the idle ones in a row, the event stream.
	unsigned wfes, idle_waits;
	uint64_t event_stream_freq;
	// The world outside: called with n = 1, 2, ... at each wait.
	void (*wfi_hook)(unsigned n);
	// How the VM stopped: arch_stop (status, flags, log), semihosting
	// (status), PSCI (stop_status: 1 by SMC, 0 by HVC).
	jmp_buf *stop_jmp;
	enum fake_stop_by {
		FAKE_STOP_HYPERVISOR,
		FAKE_STOP_SEMIHOSTING,
		FAKE_STOP_PSCI_OFF,
		FAKE_STOP_PSCI_RESET,
	} stop_by;
	int stop_status;
	unsigned stop_flags, stops;
	uintptr_t stop_log;

	// The app's sp (SP_EL0), and the floor the runtime set for the
	// syscall fast path.
	uintptr_t app_sp, app_sp_floor;
	// arch_call_app: how often, and the sp the last call ran on; the
	// runner of app code, when a test installs one.
	unsigned calls;
	uintptr_t call_sp;
	long (*call_app)(void *fn, long a0, long a1, uintptr_t sp);

	// What is left of the runtime's own stack below the caller, without
	// the panic reserve (FAKE_EXC_ROOM after a reset), and how often it
	// was asked.
	size_t exc_room;
	unsigned exc_room_asked;

	// FP/SIMD: the registers as they are in the CPU, whether CPACR traps
	// them, and the saves and restores of the app's.
	struct arch_fp_state fp;
	bool fp_trapping;
	unsigned fp_saves, fp_restores;

	// The entropy call: entropy_err if not 0 (ARCH_ENTROPY_NONE: no
	// such call), else Gunyah's answer (BUSY past the window's 4 calls)
	// with the next 16 bytes of the numbered stream, byte k being
	// (uint8_t)k. entropy_unlimited lifts the rate limit for tests about
	// something else.
	long entropy_err;
	bool entropy_unlimited;
	uint64_t entropy_next; // the stream's next byte
	uint64_t entropy_window;
	unsigned entropy_in_window;
	unsigned entropy_calls, entropy_busy;
	// RNDR: none unless rndr_present; then rndr_fails answers fail
	// before the next number (from the same stream).
	bool rndr_present;
	unsigned rndr_fails, rndr_calls;
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
bool fake_gic_edge(uint32_t intid);
// A device's interrupt line going high or low: a rising edge makes an
// edge-triggered interrupt pending; a level-triggered one is pending while
// it is high.
void fake_gic_line(uint32_t intid, bool high);
uint8_t fake_gic_priority(uint32_t intid);
// Sets an edge interrupt pending, as a device would.
void fake_gic_raise(uint32_t intid);
// ICC_RPR_EL1: the running priority, FAKE_PRIO_IDLE if none.
uint8_t fake_running_priority(void);
// Whether the CPU interface signals an interrupt (one an acknowledge
// would take now): what makes the CPU take an IRQ when unmasked.
bool fake_irq_signalled(void);

// The byte the entropy stream has at index k.
uint8_t fake_entropy_byte(uint64_t k);

// dev_stubs.c: uaccess lets the app use all memory from the second page up
// but the three parts of fake_memory: 64 bytes of data (readable and
// writable, not code), 64 it does not own, 64 read-only.
#define FAKE_DATA         (fake_memory)
#define FAKE_FOREIGN      (fake_memory + 64)
#define FAKE_FOREIGN_SIZE 64u
#define FAKE_RODATA       (fake_memory + 128)
extern char fake_memory[192];

// Fresh fakes, GIC driver, ISR table and log ring (read with
// fake_log_text); no console, no prefix, no exit hook. The app's initial
// stack is fake_app_stack (the upcalls know it), its sp 256 bytes below
// the top.
#define FAKE_APP_STACK_SIZE 16384u
extern unsigned char fake_app_stack[FAKE_APP_STACK_SIZE];
void fake_devices_setup(void);
const char *fake_log_text(void);
// ioctl on the /dev node at path.
long fake_ioctl(const char *path, unsigned long cmd, unsigned long arg);

#endif
