// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// Every error the /dev ioctls document (include/uapi/rt_*.h, docs/gunyah.md
// section 6), each with the errno it must give: EBUSY, ENOENT, EINVAL,
// EFAULT, ENOMEM, ENOTTY, EBADF. Each refused request must also leave the
// device as it was, which the last checks look at.

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <rt_console.h>
#include <rt_exit.h>
#include <rt_gicv3.h>
#include <rt_tty.h>

#include "dev_util.h"

#define SPI_A     44u
#define SPI_FIRST 60u // of the ones that fill the ISR table
#define SGI       2u
#define NOT_APP   0x1000ul
// QEMU virt's distributor, read directly to learn how many INTIDs it has.
#define GICD_BASE  0x08000000ul
#define GICD_TYPER 0x4u

static const unsigned long intid_cmds[] = {
	GICV3_IOCTL_ENABLE_IRQ,     GICV3_IOCTL_DISABLE_IRQ,
	GICV3_IOCTL_DEREGISTER_ISR, GICV3_IOCTL_ASSERT_IRQ,
	GICV3_IOCTL_CLEAR_IRQ,
};
static const char *const intid_names[] = {
	"enable", "disable", "deregister", "assert", "clear",
};

static volatile unsigned fired;

static bool
isr(uint32_t irq, void *data)
{
	(void)irq;
	(void)data;
	fired++;
	return true;
}

static void
exit_fn(int status)
{
	(void)status;
}

static long
gic_register(int fd, uint32_t irq, void *fn)
{
	struct gicv3_register_req req = { .isr = (bool (*)(uint32_t, void *))fn,
		                          .irq = irq };

	return ioctl(fd, GICV3_IOCTL_REGISTER_ISR, &req);
}

static long
gic_trigger(int fd, uint32_t irq, int32_t trigger)
{
	struct gicv3_trigger_req req = { .irq = irq, .trigger = trigger };

	return ioctl(fd, GICV3_IOCTL_SET_TRIGGER, &req);
}

// Every request naming irq must fail with err.
static void
all_refuse(int fd, uint32_t irq, int err, const char *errname)
{
	bool ok = true;

	for (size_t i = 0; i < sizeof(intid_cmds) / sizeof(intid_cmds[0]);
	     i++) {
		uint32_t v = irq;

		ok &= dev_check_err(ioctl(fd, intid_cmds[i], &v), err,
		                    "%s INTID %u: %s", intid_names[i], irq,
		                    errname);
	}
	dev_check_err(gic_register(fd, irq, isr), err, "register INTID %u: %s",
	              irq, errname);
	dev_check_err(gic_trigger(fd, irq, GICV3_TRIGGER_EDGE_RISING), err,
	              "set trigger of INTID %u: %s", irq, errname);
}

