// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef FAKE_APP_H
#define FAKE_APP_H

// The app's side of the exception boundary, for host tests of the whole
// way into and out of the runtime (fake_app.c), over fake_arch.c:
//
// - fake_app_syscall is the app's svc from the code running now: the
//   vectors' fast path when vectors.S would take it (the handler called
//   directly, nothing delivered), else rt_sync_entry with the whole frame;
// - the IRQ exception (rt_irq_entry) is taken whenever app code runs with
//   interrupts unmasked and the fake GIC signals one: after every return to
//   app code, and when a test calls fake_app_irqs;
// - when the runtime's exception return goes into a handler (an ISR or a
//   signal handler) instead of back where the app was, the handler runs as
//   app code on the frame's sp, and its return makes rt_sigreturn as
//   arch_upcall_return does, until the return goes back where the app was;
// - calls (arch_call_app: the console function, the exit hook) run as app
//   code, interrupts masked.
//
// App code is a test's function long fn(long a0, long a1, long a2), at an
// address in the app's text that fake_app_code hands out: the runtime
// only calls code of the app's. Every return to app code is checked as
// the ABI says: a syscall changes x0 only, an IRQ nothing (each context's
// registers are numbered), at EL1t; a test fails at once otherwise.
//
// The app's memory (fake_app_setup): a hole it does not own, its text
// (read, execute), read-only data, its initial stack and the heap
// (read, write), as boot maps an app; the main line starts 512 bytes
// below the stack's top.

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdnoreturn.h>

#include <rt/arch.h>

#define FAKE_APP_MEM_SIZE 0x20000u
#define FAKE_APP_HOLE     0x0000u // 4 KiB not the app's
#define FAKE_APP_TEXT     0x1000u // 4 KiB, R|X: fake_app_code's slots
#define FAKE_APP_RODATA   0x2000u // 4 KiB, R
#define FAKE_APP_STACK    0x3000u // 16 KiB, the initial stack
#define FAKE_APP_DATA     0x7000u // 16 KiB for fake_app_alloc
#define FAKE_APP_HEAP     0xb000u // to the end: brk and mmap
#define FAKE_APP_DEPTH    16

// The app's memory lies between two guards of FAKE_APP_GUARD bytes that
// are nobody's (a fuzzer poisons them, and the hole, for ASan).
#define FAKE_APP_GUARD 0x2000u
extern unsigned char *const fake_app_mem;
extern unsigned char fake_app_arena[];
#define FAKE_APP_ADDR(off)    ((uintptr_t)fake_app_mem + (off))
#define FAKE_APP_STACK_BOTTOM FAKE_APP_ADDR(FAKE_APP_STACK)
#define FAKE_APP_STACK_TOP    FAKE_APP_ADDR(FAKE_APP_DATA)

// A context of app code: what it is, where it is, its sp and PSTATE, its
// registers.
enum fake_app_kind {
	FAKE_APP_MAIN,   // the app's main line
	FAKE_APP_UPCALL, // an ISR or signal handler
	FAKE_APP_CALL,   // the console function or the exit hook
};

struct fake_app_ctx {
	enum fake_app_kind kind;
	uintptr_t pc, sp;
	uint64_t spsr;
	uint64_t x[31];
};

// The log ring the runtime starts with.
#define FAKE_APP_LOG_SIZE (8 + 16384)
extern char fake_app_log[FAKE_APP_LOG_SIZE];

// Counts of what happened.
struct fake_app_stats {
	unsigned fast, slow; // syscalls by the path they took
	unsigned irqs;       // IRQ exceptions
	unsigned upcalls;    // handlers started
	unsigned sigreturns; // handlers that returned
	unsigned calls;      // arch_call_app
	unsigned max_depth;  // of contexts
};

extern struct fake_app_stats fake_app_stats;

// The app's runner, if not the default (a test function at a slot); for
// fuzzers, which run code from app memory.
extern long (*fake_app_run)(uintptr_t fn, long a0, long a1, long a2);

// An exception that returns neither where the app was nor into a handler:
// the app changed a handler's saved context (as Linux lets a signal
// handler change its ucontext) and goes on elsewhere. Called with the
// frame if set (a fuzzer that wrote over the stack); it must not return.
// Unset, the test fails.
extern void (*fake_app_astray)(const struct arch_frame *f);

// Everything the runtime keeps back to a booted state, the app's memory
// zeroed and mapped, the GIC up, the main line at depth 0.
void fake_app_setup(void);

// The address of a new slot in the app's text that runs fn as app code.
void *fake_app_code(long (*fn)(long a0, long a1, long a2));
#define FAKE_APP_CODE(fn) fake_app_code((long (*)(long, long, long))(fn))

// n zeroed bytes of app data, 16-byte aligned; a string copied there.
void *fake_app_alloc(size_t n);
char *fake_app_strdup(const char *s);
// n bytes of the app's read-only data (filled by the test before use).
void *fake_app_rodata(size_t n);

long fake_app_syscall(unsigned long nr, uint64_t a0, uint64_t a1, uint64_t a2,
                      uint64_t a3, uint64_t a4, uint64_t a5);
#define APP_SYSCALL6(nr, a, b, c, d, e, f)                                  \
	fake_app_syscall((nr), (uint64_t)(a), (uint64_t)(b), (uint64_t)(c), \
	                 (uint64_t)(d), (uint64_t)(e), (uint64_t)(f))
#define APP_SYSCALL0(nr)             APP_SYSCALL6(nr, 0, 0, 0, 0, 0, 0)
#define APP_SYSCALL1(nr, a)          APP_SYSCALL6(nr, a, 0, 0, 0, 0, 0)
#define APP_SYSCALL2(nr, a, b)       APP_SYSCALL6(nr, a, b, 0, 0, 0, 0)
#define APP_SYSCALL3(nr, a, b, c)    APP_SYSCALL6(nr, a, b, c, 0, 0, 0)
#define APP_SYSCALL4(nr, a, b, c, d) APP_SYSCALL6(nr, a, b, c, d, 0, 0)

// Takes the IRQs the GIC signals, if the code running now has them
// unmasked: what a few instructions of app code would do.
void fake_app_irqs(void);

// App code uses FP/SIMD: the trap if CPACR traps it, then q0 = v.
void fake_app_fp(uint64_t v);

// The context running now, and its depth (0: the app's main line).
struct fake_app_ctx *fake_app_now(void);
unsigned fake_app_depth(void);

// longjmp out of a handler, as siglongjmp does (without the mask): the
// context at mark's depth goes on, with the PSTATE of the code that jumps
// (longjmp does not change it), its sp and registers as they were.
struct fake_app_jmp {
	jmp_buf jb;
	unsigned depth;
};
void fake_app_mark(struct fake_app_jmp *j);
noreturn void fake_app_longjmp(struct fake_app_jmp *j);

// Runs stmt, which may stop the VM (exit, a panic): fake.stops counts the
// stops (0: stmt returned), fake.stop_status and fake.stop_flags tell
// how; afterwards the app's contexts are back where they were.
extern jmp_buf fake_app_stop_jmp;
void fake_app_stop_begin(void);
void fake_app_stop_end(void);
#define APP_STOPS(stmt)                               \
	do {                                          \
		fake_app_stop_begin();                \
		if (setjmp(fake_app_stop_jmp) == 0) { \
			stmt;                         \
		}                                     \
		fake_app_stop_end();                  \
	} while (0)

#endif
