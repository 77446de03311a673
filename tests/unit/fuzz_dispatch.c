// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// libFuzzer target: the syscall entry (the vectors' fast path and
// rt_sync_entry, IRQs through rt_irq_entry, upcalls of ISRs and signal
// handlers and their rt_sigreturn, as fake_app.c plays them) with every
// real handler and /dev node behind it, the fake arch under them, and the
// app of fuzz_app.c calling it with random numbers and arguments. Pointer
// arguments aim into app memory (its code, its data, at its edges), into
// the poisoned memory around it, or anywhere at all: ASan reports any
// access the runtime makes outside app memory, and a wild pointer that is
// followed crashes.
//
// Beyond that the checks are what must hold after any call: the result is
// a value or an errno, the memory bookkeeping is consistent, mappings and
// the break stay inside the heap, the log ring stays in memory the runtime
// or the app owns and may write, a function the runtime agreed to call
// later is the app's code, nothing was written into the app's text or
// read-only data, every return to the app is what the ABI says
// (fake_app.c), and only the panics an app can ask for happen.

#include <string.h>

#include <rt/console.h>
#include <rt/dev.h>
#include <rt/fd.h>
#include <rt/gicv3.h>
#include <rt/irq.h>
#include <rt/linux.h>
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

// What Linux calls the highest errno: every negative result must be one.
#define MAX_ERRNO 4095

static unsigned long listed[SYSCALL_TABLE_SIZE];
static unsigned nlisted;

static const char *const allowed_panics[] = {
	"unknown syscall ", // a number the table does not have
	"syscall ",         // clone, execve: unsupported on purpose
	"futex: wait on ",  // a wait no other thread can end
	// rt_sigreturn without a handler to return from, or with the frame
	// overwritten (the app wrote over its own stack)
	"rt_sigreturn",
	"handlers nested ",  // ISRs that wait for each other, too deep
	"the app left its ", // its console function or exit hook, by longjmp
	// a signal handler that is not app code, which Linux would fault on
	// at delivery
	"signal ",
	NULL,
};

static void
reset(void)
{
	// fake_app_setup did it all.
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
		FUZZ_CHECK(fuzz_code(fn));
		break;
	case TTY_IOCTL_SETBUF:
		FUZZ_CHECK(fuzz_in_app(arg, sizeof(buf)));
		memcpy(&buf, req, sizeof(buf));
		FUZZ_CHECK(fuzz_writable(buf.buf, buf.size));
		FUZZ_CHECK((uintptr_t)log_current() == buf.buf);
		break;
	default:
		break;
	}
}

static void
check_result(unsigned long nr, const uint64_t *a, long ret, const uint8_t *req)
{
	uintptr_t heap = (uintptr_t)fuzz_app + FAKE_APP_HEAP;
	const struct log_ring *ring = log_current();

	FUZZ_CHECK(ret >= -MAX_ERRNO);
	FUZZ_CHECK(mem_consistent());
	FUZZ_CHECK((const char *)ring == fuzz_log_ring ||
	           fuzz_writable((uintptr_t)ring, sizeof(*ring) + 2));
	fuzz_check_read_only();
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
	// A handler's own rt_sigreturn is what fake_app.c makes when it
	// returns; elsewhere (the main line, a console function) it is the
	// app's mistake, which the runtime must catch.
	if (nr == SYSCALL_NR_rt_sigreturn &&
	    fake_app_now()->kind == FAKE_APP_UPCALL)
		return;
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
	ret = fake_app_syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
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
		// Some instructions of app code: a pending interrupt is taken
		// if the code runs unmasked.
		fake_app_irqs();
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
	.leave_calls = true,
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (nlisted == 0) {
		for (unsigned long nr = 0; nr < SYSCALL_TABLE_SIZE; nr++) {
			int frame;

			if (syscall_lookup(nr, &frame) != NULL)
				listed[nlisted++] = nr;
		}
		FUZZ_CHECK(nlisted > 0);
	}
	fuzz_app_run(&target, data, size);
	return 0;
}