static void
test_gicv3(uintptr_t runtime_mem)
{
	int fd = open(GICV3_PATH, O_RDWR | O_LARGEFILE);
	static const int32_t bad_triggers[] = { 1, 3, 4, 5, 6, -1 };
	uint32_t irq, typer, max;
	unsigned n;
	long r = 0;
	int err = 0;

	dev_check_ok(gic_register(fd, SPI_A, isr), "register SPI %u", SPI_A);
	dev_check_err(gic_register(fd, SPI_A, isr), EBUSY,
	              "register SPI %u again: EBUSY", SPI_A);
	dev_check_ok(gic_register(fd, SGI, isr), "register SGI %u", SGI);
	dev_check_err(gic_register(fd, SGI, exit_fn), EBUSY,
	              "register SGI %u again, another ISR: EBUSY", SGI);
	irq = SPI_A;
	dev_check_ok(ioctl(fd, GICV3_IOCTL_DEREGISTER_ISR, &irq),
	             "deregister SPI %u", SPI_A);
	dev_check_err(ioctl(fd, GICV3_IOCTL_DEREGISTER_ISR, &irq), ENOENT,
	              "deregister SPI %u again: ENOENT", SPI_A);
	irq = SPI_A + 1;
	dev_check_err(ioctl(fd, GICV3_IOCTL_DEREGISTER_ISR, &irq), ENOENT,
	              "deregister SPI %u, never registered: ENOENT", irq);

	// The last INTID the GIC has, as GICD_TYPER.ITLinesNumber says.
	typer = *(volatile uint32_t *)(GICD_BASE + GICD_TYPER);
	max = 32u * ((typer & 0x1fu) + 1u) - 1u;
	if (max > GICV3_INTID_MAX)
		max = GICV3_INTID_MAX;
	dev_check_ok(gic_register(fd, max, isr),
	             "register INTID %u, the GIC's last", max);
	irq = max;
	dev_check_ok(ioctl(fd, GICV3_IOCTL_DEREGISTER_ISR, &irq),
	             "deregister INTID %u", max);
	if (max < GICV3_INTID_MAX)
		all_refuse(fd, max + 1, EINVAL, "EINVAL");
	all_refuse(fd, 5000, EINVAL, "EINVAL");
	all_refuse(fd, 1020, EINVAL, "EINVAL");
	all_refuse(fd, UINT32_MAX, EINVAL, "EINVAL");
	all_refuse(fd, 27, EBUSY, "EBUSY (the runtime's timer)");

	for (size_t i = 0; i < sizeof(bad_triggers) / sizeof(bad_triggers[0]);
	     i++)
		dev_check_err(gic_trigger(fd, SPI_A, bad_triggers[i]), EINVAL,
		              "trigger %d on SPI %u: EINVAL", bad_triggers[i],
		              SPI_A);
	dev_check_ok(gic_trigger(fd, SPI_A, GICV3_TRIGGER_LEVEL_HIGH),
	             "trigger level-high on SPI %u", SPI_A);
	dev_check_ok(gic_trigger(fd, SPI_A, GICV3_TRIGGER_EDGE_RISING),
	             "trigger rising edge on SPI %u", SPI_A);
	dev_check_err(gic_trigger(fd, SGI, GICV3_TRIGGER_LEVEL_HIGH), EINVAL,
	              "trigger level-high on SGI %u: EINVAL", SGI);
	dev_check_ok(gic_trigger(fd, SGI, GICV3_TRIGGER_EDGE_RISING),
	             "trigger rising edge on SGI %u", SGI);

	dev_check_err(gic_register(fd, SPI_A, NULL), EINVAL,
	              "register a NULL ISR: EINVAL");
	dev_check_err(gic_register(fd, SPI_A, (void *)NOT_APP), EFAULT,
	              "register an ISR outside the app: EFAULT");
	dev_check_err(gic_register(fd, SPI_A, (void *)runtime_mem), EFAULT,
	              "register an ISR in the runtime: EFAULT");
	dev_check_err(ioctl(fd, GICV3_IOCTL_REGISTER_ISR, NULL), EFAULT,
	              "register with a NULL request: EFAULT");
	dev_check_err(ioctl(fd, GICV3_IOCTL_REGISTER_ISR, runtime_mem), EFAULT,
	              "register with a request in the runtime: "
	              "EFAULT");
	dev_check_err(ioctl(fd, GICV3_IOCTL_SET_TRIGGER, NOT_APP), EFAULT,
	              "set trigger with a bad request: EFAULT");
	for (size_t i = 0; i < sizeof(intid_cmds) / sizeof(intid_cmds[0]); i++)
		dev_check_err(ioctl(fd, intid_cmds[i], NOT_APP), EFAULT,
		              "%s with a bad pointer: EFAULT", intid_names[i]);
	// Refused registrations took no slot: SPI_A is still free.
	dev_check_ok(gic_register(fd, SPI_A, isr),
	             "SPI %u is free after the refused registrations", SPI_A);

	dev_check_err(ioctl(fd, 0x40044907, &irq), ENOTTY,
	              "unknown /dev/gicv3 request: ENOTTY");
	dev_check_err(ioctl(fd, TIOCGWINSZ, &irq), ENOTTY,
	              "TIOCGWINSZ on /dev/gicv3: ENOTTY");

	// The ISR table is full at some point, and never before RM's 11.
	for (n = 0; n < 1000; n++) {
		r = gic_register(fd, SPI_FIRST + n, isr);
		if (r != 0) {
			err = errno;
			break;
		}
	}
	dev_check(r == -1 && err == ENOMEM && n + 2 >= 11,
	          "the ISR table fills up after %u ISRs: ENOMEM (errno %d)",
	          n + 2, err);
	irq = SPI_FIRST;
	dev_check_ok(ioctl(fd, GICV3_IOCTL_DEREGISTER_ISR, &irq),
	             "deregister one");
	dev_check_ok(gic_register(fd, SPI_FIRST + n + 1, isr),
	             "its slot takes another ISR");

	// The SGI survived every refused request: it still works.
	irq = SGI;
	ioctl(fd, GICV3_IOCTL_ENABLE_IRQ, &irq);
	ioctl(fd, GICV3_IOCTL_ASSERT_IRQ, &irq);
	dev_check(fired == 1, "SGI %u still reaches its ISR", SGI);

	close(fd);
	irq = SGI;
	dev_check_err(ioctl(fd, GICV3_IOCTL_ASSERT_IRQ, &irq), EBADF,
	              "/dev/gicv3 request on the closed fd: EBADF");
}

