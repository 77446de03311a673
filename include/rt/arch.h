// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef RT_ARCH_H
#define RT_ARCH_H

// What portable code may ask of the CPU. src/arch/aarch64 implements it for
// the runtime, tests/unit/fake_arch.c fakes it for unit tests. Assembly may
// include this file for the constants and the frame offsets.

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

// The runtime's own stack (SP_EL1): boot runs on it, then every exception.
// The report of a fault of the runtime itself takes up to
// RT_EXC_REPORT_NEED bytes below the sp it starts from, which
// tests/buildconf/run_stackdepth_tests.py measures against this number; one
// whose sp leaves less starts from the stack's top instead (vectors.S).
// Below the stack lies the early log ring, not pointers (runtime.lds).
#ifndef RT_EXC_STACK_SIZE
#error "RT_EXC_STACK_SIZE comes from each runtime program in build.conf"
#endif
#define RT_EXC_REPORT_NEED 1104

// What tools/mkimage.py writes after the arm64 Image header (entry.S):
// where in the image the app starts (0: not an image; Gunyah's environment
// data says where), and its name, argv[0].
#define ARCH_IMAGE_NAME_SIZE 48

// struct arch_frame as the vectors lay it out.
#define ARCH_FRAME_X(n) ((n)*8)
#define ARCH_FRAME_SP   248
#define ARCH_FRAME_ELR  256
#define ARCH_FRAME_SPSR 264
#define ARCH_FRAME_ESR  272
#define ARCH_FRAME_FAR  280
#define ARCH_FRAME_SIZE 288

// ESR_ELx classes the portable code (and entry.S's EL2) decides on.
#define ARCH_ESR_EC_SHIFT 26
#define ARCH_ESR_EC(esr)  ((unsigned)((esr) >> ARCH_ESR_EC_SHIFT) & RT_U(0x3f))
#define ARCH_EC_FP_TRAP   RT_U(0x07)
#define ARCH_EC_SVC64     RT_U(0x15)
#define ARCH_EC_HVC64     RT_U(0x16)
#define ARCH_EC_DABT_CUR  RT_U(0x25) // a data abort taken without an EL change
#define ARCH_ESR_SVC_IMM0 RT_U(0x56000000) // EC 0x15, IL 1, imm16 0
#define ARCH_SPSR_EL1T    RT_U(0x4)
#define ARCH_SPSR_SPX     RT_U(0x1) // M[0]: SP_ELx, not SP_EL0
#define ARCH_SPSR_MODE    RT_U(0xf)
// EL1h with D, A, I and F masked: how the runtime enters EL1 itself.
#define ARCH_SPSR_EL1H_MASKED RT_U(0x3c5)
#define ARCH_CURRENTEL_EL2    (RT_U(2) << 2)
#define ARCH_SPSR_I           (RT_U(1) << 7)
#define ARCH_SPSR_NZCV        RT_U(0xf0000000)
// The app's PSTATE: EL1t, IRQs and SErrors unmasked (D and F stay masked).
#define ARCH_SPSR_APP (ARCH_SPSR_EL1T | (RT_U(1) << 9) | (RT_U(1) << 6))

// An abort's fault status code (DFSC, IFSC), and whether it is one the MMU
// raises for an address it does not map or maps without the access: a
// translation fault (0x04-0x07) or a permission fault (0x0c-0x0f), at any
// level (bits 1:0). FAR_EL1 holds that address.
#define ARCH_ESR_FSC(esr)          ((unsigned)(esr)&RT_U(0x3f))
#define ARCH_FSC_XLAT_OR_PERM(fsc) (((fsc) & ~RT_U(0xb)) == RT_U(0x04))
// FnV: an abort's FAR_EL1 is UNKNOWN (a synchronous external abort may
// set it), so nothing may be decided on that address.
#define ARCH_ESR_FNV (RT_U(1) << 10)

// What entry.S hands boot_main as the level it was entered at when that
// was EL2 with HCR_EL2.E2H fixed at 1 (no FEAT_E2H0), which the runtime
// cannot set up to drop to EL1: boot stays at EL2 only to say so.
#define ARCH_ENTRY_EL2_E2H RT_U(0xe2)

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

