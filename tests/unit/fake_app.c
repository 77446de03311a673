// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The app's side of the exception boundary; fake_app.h says what it does.

#include <string.h>

#include <rt/console.h>
#include <rt/dev.h>
#include <rt/entropy.h>
#include <rt/exception.h>
#include <rt/exit.h>
#include <rt/fd_table.h>
#include <rt/gicv3.h>
#include <rt/irq.h>
#include <rt/linux.h>
#include <rt/log.h>
#include <rt/mem.h>
#include <rt/panic.h>
#include <rt/process.h>
#include <rt/signal.h>
#include <rt/time.h>
#include <rt/uaccess.h>
#include <rt/upcall.h>

#include <syscall_table.h>

#include "fake_app.h"
#include "fake_arch.h"
#include "unit.h"

#define FAKE_FAIL(what) unit_check(false, true, __FILE__, __LINE__, what)

// Where the main line "is" when it makes an exception: an address in its
// text past the slots.
#define MAIN_PC     (FAKE_APP_ADDR(FAKE_APP_TEXT) + 0xff0u)
#define SLOT_SIZE   16u
#define SLOTS       (0xf00u / SLOT_SIZE)
#define RODATA_SIZE 0x1000u
#define DATA_SIZE   (FAKE_APP_HEAP - FAKE_APP_DATA)
#define MAX_ROUNDS  100000u
#define LOG_SIZE    (8 + 16384)

_Alignas(4096) unsigned char fake_app_arena[FAKE_APP_GUARD + FAKE_APP_MEM_SIZE +
                                            FAKE_APP_GUARD];
unsigned char *const fake_app_mem = fake_app_arena + FAKE_APP_GUARD;
struct fake_app_stats fake_app_stats;
long (*fake_app_run)(uintptr_t fn, long a0, long a1, long a2);
void (*fake_app_astray)(const struct arch_frame *f);
jmp_buf fake_app_stop_jmp;

_Alignas(8) char fake_app_log[FAKE_APP_LOG_SIZE];

static struct {
	struct fake_app_ctx c[FAKE_APP_DEPTH];
	unsigned depth;
	unsigned stop_depth;
	long (*slot[SLOTS])(long, long, long);
	unsigned nslots;
	size_t data_used, rodata_used;
	uint64_t serial;
} app;

struct fake_app_ctx *
fake_app_now(void)
{
	return &app.c[app.depth];
}

unsigned
fake_app_depth(void)
{
	return app.depth;
}

// Registers nobody set: numbered by context and time, so that a register
// the runtime gives back wrong (or from another context) is noticed.
static void
app_number(struct fake_app_ctx *c)
{
	app.serial++;
	for (unsigned i = 0; i < 31; i++)
		c->x[i] = (app.serial << 16) | ((uint64_t)app.depth << 8) | i;
}

static struct fake_app_ctx *
app_push(enum fake_app_kind kind, uintptr_t pc, uintptr_t sp, uint64_t spsr)
{
	struct fake_app_ctx *c;

	if (app.depth + 1 == FAKE_APP_DEPTH)
		FAKE_FAIL("app code nested less deep than the harness allows");
	c = &app.c[++app.depth];
	c->kind = kind;
	c->pc = pc;
	c->sp = sp;
	c->spsr = spsr;
	app_number(c);
	if (app.depth > fake_app_stats.max_depth)
		fake_app_stats.max_depth = app.depth;
	return c;
}

static long
app_run_slot(uintptr_t fn, long a0, long a1, long a2)
{
	uintptr_t text = FAKE_APP_ADDR(FAKE_APP_TEXT);
	unsigned i = (unsigned)((fn - text) / SLOT_SIZE);

	if (fn < text || (fn - text) % SLOT_SIZE != 0 || i >= app.nslots)
		FAKE_FAIL("app code run where the test put some");
	return app.slot[i](a0, a1, a2);
}

void *
fake_app_code(long (*fn)(long a0, long a1, long a2))
{
	if (app.nslots == SLOTS)
		FAKE_FAIL("room for app code");
	app.slot[app.nslots] = fn;
	return (void *)(FAKE_APP_ADDR(FAKE_APP_TEXT) +
	                app.nslots++ * SLOT_SIZE);
}

void *
fake_app_alloc(size_t n)
{
	void *p = (void *)FAKE_APP_ADDR(FAKE_APP_DATA + app.data_used);

	app.data_used += (n + 15) & ~(size_t)15;
	if (app.data_used > DATA_SIZE)
		FAKE_FAIL("room in the app's data");
	memset(p, 0, n);
	return p;
}

char *
fake_app_strdup(const char *s)
{
	char *p = fake_app_alloc(strlen(s) + 1);

	memcpy(p, s, strlen(s) + 1);
	return p;
}

void *
fake_app_rodata(size_t n)
{
	void *p = (void *)FAKE_APP_ADDR(FAKE_APP_RODATA + app.rodata_used);

	app.rodata_used += (n + 15) & ~(size_t)15;
	if (app.rodata_used > RODATA_SIZE)
		FAKE_FAIL("room in the app's read-only data");
	return p;
}