static void
test_console(int early_err, uintptr_t runtime_mem)
{
	struct console_register_req bad = { .fn = (void (*)(const char *,
		                                            size_t))NOT_APP };
	struct console_register_req none = { .fn = NULL };
	int fd = open(CONSOLE_PATH, O_RDWR | O_LARGEFILE);

	dev_check(early_err == ENOENT,
	          "console deregister with none registered: ENOENT");
	dev_check_err(ioctl(fd, CONSOLE_IOCTL_REGISTER, &none), EINVAL,
	              "console register NULL: EINVAL");
	dev_check_err(ioctl(fd, CONSOLE_IOCTL_REGISTER, &bad), EFAULT,
	              "console register outside the app: EFAULT");
	dev_check_err(ioctl(fd, CONSOLE_IOCTL_REGISTER, NULL), EFAULT,
	              "console register NULL request: EFAULT");
	dev_check_err(ioctl(fd, CONSOLE_IOCTL_SET_PREFIX, "0123456789abcdef"),
	              EINVAL, "console prefix of 16 characters: EINVAL");
	dev_check_err(ioctl(fd, CONSOLE_IOCTL_SET_PREFIX, NULL), EFAULT,
	              "console prefix NULL: EFAULT");
	dev_check_err(ioctl(fd, CONSOLE_IOCTL_SET_PREFIX, runtime_mem), EFAULT,
	              "console prefix in the runtime: EFAULT");
	dev_check_err(ioctl(fd, 0x40044303, 0), ENOTTY,
	              "unknown /dev/console request: ENOTTY");
	close(fd);
	dev_check_err(ioctl(fd, CONSOLE_IOCTL_DEREGISTER, 0), EBADF,
	              "console request on the closed fd: EBADF");
}

static void
test_exit(void)
{
	struct exit_register_req bad = { .fn = (void (*)(int))NOT_APP };
	struct exit_register_req none = { .fn = NULL };
	struct exit_register_req good = { .fn = exit_fn };
	int fd = open(EXIT_PATH, O_RDWR | O_LARGEFILE);

	dev_check_err(ioctl(fd, EXIT_IOCTL_DEREGISTER, 0), ENOENT,
	              "exit deregister with none registered: ENOENT");
	dev_check_err(ioctl(fd, EXIT_IOCTL_REGISTER, &none), EINVAL,
	              "exit register NULL: EINVAL");
	dev_check_err(ioctl(fd, EXIT_IOCTL_REGISTER, &bad), EFAULT,
	              "exit register outside the app: EFAULT");
	dev_check_err(ioctl(fd, EXIT_IOCTL_REGISTER, NULL), EFAULT,
	              "exit register NULL request: EFAULT");
	dev_check_err(ioctl(fd, 0x40044402, 0), ENOTTY,
	              "unknown /dev/exit request: ENOTTY");
	dev_check_err(ioctl(fd, EXIT_IOCTL_DEREGISTER, 0), ENOENT,
	              "exit deregister after refused registers: ENOENT");
	dev_check_ok(ioctl(fd, EXIT_IOCTL_REGISTER, &good), "exit register");
	dev_check_ok(ioctl(fd, EXIT_IOCTL_DEREGISTER, 0), "exit deregister");
	close(fd);
	dev_check_err(ioctl(fd, EXIT_IOCTL_REGISTER, &good), EBADF,
	              "exit request on the closed fd: EBADF");
}

static void
test_misc(void)
{
	int w;

	dev_check_err(ioctl(1, 0x5401, &w), ENOTTY,
	              "unknown tty request (TCGETS): ENOTTY");
	dev_check_err(ioctl(99, TIOCGWINSZ, &w), EBADF,
	              "request on an fd never opened: EBADF");
	dev_check_err(open("/dev/gicv4", O_RDWR | O_LARGEFILE), ENOENT,
	              "open an unknown /dev node: ENOENT");
}

int
main(void)
{
	uintptr_t runtime_mem = test_runtime_mem();
	int fd = open(CONSOLE_PATH, O_RDWR | O_LARGEFILE);
	int early_err;

	// Before anything registers a console, and before output can show.
	early_err = ioctl(fd, CONSOLE_IOCTL_DEREGISTER, 0) == -1 ? errno : 0;
	close(fd);
	dev_name = "dev_errors";
	dev_console_init(NULL);

	test_gicv3(runtime_mem);
	test_console(early_err, runtime_mem);
	test_exit();
	// Only now: test_exit() starts with no hook registered.
	test_exit_hook_register();
	test_misc();
	return dev_finish();
}
