// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The app's ISRs and the dispatch loop. An interrupt is acknowledged, then
// its ISR is due: the entry code starts it as an upcall on the way back to
// the app (rt/upcall.h), with interrupts masked, so ISRs never preempt
// each other. The end of interrupt (EOImode 0: priority dropped and
// deactivated in one EOIR write, with no ICC_DIR_EL1 write, which Gunyah
// traps) comes at once for an edge interrupt; a level interrupt EOIed while
// its source is still asserted would be pending again at once, so its EOI
// waits until its ISR has returned, or waits for other interrupts (which
// needs the priority dropped), or was left by longjmp. When an ISR
// returns, the same dispatch loop goes on with the next interrupt; a level
// interrupt its ISR did not clear comes straight back, which is how the
// loop counts a storm.
//
// An ISR never runs inside itself. Its interrupt taken again while the ISR
// waits is put off until the ISR ends: an edge one is remembered and made
// due then; a level one, whose line is still up, is disabled until then
// (what the app enables or disables meanwhile is what it gets after). The
// dispatch loop, and so the storm count, is the outermost one as long as
// an ISR runs.

#include <rt/arch.h>
#include <rt/errno.h>
#include <rt/gicv3.h>
#include <rt/irq.h>
#include <rt/log.h>
#include <rt/string.h>
#include <rt/upcall.h>

// Sized for what apps register (RM: 11), not for every INTID the GIC has:
// the table's memory comes out of the app's heap.
#ifndef RT_IRQ_SLOTS
#define RT_IRQ_SLOTS 32
#endif

// An interrupt taken more often than this in one dispatch loop has an ISR
// that does not clear its source; it is disabled so that the VM goes on.
// An edge interrupt from a working device cannot come close: the app's own
// code does not run at all until the loop ends.
#ifndef RT_IRQ_STORM_LIMIT
#define RT_IRQ_STORM_LIMIT 1000
#endif

#define IRQ_NONE UINT32_MAX

static_assert(RT_IRQ_STORM_LIMIT > 0 && RT_IRQ_STORM_LIMIT < 0x7fff,
              "RT_IRQ_STORM_LIMIT must fit irq_slot.fires");
static_assert(GICV3_INTID_LIMIT <= 1024, "irq_slot.intid");
static_assert(RT_UPCALL_DEPTH < 16, "irq_slot.depth");

// 24 bytes: the table's memory is the app's.
struct irq_slot {
	void *isr; // NULL: the slot is free
	void *data;
	uint32_t loop;
	uint16_t intid : 10;
	uint16_t depth : 4;  // the upcall depth its ISR runs at; 0: not running
	uint16_t again : 1;  // an edge one, taken again while its ISR ran
	uint16_t masked : 1; // a level one, disabled here while its ISR runs
	uint16_t fires : 15; // in dispatch loop number `loop`
	uint16_t on : 1;     // with `masked`: what the app last asked for
};

static struct irq_slot irq_slots[RT_IRQ_SLOTS];
// Dispatch loops run so far: lets each slot restart its count lazily,
// instead of every loop clearing every slot.
static uint32_t irq_loop;
// Acknowledged, its ISR not yet started; IRQ_NONE if none. due_ack is what
// the acknowledge returned, when the EOI is still to come (a level one).
static uint32_t irq_due = IRQ_NONE;
static uint32_t irq_due_ack = IRQ_NONE;
// Level interrupts whose ISR runs (innermost last), not yet EOIed, and the
// upcall depth their ISR runs at.
struct irq_held_ack {
	uint32_t ack;
	unsigned depth;
};

static struct irq_held_ack irq_held[RT_UPCALL_DEPTH];
static unsigned irq_nheld;
// Slots whose ISR runs.
static unsigned irq_running;
static bool irq_idle_logged;

static struct irq_slot *
irq_find(uint32_t intid)
{
	for (size_t i = 0; i < RT_IRQ_SLOTS; i++) {
		if (irq_slots[i].isr != NULL && irq_slots[i].intid == intid)
			return &irq_slots[i];
	}
	return NULL;
}

int
irq_register(uint32_t intid, void *isr, void *data)
{
	struct irq_slot *free_slot = NULL;

	for (size_t i = 0; i < RT_IRQ_SLOTS; i++) {
		struct irq_slot *s = &irq_slots[i];

		if (s->isr == NULL) {
			if (free_slot == NULL)
				free_slot = s;
		} else if (s->intid == intid) {
			return -EBUSY;
		}
	}
	if (free_slot == NULL) {
		log_printf("irq: no room for an ISR for INTID %u "
		           "(RT_IRQ_SLOTS is %d)\n",
		           intid, RT_IRQ_SLOTS);
		return -ENOMEM;
	}
	*free_slot = (struct irq_slot){
		.isr = isr,
		.data = data,
		.intid = (uint16_t)intid,
	};
	return 0;
}

