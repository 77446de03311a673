// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// How the app ends: its exit hook (set through /dev/exit), then the stop.

#include <rt/arch.h>
#include <rt/console.h>
#include <rt/exit.h>
#include <rt/log.h>
#include <rt/upcall.h>

static void *exit_hook;

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

noreturn void
exit_app(int status)
{
	exit_hook_run(status);
	arch_stop(status & 0xff, console_registered() ? RT_STOP_CONSOLE : 0,
	          (uintptr_t)log_current());
}
