// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef RT_EXIT_H
#define RT_EXIT_H

#include <rt/types.h>

// The app's exit hook (app code: void fn(int status)), or NULL for none.
void exit_set_hook(void *fn);
bool exit_hook_registered(void);

// How the VM stops (boot decides): the hypervisor's exit call (Gunyah
// parks the VM; the boot stub exits QEMU), or, for a VM of its own,
// semihosting or PSCI, after the status is written to the console.
enum exit_method {
	EXIT_BY_HYPERVISOR,
	EXIT_BY_SEMIHOSTING,
	EXIT_BY_PSCI_HVC,
	EXIT_BY_PSCI_SMC,
};

void exit_set_method(enum exit_method method);

// Stops the VM with status (0..255) and RT_STOP_* flags.
noreturn void exit_stop(int status, unsigned flags);

// exit/exit_group: calls the app's registered exit hook with the status,
// then stops the VM (arch_stop). Never returns to the app.
noreturn void exit_app(int status);

// Calls the app's exit hook, if it has one, with the status, once: the
// hook is forgotten first. A panic calls it too, as the app's last word
// (RM's resets the platform).
void exit_hook_run(int status);

#endif
