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
#include <rt/uaccess.h>

#include "fake_arch.h"
#include "fuzz_app.h"
#include "unit.h"

// The link wraps these (-Wl,--wrap=...): the runtime's calls land in the
// __wrap_ functions, which reach the real ones as __real_.
long __wrap_arch_call_app(void *fn, long a0, long a1);
noreturn void __wrap_panic(const char *fmt, ...) RT_PRINTF(1, 2);
noreturn void __real_panic(const char *fmt, ...) RT_PRINTF(1, 2);
void __wrap_console_write(const char *s, size_t n);
void __real_console_write(const char *s, size_t n);

// Page-aligned, as the app's heap is.
#define FUZZ_ARENA_SIZE (FUZZ_FOREIGN + FUZZ_APP_SIZE + FUZZ_FOREIGN)
static unsigned char fuzz_arena[FUZZ_ARENA_SIZE] __attribute__((aligned(4096)));
unsigned char *const fuzz_app = fuzz_arena + FUZZ_FOREIGN;
_Alignas(8) char fuzz_log_ring[FUZZ_LOG_SIZE];

static const char fuzz_paths[FUZZ_PATHS_LEN] =
    "/dev/gicv3\0/dev/console\0/dev/exit\0/dev/null\0/dev/zero\0"
    "/dev/urandom";

static const struct fuzz_target *fuzz_target;
static const uint8_t *fuzz_data;
static size_t fuzz_left;
static jmp_buf fuzz_jmp;
static unsigned fuzz_wait_rounds;

unsigned fuzz_depth;
unsigned long fuzz_nested_ops;
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

// What fake_arch.c reports a misuse of the fake GIC or a wait that would
// never end with: every such thing is a finding here.
bool
unit_check(bool ok, bool fatal, const char *file, int line, const char *expr)
{
	(void)fatal;
	if (!ok)
		fuzz_fail("%s:%d: fake arch: expected %s", file, line, expr);
	return true;
}

// The backtrace would follow the host's frame pointers: none is a stack
// the runtime knows.
bool
panic_addr_ok(uintptr_t addr)
{
	(void)addr;
	return false;
}

// App code may run in a panic: the host's stack is the app's.
bool
panic_console_stack(uintptr_t sp)
{
	(void)sp;
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
	return fuzz_left > 0;
}

