// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef PERF_UTIL_H
#define PERF_UTIL_H

// Shared by the perf_* check apps: results on the PL011 (test_hyp.h) as
// "NAME: ok: ..." / "NAME: FAILED: ..." lines, counted for the last line.

#include <stdbool.h>
#include <stddef.h>

// Registers a console function that writes to the PL011 unless quiet, and
// an exit hook that hands the host the status.
void perf_init(const char *name);
// While true, what the app writes reaches the log ring but not the PL011.
extern volatile bool perf_quiet;
// While not NULL, what reaches the console goes into perf_capture instead
// (perf_captured bytes so far, at most perf_capture_size).
extern char *volatile perf_capture;
extern volatile size_t perf_captured, perf_capture_size;
bool perf_check(bool ok, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
// "NAME: all N checks passed" (status 0) or the failures (status 1).
int perf_done(void);

#endif
