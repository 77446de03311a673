// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// rt/arch.h on the host, with a small GICv3 behind it; fake_arch.h says
// what is modelled.

#include <stdlib.h>
#include <string.h>

#include <rt/arch.h>
#include <rt/gicv3.h>

#include "fake_arch.h"
#include "unit.h"

#define GICD_CTLR       0x0000u
#define GICD_TYPER      0x0004u
#define GICD_IGROUPR    0x0080u
#define GICD_ISENABLER  0x0100u
#define GICD_ISPENDR    0x0200u
#define GICD_IPRIORITYR 0x0400u
#define GICD_ICFGR      0x0c00u
#define GICR_CTLR       0x0000u
#define GICR_WAKER      0x0014u
#define GICR_ICFGR1     0x0c04u
#define CTLR_G1         (1u << 1)
#define CTLR_ARE        (1u << 4)
#define CTLR_RWP        (1u << 31)
#define WAKER_SLEEP     (1u << 1)
#define WAKER_CHILDREN  (1u << 2)
#define SPURIOUS        1023u

struct fake_arch fake;

// Fatal: the test ends here (unit.h longjmps out of it).
#define FAKE_FAIL(what) unit_check(false, true, __FILE__, __LINE__, what)

static uint8_t *
fake_byte(uintptr_t addr, unsigned size)
{
	if (addr % size != 0)
		FAKE_FAIL("an aligned MMIO access");
	if (addr >= FAKE_GICD_BASE &&
	    addr + size <= FAKE_GICD_BASE + FAKE_GICD_SIZE)
		return &fake.gicd[addr - FAKE_GICD_BASE];
	if (addr >= FAKE_GICR_BASE &&
	    addr + size <= FAKE_GICR_BASE + FAKE_GICR_SIZE)
		return &fake.gicr[addr - FAKE_GICR_BASE];
	FAKE_FAIL("MMIO inside the GIC");
	abort();
}

static uint32_t
fake_load32(uintptr_t addr)
{
	uint32_t v;

	memcpy(&v, fake_byte(addr, 4), 4);
	return v;
}

static void
fake_store32(uintptr_t addr, uint32_t v)
{
	memcpy(fake_byte(addr, 4), &v, 4);
}

enum fake_kind { FAKE_PLAIN, FAKE_SET, FAKE_CLEAR };

// Set/clear register pairs (ISENABLER/ICENABLER and so on) keep their state
// at the set register's address; *state is where addr's state lives.
static enum fake_kind
fake_kind(uintptr_t addr, uintptr_t *state)
{
	uintptr_t base, off;

	*state = addr;
	if (addr >= FAKE_GICD_BASE && addr < FAKE_GICD_BASE + FAKE_GICD_SIZE)
		base = FAKE_GICD_BASE;
	else if (addr >= FAKE_GICR_SGI && addr < FAKE_GICR_SGI + 0x10000u)
		base = FAKE_GICR_SGI;
	else
		return FAKE_PLAIN;
	off = addr - base;
	if (off < 0x100u || off >= 0x400u)
		return FAKE_PLAIN;
	*state = base + (off & ~(uintptr_t)0x80u);
	return (off & 0x80u) != 0 ? FAKE_CLEAR : FAKE_SET;
}

static uintptr_t
fake_frame(uint32_t intid)
{
	return intid < 32u ? FAKE_GICR_SGI : FAKE_GICD_BASE;
}

static bool
fake_bit(uint32_t reg, uint32_t intid)
{
	return (fake_load32(fake_frame(intid) + reg + intid / 32u * 4u) >>
	        (intid % 32u)) &
	       1u;
}

uint32_t
fake_read32(uintptr_t addr)
{
	uintptr_t state;

	fake_kind(addr, &state);
	return fake_load32(state);
}

bool
fake_gic_enabled(uint32_t intid)
{
	return fake_bit(GICD_ISENABLER, intid);
}

static bool
fake_line(uint32_t intid)
{
	if (intid == GICV3_INTID_TIMER)
		return fake.timer_armed && fake.counter >= fake.timer_cval;
	return fake.level[intid] || fake.lowering[intid];
}

// Earlier device writes have reached the GIC.
static void
fake_barrier(void)
{
	memset(fake.lowering, 0, sizeof(fake.lowering));
}

bool
fake_gic_edge(uint32_t intid)
{
	uintptr_t reg = fake_frame(intid) + GICD_ICFGR + intid / 16u * 4u;

	// SGIs are always edge-triggered.
	return intid < 16u ||
	       ((fake_load32(reg) >> (2u * (intid % 16u) + 1u)) & 1u) != 0;
}

