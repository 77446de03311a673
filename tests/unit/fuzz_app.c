// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The app the fuzzers play; fuzz_app.h says how it works.

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sanitizer/asan_interface.h>

#include <rt/arch.h>
#include <rt/log.h>
#include <rt/panic.h>

#include "fake_arch.h"
#include "fuzz_app.h"
#include "unit.h"

// The link wraps these (-Wl,--wrap=...): the runtime's calls land in the
// __wrap_ functions, which reach the real ones as __real_.
noreturn void __wrap_panic(const char *fmt, ...) RT_PRINTF(1, 2);
noreturn void __real_panic(const char *fmt, ...) RT_PRINTF(1, 2);
noreturn void __wrap_panic_frame(const struct arch_frame *f, const char *fmt,
                                 ...) RT_PRINTF(2, 3);
noreturn void __real_panic_frame(const struct arch_frame *f, const char *fmt,
                                 ...) RT_PRINTF(2, 3);
void __wrap_console_write(const char *s, size_t n);
void __real_console_write(const char *s, size_t n);

unsigned char *const fuzz_app = fake_app_arena + FAKE_APP_GUARD;

// The app's text and read-only data, as the fuzzer itself last left them.
#define RO_START FAKE_APP_TEXT
#define RO_END   FAKE_APP_STACK
static unsigned char fuzz_ro[RO_END - RO_START];

static const char fuzz_paths[FUZZ_PATHS_LEN] =
    "/dev/gicv3\0/dev/console\0/dev/exit\0/dev/null\0/dev/zero\0"
    "/dev/urandom";

static const struct fuzz_target *fuzz_target;
static const uint8_t *fuzz_data;
static size_t fuzz_left_bytes;
static jmp_buf fuzz_jmp;
static unsigned fuzz_wait_rounds;
// Where the app code at each depth goes on when code nested above it is
// left by longjmp: the operation running there (which ends), or the code
// itself; live while that is on the host's stack.
static struct fake_app_jmp fuzz_marks[FAKE_APP_DEPTH];
static bool fuzz_mark_live[FAKE_APP_DEPTH];

unsigned long fuzz_nested_ops;
unsigned long fuzz_left;
long fuzz_last_result;
void (*fuzz_call_hook)(uintptr_t fn, long a0, long a1);
void (*fuzz_return_hook)(uintptr_t fn, long a0, long ret);

// Bytes an operation written in app memory may take.
#define FUZZ_INLINE_MAX 64u

// Rounds of one input's waits that no timer ends: each asks the stream
// for an interrupt, so a wait cannot spin through the whole input.
#define FUZZ_WAIT_ROUNDS 64

// Numbers apps pass and handlers must get right at their edges.
static const uint64_t fuzz_notable[] = {
	0,
	1,
	2,
	3,
	4,
	8,
	16,
	24,
	64,
	0x7f,
	0x80,
	0xff,
	4095,
	4096,
	4097,
	0x7fffffff,
	0x80000000,
	0xffffffff,
	0x100000000,
	0x7ffff000,      // Linux's MAX_RW_COUNT
	(uint64_t)-100,  // AT_FDCWD
	(uint64_t)-4095, // the lowest errno
	(uint64_t)-1,
	(uint64_t)-2,
	(uint64_t)-4096,
	UINT64_C(1) << 48, // TASK_SIZE
	UINT64_C(0x7fffffffffffffff),
	UINT64_C(0x8000000000000000),
	FUZZ_APP_SIZE,
	FUZZ_APP_SIZE + 1,
	1000000000, // a second in ns
	999999999,
};

noreturn void
fuzz_fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("fuzz: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	abort();
}

