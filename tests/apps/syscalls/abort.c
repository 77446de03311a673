// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// abort() ends the app as SIGABRT's default action would: status 134 (128 +
// 6), what a shell reports for it under Linux. musl raises SIGABRT, then
// resets the action and raises it again: neither may come back.

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static volatile sig_atomic_t handled;

static void
on_abort(int sig)
{
	static const char msg[] = "sys_abort: SIGABRT handler ran\n";

	handled = sig;
	// write(), not stdio: a handler may interrupt stdio itself.
	write(1, msg, sizeof(msg) - 1);
}

int
main(void)
{
	// A handler that returns does not stop abort(): it must still end
	// the app, after the handler has run.
	signal(SIGABRT, on_abort);
	printf("sys_abort: calling abort() with a SIGABRT handler set\n");
	fflush(stdout);
	abort();
	printf("sys_abort: FAILED: abort() returned (handler saw %d)\n",
	       (int)handled);
	return 1;
}