// The pending latch (GICD_ISPENDR's state) is set by a write there, by an
// SGI, or by a rising edge of an edge-triggered interrupt's line; a
// level-triggered interrupt is pending too while its line is high.
bool
fake_gic_pending(uint32_t intid)
{
	return fake_bit(GICD_ISPENDR, intid) || fake.listed[intid] ||
	       (!fake_gic_edge(intid) && fake_line(intid));
}

void
fake_gic_line(uint32_t intid, bool high)
{
	if (high && !fake.level[intid] && fake_gic_edge(intid))
		fake_gic_raise(intid);
	fake.lowering[intid] = !high && fake.posted_writes &&
	                       (fake.level[intid] || fake.lowering[intid]);
	fake.level[intid] = high;
}

void
fake_gic_raise(uint32_t intid)
{
	uintptr_t reg = fake_frame(intid) + GICD_ISPENDR + intid / 32u * 4u;

	fake_store32(reg, fake_load32(reg) | 1u << (intid % 32u));
}

// The interrupt the CPU interface would take now, or SPURIOUS. Only what a
// correctly brought-up GIC would signal: Group 1 enabled in the
// distributor, the redistributor awake, the CPU interface initialised.
uint8_t
fake_gic_priority(uint32_t intid)
{
	uintptr_t reg = fake_frame(intid) + GICD_IPRIORITYR + intid;

	return *fake_byte(reg, 1);
}

uint8_t
fake_running_priority(void)
{
	if (fake.nrunning == 0)
		return FAKE_PRIO_IDLE;
	return fake_gic_priority(fake.running[fake.nrunning - 1]);
}

// The interrupt the CPU interface would take now, or SPURIOUS. Only what a
// correctly brought-up GIC would signal: Group 1 enabled in the
// distributor, the redistributor awake, the CPU interface initialised; and
// only an interrupt of higher priority than the running one and the PMR.
static uint32_t
fake_next(void)
{
	uint32_t best = SPURIOUS;
	uint8_t best_prio = 0, limit = fake_running_priority();

	if ((fake_load32(FAKE_GICD_BASE + GICD_CTLR) & CTLR_G1) == 0 ||
	    (fake_load32(FAKE_GICR_BASE + GICR_WAKER) & WAKER_CHILDREN) ||
	    fake.icc_inits == 0)
		return SPURIOUS;
	if (fake.pmr < limit)
		limit = fake.pmr;
	for (uint32_t i = 0; i <= FAKE_MAX_INTID; i++) {
		uint8_t prio = fake_gic_priority(i);

		if (fake.active[i] ||
		    !(fake_gic_enabled(i) || fake.disabling[i]) ||
		    !fake_bit(GICD_IGROUPR, i) || !fake_gic_pending(i) ||
		    prio >= limit)
			continue;
		if (best == SPURIOUS || prio < best_prio) {
			best = i;
			best_prio = prio;
		}
	}
	return best;
}

bool
fake_irq_signalled(void)
{
	return fake_next() != SPURIOUS;
}

void
fake_arch_reset(void)
{
	memset(&fake, 0, sizeof(fake));
	fake.exc_room = FAKE_EXC_ROOM;
	fake_store32(FAKE_GICD_BASE + GICD_CTLR, CTLR_ARE);
	fake_store32(FAKE_GICD_BASE + GICD_TYPER,
	             (FAKE_MAX_INTID + 1) / 32 - 1);
	fake_store32(FAKE_GICR_BASE + GICR_WAKER, WAKER_SLEEP | WAKER_CHILDREN);
}

void
fake_clear_writes(void)
{
	fake.nwrites = 0;
	fake.nreads = 0;
}

unsigned
fake_writes_in(uintptr_t lo, uintptr_t hi)
{
	unsigned n = 0;

	for (unsigned i = 0; i < fake.nwrites && i < FAKE_WRITES; i++)
		n += fake.writes[i].addr >= lo && fake.writes[i].addr < hi;
	return n;
}

static void
fake_log_write(uintptr_t addr, uint64_t v, unsigned size)
{
	if (fake.nwrites < FAKE_WRITES)
		fake.writes[fake.nwrites] = (struct fake_write){ .addr = addr,
			                                         .value = v,
			                                         .size = size };
	fake.nwrites++;
}

// The disables in flight for INTIDs lo..hi-1 take effect.
static void
fake_disables_land(uint32_t lo, uint32_t hi)
{
	for (uint32_t i = lo; i < hi; i++)
		fake.disabling[i] = false;
}

