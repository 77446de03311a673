// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// Upcalls and calls into app code; rt/upcall.h explains both.

#include <rt/panic.h>
#include <rt/string.h>
#include <rt/uaccess.h>
#include <rt/upcall.h>

#define UPCALL_MAGIC UINT64_C(0x6c6c616370755452) // "RTupcall"

// Below the stack's bottom, no call starts: the code still needs room.
#define UPCALL_CALL_ROOM 1024u

// What an upcall leaves on the app's stack, like Linux's rt_sigframe. The
// app may read and change it (as a signal handler may change its
// ucontext); rt_sigreturn checks what it needs to.
struct upcall_frame {
	uint64_t magic;
	uint64_t sigmask;
	uint64_t x[31];
	uint64_t sp, elr, spsr;
	struct arch_fp_state fp;
};

static_assert(sizeof(struct upcall_frame) % 16 == 0, "frame keeps sp aligned");

struct upcall_level {
	uintptr_t frame; // the upcall frame, or the call's FP save area
	uintptr_t limit; // an app sp at or above this has left the level
	uint32_t id;
	uint8_t kind;
	bool fp_saved;
};

static struct {
	uintptr_t stack_bottom, stack_top;
	size_t guard;
	unsigned depth;
	bool app_dead;
	struct upcall_level lv[RT_UPCALL_DEPTH];
} up;

static const char *const upcall_names[] = {
	[UPCALL_ISR] = "ISR",
	[UPCALL_SIGNAL] = "signal handler",
	[UPCALL_CALL] = "console function or exit hook",
};

// The fast path and the FP trap as the innermost level wants them.
static void
upcall_sync(void)
{
	if (up.depth == 0) {
		arch_set_app_sp_floor(up.stack_bottom);
		arch_fp_trap(false);
		return;
	}
	arch_set_app_sp_floor(UINTPTR_MAX);
	arch_fp_trap(!up.lv[up.depth - 1].fp_saved);
}

void
upcall_init(uintptr_t stack_bottom, uintptr_t stack_top, size_t guard)
{
	up.stack_bottom = stack_bottom;
	up.stack_top = stack_top;
	up.guard = guard;
	up.depth = 0;
	up.app_dead = false;
	upcall_sync();
}

unsigned
upcall_depth(void)
{
	return up.depth;
}

static bool
upcall_on_initial_stack(uintptr_t sp)
{
	return sp >= up.stack_bottom && sp <= up.stack_top;
}

bool
upcall_on_app_stack(uintptr_t addr)
{
	if (addr >= up.stack_bottom && addr < up.stack_top)
		return true;
	// A heap stack: only what lies between a level's frame and the sp it
	// interrupted is known to be stack.
	for (unsigned i = 0; i < up.depth; i++) {
		if (addr >= up.lv[i].frame && addr < up.lv[i].limit)
			return true;
	}
	return false;
}

// Where a level keeps the app's FP/SIMD registers if its code uses them.
static struct arch_fp_state *
upcall_level_fp(const struct upcall_level *lv)
{
	if (lv->kind == UPCALL_CALL)
		return (struct arch_fp_state *)lv->frame;
	return &((struct upcall_frame *)lv->frame)->fp;
}

// Pops the innermost level; restores the app's FP/SIMD registers if the
// level's code used them and `restore`.
static __attribute__((noinline)) void
upcall_pop(bool restore)
{
	struct upcall_level *lv = &up.lv[--up.depth];

	if (lv->fp_saved && restore) {
		arch_fp_trap(false);
		arch_fp_restore(upcall_level_fp(lv));
	}
	upcall_sync();
}

static noreturn void
upcall_overflow(const struct arch_frame *f, uintptr_t sp, const char *what)
{
	panic_frame(f,
	            "stack overflow: sp %#lx is below the app's stack "
	            "[%#lx, %#lx)%s",
	            (unsigned long)sp, (unsigned long)up.stack_bottom,
	            (unsigned long)up.stack_top, what);
}