// CNTVCT_EL0, and CNTFRQ_EL0 (what firmware says its frequency is). The
// counter is read inline on the runtime's hot paths (see arch_app_sp).
#ifdef RT_HOST
uint64_t arch_counter(void);
#else
static inline uint64_t
arch_counter(void)
{
	uint64_t v;

	// Without the isb the read may be hoisted above code it must follow.
	__asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(v) : : "memory");
	return v;
}
#endif
uint64_t arch_counter_freq(void);
// Waits, interrupts masked, until an event: at the latest the next tick of
// the virtual counter's event stream, which arch_event_stream_init starts
// (about every 100 us at a counter of freq Hz). Not wfi: Gunyah traps it
// and suspends the CPU, which QEMU then never wakes (docs/architecture.md).
void arch_event_stream_init(uint64_t freq);
void arch_wait_event(void);
// ISR_EL1.I: an IRQ is pending, masked or not.
bool arch_irq_pending(void);
// The EL1 virtual timer off (its line low).
void arch_timer_disarm(void);
// hvc #0x6057 for 16 bytes: 0 and out filled, or Gunyah's error code
// (ARCH_ENTROPY_BUSY: asked too often, try later), or ARCH_ENTROPY_NONE
// when nothing answers the call.
#define ARCH_ENTROPY_BUSY 31
#define ARCH_ENTROPY_NONE (-1)
long arch_get_entropy(uint32_t out[4]);
// RNDR, where the CPU has it: true and *out filled, false if the CPU has
// none or could not give a number this time.
bool arch_rndr(uint64_t *out);
// The exit call above (status 0..255, the log ring at log), then masks
// everything and waits for interrupts forever.
noreturn void arch_stop(int status, unsigned flags, uintptr_t log);

uint32_t arch_mmio_read32(uintptr_t addr);
void arch_mmio_write32(uintptr_t addr, uint32_t value);
uint64_t arch_mmio_read64(uintptr_t addr);
void arch_mmio_write64(uintptr_t addr, uint64_t value);

// GICv3 CPU interface through the ICC_* system registers.
uint32_t arch_icc_ack(void);       // ICC_IAR1_EL1
void arch_icc_eoi(uint32_t intid); // ICC_EOIR1_EL1
void arch_icc_sgi(uint64_t sgi1r); // ICC_SGI1R_EL1
// SRE, PMR = 0xff, BPR, CTLR.EOImode = 0 (EOIR drops the priority and
// deactivates: no ICC_DIR_EL1 write, which Gunyah traps), IGRPEN1 = 1.
void arch_icc_init(void);

// The arm64 Image header (Linux's Documentation/arch/arm64/booting.rst),
// the runtime's first 64 bytes.
struct arch_image_header {
	uint32_t code0, code1;
	uint64_t text_offset, image_size, flags, res2, res3, res4;
	uint32_t magic, res5;
};

extern const struct arch_image_header arch_image_header;

// Where the runtime's segments start and end (runtime.lds): code and
// read-only data, then data and bss, then what only boot uses, its code
// first, its data from __runtime_init_data.
extern char __runtime_start[], __runtime_rw_start[], __runtime_init_start[],
    __runtime_init_data[], __runtime_end[];

// Whether the app may be given the boot-only segment's pages once it runs:
// with the MMU off (Gunyah's root VM) they are RAM the hypervisor mapped
// read-write-execute; with it on (an Image) the identity map keeps boot
// code read-only, so they stay as they are.
bool arch_boot_segment_reusable(void);

struct arch_image_app {
	uint64_t offset;
	uint64_t reserved;
	char name[ARCH_IMAGE_NAME_SIZE];
};

extern const struct arch_image_app arch_image_app;

// Starts the app at entry, EL1t, on the stack at sp, with every other
// register 0 and interrupts unmasked; the runtime's stack starts over.
noreturn void arch_enter_app(uintptr_t entry, uintptr_t sp);

// AT_HWCAP for this CPU, from its ID registers.
uint64_t arch_hwcap(void);

// An identity map for EL1 (src/arch/aarch64/mmu.c). Page tables come from
// alloc, which returns a page-aligned page (or NULL when it has none).
#define ARCH_MAP_WRITE  1u
#define ARCH_MAP_EXEC   2u
#define ARCH_MAP_DEVICE 4u // Device-nGnRE; else Normal write-back

struct arch_mmu {
	uint64_t *root;
	void *(*alloc)(void *ctx);
	void *ctx;
};

// Maps [addr, addr + size) (page-aligned) to itself: readable, plus what
// flags say. Never writable and executable at once (SCTLR_EL1.WXN). 0, or
// -1 for a bad range or no page for a table.
int arch_mmu_map(struct arch_mmu *m, uint64_t addr, uint64_t size,
                 unsigned flags);
// Turns the MMU and the caches on with m's tables.
void arch_mmu_enable(const struct arch_mmu *m);
// Invalidates the data cache over [addr, addr + size): what was written
// with the caches off must not be hidden by stale lines once they are on.
void arch_cache_invalidate(uintptr_t addr, size_t size);
// Cleans and invalidates it, to the point of coherency, over [addr, addr +
// size): memory the loader may have written with its caches on, and left
// dirty in them, before the runtime reads or writes it with them off.
void arch_cache_clean_invalidate(uintptr_t addr, size_t size);

