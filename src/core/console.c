// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The console: everything written to stdout and stderr (and the runtime's
// own reports), a prefix at each line start, goes to the app's console
// function if it registered one (/dev/console, src/dev/console.c), else to
// the console device boot found (the device tree's stdout-path UART), if
// any. Under Gunyah the root VM has neither until the app maps a UART and
// registers a function for it.

#include <rt/console.h>
#include <rt/log.h>
#include <rt/string.h>
#include <rt/upcall.h>

static void *console_fn;
static void (*console_device)(const char *s, size_t n);
// A copy: the app may reuse the memory it passed.
static char console_prefix[CONSOLE_PREFIX_SIZE];
static size_t console_prefix_len;
// Kept across writes, so a line written in pieces gets one prefix.
static bool console_mid_line;
static bool console_busy;

bool
console_registered(void)
{
	return console_fn != NULL;
}

bool
console_has_output(void)
{
	return console_fn != NULL || console_device != NULL;
}

void
console_set_device(void (*write)(const char *s, size_t n))
{
	// The runtime's own messages show there too, whatever the app does
	// with its console.
	console_device = write;
	log_set_echo(write);
}

static void
console_call(const char *s, size_t n)
{
	// Read again each time: the function may deregister itself.
	void *fn = console_fn;

	if (fn != NULL)
		upcall_call(fn, (long)s, (long)n);
	else if (console_device != NULL)
		console_device(s, n);
}

static RT_COLD void
console_write_lines(const char *s, size_t n)
{
	size_t len;

	// What the console function itself writes to stdout would come
	// straight back here: it goes to the log ring only.
	if (!console_has_output() || console_busy || n == 0)
		return;
	console_busy = true;
	if (console_prefix_len == 0) {
		console_call(s, n);
		console_mid_line = s[n - 1] != '\n';
		goto out;
	}
	for (; n > 0; s += len, n -= len) {
		for (len = 0; len < n && s[len] != '\n'; len++)
			;
		if (len < n)
			len++;
		if (!console_mid_line)
			console_call(console_prefix, console_prefix_len);
		console_call(s, len);
		console_mid_line = s[len - 1] != '\n';
	}
out:
	console_busy = false;
}

void
console_write(const char *s, size_t n)
{
	void *fn = console_fn;

	// The common case with the least around the call: the app's
	// function, no prefix.
	if (fn == NULL || console_prefix_len != 0 || console_busy || n == 0) {
		console_write_lines(s, n);
		return;
	}
	console_busy = true;
	upcall_call(fn, (long)s, (long)n);
	console_mid_line = s[n - 1] != '\n';
	console_busy = false;
}

void
console_set_fn(void *fn)
{
	console_fn = fn;
	console_mid_line = false;
}

void
console_set_prefix(const char *p, size_t n)
{
	memcpy(console_prefix, p, n);
	console_prefix_len = n;
}

#ifdef RT_HOST
void
console_reset_for_test(void)
{
	console_fn = NULL;
	console_device = NULL;
	log_set_echo(NULL);
	console_prefix_len = 0;
	console_mid_line = false;
	console_busy = false;
}
#endif