int
irq_deregister(uint32_t intid)
{
	struct irq_slot *s = irq_find(intid);

	if (s == NULL)
		return -ENOENT;
	// Its ISR, if it runs, ends as far as the table goes.
	if (s->depth != 0)
		irq_running--;
	*s = (struct irq_slot){ 0 };
	return 0;
}

int
irq_enable(uint32_t intid)
{
	struct irq_slot *s = irq_find(intid);

	if (s != NULL && s->masked) {
		int ret = gicv3_check(intid);

		if (ret == 0)
			s->on = 1;
		return ret;
	}
	return gicv3_enable(intid);
}

int
irq_disable(uint32_t intid)
{
	struct irq_slot *s = irq_find(intid);

	if (s != NULL && s->masked)
		s->on = 0;
	return gicv3_disable(intid);
}

// A new dispatch loop, unless an ISR runs: a wait inside one is part of the
// loop that started it, whose storm count must go on.
static void
irq_new_loop(void)
{
	if (irq_running == 0)
		irq_loop++;
}

// Counts a firing of s's interrupt in this loop: false past the limit.
static bool
irq_count(struct irq_slot *s)
{
	if (s->loop != irq_loop) {
		s->loop = irq_loop;
		s->fires = 0;
	}
	if (s->fires < RT_IRQ_STORM_LIMIT) {
		s->fires++;
		return true;
	}
	// Past the limit again only if an ISR enabled it again meanwhile.
	// The disable lands before the caller's EOI or next acknowledge,
	// which would otherwise take it once more.
	if (s->fires++ == RT_IRQ_STORM_LIMIT)
		log_printf("irq: INTID %u fired %d times in one dispatch, its "
		           "ISR does not clear it; disabled\n",
		           s->intid, RT_IRQ_STORM_LIMIT);
	gicv3_disable_sync(s->intid);
	return false;
}

// Its interrupt again while s's ISR runs: put off until the ISR ends. A
// level one is disabled before its EOI, and the disable has landed by
// then, so that the line, still up, is not taken again at once.
static RT_COLD void
irq_put_off(struct irq_slot *s, uint32_t ack)
{
	if (gicv3_is_edge(s->intid)) {
		s->again = 1;
	} else if (!s->masked) {
		s->masked = 1;
		s->on = 1;
		gicv3_disable_sync(s->intid);
	}
	gicv3_eoi(ack);
}

// s's ISR has ended (returned `handled`, or was left).
static void
irq_end(struct irq_slot *s, bool handled)
{
	s->depth = 0;
	irq_running--;
	// An ISR's bool: false means it could not deal with its interrupt.
	// Its EOI (a level one's) comes next: the disable must land first.
	if (!handled) {
		s->masked = 0;
		s->again = 0;
		gicv3_disable_sync(s->intid);
		return;
	}
	if (s->masked) {
		s->masked = 0;
		if (s->on)
			gicv3_enable(s->intid);
	}
	if (s->again) {
		s->again = 0;
		if (irq_due == IRQ_NONE && irq_count(s))
			irq_due = s->intid;
		else if (irq_due != IRQ_NONE)
			gicv3_set_pending(s->intid);
	}
}

// Takes interrupts until one has an ISR to run (irq_due) or none is left.
// Those with nothing to run are dealt with here.
static void
irq_collect(void)
{
	uint32_t ack, intid;
	struct irq_slot *s;

	// Without LPIs the GIC acknowledges only INTIDs 0-1019, or answers
	// 1020-1023 when there is nothing (left) to take.
	while (irq_due == IRQ_NONE &&
	       (intid = (ack = gicv3_ack()) & 0x3ffu) < GICV3_INTID_SPECIAL) {
		s = intid == GICV3_INTID_TIMER ? NULL : irq_find(intid);
		if (s != NULL && s->depth != 0) {
			irq_put_off(s, ack);
			continue;
		}
		if (s != NULL && irq_count(s)) {
			irq_due = intid;
			// A level one is EOIed once its ISR is done
			// (irq_take holds it).
			if (!gicv3_is_edge(intid) &&
			    irq_nheld < RT_UPCALL_DEPTH)
				irq_due_ack = ack;
			else
				gicv3_eoi(ack);
			continue;
		}
		// Quiet before its EOI (the timer disarmed, one without an
		// ISR or past the storm limit disabled): deactivated with its
		// source still up, a level one would be pending again, and
		// Gunyah lists it again then, whatever the source does next.
		if (intid == GICV3_INTID_TIMER) {
			// The runtime's own timer, which nothing arms now that
			// waits watch the counter: lower its line all the same.
			arch_timer_disarm();
		} else if (s == NULL) {
			log_printf("irq: INTID %u has no ISR; disabled\n",
			           intid);
			gicv3_disable_sync(intid);
		}
		gicv3_eoi(ack);
	}
}

