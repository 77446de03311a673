// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef RT_CONSOLE_H
#define RT_CONSOLE_H

#include <rt/types.h>

// Sends text to the console function the app registered on /dev/console,
// or else to the console device, putting the app's line prefix at the
// start of every line. Does nothing when there is neither.
void console_write(const char *s, size_t n);

// Where the console goes while the app has no function registered (a UART
// driver's write), or NULL.
void console_set_device(void (*write)(const char *s, size_t n));

// Whether console_write goes anywhere.
bool console_has_output(void);

// True while the app has a console function registered: its output then
// reaches the host without the log ring.
bool console_registered(void);

// The app's console function (app code: void fn(const char *s, size_t n)),
// or NULL for none.
void console_set_fn(void *fn);

// The prefix for each line, copied (at most CONSOLE_PREFIX_SIZE bytes).
#define CONSOLE_PREFIX_SIZE 15
void console_set_prefix(const char *p, size_t n);

#ifdef RT_HOST
// Forgets the console function, its prefix and a write in progress: host
// tests leave the app's console function by longjmp, which the runtime
// never comes back from.
void console_reset_for_test(void);
#endif

#endif
