// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// What the device tests link instead of the rest of the runtime: the app's
// memory map (the real uaccess, told about memory the app does not own at
// a known place), stand-ins for the /dev nodes of src/dev/mem_nodes.c (not
// tested here), and the set-up the tests share.

#include <rt/console.h>
#include <rt/dev.h>
#include <rt/exit.h>
#include <rt/fd.h>
#include <rt/gicv3.h>
#include <rt/irq.h>
#include <rt/log.h>
#include <rt/panic.h>
#include <rt/uaccess.h>
#include <rt/upcall.h>

#include "fake_arch.h"
#include "unit.h"

char fake_memory[192];

static _Alignas(8) char fake_log_buf[8 + 16384];
_Alignas(16) unsigned char fake_app_stack[FAKE_APP_STACK_SIZE];

const struct dev_ops dev_null_ops = { .path = "/dev/null" };
const struct dev_ops dev_zero_ops = { .path = "/dev/zero" };
const struct dev_ops dev_urandom_ops = { .path = "/dev/urandom" };

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

static void
fake_app_memory(void)
{
	uintptr_t m = (uintptr_t)fake_memory;
	const unsigned rwx = UACCESS_READ | UACCESS_WRITE | UACCESS_EXEC;

	uaccess_reset();
	ASSERT_EQ(uaccess_add(4096, m, rwx), 0);
	ASSERT_EQ(uaccess_add(m, m + 64, UACCESS_READ | UACCESS_WRITE), 0);
	ASSERT_EQ(uaccess_add(m + 128, m + 192, UACCESS_READ), 0);
	ASSERT_EQ(uaccess_add(m + 192, UINTPTR_MAX, rwx), 0);
}

void
fake_devices_setup(void)
{
	struct platform plat = {
		.gic_version = 3,
		.gicd_base = FAKE_GICD_BASE,
		.gicr_base = FAKE_GICR_BASE,
	};
	uintptr_t top = (uintptr_t)fake_app_stack + sizeof(fake_app_stack);

	fake_arch_reset();
	// What time_init does at boot: waits are woken by the event stream.
	fake.event_stream_freq = FAKE_COUNTER_HZ;
	fake_app_memory();
	upcall_init((uintptr_t)fake_app_stack, top, 0);
	fake.app_sp = top - 256;
	gicv3_reset_for_test();
	irq_reset_for_test();
	panic_reset_for_test();
	log_init((struct log_ring *)(void *)fake_log_buf, sizeof(fake_log_buf));
	console_reset_for_test();
	console_set_device(NULL);
	exit_set_hook(NULL);
	dev_init(&plat);
}