// EOIs the held level interrupts whose ISR (at a depth above `depth`) has
// ended or been left, innermost first, as the GIC wants them, each ordered
// after the ISR's device writes, which lower the line (gicv3_eoi_after_isr).
static void
irq_release(unsigned depth)
{
	while (irq_nheld > 0 && irq_held[irq_nheld - 1].depth > depth)
		gicv3_eoi_after_isr(irq_held[--irq_nheld].ack);
}

void
irq_release_left(void)
{
	unsigned depth = upcall_depth();

	irq_release(depth);
	for (size_t i = 0; irq_running > 0 && i < RT_IRQ_SLOTS; i++) {
		if (irq_slots[i].depth > depth)
			irq_end(&irq_slots[i], true);
	}
}

void
irq_vector_handle(void)
{
	irq_release_left();
	irq_new_loop();
	irq_collect();
}

bool
irq_take(struct irq_isr *isr)
{
	struct irq_slot *s;

	if (irq_due == IRQ_NONE)
		return false;
	s = irq_find(irq_due);
	irq_due = IRQ_NONE;
	// Deregistered since it was taken (by an ISR before it): nothing to
	// run, and the interrupt itself is over.
	if (s == NULL) {
		if (irq_due_ack != IRQ_NONE)
			gicv3_eoi(irq_due_ack);
		irq_due_ack = IRQ_NONE;
		return false;
	}
	// Its ISR starts one upcall deeper than now.
	s->depth = (uint16_t)(upcall_depth() + 1u) & 0xfu;
	irq_running++;
	if (irq_due_ack != IRQ_NONE)
		irq_held[irq_nheld++] = (struct irq_held_ack){
			.ack = irq_due_ack,
			.depth = s->depth,
		};
	irq_due_ack = IRQ_NONE;
	*isr = (struct irq_isr){ .fn = s->isr,
		                 .data = s->data,
		                 .intid = s->intid };
	return true;
}

void
irq_isr_done(uint32_t intid, bool handled)
{
	struct irq_slot *s = irq_find(intid);

	// rt_sigreturn has ended the ISR's upcall already: irq_release_left
	// ends this ISR too, as if left, unless it is ended here first.
	if (s != NULL && s->depth > upcall_depth())
		irq_end(s, handled);
	else if (!handled)
		gicv3_disable_sync(intid);
	irq_release_left();
	irq_collect();
}

bool
irq_wait(uint64_t deadline)
{
	bool forever = deadline == IRQ_WAIT_FOREVER;

	if (irq_due != IRQ_NONE)
		return true;
	// An ISR that waits for other interrupts needs its own out of the
	// way: a level one it has not cleared simply comes back.
	irq_release(0);
	if (forever && !irq_idle_logged && gicv3_enabled_count() == 0) {
		// The app asked to sleep until an interrupt with none
		// enabled: it gets what it asked for, but the log says why.
		irq_idle_logged = true;
		log_printf("irq: waiting for an interrupt, none enabled\n");
	}
	irq_new_loop();
	for (;;) {
		// Only what the GIC has pending: an empty acknowledge is a
		// (trapped, under Gunyah) register read for nothing.
		if (arch_irq_pending())
			irq_collect();
		if (irq_due != IRQ_NONE)
			return true;
		if (!forever && arch_counter() >= deadline)
			return false;
		// wfe, not wfi: see arch_wait_event. The deadline needs no
		// timer interrupt: the event stream wakes the wait often.
		arch_wait_event();
	}
}

#ifdef RT_HOST
void
irq_reset_for_test(void)
{
	memset(irq_slots, 0, sizeof(irq_slots));
	irq_loop = 0;
	irq_due = IRQ_NONE;
	irq_due_ack = IRQ_NONE;
	irq_nheld = 0;
	irq_running = 0;
	irq_idle_logged = false;
}
#endif