// A write of v through ISENABLER (set) or ICENABLER to the enable word at
// state: with rwp_lag, the disable of an enabled interrupt is in flight
// until it lands; an enable takes effect at once.
static void
fake_enable_write(uintptr_t state, uint32_t v, bool set)
{
	uintptr_t frame =
	    state >= FAKE_GICR_SGI ? FAKE_GICR_SGI : FAKE_GICD_BASE;
	uint32_t first = (uint32_t)(state - frame - GICD_ISENABLER) * 8u;
	uint32_t was = fake_load32(state);

	for (uint32_t i = 0; i < 32u && first + i < FAKE_INTIDS; i++) {
		if (((v >> i) & 1u) == 0)
			continue;
		if (set)
			fake.disabling[first + i] = false;
		else if (fake.rwp_lag && ((was >> i) & 1u) != 0)
			fake.disabling[first + i] = true;
	}
}

uint32_t
arch_mmio_read32(uintptr_t addr)
{
	fake.nreads++;
	// Polling RWP: the frame's disables have landed once it reads 0.
	if (addr == FAKE_GICD_BASE + GICD_CTLR)
		fake_disables_land(32u, FAKE_INTIDS);
	else if (addr == FAKE_GICR_BASE + GICR_CTLR)
		fake_disables_land(0, 32u);
	return fake_read32(addr);
}

void
arch_mmio_write32(uintptr_t addr, uint32_t v)
{
	uintptr_t state;
	enum fake_kind kind = fake_kind(addr, &state);

	fake_log_write(addr, v, 4);
	if (kind != FAKE_PLAIN && (state & 0xffffu) >= GICD_ISENABLER &&
	    (state & 0xffffu) < GICD_ISENABLER + 0x80u)
		fake_enable_write(state, v, kind == FAKE_SET);
	switch (kind) {
	case FAKE_SET:
		fake_store32(state, fake_load32(state) | v);
		return;
	case FAKE_CLEAR:
		fake_store32(state, fake_load32(state) & ~v);
		return;
	case FAKE_PLAIN:
		break;
	}
	if (addr == FAKE_GICD_BASE + GICD_CTLR) {
		v &= ~CTLR_RWP;
	} else if (addr == FAKE_GICR_BASE + GICR_WAKER) {
		if ((v & WAKER_SLEEP) || fake.waker_stuck)
			v |= WAKER_CHILDREN;
		else
			v &= ~WAKER_CHILDREN;
	} else if (addr == FAKE_GICR_SGI + GICR_ICFGR1 && fake.ppi_cfg_ro) {
		return;
	}
	fake_store32(addr, v);
}

uint64_t
arch_mmio_read64(uintptr_t addr)
{
	uint64_t v;

	fake.nreads++;
	memcpy(&v, fake_byte(addr, 8), 8);
	return v;
}

void
arch_mmio_write64(uintptr_t addr, uint64_t v)
{
	fake_log_write(addr, v, 8);
	memcpy(fake_byte(addr, 8), &v, 8);
}

uint32_t
arch_icc_ack(void)
{
	uint32_t intid = fake_next();

	if (++fake.acks > 1000000u)
		FAKE_FAIL("a dispatch loop that ends");
	// Whatever this acknowledge saw, a disable in flight has landed by
	// the next one; its dsb completes device writes.
	fake_disables_land(0, FAKE_INTIDS);
	fake_barrier();
	if (intid == SPURIOUS)
		return intid;
	fake.taken[intid]++;
	fake.listed[intid] = false;
	// Taking an edge-triggered interrupt clears its pending latch. A
	// level-triggered one stays pending while its line is high, and what
	// ISPENDR set stays until ICPENDR clears it (the architecture, and
	// Gunyah's vGIC).
	fake.idle_waits = 0;
	if (fake_gic_edge(intid) && fake_bit(GICD_ISPENDR, intid)) {
		uintptr_t reg =
		    fake_frame(intid) + GICD_ISPENDR + intid / 32u * 4u;

		fake_store32(reg, fake_load32(reg) & ~(1u << (intid % 32u)));
	}
	fake.active[intid] = true;
	fake.running[fake.nrunning++] = intid;
	return intid;
}