static void app_enter(struct arch_frame *f, bool sync, bool keep_x0);

// The runtime returned into a handler (f): run it as app code on the
// frame's sp, then its rt_sigreturn as the trampoline makes it; f becomes
// what that exception returns to.
static void
app_upcall(struct arch_frame *f)
{
	struct fake_app_ctx *h;
	struct arch_frame g;
	long ret;

	if (f->x[30] != (uintptr_t)arch_upcall_return) {
		if (fake_app_astray != NULL)
			fake_app_astray(f);
		FAKE_FAIL("a return to where the app was, or into a handler "
		          "that returns to arch_upcall_return");
	}
	if (f->sp % 16 != 0 || f->sp >= app.c[app.depth].sp)
		FAKE_FAIL("a handler's sp below the code it interrupted, "
		          "16-byte aligned");
	h = app_push(FAKE_APP_UPCALL, f->elr, f->sp, f->spsr);
	memcpy(h->x, f->x, sizeof(h->x));
	fake_app_stats.upcalls++;
	// Before its first instruction, if it runs unmasked.
	fake_app_irqs();
	ret = fake_app_run(f->elr, (long)f->x[0], (long)f->x[1], (long)f->x[2]);
	// It returned to x30, the trampoline: `svc #0` with x8 = 139 and the
	// sp it was started with.
	h = &app.c[app.depth];
	memset(&g, 0, sizeof(g));
	memcpy(g.x, h->x, sizeof(g.x));
	g.x[0] = (uint64_t)ret;
	g.x[8] = SYSCALL_NR_rt_sigreturn;
	g.sp = h->sp;
	g.elr = (uintptr_t)arch_upcall_return + 8;
	g.spsr = h->spsr;
	g.esr = ARCH_ESR_SVC_IMM0;
	app.depth--;
	fake_app_stats.sigreturns++;
	fake.app_sp = g.sp;
	rt_sync_entry(&g);
	*f = g;
}

// An exception from the context running now; f has its registers (and a
// syscall's arguments). sync: rt_sync_entry, else rt_irq_entry. Afterwards
// the context has what the exception returned, checked.
static void
app_enter(struct arch_frame *f, bool sync, bool keep_x0)
{
	unsigned depth = app.depth, rounds = 0;
	struct fake_app_ctx *c = &app.c[depth];
	struct arch_frame was;

	f->sp = c->sp;
	f->elr = c->pc;
	f->spsr = c->spsr;
	f->far = 0;
	was = *f;
	fake.app_sp = c->sp;
	// A new wait starts at the event stream's pace.
	fake.idle_waits = 0;
	if (sync)
		rt_sync_entry(f);
	else
		rt_irq_entry(f);
	if (app.depth != depth)
		FAKE_FAIL("every call of app code the runtime made returned");
	// Handlers until the return goes back where the app was.
	while (f->elr != was.elr || f->sp != was.sp) {
		if (++rounds > MAX_ROUNDS)
			FAKE_FAIL("handlers that end");
		app_upcall(f);
	}
	for (unsigned i = keep_x0 ? 0 : 1; i < 31; i++) {
		if (f->x[i] != was.x[i])
			FAKE_FAIL(
			    "the app's registers kept across an exception");
	}
	if ((f->spsr & ARCH_SPSR_MODE) != ARCH_SPSR_EL1T ||
	    (f->spsr & ~(uint64_t)(ARCH_SPSR_NZCV | 0x3cfu)) != 0)
		FAKE_FAIL("the app going on at EL1t with a PSTATE of its own");
	memcpy(c->x, f->x, sizeof(c->x));
	c->spsr = f->spsr;
	fake.app_sp = c->sp;
}

void
fake_app_irqs(void)
{
	unsigned rounds = 0;

	while ((app.c[app.depth].spsr & ARCH_SPSR_I) == 0 &&
	       fake_irq_signalled()) {
		struct arch_frame f;

		if (++rounds > MAX_ROUNDS)
			FAKE_FAIL("IRQs that stop coming");
		memcpy(f.x, app.c[app.depth].x, sizeof(f.x));
		f.esr = 0;
		fake_app_stats.irqs++;
		app_enter(&f, false, true);
	}
}

long
fake_app_syscall(unsigned long nr, uint64_t a0, uint64_t a1, uint64_t a2,
                 uint64_t a3, uint64_t a4, uint64_t a5)
{
	struct fake_app_ctx *c = &app.c[app.depth];
	const uint64_t a[6] = { a0, a1, a2, a3, a4, a5 };
	struct arch_frame f;
	int frame;

	memcpy(c->x, a, sizeof(a));
	c->x[8] = nr;
	// vectors.S: one compare against the floor, then svc #0, then bit
	// 0 of the handler's offset.
	if (!RT_SYSCALL_TRACE && c->sp >= fake.app_sp_floor &&
	    nr < SYSCALL_TABLE_SIZE &&
	    (syscall_offsets[nr] & SYSCALL_OFFSET_SLOW) == 0) {
		rt_syscall_fn_t fn = syscall_lookup(nr, &frame);

		fake_app_stats.fast++;
		fake.app_sp = c->sp;
		fake.idle_waits = 0;
		c->x[0] = (uint64_t)fn(a0, a1, a2, a3, a4, a5);
	} else {
		fake_app_stats.slow++;
		memcpy(f.x, c->x, sizeof(f.x));
		f.esr = ARCH_ESR_SVC_IMM0;
		app_enter(&f, true, false);
	}
	fake_app_irqs();
	return (long)app.c[app.depth].x[0];
}