void
fuzz_trace(const char *fmt, ...)
{
	static int on = -1;
	va_list ap;

	if (on < 0)
		on = getenv("FUZZ_TRACE") != NULL;
	if (!on)
		return;
	fprintf(stderr, "%*s", 2 * (int)fuzz_depth, "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

// What fake_arch.c and fake_app.c report a misuse of the fake GIC, a wait
// that would never end or a broken return to the app with: every such
// thing is a finding here.
bool
unit_check(bool ok, bool fatal, const char *file, int line, const char *expr)
{
	(void)fatal;
	if (!ok)
		fuzz_fail("%s:%d: fake arch or app: expected %s", file, line,
		          expr);
	return true;
}

static noreturn void
fuzz_end(enum fuzz_end how)
{
	fuzz_trace("end: %s", how == FUZZ_BLOCKED ? "blocked" : "crashed");
	longjmp(fuzz_jmp, (int)how);
}

noreturn void
fuzz_stop(void)
{
	fuzz_end(FUZZ_STOPPED);
}

bool
fuzz_more(void)
{
	return fuzz_left_bytes > 0;
}

uint8_t
fuzz_u8(void)
{
	if (fuzz_left_bytes == 0)
		return 0;
	fuzz_left_bytes--;
	return *fuzz_data++;
}

uint16_t
fuzz_u16(void)
{
	return (uint16_t)(fuzz_u8() | fuzz_u8() << 8);
}

uint32_t
fuzz_u32(void)
{
	return fuzz_u16() | (uint32_t)fuzz_u16() << 16;
}

uint64_t
fuzz_u64(void)
{
	return fuzz_u32() | (uint64_t)fuzz_u32() << 32;
}

static bool
fuzz_within(uint64_t p, size_t n, unsigned from, unsigned to)
{
	uint64_t a = (uintptr_t)fuzz_app + from;

	return p >= a && p - a <= to - from && n <= to - from - (p - a);
}

bool
fuzz_in_app(uint64_t p, size_t n)
{
	return fuzz_within(p, n, FAKE_APP_TEXT, FUZZ_APP_SIZE);
}

bool
fuzz_writable(uint64_t p, size_t n)
{
	return fuzz_within(p, n, FAKE_APP_STACK, FUZZ_APP_SIZE);
}

bool
fuzz_code(uint64_t p)
{
	return p % 4 == 0 && fuzz_within(p, 4, FAKE_APP_TEXT, FAKE_APP_RODATA);
}

static void
fuzz_ro_snapshot(void)
{
	memcpy(fuzz_ro, fuzz_app + RO_START, sizeof(fuzz_ro));
}

void
fuzz_check_read_only(void)
{
	if (memcmp(fuzz_ro, fuzz_app + RO_START, sizeof(fuzz_ro)) != 0)
		fuzz_fail("the runtime wrote into the app's text or read-only "
		          "data");
}

uint64_t
fuzz_arg(void)
{
	uintptr_t app = (uintptr_t)fuzz_app;
	uint32_t off;

	switch (fuzz_u8() % 10) {
	case 0:
		return (uint64_t)(int64_t)(int8_t)fuzz_u8();
	case 1:
		return fuzz_notable[fuzz_u8() % RT_ARRAY_SIZE(fuzz_notable)];
	case 2:
		return app + FAKE_APP_TEXT +
		       fuzz_u32() % (FUZZ_APP_SIZE - FAKE_APP_TEXT);
	case 3:
		// The last bytes and the end itself: a length has to fit.
		return app + FUZZ_APP_SIZE - fuzz_u8();
	case 4:
		// Right below or above app memory, or in the hole.
		off = fuzz_u16();
		if (off & 1)
			return app + FUZZ_APP_SIZE +
			       (off >> 1) % FAKE_APP_GUARD;
		return app + FAKE_APP_TEXT - 1 -
		       (off >> 1) % (FAKE_APP_GUARD + FAKE_APP_TEXT);
	case 5:
		return fuzz_u64();
	case 6:
		return (uint64_t)fuzz_last_result + (uint64_t)(int8_t)fuzz_u8();
	case 7:
		return fuzz_u32();
	case 8:
		// An instruction of its code.
		return app + FAKE_APP_TEXT +
		       fuzz_u16() % (FAKE_APP_RODATA - FAKE_APP_TEXT) / 4 * 4;
	default:
		// Its stack, data or heap.
		return app + FAKE_APP_STACK +
		       fuzz_u32() % (FUZZ_APP_SIZE - FAKE_APP_STACK);
	}
}

// Whether the fuzzer has written into the app's stack, where the runtime
// keeps the handlers' saved contexts.
static bool fuzz_stack_written;

static void
fuzz_note_write(unsigned off, unsigned n)
{
	if (off < FAKE_APP_DATA && off + n > FAKE_APP_STACK)
		fuzz_stack_written = true;
}

// A handler's saved context the app overwrote sends it elsewhere: where
// the CPU would fault on what is not code (the input ends as a crash).
// Without such a write, it is the runtime's return that went wrong.
static noreturn void
fuzz_astray(const struct arch_frame *f)
{
	if (!fuzz_stack_written)
		fuzz_fail("an exception returned to %#lx, sp %#lx: neither "
		          "where the app was nor a handler",
		          (unsigned long)f->elr, (unsigned long)f->sp);
	fuzz_trace("astray to %#lx: the app wrote over its saved context",
	           (unsigned long)f->elr);
	fuzz_end(FUZZ_CRASHED);
}

void
fuzz_op_poke(void)
{
	unsigned off =
	    FAKE_APP_TEXT + fuzz_u32() % (FUZZ_APP_SIZE - FAKE_APP_TEXT);
	unsigned n = fuzz_u8();

	for (unsigned i = 0; i < n && off + i < FUZZ_APP_SIZE; i++)
		fuzz_app[off + i] = fuzz_u8();
	fuzz_note_write(off, n);
	fuzz_ro_snapshot();
}

void
fuzz_op_poke_word(void)
{
	// 8-aligned: structures with pointers in them (iovecs, requests).
	unsigned off = FAKE_APP_TEXT +
	               fuzz_u32() % ((FUZZ_APP_SIZE - FAKE_APP_TEXT) / 8) * 8;
	uint64_t v = fuzz_arg();

	memcpy(fuzz_app + off, &v, sizeof(v));
	fuzz_note_write(off, sizeof(v));
	fuzz_ro_snapshot();
}

void
fuzz_op_line(void)
{
	uint8_t how = fuzz_u8();
	uint32_t intid = fuzz_u8() % (FAKE_MAX_INTID + 1);

	switch (how % 4) {
	case 0:
		fake_gic_line(intid, true);
		break;
	case 1:
		fake_gic_line(intid, false);
		break;
	case 2:
		fake_gic_raise(intid);
		break;
	default:
		fake.counter += fuzz_u32();
		break;
	}
}

// The world outside during a wait: at its first moment the stream says
// whether a device raises an interrupt; if not, time runs on (the fake's
// counter faster and faster) and a wait with a deadline ends by it. Only a
// wait that is still going long after any deadline (one that only an
// interrupt can end) asks again, and without one the app waits forever.
#define FUZZ_IDLE_FOREVER 45u

static void
fuzz_wfi(unsigned n)
{
	uint8_t b;

	(void)n;
	if (fake.idle_waits != 0 && fake.idle_waits < FUZZ_IDLE_FOREVER)
		return;
	if (++fuzz_wait_rounds > FUZZ_WAIT_ROUNDS)
		fuzz_end(FUZZ_BLOCKED);
	b = fuzz_u8();
	if (b & 1) {
		fake_gic_raise((uint32_t)(b >> 1) % (FAKE_MAX_INTID + 1));
		return;
	}
	if (fake.idle_waits >= FUZZ_IDLE_FOREVER)
		fuzz_end(FUZZ_BLOCKED);
}

// The runtime spinning on the counter (waiting out the hypervisor's
// entropy window): a blocking read of much randomness takes minutes at
// Gunyah's rate, which the fuzzer does not wait for.
#define FUZZ_SPIN_STEPS 100000u

static void
fuzz_spin(unsigned n)
{
	if (n > FUZZ_SPIN_STEPS)
		fuzz_end(FUZZ_BLOCKED);
}

// One operation of the target at the depth running now; app code it leads
// to may leave by longjmp back here, ending the operation.
static void
fuzz_run_op(void)
{
	unsigned d = fuzz_depth;
	struct fake_app_jmp outer = fuzz_marks[d];
	bool outer_live = fuzz_mark_live[d];

	fake_app_mark(&fuzz_marks[d]);
	fuzz_mark_live[d] = true;
	if (setjmp(fuzz_marks[d].jb) == 0)
		fuzz_target->op();
	fuzz_marks[d] = outer;
	fuzz_mark_live[d] = outer_live;
}

// Runs the operation written in app memory at p: the stream is read from
// there for as long as it takes (64 bytes at most), then from where it was.
static void
fuzz_inline_op(uintptr_t p)
{
	const uint8_t *data = fuzz_data;
	size_t left = fuzz_left_bytes, room;

	if (!fuzz_in_app(p, 1))
		return;
	room = FUZZ_APP_SIZE - (p - (uintptr_t)fuzz_app);
	fuzz_data = (const uint8_t *)p;
	fuzz_left_bytes = room < FUZZ_INLINE_MAX ? room : FUZZ_INLINE_MAX;
	fuzz_nested_ops++;
	fuzz_run_op();
	fuzz_data = data;
	fuzz_left_bytes = left;
}

// fake_app.c's runner: the app code at p (see fuzz_app.h).
static long
fuzz_run_code(uintptr_t p, long a0, long a1, long a2)
{
	uint8_t code[4] = { 0 };
	unsigned depth = fuzz_depth;
	enum fake_app_kind kind = fake_app_now()->kind;
	long ret;

	(void)a2;
	// The CPU would fetch from memory the app does not own, and fault.
	if (!fuzz_in_app(p, 1))
		fuzz_end(FUZZ_CRASHED);
	for (unsigned i = 0; i < sizeof(code) && fuzz_in_app(p + i, 1); i++)
		code[i] = fuzz_app[p + i - (uintptr_t)fuzz_app];
	fuzz_trace("app code at +%#lx (%#lx, %#lx): %02x %02x",
	           (unsigned long)(p - (uintptr_t)fuzz_app), (unsigned long)a0,
	           (unsigned long)a1, code[0], code[1]);
	if (fuzz_call_hook != NULL)
		fuzz_call_hook(p, a0, a1);
	// An ISR that clears its level-sensitive source.
	if ((code[0] & 2) && a0 >= 0 && a0 <= (long)FAKE_MAX_INTID)
		fake_gic_line(a0, false);
	fake_app_mark(&fuzz_marks[depth]);
	fuzz_mark_live[depth] = true;
	if (setjmp(fuzz_marks[depth].jb) != 0)
		goto out;
	if (code[0] & 0x20)
		fake_app_fp((uint64_t)p);
	if (depth <= FUZZ_MAX_DEPTH) {
		for (unsigned i = 0; i < ((code[0] >> 2) & 3u) && fuzz_more();
		     i++) {
			fuzz_nested_ops++;
			fuzz_run_op();
		}
		if (code[0] & 0x10)
			fuzz_inline_op(p + sizeof(code));
	}
	if ((code[0] & 0x40) && fuzz_mark_live[depth - 1] &&
	    (kind == FAKE_APP_UPCALL || fuzz_target->leave_calls)) {
		fuzz_trace("leaves by longjmp");
		fuzz_left++;
		fuzz_mark_live[depth] = false;
		fake_app_longjmp(&fuzz_marks[depth - 1]);
	}
out:
	fuzz_mark_live[depth] = false;
	// A bool in w0 with whatever above it: AAPCS64 leaves the upper
	// bits unspecified, and the runtime must look at the low 8 only.
	ret = (long)((uint64_t)code[1] << 8 | (code[0] & 1));
	if (fuzz_return_hook != NULL)
		fuzz_return_hook(p, a0, ret);
	return ret;
}

static bool
fuzz_panic_allowed(const char *msg)
{
	for (const char *const *ok = fuzz_target->panics; *ok != NULL; ok++) {
		if (strstr(msg, *ok) != NULL)
			return true;
	}
	return false;
}

noreturn void
__wrap_panic(const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (!fuzz_panic_allowed(msg))
		fuzz_fail("unexpected panic: %s", msg);
	fuzz_trace("panic: %s", msg);
	__real_panic("%s", msg);
}

noreturn void
__wrap_panic_frame(const struct arch_frame *f, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (!fuzz_panic_allowed(msg))
		fuzz_fail("unexpected panic: %s", msg);
	fuzz_trace("panic: %s", msg);
	__real_panic_frame(f, "%s", msg);
}

// Whatever the runtime hands the console must be memory it may read: the
// console function reads all of it.
void
__wrap_console_write(const char *s, size_t n)
{
	if (n > 0 && __asan_region_is_poisoned((void *)(uintptr_t)s, n))
		fuzz_fail("console_write(%p, %zu): not all readable",
		          (const void *)s, n);
	__real_console_write(s, n);
}

size_t
fuzz_ring_text(const void *ring, size_t total, char *buf, size_t size)
{
	const struct log_ring *r = ring;
	size_t cap = total - sizeof(*r), n = 0, start;

	start = r->write_idx < cap ? r->write_idx + 1 : 0;
	for (size_t i = 0; i + 1 < cap && n + 1 < size; i++) {
		char c = r->buf[(start + i) % cap];

		if (c != '\0')
			buf[n++] = c;
	}
	buf[n] = '\0';
	return n;
}

enum fuzz_end
fuzz_app_run(const struct fuzz_target *t, const uint8_t *data, size_t size)
{
	static bool poisoned;
	volatile int end;

	if (!poisoned) {
		// The guards and the hole are nobody's.
		ASAN_POISON_MEMORY_REGION(fake_app_arena,
		                          FAKE_APP_GUARD + FAKE_APP_TEXT);
		ASAN_POISON_MEMORY_REGION(fuzz_app + FUZZ_APP_SIZE,
		                          FAKE_APP_GUARD);
		poisoned = true;
	}
	fuzz_target = t;
	fuzz_data = data;
	fuzz_left_bytes = size;
	fuzz_wait_rounds = 0;
	fuzz_last_result = 0;
	memset(fuzz_mark_live, 0, sizeof(fuzz_mark_live));
	fuzz_call_hook = NULL;
	fuzz_return_hook = NULL;
	fake_app_setup();
	fake_app_run = fuzz_run_code;
	fake_app_astray = fuzz_astray;
	fuzz_stack_written = false;
	memcpy(fuzz_app + FUZZ_PATHS_OFF, fuzz_paths, sizeof(fuzz_paths));
	fuzz_ro_snapshot();
	fake.wfi_hook = fuzz_wfi;
	fake.stop_jmp = &fuzz_jmp;
	// Time goes on while the runtime spins on the counter (the wait for
	// the hypervisor's next entropy window).
	fake.counter_step = 1000;
	fake.spin_hook = fuzz_spin;
	fake.entropy_unlimited = false;
	t->reset();
	end = setjmp(fuzz_jmp);
	if (end == FUZZ_RUNNING) {
		while (fuzz_more()) {
			// The fake's limits on a wait and a dispatch loop
			// hold for each operation of the main line.
			fake.acks = 0;
			fake.wfes = 0;
			fuzz_run_op();
			fuzz_check_read_only();
		}
	}
	return (enum fuzz_end)end;
}
