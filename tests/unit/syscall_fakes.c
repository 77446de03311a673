// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// Stand-ins for what the fd, time and process syscalls use from other
// parts of the runtime; syscall_fakes.h says how tests steer them.

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <rt/entropy.h>
#include <rt/errno.h>
#include <rt/exit.h>
#include <rt/irq.h>
#include <rt/panic.h>
#include <rt/signal.h>
#include <rt/time.h>
#include <rt/uaccess.h>

#include "syscall_fakes.h"
#include "unit.h"

static _Alignas(16) unsigned char fake_arena[FAKE_ARENA_SIZE];
static size_t fake_arena_used;
unsigned char *const fake_arena_end = fake_arena + FAKE_ARENA_SIZE;

_Alignas(16) unsigned char fake_rodata[FAKE_RODATA_SIZE];

uint64_t fake_irq_at;
unsigned int fake_irq_waits;
unsigned int fake_irqs;

jmp_buf fake_jmp;
volatile enum fake_end fake_end;
int fake_exit_status;
char fake_panic_msg[256];

char fake_tty_out[4096];
size_t fake_tty_len;
size_t fake_tty_chunk;
int fake_tty_fail_after;
long fake_tty_err;
unsigned int fake_tty_writes;
void (*fake_tty_hook)(void);

unsigned int fake_opens, fake_closes;

void
fake_reset(void)
{
	memset(fake_arena, 0, sizeof(fake_arena));
	memset(fake_rodata, 0x5a, sizeof(fake_rodata));
	fake_arena_used = 0;
	uaccess_reset();
	ASSERT_EQ(uaccess_add((uintptr_t)fake_arena, (uintptr_t)fake_arena_end,
	                      UACCESS_READ | UACCESS_WRITE),
	          0);
	ASSERT_EQ(uaccess_add((uintptr_t)fake_rodata,
	                      (uintptr_t)fake_rodata + FAKE_RODATA_SIZE,
	                      UACCESS_READ),
	          0);
	fake_arch_reset();
	fake.counter = 1000;
	fake.entropy_unlimited = true;
	fake_irq_at = 0;
	fake_irq_waits = 0;
	fake_irqs = 0;
	fake_end = FAKE_RETURNED;
	fake_exit_status = -1;
	fake_panic_msg[0] = '\0';
	fake_tty_len = 0;
	fake_tty_chunk = 0;
	fake_tty_fail_after = -1;
	fake_tty_err = -EIO;
	fake_tty_writes = 0;
	fake_tty_hook = NULL;
	fake_opens = 0;
	fake_closes = 0;
	time_init(FAKE_FREQ);
	entropy_reset_for_test();
	ASSERT_TRUE(entropy_init(true, NULL, 0) == NULL);
	fd_init();
	process_reset_for_test();
}

void *
fake_alloc(size_t n)
{
	void *p = fake_arena + fake_arena_used;

	fake_arena_used += (n + 15) & ~(size_t)15;
	ASSERT_TRUE(fake_arena_used <= FAKE_ARENA_SIZE);
	return p;
}

char *
fake_strdup(const char *s)
{
	char *p = fake_alloc(strlen(s) + 1);

	memcpy(p, s, strlen(s) + 1);
	return p;
}

bool
irq_wait(uint64_t deadline)
{
	fake_irq_waits++;
	// A runaway loop in the code under test would hang the test run.
	ASSERT_TRUE(fake_irq_waits < 1000);
	if (fake_irq_at != 0 && fake_irq_at < deadline) {
		if (fake.counter < fake_irq_at)
			fake.counter = fake_irq_at;
		fake_irq_at = 0;
		fake_irqs++;
		return true;
	}
	// Nothing would ever come: the real one would wait forever.
	ASSERT_TRUE(deadline != IRQ_WAIT_FOREVER);
	if (fake.counter < deadline)
		fake.counter = deadline;
	return false;
}

