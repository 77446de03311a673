// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// libFuzzer target: random sequences of brk, mmap, munmap, mremap, madvise
// and mprotect, checked after every call against a model that keeps one
// state per page. The model knows nothing of ranges or of where mmap
// places things; it checks what any correct placement must satisfy: a
// result lies in the heap, was free, is zeroed, brk and mappings never
// overlap, -ENOMEM only when no free run fits (or the range table is full),
// and the contents of everything mapped survive every call that does not
// touch them. Build with a small RT_MEM_MAX_RANGES to reach the full table.

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdnoreturn.h>
#include <string.h>

#include <rt/errno.h>
#include <rt/mem.h>

#define PAGES 48
#define P     ((uintptr_t)MEM_PAGE_SIZE)
#define RW    (RT_PROT_READ | RT_PROT_WRITE)
#define ANON  (RT_MAP_PRIVATE | RT_MAP_ANONYMOUS)

enum page_state { FREE, BRK, MAPPED };

static unsigned char *heap;
static uintptr_t base;

static struct {
	enum page_state state[PAGES];
	// What the first and last byte of each page should hold; -1 when
	// nothing is known (brk hands out its last page only in part).
	int first[PAGES], last[PAGES];
	uintptr_t brk;
	unsigned brk_pages;
	unsigned char tag;
} model;

