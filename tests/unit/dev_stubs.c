// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// What the device tests link instead of the rest of the runtime: a uaccess
// with memory the app does not own at a known place, stand-ins for the
// /dev nodes of src/dev/mem_nodes.c (not tested here), and the set-up the
// tests share.

#include <rt/dev.h>
#include <rt/fd.h>
#include <rt/gicv3.h>
#include <rt/log.h>
#include <rt/uaccess.h>
#include <uapi/rt_console.h>
#include <uapi/rt_exit.h>

#include "fake_arch.h"

char fake_memory[128];

static _Alignas(8) char fake_log_buf[8 + 16384];

const struct dev_ops dev_null_ops = { .path = "/dev/null" };
const struct dev_ops dev_zero_ops = { .path = "/dev/zero" };
const struct dev_ops dev_urandom_ops = { .path = "/dev/urandom" };

void
uaccess_init(uintptr_t start, uintptr_t end)
{
	(void)start;
	(void)end;
}

bool
uaccess_ok(const void *p, size_t n)
{
	uintptr_t a = (uintptr_t)p, f = (uintptr_t)FAKE_FOREIGN;

	if (a < 4096 || a + n < a)
		return false;
	return a + n <= f || a >= f + FAKE_FOREIGN_SIZE;
}

long
uaccess_strlen(const char *p, size_t max)
{
	uintptr_t a = (uintptr_t)p;

	for (size_t i = 0; i < max; i++) {
		if (!uaccess_ok((const void *)(a + i), 1))
			return -1;
		if (p[i] == '\0')
			return (long)i;
	}
	return -1;
}

long
fake_ioctl(const char *path, unsigned long cmd, unsigned long arg)
{
	const struct dev_ops *ops = dev_lookup(path);
	struct fd_file f = { .ops = ops };

	return ops->ioctl(&f, cmd, arg);
}

const char *
fake_log_text(void)
{
	// Tests write less than a ring's worth, so the text has not wrapped.
	return log_current()->buf;
}

void
fake_devices_setup(void)
{
	struct rt_env_data env = {
		.gicd_base = FAKE_GICD_BASE,
		.gicr_base = FAKE_GICR_BASE,
	};

	fake_arch_reset();
	gicv3_reset_for_test();
	irq_reset_for_test();
	log_init((struct log_ring *)(void *)fake_log_buf, sizeof(fake_log_buf));
	fake_ioctl(CONSOLE_PATH, CONSOLE_IOCTL_DEREGISTER, 0);
	fake_ioctl(CONSOLE_PATH, CONSOLE_IOCTL_SET_PREFIX, (unsigned long)"");
	fake_ioctl(EXIT_PATH, EXIT_IOCTL_DEREGISTER, 0);
	dev_init(&env);
}