void
upcall_enter(struct arch_frame *f)
{
	bool isr_left = false;

	// Handlers run below their frame, so an sp above it means the app
	// left them (longjmp) and will not return through rt_sigreturn.
	while (up.depth > 0 && f->sp >= up.lv[up.depth - 1].limit) {
		struct upcall_level *lv = &up.lv[up.depth - 1];

		if (lv->kind == UPCALL_CALL)
			panic_frame(f,
			            "the app left its %s at sp %#lx without "
			            "returning",
			            upcall_names[lv->kind],
			            (unsigned long)f->sp);
		isr_left |= lv->kind == UPCALL_ISR;
		// The registers are what the handler left, as after a
		// longjmp out of a Linux signal handler.
		upcall_pop(false);
	}
	if (isr_left) {
		bool isr_below = false;

		for (unsigned i = 0; i < up.depth; i++)
			isr_below |= up.lv[i].kind == UPCALL_ISR;
		// ISRs run masked; the code the app jumped back to did not.
		if (!isr_below)
			f->spsr &= ~(uint64_t)ARCH_SPSR_I;
	}
	// Every stack the app may use lies above the bottom of its first
	// one: below it are the environment data and the app's image.
	if (f->sp < up.stack_bottom)
		upcall_overflow(f, f->sp, "");
}

RT_COLD void
upcall_check_guard(const struct arch_frame *f)
{
	// A store that pushes a small frame (stp ..., [sp, #-n]!) faults
	// before it moves sp: the address is what lies in the guard. Only
	// the MMU's own faults (translation, permission) say so with a FAR
	// to trust; an external abort's may be UNKNOWN (ESR.FnV).
	if (ARCH_ESR_EC(f->esr) == ARCH_EC_DABT_CUR &&
	    ARCH_FSC_XLAT_OR_PERM(ARCH_ESR_FSC(f->esr)) &&
	    (f->esr & ARCH_ESR_FNV) == 0 && f->far < up.stack_bottom &&
	    up.stack_bottom - f->far <= up.guard)
		panic_frame(
		    f,
		    "stack overflow: a store at %#lx, in the guard below "
		    "the app's stack [%#lx, %#lx)",
		    (unsigned long)f->far, (unsigned long)up.stack_bottom,
		    (unsigned long)up.stack_top);
}

void
upcall_start(struct arch_frame *f, enum upcall_kind kind, uint32_t id, void *fn,
             uint64_t a0, uint64_t a1, bool masked, uint64_t sigmask)
{
	uintptr_t frame =
	    RT_ALIGN_DOWN(f->sp - sizeof(struct upcall_frame), 16);
	struct upcall_frame *uf = (struct upcall_frame *)frame;
	struct upcall_level *lv;

	if (up.depth == RT_UPCALL_DEPTH)
		panic_frame(f, "%s for %u: handlers nested %u deep",
		            upcall_names[kind], id, RT_UPCALL_DEPTH);
	// Linux would kill the app with SIGSEGV here: a frame that does not
	// fit is an overflow of the stack the app runs on.
	if (frame > f->sp || (upcall_on_initial_stack(f->sp)
	                          ? frame < up.stack_bottom
	                          : !uaccess_writable(uf, sizeof(*uf))))
		upcall_overflow(f, frame, ", no room for a handler's frame");
	uf->magic = UPCALL_MAGIC;
	uf->sigmask = sigmask;
	memcpy(uf->x, f->x, sizeof(uf->x));
	uf->sp = f->sp;
	uf->elr = f->elr;
	uf->spsr = f->spsr;

	lv = &up.lv[up.depth++];
	*lv = (struct upcall_level){
		.frame = frame,
		.limit = frame + sizeof(*uf),
		.kind = (uint8_t)kind,
		.id = id,
	};
	f->x[0] = a0;
	f->x[1] = a1;
	// SA_SIGINFO handlers get (sig, NULL, NULL): there is no siginfo.
	f->x[2] = 0;
	f->x[30] = (uintptr_t)arch_upcall_return;
	f->sp = frame;
	f->elr = (uintptr_t)fn;
	f->spsr = ARCH_SPSR_APP | (masked ? ARCH_SPSR_I : 0);
	upcall_sync();
}

