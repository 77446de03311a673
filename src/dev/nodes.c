// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The /dev nodes openat can reach, and the start-up of the devices.

#include <rt/dev.h>
#include <rt/errno.h>
#include <rt/fd.h>
#include <rt/gicv3.h>
#include <rt/panic.h>
#include <rt/string.h>
#include <rt/uaccess.h>

static const struct dev_ops *const dev_nodes[] = {
	&dev_gicv3_ops, &dev_console_ops, &dev_exit_ops,
	&dev_null_ops,  &dev_zero_ops,    &dev_urandom_ops,
};

int
dev_read_app_fn(unsigned long arg, void **fn)
{
	uint64_t req;

	// Both requests are one function pointer (uapi/rt_console.h,
	// uapi/rt_exit.h).
	if (copy_from_app(&req, (const void *)arg, sizeof(req)) != 0)
		return -EFAULT;
	if (req == 0)
		return -EINVAL;
	// The runtime will jump there: it must be code of the app's.
	if (!uaccess_executable((const void *)(uintptr_t)req))
		return -EFAULT;
	*fn = (void *)(uintptr_t)req;
	return 0;
}

const struct dev_ops *
dev_lookup(const char *path)
{
	for (size_t i = 0; i < RT_ARRAY_SIZE(dev_nodes); i++) {
		if (strcmp(dev_nodes[i]->path, path) == 0)
			return dev_nodes[i];
	}
	return NULL;
}

void
dev_init(const struct platform *plat)
{
	if (gicv3_set_bases(plat->gic_version, (uintptr_t)plat->gicd_base,
	                    (uintptr_t)plat->gicr_base) != 0)
		panic("boot: GIC version %u (the runtime drives 2 and 3)",
		      plat->gic_version);
}