// No signal is ever pending here (test_signal.c, with the real signal.c,
// checks ppoll's mask).
bool
signal_wait_mask(uint64_t mask)
{
	(void)mask;
	return false;
}

noreturn void
exit_app(int status)
{
	fake_exit_status = status;
	fake_end = FAKE_EXITED;
	longjmp(fake_jmp, 1);
}

noreturn void
panic(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(fake_panic_msg, sizeof(fake_panic_msg), fmt, ap);
	va_end(ap);
	fake_end = FAKE_PANICKED;
	longjmp(fake_jmp, 1);
}

static long
fake_tty_read(struct fd_file *f, void *buf, size_t n)
{
	(void)f;
	(void)buf;
	(void)n;
	return 0;
}

static long
fake_tty_write(struct fd_file *f, const void *buf, size_t n)
{
	(void)f;
	if (fake_tty_fail_after == 0)
		return fake_tty_err;
	if (fake_tty_fail_after > 0)
		fake_tty_fail_after--;
	fake_tty_writes++;
	if (fake_tty_chunk != 0 && n > fake_tty_chunk)
		n = fake_tty_chunk;
	if (n > sizeof(fake_tty_out) - fake_tty_len)
		n = sizeof(fake_tty_out) - fake_tty_len;
	memcpy(fake_tty_out + fake_tty_len, buf, n);
	fake_tty_len += n;
	if (fake_tty_hook != NULL)
		fake_tty_hook();
	return (long)n;
}

static long
fake_tty_ioctl(struct fd_file *f, unsigned long cmd, unsigned long arg)
{
	(void)f;
	(void)arg;
	return cmd == 0x5413 /* TIOCGWINSZ */ ? 0 : -ENOTTY;
}

const struct dev_ops dev_tty_ops = {
	.mode = 0020620,
	.rdev = 0x501,
	.poll = RT_POLLOUT | RT_POLLWRNORM,
	.read = fake_tty_read,
	.write = fake_tty_write,
	.ioctl = fake_tty_ioctl,
};

static long
fake_node_ioctl(struct fd_file *f, unsigned long cmd, unsigned long arg)
{
	(void)f;
	(void)arg;
	return cmd == 0x40084300 ? 0 : -ENOTTY;
}

const struct dev_ops fake_console_ops = {
	.path = "/dev/console",
	.mode = 0020600,
	.ioctl = fake_node_ioctl,
};

static const struct dev_ops fake_gicv3_ops = {
	.path = "/dev/gicv3",
	.mode = 0020600,
	.ioctl = fake_node_ioctl,
};

static const struct dev_ops fake_exit_ops = {
	.path = "/dev/exit",
	.mode = 0020600,
	.ioctl = fake_node_ioctl,
};

static long
fake_counted_open(struct fd_file *f)
{
	(void)f;
	fake_opens++;
	return 0;
}

static void
fake_counted_close(struct fd_file *f)
{
	(void)f;
	fake_closes++;
}

static const struct dev_ops fake_counted_ops = {
	.path = "/dev/counted",
	.mode = 0020600,
	.open = fake_counted_open,
	.close = fake_counted_close,
};

static long
fake_refuses_open(struct fd_file *f)
{
	(void)f;
	return -EBUSY;
}

static const struct dev_ops fake_refuses_ops = {
	.path = "/dev/refuses",
	.mode = 0020600,
	.open = fake_refuses_open,
};

const struct dev_ops *
dev_lookup(const char *path)
{
	static const struct dev_ops *const nodes[] = {
		&dev_null_ops,     &dev_zero_ops,     &dev_urandom_ops,
		&fake_console_ops, &fake_gicv3_ops,   &fake_exit_ops,
		&fake_counted_ops, &fake_refuses_ops,
	};

	for (size_t i = 0; i < sizeof(nodes) / sizeof(nodes[0]); i++) {
		if (strcmp(nodes[i]->path, path) == 0)
			return nodes[i];
	}
	return NULL;
}
