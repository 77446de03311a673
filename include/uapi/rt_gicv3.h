// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef RT_UAPI_GICV3_H
#define RT_UAPI_GICV3_H

// /dev/gicv3: the app's interrupts. Open it, then ioctl(fd, GICV3_IOCTL_*,
// &request). Numbers are Linux _IOW('I', nr, size); the static asserts below
// keep each one in step with the size of its request.
//
// An ISR runs with interrupts masked, on the stack of whatever it
// interrupted, and may make syscalls. It returns true when it handled the
// interrupt; false disables that interrupt (enable it again to go on).
// An interrupt that fires over and over within one dispatch without its ISR
// clearing the source is disabled too, and the runtime logs it.
//
// Errors (negated by the syscall, errno for libc): EFAULT for a request the
// app does not own or an ISR outside its memory, EINVAL for an INTID outside
// 0..max (SGIs 0-15, PPIs 16-31, SPIs up to what GICD_TYPER reports, at most
// 1019), a NULL ISR or a trigger the GIC cannot do; EBUSY for a second ISR on
// one INTID, ENOENT for removing an ISR that is not there, ENOMEM when the
// runtime's ISR table is full, EIO when the GIC could not be brought up (the
// log says why), ENOTTY for an unknown request.
//
// INTID 27, the EL1 virtual timer, belongs to the runtime (sleeps and poll
// timeouts): every request naming it fails with EBUSY.

#include <stdbool.h>
#include <stdint.h>

#define GICV3_PATH "/dev/gicv3"

// Argument: pointer to a uint32_t INTID.
#define GICV3_IOCTL_ENABLE_IRQ  0x40044900u
#define GICV3_IOCTL_DISABLE_IRQ 0x40044901u
// Argument: pointer to struct gicv3_register_req. Does not enable it.
#define GICV3_IOCTL_REGISTER_ISR 0x40184902u
// Argument: pointer to struct gicv3_trigger_req.
#define GICV3_IOCTL_SET_TRIGGER 0x40084903u
// Argument: pointer to a uint32_t INTID. Also disables the interrupt.
#define GICV3_IOCTL_DEREGISTER_ISR 0x40044904u
// Argument: pointer to a uint32_t INTID: set or clear its pending state.
#define GICV3_IOCTL_ASSERT_IRQ 0x40044905u
#define GICV3_IOCTL_CLEAR_IRQ  0x40044906u

#define GICV3_NUM_SGI_PPI 32u // INTIDs below this are the CPU's own
#define GICV3_INTID_MAX   1019u
#define GICV3_INTID_TIMER 27u // the runtime's

struct gicv3_register_req {
	bool (*isr)(uint32_t irq, void *data);
	uint32_t irq;
	int32_t res0; // ignored
	void *data;   // passed to isr as it is
};

// GICv3 only knows level-high and rising-edge interrupts: the other values
// fail with EINVAL, as they do under Linux. SGIs are always edge.
enum gicv3_trigger {
	GICV3_TRIGGER_LEVEL_HIGH = 0,
	GICV3_TRIGGER_LEVEL_LOW = 1,
	GICV3_TRIGGER_EDGE_RISING = 2,
	GICV3_TRIGGER_EDGE_FALLING = 3,
	GICV3_TRIGGER_EDGE_BOTH = 4,
	GICV3_TRIGGER_MESSAGE = 5,
};

struct gicv3_trigger_req {
	uint32_t irq;
	int32_t trigger; // enum gicv3_trigger
};

#define GICV3_IOW(nr, size) \
	((1u << 30) | ((unsigned)(size) << 16) | ((unsigned)'I' << 8) | (nr))

_Static_assert(sizeof(struct gicv3_register_req) == 24 &&
                   __builtin_offsetof(struct gicv3_register_req, irq) == 8 &&
                   __builtin_offsetof(struct gicv3_register_req, data) == 16,
               "ABI: gicv3 register request layout");
_Static_assert(sizeof(struct gicv3_trigger_req) == 8,
               "ABI: gicv3 trigger request layout");
_Static_assert(GICV3_IOCTL_ENABLE_IRQ == GICV3_IOW(0, sizeof(uint32_t)) &&
                   GICV3_IOCTL_DISABLE_IRQ == GICV3_IOW(1, sizeof(uint32_t)) &&
                   GICV3_IOCTL_REGISTER_ISR ==
                       GICV3_IOW(2, sizeof(struct gicv3_register_req)) &&
                   GICV3_IOCTL_SET_TRIGGER ==
                       GICV3_IOW(3, sizeof(struct gicv3_trigger_req)) &&
                   GICV3_IOCTL_DEREGISTER_ISR ==
                       GICV3_IOW(4, sizeof(uint32_t)) &&
                   GICV3_IOCTL_ASSERT_IRQ == GICV3_IOW(5, sizeof(uint32_t)) &&
                   GICV3_IOCTL_CLEAR_IRQ == GICV3_IOW(6, sizeof(uint32_t)),
               "ABI: gicv3 ioctl numbers");

#endif
