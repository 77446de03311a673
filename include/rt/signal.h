// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef RT_SIGNAL_H
#define RT_SIGNAL_H

// Signals (src/syscall/signal.c): what the entry code asks on the way back
// to the app.

#include <rt/types.h>

// A signal whose handler is to run.
struct signal_due {
	void *handler;
	uint32_t sig;
	uint64_t blocked; // the mask to put back when the handler returns
};

// The next signal to deliver, if any: its handler is due (true) and the
// signal counts as delivered. A signal whose default action ends the app
// ends it here; ignored ones are dropped.
bool signal_take(struct signal_due *due);

#ifdef RT_HOST
void signal_reset_for_test(void);
#endif

#endif
