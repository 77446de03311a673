// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef FUZZ_APP_H
#define FUZZ_APP_H

// The app that the syscall and ioctl fuzzers play, through the exception
// boundary of fake_app.c over the fake arch of fake_arch.c.
//
// The fuzz input is the app's execution: a stream of operations that the
// target reads one by one. App memory is fake_app.c's (text, read-only
// data, stack, data, heap, as boot maps an app); around it, and in the
// hole at its start, lies memory the app does not own, poisoned for ASan,
// so that any access the runtime makes there through an app pointer is
// reported. Nor may the runtime write into the app's text or read-only
// data: checked after each operation. App code (ISRs, signal handlers,
// the console function, the exit hook) lives in app memory too: fake_app.c
// runs it with fuzz_app.c's runner, which takes the four bytes at the
// function's address as a tiny program:
//   byte 0  bit 0     the return value (an ISR's "handled")
//           bit 1     lower the level-sensitive line of the INTID it was
//                     called with (an ISR that clears its source)
//           bits 2-3  operations of the stream to run from inside, nested
//           bit 4     then run the operation written right after these
//                     four bytes (at most 64 bytes of it), each time the
//                     code is called
//           bit 5     use FP/SIMD first (the lazy save's trap)
//           bit 6     leave by longjmp instead of returning, back into
//                     the code it interrupted (siglongjmp out of a
//                     handler; out of the console function or exit hook
//                     only where the target allows it)
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

#include "fake_app.h"

#define FUZZ_APP_SIZE  FAKE_APP_MEM_SIZE
#define FUZZ_MAX_DEPTH 3 // nested operations in app code

// Read-only strings at the start of the app's read-only data, as an
// app's image would have them: the /dev paths, so that openat finds them
// without the fuzzer having to spell them out first.
#define FUZZ_PATHS_OFF FAKE_APP_RODATA
#define FUZZ_PATHS_LEN 0x60u

enum fuzz_end {
	FUZZ_RUNNING,
	FUZZ_STOPPED, // arch_stop: exit or panic
	FUZZ_BLOCKED, // a wait only an interrupt could end, and none came
	FUZZ_CRASHED, // app code outside app memory: the CPU would fault
};

extern unsigned char *const fuzz_app;

// The ring the runtime logs to at the start of each input.
#define fuzz_log_ring fake_app_log
#define FUZZ_LOG_SIZE FAKE_APP_LOG_SIZE

// App code running now: 0 for the app's main line, 1 inside an ISR, the
// console function, the exit hook or a signal handler, and so on.
#define fuzz_depth fake_app_depth()
// Operations app code has run from inside so far (never reset): a check
// that expects the runtime to act alone compares it before and after.
extern unsigned long fuzz_nested_ops;
// Handlers left by longjmp so far (never reset).
extern unsigned long fuzz_left;

// Called with every run of app code before it runs, if set; the target
// may record what it sees.
extern void (*fuzz_call_hook)(uintptr_t fn, long a0, long a1);
// The value the app code returned, after it ran, if set.
extern void (*fuzz_return_hook)(uintptr_t fn, long a0, long ret);

// What the target supplies.
struct fuzz_target {
	// Puts the runtime's state back to boot's beyond fake_app_setup,
	// which ran first, with the paths written.
	void (*reset)(void);
	// Runs one operation read from the stream.
	void (*op)(void);
	// Panic messages an app can legitimately cause; any other panic is
	// a finding. NULL-terminated list of substrings.
	const char *const *panics;
	// Whether the console function and the exit hook may be left by
	// longjmp (the runtime then panics at the next entry).
	bool leave_calls;
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
// pointer into its memory (anywhere, its code, its writable part, or near
// the end), into the memory around it, anything at all, or the last
// result.
uint64_t fuzz_arg(void);
extern long fuzz_last_result;

// Operations every target offers: write bytes or a fuzz_arg() into app
// memory; an interrupt line going up or down, an edge; time passing.
void fuzz_op_poke(void);
void fuzz_op_poke_word(void);
void fuzz_op_line(void);

// What the app may do with [p, p + n): read it (all of its memory), write
// it (stack, data, heap), run it (a 4-aligned instruction in its text).
bool fuzz_in_app(uint64_t p, size_t n);
bool fuzz_writable(uint64_t p, size_t n);
bool fuzz_code(uint64_t p);

// Fails the input if the runtime changed the app's text or read-only data
// since the fuzzer last wrote there itself.
void fuzz_check_read_only(void);

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
