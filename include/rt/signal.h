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

// ppoll's sigmask, for a wait about to start. If it unblocks a pending
// signal, it is the mask until that signal is taken, whose handler gets the
// mask from before put back when it returns, as Linux does; true, and the
// wait ends at once with EINTR. Else nothing changes: no signal can become
// pending while the wait goes on (signals come from the app's own calls,
// and an ISR that runs ends the wait).
bool signal_wait_mask(uint64_t mask);

#ifdef RT_HOST
void signal_reset_for_test(void);
#endif

#endif
