// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The app's ISRs and the dispatch loop. An interrupt is acknowledged and
// at once EOIed (EOImode 0: priority dropped and deactivated, with no
// ICC_DIR_EL1 write, which Gunyah traps), then its ISR is due: the entry
// code starts it as an upcall on the way back to the app (rt/upcall.h),
// with interrupts masked, so ISRs never preempt each other. An ISR may
// wait for other interrupts, since nothing of its own stays active, and
// may be left by longjmp. When an ISR returns, the same dispatch loop goes
// on with the next interrupt; a level interrupt its ISR did not clear
// comes straight back, which is how the loop counts a storm.

#include <rt/arch.h>
#include <rt/errno.h>
#include <rt/gicv3.h>
#include <rt/irq.h>
#include <rt/log.h>
#include <rt/string.h>

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

static_assert(RT_IRQ_STORM_LIMIT > 0 && RT_IRQ_STORM_LIMIT < UINT16_MAX,
              "RT_IRQ_STORM_LIMIT must fit irq_slot.fires");
static_assert(GICV3_INTID_LIMIT <= UINT16_MAX, "irq_slot.intid");

struct irq_slot {
	void *isr; // NULL: the slot is free
	void *data;
	uint16_t intid;
	uint16_t fires; // in dispatch loop number `loop`
	uint32_t loop;
};

static struct irq_slot irq_slots[RT_IRQ_SLOTS];
// Dispatch loops run so far: lets each slot restart its count lazily,
// instead of every loop clearing every slot.
static uint32_t irq_loop;
// Acknowledged and EOIed, its ISR not yet started; IRQ_NONE if none.
static uint32_t irq_due = IRQ_NONE;
static bool irq_timer_ready;
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
	s->isr = NULL;
	return 0;
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
		gicv3_eoi(ack);
		if (intid == GICV3_INTID_TIMER) {
			// Only irq_wait arms the timer, and it reads the
			// counter itself: the interrupt just ends the wfi.
			// Disarming lowers the timer's level-sensitive line.
			arch_timer_disarm();
			continue;
		}
		s = irq_find(intid);
		if (s == NULL) {
			log_printf("irq: INTID %u has no ISR; disabled\n",
			           intid);
			gicv3_disable(intid);
			continue;
		}
		if (s->loop != irq_loop) {
			s->loop = irq_loop;
			s->fires = 0;
		}
		if (s->fires >= RT_IRQ_STORM_LIMIT) {
			// Past the limit only while the disable takes effect.
			if (s->fires++ == RT_IRQ_STORM_LIMIT)
				log_printf(
				    "irq: INTID %u fired %d times in one "
				    "dispatch, its ISR does not clear it; "
				    "disabled\n",
				    intid, RT_IRQ_STORM_LIMIT);
			gicv3_disable(intid);
			continue;
		}
		s->fires++;
		irq_due = intid;
	}
}

void
irq_vector_handle(void)
{
	irq_loop++;
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
	if (s == NULL)
		return false;
	*isr = (struct irq_isr){ .fn = s->isr,
		                 .data = s->data,
		                 .intid = s->intid };
	return true;
}

void
irq_isr_done(uint32_t intid, bool handled)
{
	// An ISR's bool: false means it could not deal with its interrupt.
	if (!handled)
		gicv3_disable(intid);
	irq_collect();
}

static int
irq_timer_setup(void)
{
	int ret = 0;

	if (!irq_timer_ready) {
		ret = gicv3_configure(GICV3_INTID_TIMER, GICV3_PRIO_RUNTIME);
		if (ret == 0)
			ret = gicv3_enable(GICV3_INTID_TIMER);
		irq_timer_ready = ret == 0;
	}
	return ret;
}

bool
irq_wait(uint64_t deadline)
{
	bool forever = deadline == IRQ_WAIT_FOREVER;

	if (irq_due != IRQ_NONE)
		return true;
	if (gicv3_check(GICV3_INTID_TIMER) != 0 ||
	    (!forever && irq_timer_setup() != 0)) {
		// No interrupt can be trusted to end a wfi (the log says
		// why), but a timeout can still be kept by watching the
		// counter.
		if (forever) {
			for (;;)
				arch_wait_for_interrupt();
		}
		while (arch_counter() < deadline)
			;
		return false;
	}
	if (forever && !irq_idle_logged &&
	    gicv3_enabled_count() == (irq_timer_ready ? 1u : 0u)) {
		// The app asked to sleep until an interrupt with none
		// enabled: it gets what it asked for, but the log says why.
		irq_idle_logged = true;
		log_printf("irq: waiting for an interrupt, none enabled\n");
	}

	irq_loop++;
	for (;;) {
		irq_collect();
		if (irq_due != IRQ_NONE)
			break;
		if (!forever) {
			if (arch_counter() >= deadline)
				break;
			// Each time round: the timer interrupt disarms it.
			arch_timer_arm(deadline);
		}
		arch_wait_for_interrupt();
	}
	if (!forever)
		arch_timer_disarm();
	return irq_due != IRQ_NONE;
}

#ifdef RT_HOST
void
irq_reset_for_test(void)
{
	memset(irq_slots, 0, sizeof(irq_slots));
	irq_loop = 0;
	irq_due = IRQ_NONE;
	irq_timer_ready = false;
	irq_idle_logged = false;
}
#endif