void
fake_app_fp(uint64_t v)
{
	unsigned traps = 0;

	while (fake.fp_trapping) {
		struct arch_frame f;

		// The instruction traps, and runs again after the return.
		if (++traps > 2)
			FAKE_FAIL("an FP/SIMD trap that lets the code go on");
		memcpy(f.x, app.c[app.depth].x, sizeof(f.x));
		f.esr = (uint64_t)ARCH_EC_FP_TRAP << 26 | (1u << 25);
		app_enter(&f, true, true);
	}
	fake.fp.q[0][0] = v;
}

// arch_call_app's app code: masked, on the sp the runtime chose.
static long
app_call(void *fn, long a0, long a1, uintptr_t sp)
{
	long ret;

	app_push(FAKE_APP_CALL, (uintptr_t)fn, sp, ARCH_SPSR_APP | ARCH_SPSR_I);
	fake_app_stats.calls++;
	ret = fake_app_run((uintptr_t)fn, a0, a1, 0);
	app.depth--;
	return ret;
}

void
fake_app_mark(struct fake_app_jmp *j)
{
	j->depth = app.depth;
}

noreturn void
fake_app_longjmp(struct fake_app_jmp *j)
{
	uint64_t spsr = app.c[app.depth].spsr;

	app.depth = j->depth;
	app.c[app.depth].spsr = spsr;
	fake.app_sp = app.c[app.depth].sp;
	longjmp(j->jb, 1);
}

void
fake_app_stop_begin(void)
{
	app.stop_depth = app.depth;
	fake.stops = 0;
	fake.stop_jmp = &fake_app_stop_jmp;
}

void
fake_app_stop_end(void)
{
	app.depth = app.stop_depth;
	fake.stop_jmp = NULL;
	fake.app_sp = app.c[app.depth].sp;
}

void
fake_app_setup(void)
{
	struct platform plat = {
		.gic_version = 3,
		.gicd_base = FAKE_GICD_BASE,
		.gicr_base = FAKE_GICR_BASE,
	};
	const unsigned rw = UACCESS_READ | UACCESS_WRITE;

	// Not the hole: a fuzzer may have poisoned it.
	memset(fake_app_mem + FAKE_APP_TEXT, 0,
	       FAKE_APP_MEM_SIZE - FAKE_APP_TEXT);
	memset(&app, 0, sizeof(app));
	memset(&fake_app_stats, 0, sizeof(fake_app_stats));
	fake_arch_reset();
	fake.counter = 1000;
	fake.entropy_unlimited = true;
	fake.call_app = app_call;
	fake_app_run = app_run_slot;
	fake_app_astray = NULL;

	uaccess_reset();
	if (uaccess_add(FAKE_APP_ADDR(FAKE_APP_TEXT),
	                FAKE_APP_ADDR(FAKE_APP_RODATA),
	                UACCESS_READ | UACCESS_EXEC) != 0 ||
	    uaccess_add(FAKE_APP_ADDR(FAKE_APP_RODATA),
	                FAKE_APP_ADDR(FAKE_APP_STACK), UACCESS_READ) != 0 ||
	    uaccess_add(FAKE_APP_ADDR(FAKE_APP_STACK),
	                FAKE_APP_ADDR(FAKE_APP_MEM_SIZE), rw) != 0)
		FAKE_FAIL("the app's memory map");

	memset(fake_app_log, 0, sizeof(fake_app_log));
	log_init((struct log_ring *)(void *)fake_app_log, FAKE_APP_LOG_SIZE);
	panic_reset_for_test();
	time_init(FAKE_COUNTER_HZ);
	entropy_reset_for_test();
	if (entropy_init(true, NULL, 0) != NULL)
		FAKE_FAIL("an entropy source");
	gicv3_reset_for_test();
	irq_reset_for_test();
	console_reset_for_test();
	console_set_device(NULL);
	exit_set_hook(NULL);
	signal_reset_for_test();
	process_reset_for_test();
	dev_init(&plat);
	fd_init();
	mem_init(FAKE_APP_ADDR(FAKE_APP_HEAP),
	         FAKE_APP_ADDR(FAKE_APP_MEM_SIZE));
	upcall_init(FAKE_APP_STACK_BOTTOM, FAKE_APP_STACK_TOP, 0);

	app.c[0].kind = FAKE_APP_MAIN;
	app.c[0].pc = MAIN_PC;
	app.c[0].sp = FAKE_APP_STACK_TOP - 512;
	app.c[0].spsr = ARCH_SPSR_APP;
	app_number(&app.c[0]);
	fake.app_sp = app.c[0].sp;
}
