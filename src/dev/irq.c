// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The app's ISRs, and the dispatch loop that both the IRQ vector and the
// waiting syscalls (ppoll, nanosleep) run.

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
// An ISR ran since the current irq_wait began.
static bool irq_app_ran;
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

static void
irq_handle(uint32_t intid)
{
	struct irq_slot *s;
	long handled;

	if (intid == GICV3_INTID_TIMER) {
		// Only irq_wait arms the timer, and it reads the counter
		// itself: the interrupt just ends the wfi. Disarming lowers
		// the timer's level-sensitive line.
		arch_timer_disarm();
		return;
	}
	s = irq_find(intid);
	if (s == NULL) {
		log_printf("irq: INTID %u has no ISR; disabled\n", intid);
		gicv3_disable(intid);
		return;
	}
	if (s->loop != irq_loop) {
		s->loop = irq_loop;
		s->fires = 0;
	}
	if (s->fires >= RT_IRQ_STORM_LIMIT) {
		// Past the limit only while the disable takes effect.
		if (s->fires++ == RT_IRQ_STORM_LIMIT)
			log_printf("irq: INTID %u fired %d times in one "
			           "dispatch, its ISR does not clear it; "
			           "disabled\n",
			           intid, RT_IRQ_STORM_LIMIT);
		gicv3_disable(intid);
		return;
	}
	s->fires++;
	// The ISR may deregister itself or wait in a syscall of its own, so
	// the flag is set after it returns. It returns a bool, and AAPCS64
	// leaves the bits of w0 above the lowest 8 unspecified.
	handled = arch_call_app(s->isr, (long)intid, (long)s->data) & 0xff;
	irq_app_ran = true;
	// An ISR that waited (nanosleep, ppoll) ran dispatch loops of its
	// own, which moved irq_loop on. Its count goes on in the loop it
	// returns to: else a source it never clears would look new each time
	// round, and this loop would never end.
	s->loop = irq_loop;
	if (!handled)
		gicv3_disable(intid);
}

static void
irq_dispatch(void)
{
	uint32_t intid;

	irq_loop++;
	// Without LPIs the GIC acknowledges only INTIDs 0-1019, or answers
	// 1020-1023 when there is nothing (left) to take.
	while ((intid = arch_icc_ack() & 0xffffffu) < GICV3_INTID_SPECIAL) {
		irq_handle(intid);
		// EOImode 1: priority drop and deactivation are two steps.
		arch_icc_eoi(intid);
		arch_icc_deactivate(intid);
	}
}

void
irq_vector_handle(struct arch_frame *frame)
{
	(void)frame;
	irq_dispatch();
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

	irq_app_ran = false;
	for (;;) {
		irq_dispatch();
		if (irq_app_ran)
			break;
		if (!forever) {
			if (arch_counter() >= deadline)
				break;
			// Each time round: the timer interrupt disarms it, and
			// so does an irq_wait that an ISR makes.
			arch_timer_arm(deadline);
		}
		arch_wait_for_interrupt();
	}
	if (!forever)
		arch_timer_disarm();
	return irq_app_ran;
}

#ifdef RT_HOST
void
irq_reset_for_test(void)
{
	memset(irq_slots, 0, sizeof(irq_slots));
	irq_loop = 0;
	irq_app_ran = false;
	irq_timer_ready = false;
	irq_idle_logged = false;
}
#endif