// Ends the VM through semihosting (SYS_EXIT_EXTENDED): QEMU exits with
// status & 0xff. Only where a debugger or QEMU answers HLT #0xf000.
noreturn void arch_semihost_exit(int status);
// PSCI SYSTEM_OFF, or SYSTEM_RESET, through SMC (smc) or HVC.
noreturn void arch_psci_stop(bool smc, bool reset);

// What an ESR_EL1 value says: its exception class, its fault status (for
// aborts), and for aborts the kind of access ("read", "write", "fetch",
// or "access" where the ESR does not tell), else NULL.
const char *arch_esr_class_name(uint64_t esr);
const char *arch_esr_fault_name(uint64_t esr);
const char *arch_esr_access_name(uint64_t esr);

// Whether addr lies on the runtime's own stack (SP_EL1), and how much of it
// is left below the caller's frame.
bool arch_on_exc_stack(uintptr_t addr);
#ifdef RT_HOST
size_t arch_exc_stack_room(void);
#else
// Inline: every call into app code asks (upcall_call). The stack's
// bounds (entry.S).
extern char arch_exc_stack[], arch_exc_stack_top[];

static inline size_t
arch_exc_stack_room(void)
{
	uintptr_t sp = (uintptr_t)__builtin_frame_address(0);
	uintptr_t floor = (uintptr_t)arch_exc_stack;

	return sp > floor ? sp - floor : 0;
}
#endif

// Calls fn with the runtime's stack emptied, never to come back: every
// frame on it is dropped (fn must not return). For the end of a panic,
// whose report is out and whose exit hook needs room for its syscalls.
noreturn void arch_exc_stack_restart(void (*fn)(void));

// The app runs at EL1 on SP_EL0 (EL1t); every exception switches to the
// runtime's own stack, SP_EL1. The app's sp as it is now (SP_EL0).
// One instruction, inline: a call would cost its caller more in saved
// registers than the read itself (host programs have a function instead).
#ifdef RT_HOST
uintptr_t arch_app_sp(void);
#else
static inline uintptr_t
arch_app_sp(void)
{
	uintptr_t sp;

	__asm__ volatile("mrs %0, sp_el0" : "=r"(sp));
	return sp;
}
#endif

// While the app's sp is at or above this, a syscall takes the vector's
// fast path; below it (a stack overflow, or UINTPTR_MAX while the runtime
// is running app code) every exception takes the slow path, which calls
// upcall_enter first.
// Inline: upcalls change it on their way in and out.
#ifdef RT_HOST
void arch_set_app_sp_floor(uintptr_t floor);
#else
extern uintptr_t arch_app_sp_floor;

static inline void
arch_set_app_sp_floor(uintptr_t floor)
{
	arch_app_sp_floor = floor;
}
#endif

// Calls app code fn(a0, a1) at EL1t on the app's stack at sp (16-byte
// aligned), interrupts masked, and returns its x0. x8-x15 and x18, which
// the runtime keeps live across calls (docs/architecture.md), and
// ELR_EL1/SPSR_EL1 (the app may svc inside) survive it, and SP_EL0 is the
// app's again afterwards. While fn runs, the app's sp floor is UINTPTR_MAX
// (every exception takes the slow path) and FP/SIMD traps (arch_fp_trap);
// both are as they were when it returns. Saving and restoring the app's
// FP/SIMD registers is the caller's business (arch_fp_*).
long arch_call_app(void *fn, long a0, long a1, uintptr_t sp);

// The app's FP/SIMD registers: 32 Q registers, FPSR, FPCR.
struct arch_fp_state {
	uint64_t q[32][2];
	uint64_t fpsr, fpcr;
};

// Whether FP/SIMD instructions at EL1 trap (CPACR_EL1.FPEN): the runtime
// lets app code it calls run with them trapping, and saves the app's
// registers only when that code first uses them.
void arch_fp_trap(bool trap);
void arch_fp_save(struct arch_fp_state *s);
void arch_fp_restore(const struct arch_fp_state *s);

// Where the app code the runtime calls returns to: it makes the
// rt_sigreturn syscall. In the runtime's text, which the app may execute.
void arch_upcall_return(void);

// Whether RAM at addr is Normal memory for data accesses: true with the
// MMU on (as the runtime maps RAM), or with it off when the hypervisor sets
// HCR_EL2.DC; false when it is Device-nGnRnE, where unaligned accesses,
// exclusives and DC ZVA fault. Asks the CPU (AT S1E1R), not the memory.
bool arch_ram_is_normal(uintptr_t addr);
#endif

#endif