void
upcall_return(struct arch_frame *f, struct upcall_end *end)
{
	struct upcall_level *lv;
	const struct upcall_frame *uf;

	if (up.depth == 0 || up.lv[up.depth - 1].kind == UPCALL_CALL)
		panic_frame(f, "rt_sigreturn with no ISR or signal handler "
		               "to return from");
	lv = &up.lv[up.depth - 1];
	uf = (const struct upcall_frame *)lv->frame;
	if (f->sp != lv->frame || uf->magic != UPCALL_MAGIC)
		panic_frame(f,
		            "rt_sigreturn: sp %#lx is not the %s's frame at "
		            "%#lx, or the frame was overwritten",
		            (unsigned long)f->sp, upcall_names[lv->kind],
		            (unsigned long)lv->frame);
	*end = (struct upcall_end){
		.kind = lv->kind,
		.id = lv->id,
		.result = f->x[0],
		.sigmask = uf->sigmask,
	};
	memcpy(f->x, uf->x, sizeof(f->x));
	f->sp = uf->sp;
	f->elr = uf->elr;
	// Whatever the frame says, the app goes on at EL1t: only the flags
	// and the interrupt masks are the app's to choose.
	f->spsr = (uf->spsr & (ARCH_SPSR_NZCV | 0x3c0u)) | ARCH_SPSR_EL1T;
	upcall_pop(true);
}

// Room below sp for a call's FP save area and the code it runs.
#define UPCALL_CALL_NEED (sizeof(struct arch_fp_state) + UPCALL_CALL_ROOM + 16)

static bool
upcall_call_fits(uintptr_t sp)
{
	size_t need = UPCALL_CALL_NEED;

	if (upcall_on_initial_stack(sp))
		return sp - up.stack_bottom >= need;
	return sp >= need && uaccess_writable((void *)(sp - need), need);
}

// Runs fn(a0, a1) with its level at lv, for the sp that call started from.
static inline long
upcall_call_at(struct upcall_level *lv, uintptr_t sp, void *fn, long a0,
               long a1)
{
	uintptr_t area = RT_ALIGN_DOWN(sp - sizeof(struct arch_fp_state), 16);
	long ret;

	lv->frame = area;
	// Any sp above the one the call started from: the app code never
	// returned to this level.
	lv->limit = sp + 1;
	lv->kind = UPCALL_CALL;
	lv->fp_saved = false;
	up.depth++;
	// What upcall_sync would set for this level (the fast path off,
	// FP/SIMD trapped), arch_call_app sets while fn runs and puts back
	// after, so only a call that used FP/SIMD needs more here.
	ret = arch_call_app(fn, a0, a1, area);
	if (lv->fp_saved)
		upcall_pop(true);
	else
		up.depth--;
	return ret;
}

// The sp a call runs below when the common case does not hold, or 0 when
// it cannot run.
static RT_COLD uintptr_t
upcall_call_sp(uintptr_t sp)
{
	if (up.app_dead && !upcall_call_fits(sp))
		sp = up.stack_top;
	if (up.depth == RT_UPCALL_DEPTH || !upcall_call_fits(sp) ||
	    arch_exc_stack_room() < RT_UPCALL_EXC_ROOM)
		return 0;
	return sp;
}

long
upcall_call(void *fn, long a0, long a1)
{
	uintptr_t sp = arch_app_sp();

	// The common case: from the app's initial stack, with room there
	// and on the runtime's own stack, not nested deep.
	if (up.app_dead || up.depth == RT_UPCALL_DEPTH ||
	    !upcall_on_initial_stack(sp) ||
	    sp - up.stack_bottom < UPCALL_CALL_NEED ||
	    arch_exc_stack_room() < RT_UPCALL_EXC_ROOM) {
		sp = upcall_call_sp(sp);
		if (sp == 0)
			return -1;
	}
	return upcall_call_at(&up.lv[up.depth], sp, fn, a0, a1);
}

void
upcall_app_dead(void)
{
	up.app_dead = true;
}

void
upcall_fp_trap(void)
{
	struct upcall_level *lv = up.depth > 0 ? &up.lv[up.depth - 1] : NULL;

	// With no level left (upcall_enter has just forgotten the ones the
	// app left by longjmp) the app's FP/SIMD is simply on again.
	if (lv != NULL && !lv->fp_saved) {
		arch_fp_trap(false);
		arch_fp_save(upcall_level_fp(lv));
		lv->fp_saved = true;
	}
	upcall_sync();
}
