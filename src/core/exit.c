// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// How the app ends: its exit hook (set through /dev/exit), then the stop,
// the way the platform wants it.

#include <rt/arch.h>
#include <rt/console.h>
#include <rt/exit.h>
#include <rt/fmt.h>
#include <rt/log.h>
#include <rt/upcall.h>

static void *exit_hook;
static enum exit_method exit_method;

void
exit_set_hook(void *fn)
{
	exit_hook = fn;
}

bool
exit_hook_registered(void)
{
	return exit_hook != NULL;
}

void
exit_hook_run(int status)
{
	void *hook = exit_hook;

	// Taken before the call: a hook that exits (or panics) stops the VM
	// with its own status instead of calling itself again.
	exit_hook = NULL;
	if (hook != NULL)
		upcall_call(hook, status, 0);
}

void
exit_set_method(enum exit_method method)
{
	exit_method = method;
}

noreturn void
exit_stop(int status, unsigned flags)
{
	char line[32];
	size_t n;

	status &= 0xff;
	if (exit_method != EXIT_BY_HYPERVISOR) {
		// A VM of its own has no boot stub to ask: the status is also
		// written where someone reads it.
		n = fmt_snprintf(line, sizeof(line), "rt: exit status %d\n",
		                 status);
		log_write(line, n);
		console_write(line, n);
	}
	switch (exit_method) {
	case EXIT_BY_SEMIHOSTING:
		arch_semihost_exit(status);
	case EXIT_BY_PSCI_HVC:
	case EXIT_BY_PSCI_SMC:
		// vmbase's convention: a clean exit powers off, an error resets
		// (QEMU's -no-reboot makes that an exit too).
		arch_psci_stop(exit_method == EXIT_BY_PSCI_SMC, status != 0);
	default:
		arch_stop(status,
		          flags | (console_has_output() ? RT_STOP_CONSOLE : 0),
		          (uintptr_t)log_current());
	}
}

noreturn void
exit_app(int status)
{
	exit_hook_run(status);
	exit_stop(status, 0);
}