void
arch_icc_eoi(uint32_t intid)
{
	fake.eois++;
	// EOImode 0: the priority drop, in the order of acknowledgement,
	// and the deactivation in one.
	if (fake.nrunning == 0 || fake.running[fake.nrunning - 1] != intid)
		FAKE_FAIL("EOI of the interrupt acknowledged last");
	fake.nrunning--;
	fake.active[intid] = false;
	// Gunyah's maintenance handling finds the source still asserted
	// and lists the interrupt again.
	if (fake.relist_at_eoi && !fake_gic_edge(intid) && fake_line(intid))
		fake.listed[intid] = true;
}

void
arch_icc_sgi(uint64_t v)
{
	uint64_t m = fake.mpidr;
	unsigned aff0 = m & 0xffu;

	if (fake.nsgi < 16)
		fake.sgi1r[fake.nsgi] = v;
	fake.nsgi++;
	// Delivered only if it names this CPU.
	if (((v >> 16) & 0xffu) == ((m >> 8) & 0xffu) &&
	    ((v >> 32) & 0xffu) == ((m >> 16) & 0xffu) &&
	    ((v >> 48) & 0xffu) == ((m >> 32) & 0xffu) &&
	    ((v >> 44) & 0xfu) == aff0 >> 4 && ((v >> (aff0 & 0xfu)) & 1u))
		fake_gic_raise((uint32_t)(v >> 24) & 0xfu);
}

void
arch_icc_init(void)
{
	fake.icc_inits++;
	fake.pmr = 0xff;
}

uint64_t
arch_mpidr(void)
{
	return fake.mpidr;
}

void
arch_dsb(void)
{
	fake.dsbs++;
	fake_barrier();
}

uint64_t
arch_counter(void)
{
	static uint64_t last;
	static unsigned same;

	// Code that spins on the counter waits for time to pass: after a
	// run of reads that saw it stand still, it moves on by counter_step;
	// a fake counter that nothing moves would hang the test.
	if (fake.counter != last) {
		last = fake.counter;
		same = 0;
	} else if (++same % 64 == 0 && fake.counter_step != 0) {
		fake.counter += fake.counter_step;
		last = fake.counter;
		if (fake.spin_hook != NULL)
			fake.spin_hook(same / 64);
	} else if (same > 10000000u) {
		same = 0;
		FAKE_FAIL("a counter that moves while the runtime spins on it");
	}
	return fake.counter;
}

void
arch_timer_disarm(void)
{
	fake.timer_armed = false;
}

void
arch_event_stream_init(uint64_t freq)
{
	fake.event_stream_freq = freq;
}

bool
arch_irq_pending(void)
{
	return fake_irq_signalled();
}

void
arch_wait_event(void)
{
	uint64_t step = FAKE_EVENT_TICKS;
	unsigned idle = fake.idle_waits < 40 ? fake.idle_waits : 40;

	// Each wait is a moment of the outside world (the hook's), then,
	// without an interrupt, the event stream's next tick. The longer
	// nothing happens the faster time runs (step doubles each idle wait),
	// so that a sleep of any length ends in a few dozen waits; nothing
	// at all would wait forever.
	if (fake.event_stream_freq == 0)
		FAKE_FAIL("a wait with the event stream on");
	if (++fake.wfes > 100000u)
		FAKE_FAIL("a wait that ends");
	fake_disables_land(0, FAKE_INTIDS);
	fake_barrier(); // dsb sy; wfe
	if (fake.wfi_hook != NULL)
		fake.wfi_hook(fake.wfes);
	if (fake_irq_signalled())
		return;
	fake.idle_waits++;
	step <<= idle;
	fake.counter =
	    UINT64_MAX - fake.counter < step ? UINT64_MAX : fake.counter + step;
}

uint8_t
fake_entropy_byte(uint64_t k)
{
	return (uint8_t)k;
}

static void
fake_entropy_fill(void *out, size_t n)
{
	uint8_t *p = out;

	for (size_t i = 0; i < n; i++)
		p[i] = fake_entropy_byte(fake.entropy_next++);
}

long
arch_get_entropy(uint32_t out[4])
{
	uint64_t window =
	    (uint64_t)FAKE_ENTROPY_NS * (FAKE_COUNTER_HZ / 1000u) / 1000000u;

	fake.entropy_calls++;
	if (fake.entropy_err != 0)
		return fake.entropy_err;
	// Gunyah's count: a window starts with a call at least a window
	// after the last window's start, and takes 4 calls.
	if (fake.entropy_unlimited) {
		// As if every call started a window.
	} else if (fake.entropy_in_window > 0 &&
	           fake.counter - fake.entropy_window < window) {
		if (fake.entropy_in_window == FAKE_ENTROPY_CALLS) {
			fake.entropy_busy++;
			return ARCH_ENTROPY_BUSY;
		}
		fake.entropy_in_window++;
	} else {
		fake.entropy_window = fake.counter;
		fake.entropy_in_window = 1;
	}
	fake_entropy_fill(out, 4 * sizeof(out[0]));
	return 0;
}

