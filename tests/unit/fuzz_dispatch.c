// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// libFuzzer target: the syscall dispatcher (syscall_invoke and the
// generated table) with every real handler and /dev node behind it, the
// fake arch under them, and the app of fuzz_app.c calling it with random
// numbers and arguments. Pointer arguments aim into app memory, at its
// edges, into the poisoned memory around it, or anywhere at all: ASan
// reports any access the runtime makes outside app memory, and a wild
// pointer that is followed crashes.
//
// Beyond that the checks are what must hold after any call: the result is
// a value or an errno, the memory bookkeeping is consistent, mappings and
// the break stay inside the heap, the log ring stays in memory the runtime
// or the app owns, a function the runtime agreed to call later is app
// memory, and only the panics an app can ask for happen.

#include <string.h>

#include <rt/console.h>
#include <rt/dev.h>
#include <rt/fd_table.h>
#include <rt/gicv3.h>
#include <rt/irq.h>
#include <rt/log.h>
#include <rt/mem.h>
#include <rt/time.h>
#include <uapi/rt_console.h>
#include <uapi/rt_exit.h>
#include <uapi/rt_gicv3.h>
#include <uapi/rt_tty.h>

#include <syscall_table.h>

#include "fake_arch.h"
#include "fuzz_app.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

// The counter frequency QEMU virt and the stub give.
#define FREQ_HZ 62500000u

// What Linux calls the highest errno: every negative result must be one.
#define MAX_ERRNO 4095

static unsigned long listed[SYSCALL_TABLE_SIZE];
static unsigned nlisted;

static const char *const allowed_panics[] = {
	"unknown syscall ", // a number the table does not have
	"syscall ",         // clone, execve: unsupported on purpose
	"futex: wait on ",  // a wait no other thread can end
	NULL,
};

static void
reset(void)
{
	struct rt_env_data env = {
		.gicd_base = FAKE_GICD_BASE,
		.gicr_base = FAKE_GICR_BASE,
	};
	const struct dev_ops *exit_dev = dev_lookup(EXIT_PATH);
	struct fd_file f = { .ops = exit_dev };

	gicv3_reset_for_test();
	irq_reset_for_test();
	console_reset_for_test();
	exit_dev->ioctl(&f, EXIT_IOCTL_DEREGISTER, 0);
	process_reset_for_test();
	dev_init(&env);
	time_init(FREQ_HZ);
	fd_init();
	mem_init((uintptr_t)fuzz_app + FUZZ_HEAP_OFF,
	         (uintptr_t)fuzz_app + FUZZ_APP_SIZE);
}

// A successful call that hands the runtime a function to call later, or a
// buffer to keep: what the request said (req, copied before the call, which
// may overwrite it: a new log ring may lie over its own request).
static void
check_ioctl(uint64_t request, uint64_t arg, const uint8_t *req)
{
	uint64_t fn;
	struct tty_setbuf_req buf;

	switch ((uint32_t)request) {
	case GICV3_IOCTL_REGISTER_ISR:
	case CONSOLE_IOCTL_REGISTER:
	case EXIT_IOCTL_REGISTER:
		FUZZ_CHECK(fuzz_in_app(arg, sizeof(fn)));
		memcpy(&fn, req, sizeof(fn));
		FUZZ_CHECK(fuzz_in_app(fn, 4));
		break;
	case TTY_IOCTL_SETBUF:
		FUZZ_CHECK(fuzz_in_app(arg, sizeof(buf)));
		memcpy(&buf, req, sizeof(buf));
		FUZZ_CHECK(fuzz_in_app(buf.buf, buf.size));
		FUZZ_CHECK((uintptr_t)log_current() == buf.buf);
		break;
	default:
		break;
	}
}

static void
check_result(unsigned long nr, const uint64_t *a, long ret, const uint8_t *req)
{
	uintptr_t heap = (uintptr_t)fuzz_app + FUZZ_HEAP_OFF;
	const struct log_ring *ring = log_current();

	FUZZ_CHECK(ret >= -MAX_ERRNO);
	FUZZ_CHECK(mem_consistent());
	FUZZ_CHECK((const char *)ring == fuzz_log_ring ||
	           fuzz_in_app((uintptr_t)ring, sizeof(*ring) + 2));
	if (ret < 0)
		return;
	switch (nr) {
	case SYSCALL_NR_ioctl:
		check_ioctl(a[1], a[2], req);
		break;
	case SYSCALL_NR_mmap:
	case SYSCALL_NR_mremap:
		FUZZ_CHECK((uintptr_t)ret >= heap &&
		           fuzz_in_app((uintptr_t)ret, MEM_PAGE_SIZE));
		break;
	case SYSCALL_NR_brk:
		FUZZ_CHECK((uintptr_t)ret >= heap &&
		           fuzz_in_app((uintptr_t)ret, 0));
		break;
	case SYSCALL_NR_openat:
	case SYSCALL_NR_fcntl:
		FUZZ_CHECK(ret < RT_FD_MAX || (int)a[1] == RT_F_GETFL ||
		           (int)a[1] == RT_F_GETFD);
		break;
	default:
		break;
	}
}

static void
op_syscall(void)
{
	uint8_t pick = fuzz_u8();
	const struct syscall_trace_info *info;
	uint64_t a[6] = { 0 };
	uint8_t req[16] = { 0 };
	unsigned long nr;
	unsigned nargs = 6;
	long ret;

	// Mostly the table's own numbers; now and then any other.
	if (pick < 0xf0)
		nr = listed[pick % nlisted];
	else if (pick < 0xfc)
		nr = fuzz_u16() % 512;
	else
		nr = fuzz_u64();
	info = syscall_trace_info(nr);
	if (info != NULL)
		nargs = info->nargs;
	for (unsigned i = 0; i < nargs; i++)
		a[i] = fuzz_arg();
	if (fuzz_in_app(a[2], sizeof(req)))
		memcpy(req, (const void *)(uintptr_t)a[2], sizeof(req));
	fuzz_trace("syscall %lu (%#lx, %#lx, %#lx, %#lx, %#lx, %#lx)", nr,
	           (unsigned long)a[0], (unsigned long)a[1],
	           (unsigned long)a[2], (unsigned long)a[3],
	           (unsigned long)a[4], (unsigned long)a[5]);
	ret = syscall_invoke(nr, a);
	fuzz_trace("= %ld (%#lx)", ret, (unsigned long)ret);
	fuzz_last_result = ret;
	check_result(nr, a, ret, req);
}

static void
op(void)
{
	switch (fuzz_u8() % 10) {
	case 0:
		fuzz_op_poke();
		break;
	case 1:
		fuzz_op_poke_word();
		break;
	case 2:
		fuzz_op_line();
		break;
	case 3:
		// An interrupt taken while the app's main line runs; inside
		// app code that the runtime called, interrupts are masked.
		if (fuzz_depth == 0)
			irq_vector_handle(NULL);
		break;
	default:
		op_syscall();
		break;
	}
}

static const struct fuzz_target target = {
	.reset = reset,
	.op = op,
	.panics = allowed_panics,
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (nlisted == 0) {
		for (unsigned long nr = 0; nr < SYSCALL_TABLE_SIZE; nr++) {
			if (syscall_lookup(nr) != NULL)
				listed[nlisted++] = nr;
		}
		FUZZ_CHECK(nlisted > 0);
	}
	fuzz_app_run(&target, data, size);
	return 0;
}
