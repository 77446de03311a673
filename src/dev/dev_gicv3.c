// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// /dev/gicv3: the requests of include/uapi/rt_gicv3.h, on top of the GIC
// driver and the ISR table.

#include <rt/errno.h>
#include <rt/fd.h>
#include <rt/gicv3.h>
#include <rt/irq.h>
#include <rt/string.h>
#include <rt/uaccess.h>
#include <uapi/rt_gicv3.h>

static_assert(GICV3_INTID_TIMER == 27u &&
                  GICV3_INTID_MAX + 1 == GICV3_INTID_LIMIT,
              "rt/gicv3.h and uapi/rt_gicv3.h disagree");

// An INTID the app may name: one the GIC has, other than the runtime's
// timer, which sleeps and poll timeouts depend on.
static int
dev_gicv3_check(uint32_t intid)
{
	int ret = gicv3_check(intid);

	if (ret == 0 && intid == GICV3_INTID_TIMER)
		ret = -EBUSY;
	return ret;
}

static int
dev_gicv3_register(unsigned long arg)
{
	struct gicv3_register_req req;
	int ret = copy_from_app(&req, (const void *)arg, sizeof(req));
	void *isr;

	if (ret != 0)
		goto out;
	isr = (void *)req.isr;
	if (isr == NULL) {
		ret = -EINVAL;
		goto out;
	}
	// The runtime will jump there: it must be code of the app's.
	if (!uaccess_executable(isr)) {
		ret = -EFAULT;
		goto out;
	}
	ret = dev_gicv3_check(req.irq);
	if (ret == 0)
		ret = irq_register(req.irq, isr, req.data);
	if (ret == 0)
		ret = gicv3_configure(req.irq, GICV3_PRIO_APP);
out:
	return ret;
}

static int
dev_gicv3_set_trigger(unsigned long arg)
{
	struct gicv3_trigger_req req;
	int ret = copy_from_app(&req, (const void *)arg, sizeof(req));

	if (ret == 0)
		ret = dev_gicv3_check(req.irq);
	if (ret != 0)
		return ret;
	switch (req.trigger) {
	case GICV3_TRIGGER_LEVEL_HIGH:
		return gicv3_set_trigger(req.irq, false);
	case GICV3_TRIGGER_EDGE_RISING:
		return gicv3_set_trigger(req.irq, true);
	default:
		return -EINVAL;
	}
}

// The INTID at arg, or -EFAULT. An aligned one in the heap or on the stack
// (nearly all) is one load, with no copy and no stack canary here.
static inline long
dev_gicv3_intid(unsigned long arg)
{
	if (RT_IS_ALIGNED(arg, sizeof(uint32_t)) &&
	    uaccess_in_hot(arg, sizeof(uint32_t)))
		return *(const uint32_t *)arg;
	return uaccess_read_u32((const void *)arg);
}

static long
dev_gicv3_ioctl(struct fd_file *f, unsigned long cmd, unsigned long arg)
{
	uint32_t intid;
	long v;
	int ret;

	(void)f;
	switch (cmd) {
	case GICV3_IOCTL_REGISTER_ISR:
		return dev_gicv3_register(arg);
	case GICV3_IOCTL_SET_TRIGGER:
		return dev_gicv3_set_trigger(arg);
	case GICV3_IOCTL_ENABLE_IRQ:
	case GICV3_IOCTL_DISABLE_IRQ:
	case GICV3_IOCTL_DEREGISTER_ISR:
	case GICV3_IOCTL_ASSERT_IRQ:
	case GICV3_IOCTL_CLEAR_IRQ:
		break;
	default:
		return -ENOTTY;
	}

	v = dev_gicv3_intid(arg);
	if (v < 0)
		return v;
	intid = (uint32_t)v;
	ret = dev_gicv3_check(intid);
	if (ret != 0)
		return ret;
	switch (cmd) {
	case GICV3_IOCTL_ENABLE_IRQ:
		return irq_enable(intid);
	case GICV3_IOCTL_DISABLE_IRQ:
		return irq_disable(intid);
	case GICV3_IOCTL_DEREGISTER_ISR:
		// Left enabled, it would only be disabled and logged as an
		// interrupt without an ISR the next time it fires.
		ret = irq_deregister(intid);
		return ret == 0 ? gicv3_disable(intid) : ret;
	case GICV3_IOCTL_ASSERT_IRQ:
		return gicv3_set_pending(intid);
	default:
		return gicv3_clear_pending(intid);
	}
}

const struct dev_ops dev_gicv3_ops = {
	.path = GICV3_PATH,
	.mode = DEV_MODE_OWNER_RW,
	.ioctl = dev_gicv3_ioctl,
};