#define CHECK(x)                                    \
	do {                                        \
		if (!(x))                           \
			check_failed(__LINE__, #x); \
	} while (0)

static noreturn void check_failed(int line, const char *what);

static noreturn void
check_failed(int line, const char *what)
{
	fprintf(stderr, "fuzz_memory.c:%d: %s\n", line, what);
	abort();
}

static bool
all_zero(uintptr_t addr, uintptr_t len)
{
	static const unsigned char zero[MEM_PAGE_SIZE];

	for (uintptr_t done = 0; done < len; done += P) {
		uintptr_t n = len - done < P ? len - done : P;

		if (memcmp((const void *)(addr + done), zero, n) != 0)
			return false;
	}
	return true;
}

static uintptr_t
addr_of(unsigned pg)
{
	return base + pg * P;
}

static bool
is_mapped(unsigned pg)
{
	return model.state[pg] != FREE;
}

// A byte the model tracks is zeroed (by brk growth, a new mapping,
// DONTNEED): remember that.
static void
model_zeroed(uintptr_t from, uintptr_t to)
{
	for (unsigned pg = 0; pg < PAGES; pg++) {
		if (addr_of(pg) >= from && addr_of(pg) < to)
			model.first[pg] = 0;
		if (addr_of(pg) + P - 1 >= from && addr_of(pg) + P - 1 < to)
			model.last[pg] = 0;
	}
}

static unsigned
lowest_mapped(void)
{
	unsigned pg = 0;

	while (pg < PAGES && model.state[pg] != MAPPED)
		pg++;
	return pg;
}

// True if n free pages in a row exist above the brk area.
static bool
model_fits(unsigned n)
{
	unsigned run = 0;

	for (unsigned pg = model.brk_pages; pg < PAGES; pg++) {
		run = model.state[pg] == FREE ? run + 1 : 0;
		if (run >= n)
			return true;
	}
	return false;
}

static unsigned
range_count(void)
{
	const struct mem_range *r;

	return mem_ranges(&r);
}

// The implementation's ranges must be exactly the model's runs of MAPPED
// pages, the break must agree, and tracked bytes must hold what they did.
static void
check_all(void)
{
	const struct mem_range *r;
	unsigned n = mem_ranges(&r), i = 0, pg = 0;

	CHECK(mem_consistent());
	CHECK((uintptr_t)sys_brk(0) == model.brk);
	while (pg < PAGES) {
		if (model.state[pg] != MAPPED) {
			pg++;
			continue;
		}
		CHECK(i < n && r[i].start == pg);
		while (pg < PAGES && model.state[pg] == MAPPED)
			pg++;
		CHECK(r[i].end == pg);
		i++;
	}
	CHECK(i == n);
	for (pg = 0; pg < PAGES; pg++) {
		if (pg < model.brk_pages)
			CHECK(model.state[pg] == BRK);
		else
			CHECK(model.state[pg] != BRK);
		if (!is_mapped(pg))
			continue;
		CHECK(model.first[pg] < 0 || heap[pg * P] == model.first[pg]);
		CHECK(model.last[pg] < 0 ||
		      heap[pg * P + P - 1] == model.last[pg]);
	}
}

// New contents for every mapped page, so that a later copy or overlap
// shows up as a wrong tag.
static void
retag(void)
{
	model.tag = model.tag == 0xff ? 1 : model.tag + 1;
	for (unsigned pg = 0; pg < PAGES; pg++) {
		if (!is_mapped(pg))
			continue;
		heap[pg * P] = model.first[pg] = model.tag;
		heap[pg * P + P - 1] = model.last[pg] = model.tag ^ 0x80;
	}
}

static void
do_brk(uint8_t a, uint8_t b)
{
	uintptr_t want = a == 0 ? 0 : base + (a % (PAGES + 3)) * P + b * 16;
	uintptr_t got = (uintptr_t)sys_brk(want);
	unsigned pages;

	if (want < base || want > base + PAGES * P) {
		CHECK(got == model.brk);
		return;
	}
	pages = (unsigned)((want - base + P - 1) / P);
	if (pages > lowest_mapped()) {
		CHECK(got == model.brk);
		return;
	}
	CHECK(got == want);
	for (unsigned pg = model.brk_pages; pg < pages; pg++)
		model.first[pg] = model.last[pg] = -1;
	if (want > model.brk) {
		CHECK(all_zero(model.brk, want - model.brk));
		model_zeroed(model.brk, want);
	}
	for (unsigned pg = 0; pg < PAGES; pg++) {
		if (pg < pages)
			model.state[pg] = BRK;
		else if (model.state[pg] == BRK)
			model.state[pg] = FREE;
	}
	model.brk = want;
	model.brk_pages = pages;
}

// After a successful mapping of [s, e): zero, and now the model's.
static void
mapped_new(unsigned s, unsigned e)
{
	CHECK(all_zero(addr_of(s), (e - s) * P));
	model_zeroed(addr_of(s), addr_of(e));
	for (unsigned pg = s; pg < e; pg++) {
		if (model.state[pg] != BRK)
			model.state[pg] = MAPPED;
	}
}

static void
do_mmap(uint8_t a, uint8_t b, uint8_t c)
{
	unsigned n = (b & 0x80) ? a % PAGES + 1 : a % 6 + 1;
	uintptr_t hint = (c & 1) ? addr_of(b % PAGES) + (c & 2) * 61 : 0;
	unsigned before = range_count();
	long got = sys_mmap((void *)hint, n * P, RW, ANON, -1, 0);
	unsigned s;

	if (got == -ENOMEM) {
		CHECK(!model_fits(n) || before == RT_MEM_MAX_RANGES);
		return;
	}
	CHECK(got > 0 && ((uintptr_t)got - base) % P == 0);
	CHECK((uintptr_t)got >= base &&
	      (uintptr_t)got + n * P <= base + PAGES * P);
	s = (unsigned)(((uintptr_t)got - base) / P);
	for (unsigned pg = s; pg < s + n; pg++)
		CHECK(model.state[pg] == FREE);
	mapped_new(s, s + n);
}

static void
do_mmap_fixed(uint8_t a, uint8_t b, uint8_t c)
{
	unsigned s = a % (PAGES + 2), n = b % 8 + 1;
	bool noreplace = c & 1;
	unsigned before = range_count();
	long got = sys_mmap(
	    (void *)addr_of(s), n * P, (c & 2) ? 0 : RW,
	    ANON | (noreplace ? RT_MAP_FIXED_NOREPLACE : RT_MAP_FIXED), -1, 0);

	if (s + n > PAGES) {
		CHECK(got == -ENOMEM);
		return;
	}
	if (noreplace) {
		bool busy = false;

		for (unsigned pg = s; pg < s + n; pg++)
			busy |= is_mapped(pg);
		if (busy) {
			CHECK(got == -EEXIST);
			return;
		}
	}
	if (got == -ENOMEM) {
		CHECK(before == RT_MEM_MAX_RANGES);
		return;
	}
	CHECK((uintptr_t)got == addr_of(s));
	mapped_new(s, s + n);
}

static void
do_munmap(uint8_t a, uint8_t b)
{
	int s = (int)(a % (PAGES + 4)) - 2;
	unsigned n = b % 12 + 1;
	unsigned before = range_count();
	long got = sys_munmap((void *)(base + (intptr_t)s * (intptr_t)P),
	                      n * P - (b & 0x80 ? 100 : 0));

	if (got == -ENOMEM) {
		CHECK(before == RT_MEM_MAX_RANGES);
		return;
	}
	CHECK(got == 0);
	for (int pg = s; pg < s + (int)n; pg++) {
		if (pg >= 0 && pg < PAGES && model.state[pg] == MAPPED)
			model.state[pg] = FREE;
	}
}

// True if [s, e) is inside one run of MAPPED pages.
static bool
one_mapping(unsigned s, unsigned e)
{
	if (e > PAGES)
		return false;
	for (unsigned pg = s; pg < e; pg++) {
		if (model.state[pg] != MAPPED)
			return false;
	}
	return true;
}

// The model's side of a move of [s, s + old_n) to [t, t + new_n): what fits
// is copied, the rest reads zero; pages of the brk area stay brk's.
static void
model_move(unsigned s, unsigned old_n, unsigned t, unsigned new_n)
{
	unsigned keep = old_n < new_n ? old_n : new_n;
	int first[PAGES], last[PAGES];

	memcpy(first, model.first, sizeof(first));
	memcpy(last, model.last, sizeof(last));
	for (unsigned pg = s; pg < s + old_n; pg++)
		model.state[pg] = FREE;
	for (unsigned i = 0; i < new_n; i++) {
		if (model.state[t + i] != BRK)
			model.state[t + i] = MAPPED;
		model.first[t + i] = i < keep ? first[s + i] : 0;
		model.last[t + i] = i < keep ? last[s + i] : 0;
	}
	CHECK(all_zero(addr_of(t + keep), (new_n - keep) * P));
}

static void
do_mremap(uint8_t op, uint8_t a, uint8_t b, uint8_t c)
{
	unsigned s = a % PAGES, old_n = b % 6 + 1, new_n = c % 10 + 1;
	int flags = (c & 0x80) ? RT_MREMAP_MAYMOVE : 0;
	unsigned fixed_to = (op >> 3) * 3 % (PAGES + 4);
	unsigned before = range_count(), t;
	long got;

	if ((c & 0xc0) == 0xc0)
		flags |= RT_MREMAP_FIXED;
	got = sys_mremap((void *)addr_of(s), old_n * P, new_n * P, flags,
	                 (void *)addr_of(fixed_to));
	if (!one_mapping(s, s + old_n)) {
		CHECK(got == -EFAULT);
		return;
	}
	if (flags & RT_MREMAP_FIXED) {
		if (fixed_to < s + old_n && s < fixed_to + new_n)
			CHECK(got == -EINVAL);
		else if (fixed_to + new_n > PAGES)
			CHECK(got == -ENOMEM);
		else if (got == -ENOMEM)
			CHECK(before >= RT_MEM_MAX_RANGES - 1);
		else {
			CHECK((uintptr_t)got == addr_of(fixed_to));
			model_move(s, old_n, fixed_to, new_n);
		}
		return;
	}
	if (new_n <= old_n) {
		if (got == -ENOMEM) {
			CHECK(before == RT_MEM_MAX_RANGES);
			return;
		}
		CHECK((uintptr_t)got == addr_of(s));
		for (unsigned pg = s + new_n; pg < s + old_n; pg++)
			model.state[pg] = FREE;
		return;
	}
	if (got == -ENOMEM) {
		bool in_place = s + new_n <= PAGES;

		for (unsigned pg = s + old_n; in_place && pg < s + new_n; pg++)
			in_place = model.state[pg] == FREE;
		CHECK(!in_place);
		// Moving may need a slot to split the old range and one for
		// the new place.
		CHECK(!flags || !model_fits(new_n) ||
		      before >= RT_MEM_MAX_RANGES - 1);
		return;
	}
	CHECK(got > 0 && ((uintptr_t)got - base) % P == 0);
	t = (unsigned)(((uintptr_t)got - base) / P);
	CHECK(t + new_n <= PAGES);
	if (t == s) {
		for (unsigned pg = s + old_n; pg < s + new_n; pg++)
			CHECK(model.state[pg] == FREE);
		mapped_new(s + old_n, s + new_n);
		return;
	}
	CHECK(flags & RT_MREMAP_MAYMOVE);
	for (unsigned pg = t; pg < t + new_n; pg++)
		CHECK(model.state[pg] == FREE);
	model_move(s, old_n, t, new_n);
}

static void
do_madvise(uint8_t a, uint8_t b, uint8_t c)
{
	unsigned s = a % PAGES, n = b % 8 + 1;
	int advice = (c & 1) ? RT_MADV_DONTNEED : RT_MADV_FREE;
	bool holes = s + n > PAGES;
	long got = sys_madvise((void *)addr_of(s), n * P, advice);

	for (unsigned pg = s; pg < s + n && pg < PAGES; pg++) {
		if (!is_mapped(pg)) {
			holes = true;
		} else if (advice == RT_MADV_DONTNEED) {
			CHECK(all_zero(addr_of(pg), P));
			model.first[pg] = model.last[pg] = 0;
		}
	}
	CHECK(got == (holes ? -ENOMEM : 0));
}

static void
do_mprotect(uint8_t a, uint8_t b)
{
	unsigned s = a % PAGES, n = b % 8 + 1;
	bool holes = s + n > PAGES;
	long got = sys_mprotect((void *)addr_of(s), n * P, RT_PROT_READ);

	for (unsigned pg = s; pg < s + n && pg < PAGES; pg++)
		holes |= !is_mapped(pg);
	CHECK(got == (holes ? -ENOMEM : 0));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (heap == NULL) {
		heap = aligned_alloc(P, PAGES * P);
		base = (uintptr_t)heap;
	}
	memset(heap, 0xa5, PAGES * P);
	memset(&model, 0, sizeof(model));
	mem_init(base, base + PAGES * P);
	model.brk = base;
	for (; size >= 4; data += 4, size -= 4) {
		switch (data[0] % 8) {
		case 0:
			do_brk(data[1], data[2]);
			break;
		case 1:
		case 2:
			do_mmap(data[1], data[2], data[3]);
			break;
		case 3:
			do_mmap_fixed(data[1], data[2], data[3]);
			break;
		case 4:
			do_munmap(data[1], data[2]);
			break;
		case 5:
			do_mremap(data[0], data[1], data[2], data[3]);
			break;
		case 6:
			do_madvise(data[1], data[2], data[3]);
			break;
		default:
			do_mprotect(data[1], data[2]);
			break;
		}
		check_all();
		retag();
	}
	return 0;
}
