// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef FUZZ_APP_H
#define FUZZ_APP_H

// The app that the syscall and ioctl fuzzers play, over the fake arch of
// fake_arch.c.
//
// The fuzz input is the app's execution: a stream of operations that the
// target reads one by one. App memory is a sandbox the runtime is told
// about (uaccess_init); on both sides of it lies memory the app does not
// own, poisoned for ASan, so that any access the runtime makes there
// through an app pointer is reported. App code (ISRs, the console
// function, the exit hook, signal handlers) lives in the sandbox too: the
// runtime calls it through arch_call_app, which the link wraps
// (-Wl,--wrap=arch_call_app) to run the four bytes at the function's
// address as a tiny program:
//   byte 0  bit 0     the return value (an ISR's "handled")
//           bit 1     lower the level-sensitive line of the INTID it was
//                     called with (an ISR that clears its source)
//           bits 2-3  operations of the stream to run from inside, nested
//           bit 4     then run the operation written right after these
//                     four bytes (at most 64 bytes of it), each time the
//                     code is called
//   byte 1  garbage above the bool in the return value, which the runtime
//           must ignore
//
// An input ends when the app stops (exit, a panic: arch_stop), jumps to
// code outside its memory, or waits for an interrupt that nothing will
// ever send. Everything the runtime keeps is reset before the next input.

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdnoreturn.h>

#define FUZZ_APP_SIZE  0x10000u // the sandbox
#define FUZZ_HEAP_OFF  0x4000u  // where its heap starts (brk, mmap)
#define FUZZ_FOREIGN   0x2000u  // poisoned bytes on each side
#define FUZZ_MAX_DEPTH 3        // app code nested in syscalls

// Read-only strings at the start of the sandbox, as an app's image would
// have them: the /dev paths, so that openat finds them without the fuzzer
// having to spell them out first.
#define FUZZ_PATHS_OFF 0x0u
#define FUZZ_PATHS_LEN 0x60u

enum fuzz_end {
	FUZZ_RUNNING,
	FUZZ_STOPPED, // arch_stop: exit or panic
	FUZZ_BLOCKED, // a wait only an interrupt could end, and none came
	FUZZ_CRASHED, // app code outside app memory: the CPU would fault
};

extern unsigned char *const fuzz_app;

// The ring the runtime logs to at the start of each input.
#define FUZZ_LOG_SIZE (8 + 16384)
extern char fuzz_log_ring[FUZZ_LOG_SIZE];

// App code running now: 0 for the app's main line, 1 inside an ISR, the
// console function, the exit hook or a signal handler, and so on.
extern unsigned fuzz_depth;
// Operations app code has run from inside so far (never reset): a check
// that expects the runtime to act alone compares it before and after.
extern unsigned long fuzz_nested_ops;

// Called with every call into app code before it runs, if set; the target
// may record what it sees.
extern void (*fuzz_call_hook)(uintptr_t fn, long a0, long a1);
// The value the app code returned, after it ran, if set.
extern void (*fuzz_return_hook)(uintptr_t fn, long a0, long ret);

// What the target supplies.
struct fuzz_target {
	// Puts the runtime's state back to boot's. Before it, fuzz_app is
	// zeroed with the paths written again, the fake arch is reset, the log
	// ring is fuzz_log_ring again and uaccess knows the sandbox.
	void (*reset)(void);
	// Runs one operation read from the stream.
	void (*op)(void);
	// Panic messages an app can legitimately cause; any other panic is
	// a finding. NULL-terminated list of prefixes.
	const char *const *panics;
};

// Runs one input. Returns how it ended.
enum fuzz_end fuzz_app_run(const struct fuzz_target *t, const uint8_t *data,
                           size_t size);

// Ends the input as an exit would (after the target checked the exit).
noreturn void fuzz_stop(void);

// The stream. Past its end every read gives 0.
bool fuzz_more(void);
uint8_t fuzz_u8(void);
uint16_t fuzz_u16(void);
uint32_t fuzz_u32(void);
uint64_t fuzz_u64(void);

// An argument as an app might pass it: a small or notable number, a
// pointer into its memory (anywhere, or near the end), into the memory
// around it, anything at all, or the last result.
uint64_t fuzz_arg(void);
extern long fuzz_last_result;

// Operations every target offers: write bytes or a fuzz_arg() into app
// memory; an interrupt line going up or down, an edge; time passing.
void fuzz_op_poke(void);
void fuzz_op_poke_word(void);
void fuzz_op_line(void);

// True if [p, p + n) is app memory.
bool fuzz_in_app(uint64_t p, size_t n);

// With FUZZ_TRACE=1 in the environment (for replaying an input): prints
// a line to stderr, indented by fuzz_depth.
void fuzz_trace(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

// A check that failed: prints it and aborts, which libFuzzer reports.
noreturn void fuzz_fail(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
#define FUZZ_CHECK(x)                                                   \
	do {                                                            \
		if (!(x))                                               \
			fuzz_fail("%s:%d: %s", __FILE__, __LINE__, #x); \
	} while (0)

// The text of the log ring at ring, total bytes with its header, as a
// reader of the ring gets it (oldest first, NUL bytes skipped), cut to
// size - 1 bytes and NUL-terminated; its length.
size_t fuzz_ring_text(const void *ring, size_t total, char *buf, size_t size);

#endif
