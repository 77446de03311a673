// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef DEV_UTIL_H
#define DEV_UTIL_H

// What the dev_* test apps share: checks that print one line each, the
// PL011 console, the EL1 physical timer, the generic counter and a reader
// of the log ring.
//
// The apps drive interrupts with the EL1 physical timer (PPI 30): the boot
// stub lets EL1 program it (CNTHCTL_EL2.EL1PCEN), and unlike the virtual
// timer it is not the runtime's, so it can raise an interrupt while the app
// is blocked in a syscall.

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "test_hyp.h"

#define DEV_INTID_PTIMER  30u
#define DEV_LOG_HEADER    8u
#define DEV_PTIMER_ENABLE 1u

// Set by each app before its first check: the start of every line it
// prints.
extern const char *dev_name;

// Writes QEMU virt's PL011, mapped as RM maps it (test_hyp.h).
void dev_pl011_write(const char *s, size_t n);
void dev_pl011_puts(const char *s);

// Opens /dev/console and registers dev_pl011_write, with prefix unless it
// is NULL. Returns the fd, or -1. The exit hook that hands the host the
// status (test_exit_hook_register) is each app's to register: some test
// /dev/exit itself.
int dev_console_init(const char *prefix);

// One line "NAME: ok: WHAT" or "NAME: FAILED: WHAT"; returns ok.
bool dev_check(bool ok, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

// ret must be -1 with errno err (a syscall that failed with -err).
bool dev_check_err(long ret, int err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

// ret must be 0 (errno is printed if not).
bool dev_check_ok(long ret, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

// Prints the summary line and returns the exit status: 0 if every check
// passed, 1 if not.
int dev_finish(void);

// The generic counter (CNTVOFF_EL2 is 0, so virtual and physical agree)
// and its frequency.
uint64_t dev_counter(void);
uint64_t dev_freq(void);
uint64_t dev_ms_to_ticks(uint64_t ms);

// The EL1 physical timer: fires (PPI 30, level) once the counter reaches
// cval, until stopped.
void dev_ptimer_arm(uint64_t cval);
void dev_ptimer_stop(void);

// PSTATE.I of the app itself: while masked, an interrupt waits for a
// syscall that waits (ppoll, nanosleep) to dispatch it.
void dev_irqs_mask(void);
void dev_irqs_unmask(void);

// The log ring (docs/gunyah.md section 6).
struct dev_log_ring {
	uint32_t write_idx;
	uint32_t size;
	char buf[];
};

// The ring's text, oldest to newest, NUL bytes skipped, into out (at most
// max - 1 bytes, NUL-terminated). Returns its length.
size_t dev_log_text(const struct dev_log_ring *r, char *out, size_t max);

// Whether the ring holds s anywhere.
bool dev_log_contains(const struct dev_log_ring *r, const char *s);

// Whether s ends right at write_idx: the newest bytes of the ring.
bool dev_log_ends_with(const struct dev_log_ring *r, const char *s);

#endif
