// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef RT_ARCH_H
#define RT_ARCH_H

// What portable code may ask of the CPU. src/arch/aarch64 implements it for
// the runtime, src/arch/host fakes it for unit tests. Assembly may include
// this file for the constants and the frame offsets.

// clang's assembler rejects the u suffix that C wants on these.
#ifdef __ASSEMBLER__
#define RT_U(x) x
#else
#define RT_U(x) x##u
#endif

// The exit call: hvc #0 with x0 = RT_SMCCC_EXIT, x1 = status, x2 = the log
// ring, x3 = RT_STOP_* flags. Gunyah answers NOT_SUPPORTED; the stub exits.
#define RT_SMCCC_EXIT        RT_U(0x83000E00)
#define RT_STOP_PANIC        RT_U(1)
#define RT_STOP_CONSOLE      RT_U(2)
#define RT_STOP_PANIC_STATUS 240

// struct arch_frame as the vectors lay it out.
#define ARCH_FRAME_X(n) ((n)*8)
#define ARCH_FRAME_SP   248
#define ARCH_FRAME_ELR  256
#define ARCH_FRAME_SPSR 264
#define ARCH_FRAME_ESR  272
#define ARCH_FRAME_FAR  280
#define ARCH_FRAME_SIZE 288

#ifndef __ASSEMBLER__
#include <rt/types.h>

struct arch_frame {
	uint64_t x[31];
	uint64_t sp, elr, spsr, esr, far;
};

static_assert(offsetof(struct arch_frame, x) == ARCH_FRAME_X(0),
              "arch_frame.x");
static_assert(offsetof(struct arch_frame, x[30]) == ARCH_FRAME_X(30),
              "arch_frame.x[30]");
static_assert(offsetof(struct arch_frame, sp) == ARCH_FRAME_SP,
              "arch_frame.sp");
static_assert(offsetof(struct arch_frame, elr) == ARCH_FRAME_ELR,
              "arch_frame.elr");
static_assert(offsetof(struct arch_frame, spsr) == ARCH_FRAME_SPSR,
              "arch_frame.spsr");
static_assert(offsetof(struct arch_frame, esr) == ARCH_FRAME_ESR,
              "arch_frame.esr");
static_assert(offsetof(struct arch_frame, far) == ARCH_FRAME_FAR,
              "arch_frame.far");
// The vectors push it on the stack, which must stay 16-byte aligned.
static_assert(sizeof(struct arch_frame) == ARCH_FRAME_SIZE &&
                  ARCH_FRAME_SIZE % 16 == 0,
              "arch_frame size");

// CNTVCT_EL0.
uint64_t arch_counter(void);
// Arms the EL1 virtual timer to fire when the counter reaches cval.
void arch_timer_arm(uint64_t cval);
void arch_timer_disarm(void);
void arch_wait_for_interrupt(void);
// hvc #0x6057; false when the hypervisor does not answer it.
bool arch_get_entropy(uint32_t out[4]);
// The exit call above (status 0..255), then masks everything and waits for
// interrupts forever.
noreturn void arch_stop(int status, unsigned flags);

uint32_t arch_mmio_read32(uintptr_t addr);
void arch_mmio_write32(uintptr_t addr, uint32_t value);
uint64_t arch_mmio_read64(uintptr_t addr);
void arch_mmio_write64(uintptr_t addr, uint64_t value);

// GICv3 CPU interface through the ICC_* system registers.
uint32_t arch_icc_ack(void);              // ICC_IAR1_EL1
void arch_icc_eoi(uint32_t intid);        // ICC_EOIR1_EL1
void arch_icc_deactivate(uint32_t intid); // ICC_DIR_EL1
void arch_icc_sgi(uint64_t sgi1r);        // ICC_SGI1R_EL1
// SRE, PMR = 0xff, BPR, CTLR.EOImode = 1, IGRPEN1 = 1.
void arch_icc_init(void);

// The frame the syscall vector saved for the svc being handled (the app's
// sp at the svc less ARCH_FRAME_SIZE), or 0 before the first one.
extern uintptr_t arch_syscall_frame;

// Calls app code (an ISR, the console function, the exit hook, a signal
// handler) with two arguments. The registers the runtime keeps live that
// plain AAPCS64 code may clobber (x8-x15, x18, FP/SIMD) and ELR_EL1/SPSR_EL1
// (the app may svc inside) survive it.
long arch_call_app(void *fn, long a0, long a1);
// Where arch_call_app runs app code when not 0: a 16-byte aligned sp.
extern uintptr_t arch_call_app_sp;

// Zeroes [p, p + n) with whole-cache-block zeroing (DC ZVA) where the CPU
// allows it; false, having done nothing, where it does not. Only for
// n >= ARCH_ZERO_MIN; needs Normal memory, which Gunyah's HCR_EL2.DC gives.
#define ARCH_ZERO_MIN 512u
bool arch_zero(void *p, size_t n);
#endif

#endif
