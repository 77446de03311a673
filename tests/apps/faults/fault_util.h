// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef FAULT_UTIL_H
#define FAULT_UTIL_H

// What the fault apps share (fault_util.c): a console function that
// writes QEMU virt's PL011 and registers the exit hook, as
// ../common/test_console.c does, and also
// reads the runtime's panic line as it goes out, to check the pc it
// names against where the app knows the fault is. The .test files can
// only look for fixed text; the fault's address depends on the build.

#include <stdint.h>
#include <stdio.h>

// Say what is about to happen, flushed: what follows may end the VM.
#define FAULT_SAY(...)               \
	do {                         \
		printf(__VA_ARGS__); \
		fflush(stdout);      \
	} while (0)

// The panic must name a pc in [lo, hi): the console prints
// "fault: the panic's pc is in <what>" or a line with FAILED.
void fault_expect_pc(uintptr_t lo, uintptr_t hi, const char *what);

#endif