bool
arch_rndr(uint64_t *out)
{
	fake.rndr_calls++;
	if (!fake.rndr_present)
		return false;
	if (fake.rndr_fails > 0) {
		fake.rndr_fails--;
		return false;
	}
	fake_entropy_fill(out, sizeof(*out));
	return true;
}

static noreturn void
fake_stop(enum fake_stop_by by, int status)
{
	fake.stop_by = by;
	fake.stop_status = status;
	fake.stops++;
	if (fake.stop_jmp != NULL)
		longjmp(*fake.stop_jmp, 1);
	FAKE_FAIL("a stop with a test waiting for it");
	abort();
}

noreturn void
arch_semihost_exit(int status)
{
	fake.stop_flags = 0;
	fake_stop(FAKE_STOP_SEMIHOSTING, status);
}

noreturn void
arch_psci_stop(bool smc, bool reset)
{
	fake.stop_flags = 0;
	fake_stop(reset ? FAKE_STOP_PSCI_RESET : FAKE_STOP_PSCI_OFF,
	          smc ? 1 : 0);
}

noreturn void
arch_stop(int status, unsigned flags, uintptr_t log)
{
	fake.stop_by = FAKE_STOP_HYPERVISOR;
	fake.stop_status = status;
	fake.stop_flags = flags;
	fake.stop_log = log;
	fake.stops++;
	if (fake.stop_jmp != NULL)
		longjmp(*fake.stop_jmp, 1);
	FAKE_FAIL("arch_stop with a test waiting for it");
	abort();
}

uintptr_t
arch_app_sp(void)
{
	return fake.app_sp;
}

void
arch_set_app_sp_floor(uintptr_t floor)
{
	fake.app_sp_floor = floor;
}

long
arch_call_app(void *fn, long a0, long a1, uintptr_t sp)
{
	uintptr_t app_sp = fake.app_sp, floor = fake.app_sp_floor;
	bool fp_trapping = fake.fp_trapping;
	long ret;

	if (sp % 16 != 0)
		FAKE_FAIL("app code called on a 16-byte aligned sp");
	fake.calls++;
	fake.call_sp = sp;
	// The app code runs on sp; SP_EL0 is the app's again afterwards. As
	// call_app.S does, the syscall fast path is closed (its syscalls go
	// the slow way) and FP/SIMD traps while the code runs, and both are
	// put back after it.
	fake.app_sp = sp;
	fake.app_sp_floor = UINTPTR_MAX;
	fake.fp_trapping = true;
	if (fake.call_app != NULL) {
		ret = fake.call_app(fn, a0, a1, sp);
	} else {
		// The host's calling convention passes these the way the
		// app's console function and exit hook expect them.
		long (*app)(long, long) = (long (*)(long, long))fn;

		ret = app(a0, a1);
	}
	fake.app_sp = app_sp;
	fake.app_sp_floor = floor;
	fake.fp_trapping = fp_trapping;
	return ret;
}

void
arch_fp_trap(bool trap)
{
	fake.fp_trapping = trap;
}

void
arch_fp_save(struct arch_fp_state *s)
{
	if (fake.fp_trapping)
		FAKE_FAIL("FP/SIMD saved with the trap off");
	fake.fp_saves++;
	*s = fake.fp;
}

void
arch_fp_restore(const struct arch_fp_state *s)
{
	if (fake.fp_trapping)
		FAKE_FAIL("FP/SIMD restored with the trap off");
	fake.fp_restores++;
	fake.fp = *s;
}

// Only its address is used: upcalls return to it, and it makes the
// rt_sigreturn syscall (the test's app plays that part).
void
arch_upcall_return(void)
{
	FAKE_FAIL("arch_upcall_return run as host code");
}

// The stack emptied: all of it is room again.
noreturn void
arch_exc_stack_restart(void (*fn)(void))
{
	fake.exc_room = FAKE_EXC_ROOM;
	fn();
	FAKE_FAIL("arch_exc_stack_restart's fn returning");
	abort();
}

size_t
arch_exc_stack_room(void)
{
	fake.exc_room_asked++;
	return fake.exc_room;
}

bool
arch_on_exc_stack(uintptr_t addr)
{
	(void)addr;
	return false;
}
