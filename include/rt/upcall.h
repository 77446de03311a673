// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef RT_UPCALL_H
#define RT_UPCALL_H

// How the runtime runs app code, and what it checks each time the app
// enters it.
//
// The app runs at EL1t on its own stack (SP_EL0); the runtime runs on
// SP_EL1. App code the runtime starts comes in two kinds:
//
// - Upcalls (ISRs, signal handlers) start on the way back to the app, the
//   way Linux delivers a signal: the interrupted context goes into a frame
//   on the app's stack, the exception returns into the handler, and the
//   handler returns to arch_upcall_return, whose rt_sigreturn puts the
//   context back. No runtime frame is live while the handler runs, so a
//   handler may wait for other interrupts, start nested upcalls, or be left
//   by longjmp: at the next entry the runtime sees the app's sp above the
//   frame, forgets the upcall and, if it was an ISR (which runs with
//   interrupts masked), unmasks interrupts again.
// - Calls (the console function, the exit hook) run inside the syscall or
//   panic that needs them, on the app's stack below its sp, interrupts
//   masked, and must return.
//
// Either kind may use FP/SIMD: the app's registers are saved (in the frame,
// or below the call's stack) the first time it does, trapped by CPACR_EL1.

#include <rt/arch.h>
#include <rt/types.h>

#ifndef RT_UPCALL_DEPTH
#define RT_UPCALL_DEPTH 8
#endif

// Bytes of the runtime's own stack a call into app code leaves at least,
// for that code's syscalls (upcall_call refuses a call with less). At
// least the deepest path from a vector to the next call, which
// tests/buildconf/run_stackdepth_tests.py measures against this number in
// every runtime program; the trace build sets its own (build.conf).
#ifndef RT_UPCALL_EXC_ROOM
#define RT_UPCALL_EXC_ROOM 1408
#endif

enum upcall_kind {
	UPCALL_ISR,
	UPCALL_SIGNAL,
	UPCALL_CALL,
};

// What an upcall's rt_sigreturn found.
struct upcall_end {
	enum upcall_kind kind;
	uint32_t id;      // the INTID or the signal
	uint64_t result;  // the handler's x0 (an ISR's bool)
	uint64_t sigmask; // signals blocked before the handler ran
};

// The app's initial stack, and the unmapped guard below it (0: none); an
// exception with the app's sp below its bottom, or a data abort in the
// guard, is a stack overflow. Makes the syscall fast path usable.
void upcall_init(uintptr_t stack_bottom, uintptr_t stack_top, size_t guard);

// For an app fault, before it is reported: panics naming the stack
// overflow if it is a data abort in the guard.
void upcall_check_guard(const struct arch_frame *f);

// Called first on every slow-path entry from the app: forgets upcalls the
// app has left without returning, panics on a stack overflow or when the
// app left a call without returning.
void upcall_enter(struct arch_frame *f);

// Changes f, an exception frame of the app, so that the exception returns
// into fn(a0, a1) on the app's stack, with interrupts masked if `masked`;
// sigmask is kept for rt_sigreturn. Panics if the app's stack has no room.
void upcall_start(struct arch_frame *f, enum upcall_kind kind, uint32_t id,
                  void *fn, uint64_t a0, uint64_t a1, bool masked,
                  uint64_t sigmask);

// rt_sigreturn: puts back the context the innermost upcall interrupted
// into f and says what ended. Panics if no upcall is running or the app's
// sp is not its frame.
void upcall_return(struct arch_frame *f, struct upcall_end *end);

// Whether addr lies in the app's initial stack, or in the app memory below
// the sp of an upcall or call in progress (where its frames are).
bool upcall_on_app_stack(uintptr_t addr);

// The depth of upcalls and calls in progress.
unsigned upcall_depth(void);

// Runs fn(a0, a1) now (a call, see above) and returns its x0; -1 without
// calling it when the app's stack or the runtime's has no room for it, or
// calls are nested too deep.
long upcall_call(void *fn, long a0, long a1);

// After a fault the app never runs again: calls then run below the
// faulting sp if that is a usable stack, else from the top of the app's
// initial stack, whose contents no longer matter.
void upcall_app_dead(void);

// An FP/SIMD instruction trapped in app code the runtime started: saves
// the app's registers where the innermost level keeps them and lets the
// code go on.
void upcall_fp_trap(void);

#endif