uint8_t
fuzz_u8(void)
{
	if (fuzz_left == 0)
		return 0;
	fuzz_left--;
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

bool
fuzz_in_app(uint64_t p, size_t n)
{
	uint64_t a = (uintptr_t)fuzz_app;

	return p >= a && p - a <= FUZZ_APP_SIZE && n <= FUZZ_APP_SIZE - (p - a);
}

uint64_t
fuzz_arg(void)
{
	uintptr_t app = (uintptr_t)fuzz_app;
	uint16_t off;

	switch (fuzz_u8() % 8) {
	case 0:
		return (uint64_t)(int64_t)(int8_t)fuzz_u8();
	case 1:
		return fuzz_notable[fuzz_u8() % RT_ARRAY_SIZE(fuzz_notable)];
	case 2:
		return app + fuzz_u16() % FUZZ_APP_SIZE;
	case 3:
		// The last bytes and the end itself: a length has to fit.
		return app + FUZZ_APP_SIZE - fuzz_u8();
	case 4:
		// Right below or above app memory: the runtime's, in fact.
		off = fuzz_u16();
		if (off & 1)
			return app + FUZZ_APP_SIZE + (off >> 1) % FUZZ_FOREIGN;
		return app - 1 - (off >> 1) % FUZZ_FOREIGN;
	case 5:
		return fuzz_u64();
	case 6:
		return (uint64_t)fuzz_last_result + (uint64_t)(int8_t)fuzz_u8();
	default:
		return fuzz_u32();
	}
}

void
fuzz_op_poke(void)
{
	unsigned off = fuzz_u16() % FUZZ_APP_SIZE;
	unsigned n = fuzz_u8();

	for (unsigned i = 0; i < n && off + i < FUZZ_APP_SIZE; i++)
		fuzz_app[off + i] = fuzz_u8();
}

void
fuzz_op_poke_word(void)
{
	// 8-aligned: structures with pointers in them (iovecs, requests).
	unsigned off = fuzz_u16() % (FUZZ_APP_SIZE / 8) * 8;
	uint64_t v = fuzz_arg();

	memcpy(fuzz_app + off, &v, sizeof(v));
}

void
fuzz_op_line(void)
{
	uint8_t how = fuzz_u8();
	uint32_t intid = fuzz_u8() % (FAKE_MAX_INTID + 1);

	switch (how % 4) {
	case 0:
		fake.level[intid] = true;
		break;
	case 1:
		fake.level[intid] = false;
		break;
	case 2:
		fake_gic_raise(intid);
		break;
	default:
		fake.counter += fuzz_u32();
		break;
	}
}

// The world outside during a wfi: a timer armed ahead ends it (the fake
// moves the counter there); otherwise only an interrupt can, and the stream
// says whether a device raises one. If not, the app waits forever.
static void
fuzz_wfi(unsigned n)
{
	uint8_t b;

	(void)n;
	if (fake.timer_armed && fake.counter < fake.timer_cval)
		return;
	if (++fuzz_wait_rounds > FUZZ_WAIT_ROUNDS)
		fuzz_end(FUZZ_BLOCKED);
	b = fuzz_u8();
	if ((b & 1) == 0)
		fuzz_end(FUZZ_BLOCKED);
	fake_gic_raise((uint32_t)(b >> 1) % (FAKE_MAX_INTID + 1));
}

// Runs the operation written in app memory at p: the stream is read from
// there for as long as it takes (64 bytes at most), then from where it was.
static void
fuzz_inline_op(uintptr_t p)
{
	const uint8_t *data = fuzz_data;
	size_t left = fuzz_left, room;

	if (!fuzz_in_app(p, 1))
		return;
	room = FUZZ_APP_SIZE - (p - (uintptr_t)fuzz_app);
	fuzz_data = (const uint8_t *)p;
	fuzz_left = room < FUZZ_INLINE_MAX ? room : FUZZ_INLINE_MAX;
	fuzz_nested_ops++;
	fuzz_target->op();
	fuzz_data = data;
	fuzz_left = left;
}

long
__wrap_arch_call_app(void *fn, long a0, long a1)
{
	uintptr_t p = (uintptr_t)fn;
	uint8_t code[4] = { 0 };
	unsigned nested;
	long ret;

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
		fake.level[a0] = false;
	nested = (code[0] >> 2) & 3;
	if (fuzz_depth < FUZZ_MAX_DEPTH) {
		fuzz_depth++;
		for (unsigned i = 0; i < nested && fuzz_more(); i++) {
			fuzz_nested_ops++;
			fuzz_target->op();
		}
		if (code[0] & 0x10)
			fuzz_inline_op(p + sizeof(code));
		fuzz_depth--;
	}
	// A bool in w0 with whatever above it: AAPCS64 leaves the upper
	// bits unspecified, and the runtime must look at the low 8 only.
	ret = (long)((uint64_t)code[1] << 8 | (code[0] & 1));
	if (fuzz_return_hook != NULL)
		fuzz_return_hook(p, a0, ret);
	return ret;
}

noreturn void
__wrap_panic(const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	for (const char *const *ok = fuzz_target->panics; *ok != NULL; ok++) {
		if (strncmp(msg, *ok, strlen(*ok)) == 0)
			__real_panic("%s", msg);
	}
	fuzz_fail("unexpected panic: %s", msg);
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
		ASAN_POISON_MEMORY_REGION(fuzz_arena, FUZZ_FOREIGN);
		ASAN_POISON_MEMORY_REGION(fuzz_app + FUZZ_APP_SIZE,
		                          FUZZ_FOREIGN);
		poisoned = true;
	}
	memset(fuzz_app, 0, FUZZ_APP_SIZE);
	memcpy(fuzz_app + FUZZ_PATHS_OFF, fuzz_paths, sizeof(fuzz_paths));
	fuzz_target = t;
	fuzz_data = data;
	fuzz_left = size;
	fuzz_depth = 0;
	fuzz_wait_rounds = 0;
	fuzz_last_result = 0;
	fuzz_call_hook = NULL;
	fuzz_return_hook = NULL;
	fake_arch_reset();
	fake.wfi_hook = fuzz_wfi;
	fake.stop_jmp = &fuzz_jmp;
	panic_reset_for_test();
	log_init((struct log_ring *)(void *)fuzz_log_ring, FUZZ_LOG_SIZE);
	uaccess_init((uintptr_t)fuzz_app, (uintptr_t)fuzz_app + FUZZ_APP_SIZE);
	t->reset();
	end = setjmp(fuzz_jmp);
	if (end == FUZZ_RUNNING) {
		while (fuzz_more()) {
			// The fake's limits on a wait and a dispatch loop
			// hold for each operation of the main line.
			fake.acks = 0;
			fake.wfis = 0;
			t->op();
		}
	}
	return (enum fuzz_end)end;
}
