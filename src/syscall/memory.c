// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// brk, mmap and friends with Linux's answers, as far as musl's allocators
// and ordinary apps ask. Memory is counted in pages from the first the
// syscalls own: [0, pool) is the pool (the runtime's boot-only pages, once
// boot is done; none in host tests), then a gap that is not ours (the app's
// image), then the heap, [first, pages). [first, brk_end) is the brk area;
// the ranges are mappings, in the pool or in the heap above brk_end, so brk
// can grow exactly up to the lowest mapping of the heap. Anonymous mmap
// takes from the top of the heap first, then from the pool. Memory is
// zeroed when handed out, because nothing can be assumed about what it held
// before (or what the app left in it).

#include <rt/errno.h>
#include <rt/fd_table.h>
#include <rt/mem.h>
#include <rt/string.h>
#ifndef RT_HOST
#include <rt/arch.h>
#include <rt/uaccess.h>
#endif

// Built for size (src/syscall/build.conf); clang's -Os leaves more than
// GCC's, so clang gets minsize too.
#ifdef __clang__
#pragma clang attribute push(__attribute__((minsize)), apply_to = function)
#endif

#define PAGE_MASK (MEM_PAGE_SIZE - 1)

// Linux's TASK_SIZE with 48-bit addresses: its range checks use it.
#define ADDR_LIMIT ((uintptr_t)1 << 48)

#define PROT_KNOWN                                                   \
	(RT_PROT_READ | RT_PROT_WRITE | RT_PROT_EXEC | RT_PROT_SEM | \
	 RT_PROT_BTI)
#define PROT_GROWS (RT_PROT_GROWSDOWN | RT_PROT_GROWSUP)

// Flags that ask nothing an always-present, never-swapped memory cannot
// give. MAP_GROWSDOWN, MAP_HUGETLB and bits Linux would ignore are refused,
// so that an app relying on them finds out.
#define MAP_KNOWN                                                           \
	(RT_MAP_TYPE | RT_MAP_FIXED | RT_MAP_ANONYMOUS | RT_MAP_DENYWRITE | \
	 RT_MAP_EXECUTABLE | RT_MAP_LOCKED | RT_MAP_NORESERVE |             \
	 RT_MAP_POPULATE | RT_MAP_NONBLOCK | RT_MAP_STACK |                 \
	 RT_MAP_FIXED_NOREPLACE)

#define MREMAP_KNOWN (RT_MREMAP_MAYMOVE | RT_MREMAP_FIXED | RT_MREMAP_DONTUNMAP)

// madvise advice Linux takes for private anonymous memory (0-4, 8, 10-25):
// all are hints to a pager we do not have except DONTNEED, which zeroes.
// REMOVE (9) is for shared memory only, HWPOISON needs privileges.
#define MADV_KNOWN                           \
	(UINT64_C(0x1f) | UINT64_C(1) << 8 | \
	 ((UINT64_C(1) << 26) - (UINT64_C(1) << 10)))

static struct {
	uintptr_t base;   // page 0's first byte: the pool's, or the heap's
	uintptr_t heap;   // the heap's first byte and the lowest break
	uintptr_t brk;    // as the app set it, not rounded
	uint32_t pool;    // pages in the pool, [0, pool)
	uint32_t first;   // the heap's first page (0 without a pool)
	uint32_t pages;   // the heap's end
	uint32_t brk_end; // [first, brk_end) is the brk area
	uint32_t n;
	struct mem_range r[RT_MEM_MAX_RANGES];
} mem;

static inline uintptr_t
page_addr(uint32_t pg)
{
	return mem.base + ((uintptr_t)pg << MEM_PAGE_SHIFT);
}

// Rounds up to pages; 0 when that overflows, which every caller refuses.
static inline uintptr_t
round_len(size_t len)
{
	return ((uintptr_t)len + PAGE_MASK) & ~PAGE_MASK;
}

// Returns the pages' address, so that mmap can end in the call (GCC does).
static void *
zero_pages(uint32_t s, uint32_t e)
{
	return memset((void *)page_addr(s), 0,
	              (size_t)(e - s) << MEM_PAGE_SHIFT);
}

// The pages of [addr, addr + size) if it lies inside the heap or inside
// the pool; addr and size are page-aligned.
static bool
heap_span(uintptr_t addr, uintptr_t size, uint32_t *s, uint32_t *e)
{
	uintptr_t off = addr - mem.base;
	uintptr_t all = (uintptr_t)mem.pages << MEM_PAGE_SHIFT;
	uint32_t ps, pe;

	if (addr < mem.base || off > all || size > all - off)
		return false;
	ps = (uint32_t)(off >> MEM_PAGE_SHIFT);
	pe = (uint32_t)((off + size) >> MEM_PAGE_SHIFT);
	// Not across the gap between the pool and the heap: not ours.
	if (pe > mem.pool && ps < mem.first)
		return false;
	*s = ps;
	*e = pe;
	return true;
}

// Moves the ranges from index `from` on to start at index `to`, as
// memmove would. Usually none or a few, so a loop beats a call.
static void
ranges_move(uint32_t to, uint32_t from)
{
	uint32_t n = mem.n - from;

	if (to < from) {
		for (uint32_t k = 0; k < n; k++)
			mem.r[to + k] = mem.r[from + k];
	} else {
		for (uint32_t k = n; k > 0; k--)
			mem.r[to + k - 1] = mem.r[from + k - 1];
	}
}

// The first range that ends at or after pg: the first that a span starting
// at pg can touch.
static uint32_t
range_index(uint32_t pg)
{
	uint32_t i = 0;

	while (i < mem.n && mem.r[i].end < pg)
		i++;
	return i;
}

// range_add's general case.
static RT_COLD long
range_insert(uint32_t s, uint32_t e)
{
	uint32_t i = range_index(s), j = i;

	while (j < mem.n && mem.r[j].start <= e)
		j++;
	if (i == j) {
		if (mem.n == RT_MEM_MAX_RANGES)
			return -ENOMEM;
		ranges_move(i + 1, i);
		mem.n++;
		mem.r[i] = (struct mem_range){ s, e };
		return 0;
	}
	if (mem.r[i].start < s)
		s = mem.r[i].start;
	if (mem.r[j - 1].end > e)
		e = mem.r[j - 1].end;
	mem.r[i] = (struct mem_range){ s, e };
	ranges_move(i + 1, j);
	mem.n -= j - i - 1;
	return 0;
}

// Maps [s, e), merging every range it overlaps or touches into one. Needs
// a new slot only when it touches none; if the table is full then, nothing
// changes. What anonymous mmap asks first (the heap's top, above every
// range) is done here without a frame.
static long
range_add(uint32_t s, uint32_t e)
{
	uint32_t n = mem.n;

	if (n < RT_MEM_MAX_RANGES && (n == 0 || mem.r[n - 1].end < s)) {
		mem.r[n] = (struct mem_range){ s, e };
		mem.n = n + 1;
		return 0;
	}
	return range_insert(s, e);
}

// range_remove's general case.
static RT_COLD long
range_cut(uint32_t s, uint32_t e)
{
	uint32_t i = range_index(s + 1), j;

	if (s >= e || i == mem.n || mem.r[i].start >= e)
		return 0;
	if (mem.r[i].start < s && mem.r[i].end > e) {
		if (mem.n == RT_MEM_MAX_RANGES)
			return -ENOMEM;
		ranges_move(i + 1, i);
		mem.n++;
		mem.r[i].end = s;
		mem.r[i + 1].start = e;
		return 0;
	}
	if (mem.r[i].start < s) {
		mem.r[i].end = s;
		i++;
	}
	for (j = i; j < mem.n && mem.r[j].end <= e; j++)
		;
	if (j < mem.n && mem.r[j].start < e)
		mem.r[j].start = e;
	ranges_move(i, j);
	mem.n -= j - i;
	return 0;
}

// Unmaps [s, e). Needs a new slot only to split a range in two; if the
// table is full then, nothing changes. The top range as a whole (the last
// mmap's, when no other mapping touches it) is done here without a frame.
static long
range_remove(uint32_t s, uint32_t e)
{
	uint32_t n = mem.n;

	if (n > 0 && mem.r[n - 1].start == s && mem.r[n - 1].end == e) {
		mem.n = n - 1;
		return 0;
	}
	return range_cut(s, e);
}

// True if [s, e) lies in the pool or in the heap above the brk area, and
// is not mapped.
static bool
pages_free(uint32_t s, uint32_t e)
{
	uint32_t i;

	if (e > mem.pool && (s < mem.brk_end || e > mem.pages))
		return false;
	i = range_index(s + 1);
	return i == mem.n || mem.r[i].start >= e;
}

// True if [s, e) lies inside one mapping (ranges are merged, so one range
// is one mapping as far as the app can tell).
static bool
pages_in_range(uint32_t s, uint32_t e)
{
	uint32_t i = range_index(s + 1);

	return i < mem.n && mem.r[i].start <= s && mem.r[i].end >= e;
}

// True if every page of [s, e) is brk area or mapped.
static bool
pages_mapped(uint32_t s, uint32_t e)
{
	if (s >= mem.first && s < mem.brk_end)
		s = mem.brk_end;
	return s >= e || pages_in_range(s, e);
}

// The first page of the highest free run of n pages, or PAGES_NONE:
// mappings come down from the heap's top, so they stay out of brk's way
// as long as they can, and only then from the pool's.
#define PAGES_NONE UINT32_MAX

static uint32_t
pages_find(uint32_t n)
{
	uint32_t top = mem.pages, i = mem.n;

	while (i > 0 && mem.r[i - 1].start >= mem.first) {
		i--;
		if (top - mem.r[i].end >= n)
			return top - n;
		top = mem.r[i].start;
	}
	if (top - mem.brk_end >= n)
		return top - n;
	top = mem.pool;
	while (i > 0) {
		i--;
		if (top - mem.r[i].end >= n)
			return top - n;
		top = mem.r[i].start;
	}
	return top >= n ? top - n : PAGES_NONE;
}

// MAP_FIXED: whatever was at [s, e) is replaced. Pages inside the brk area
// stay brk's (mallocng puts a PROT_NONE guard page there, and Linux would
// unmap it again when brk shrinks below it); the rest becomes a mapping.
static long
map_fixed(uint32_t s, uint32_t e)
{
	if (s >= mem.first && s < mem.brk_end)
		s = mem.brk_end;
	return s < e ? range_add(s, e) : 0;
}

void
mem_init_pool(uintptr_t heap_start, uintptr_t heap_end, uintptr_t pool_start,
              uintptr_t pool_end)
{
	uintptr_t start = RT_ALIGN_UP(heap_start, MEM_PAGE_SIZE);
	uintptr_t end = RT_ALIGN_DOWN(heap_end, MEM_PAGE_SIZE);
	uintptr_t ps = RT_ALIGN_UP(pool_start, MEM_PAGE_SIZE);
	uintptr_t pe = RT_ALIGN_DOWN(pool_end, MEM_PAGE_SIZE);
	uintptr_t pages = end > start ? (end - start) >> MEM_PAGE_SHIFT : 0;

	// A pool only below the heap, with a gap between: its mappings and
	// the heap's then never touch (and the page numbers stay small).
	if (ps >= pe || pe >= start ||
	    (start - ps) >> MEM_PAGE_SHIFT > UINT32_MAX / 2)
		ps = pe = start;
	mem.base = ps;
	mem.pool = (uint32_t)((pe - ps) >> MEM_PAGE_SHIFT);
	mem.first = (uint32_t)((start - ps) >> MEM_PAGE_SHIFT);
	if (pages > UINT32_MAX - mem.first)
		pages = UINT32_MAX - mem.first;
	mem.pages = mem.first + (uint32_t)pages;
	mem.heap = start;
	mem.brk = start;
	mem.brk_end = mem.first;
	mem.n = 0;
}

void
mem_init(uintptr_t heap_start, uintptr_t heap_end)
{
#ifndef RT_HOST
	uintptr_t s = (uintptr_t)__runtime_init_start;
	uintptr_t e = (uintptr_t)__runtime_end;

	// Once the app runs, nothing runs or reads the runtime's boot-only
	// segment again (runtime.lds), so its pages join the pool: app memory
	// for uaccess, mapped after the heap is full. Boot still runs there
	// now, but nothing can map them before the app's first syscall. Not
	// where the identity map keeps them read-only, though.
	if (arch_boot_segment_reusable() &&
	    uaccess_add(s, e, UACCESS_RW) == 0) {
		mem_init_pool(heap_start, heap_end, s, e);
		return;
	}
#endif
	mem_init_pool(heap_start, heap_end, 0, 0);
}

// Out of line and called last, so that sys_brk needs no stack frame on
// its common paths (brk(0) is a query musl makes often). Returning the
// break read anew keeps compilers from undoing the tail call.
static __attribute__((noinline)) long
brk_zero(uintptr_t from, uintptr_t to)
{
	memset((void *)from, 0, to - from);
	return (long)mem.brk;
}

long
sys_brk(unsigned long addr)
{
	uintptr_t off = addr - mem.heap, old = mem.brk;
	uint32_t end, limit, i;

	// Linux answers every failure, and brk(0), with the current break.
	if (addr < mem.heap || off > (uintptr_t)(mem.pages - mem.first)
	                                 << MEM_PAGE_SHIFT)
		return (long)old;
	end = mem.first + (uint32_t)(round_len(off) >> MEM_PAGE_SHIFT);
	// The heap's lowest mapping (the pool's come first in the table).
	for (i = 0; i < mem.n && mem.r[i].start < mem.first; i++)
		;
	limit = i < mem.n ? mem.r[i].start : mem.pages;
	if (end > limit)
		return (long)old;
	mem.brk = addr;
	mem.brk_end = end;
	return addr > old ? brk_zero(old, addr) : (long)addr;
}

// Maps [s, e) and hands it out zeroed.
static long
mmap_pages(uint32_t s, uint32_t e)
{
	long err = range_add(s, e);

	if (err != 0)
		return err;
	return (long)zero_pages(s, e);
}

// mmap with an address: MAP_FIXED (NOREPLACE), or a hint. Out of line, so
// that the common case keeps no locals in memory.
static RT_COLD long
mmap_placed(uintptr_t a, uintptr_t size, int flags)
{
	uint32_t s, e;

	if (flags & (RT_MAP_FIXED | RT_MAP_FIXED_NOREPLACE)) {
		long err;

		if ((a & PAGE_MASK) != 0)
			return -EINVAL;
		// Outside the heap there is no memory to give.
		if (!heap_span(a, size, &s, &e))
			return -ENOMEM;
		if (!(flags & RT_MAP_FIXED_NOREPLACE))
			err = map_fixed(s, e);
		else if (pages_free(s, e))
			err = range_add(s, e);
		else
			err = -EEXIST;
		if (err != 0)
			return err;
		zero_pages(s, e);
		return (long)page_addr(s);
	}
	// Linux takes a hint, rounded up to a page, if the place is free,
	// and looks elsewhere if not.
	if (!heap_span(RT_ALIGN_UP(a, MEM_PAGE_SIZE), size, &s, &e) ||
	    !pages_free(s, e)) {
		s = pages_find((uint32_t)(size >> MEM_PAGE_SHIFT));
		if (s == PAGES_NONE)
			return -ENOMEM;
		e = s + (uint32_t)(size >> MEM_PAGE_SHIFT);
	}
	return mmap_pages(s, e);
}

long
sys_mmap(void *addr, size_t len, int prot, int flags, int fd, long offset)
{
	uintptr_t a = (uintptr_t)addr, size = round_len(len);
	uint32_t s;
	int type;

	if ((offset & (long)PAGE_MASK) != 0)
		return -EINVAL;
	// Only /dev nodes can be opened, and none of them can be mapped;
	// Linux checks the fd first.
	if (!(flags & RT_MAP_ANONYMOUS))
		return fd_get(fd) == NULL ? -EBADF : -ENODEV;
	// Linux ignores fd (and offset) for anonymous memory. A shared
	// mapping differs from a private one only across fork, which there
	// is none of.
	// (MAP_SHARED_VALIDATE is for files only: Linux refuses it here.)
	type = flags & RT_MAP_TYPE;
	if (len == 0 || (type != RT_MAP_PRIVATE && type != RT_MAP_SHARED) ||
	    (flags & ~MAP_KNOWN) != 0 || (prot & ~PROT_KNOWN) != 0)
		return -EINVAL;
	if (size == 0 || size > (uintptr_t)mem.pages << MEM_PAGE_SHIFT)
		return -ENOMEM;
	if (a != 0 || (flags & (RT_MAP_FIXED | RT_MAP_FIXED_NOREPLACE)))
		return mmap_placed(a, size, flags);
	s = pages_find((uint32_t)(size >> MEM_PAGE_SHIFT));
	if (s == PAGES_NONE)
		return -ENOMEM;
	return mmap_pages(s, s + (uint32_t)(size >> MEM_PAGE_SHIFT));
}

// The heap's pages within [a, end) (page-aligned, a < end), as a range
// (empty when none are). Inlined, so that munmap needs no frame.
static inline __attribute__((always_inline)) struct mem_range
heap_pages(uintptr_t a, uintptr_t end)
{
	uintptr_t heap_end = page_addr(mem.pages);

	if (end <= mem.base || a >= heap_end)
		return (struct mem_range){ 0, 0 };
	return (struct mem_range){
		a > mem.base ? (uint32_t)((a - mem.base) >> MEM_PAGE_SHIFT) : 0,
		end < heap_end ? (uint32_t)((end - mem.base) >> MEM_PAGE_SHIFT)
		               : mem.pages,
	};
}

// The same, and false if that leaves some of [a, end) out.
static bool
heap_clip(uintptr_t a, uintptr_t end, uint32_t *s, uint32_t *e)
{
	struct mem_range r = heap_pages(a, end);

	*s = r.start;
	*e = r.end;
	return a >= mem.base && end <= page_addr(mem.pages);
}

long
sys_munmap(void *addr, size_t len)
{
	uintptr_t a = (uintptr_t)addr;
	struct mem_range r;

	if ((a & PAGE_MASK) != 0 || len == 0 || a > ADDR_LIMIT ||
	    len > ADDR_LIMIT - a)
		return -EINVAL;
	// Unmapping what is not mapped succeeds, and only the heap has
	// mappings; the brk area holds no ranges, so it is left alone.
	r = heap_pages(a, a + round_len(len));
	return range_remove(r.start, r.end);
}

// Moves the mapping [s, e) to [ns, ne), which is free or MREMAP_FIXED's
// target, copying what fits and zeroing the rest.
static long
mremap_move(uint32_t s, uint32_t e, uint32_t ns, uint32_t ne)
{
	uint32_t keep = e - s < ne - ns ? e - s : ne - ns;
	long err;

	err = range_remove(s, e);
	if (err != 0)
		return err;
	err = map_fixed(ns, ne);
	if (err != 0) {
		// Cannot fail: [s, e) touches what is left of its range, or
		// its removal freed the slot it needs.
		range_add(s, e);
		return err;
	}
	memmove((void *)page_addr(ns), (void *)page_addr(s),
	        (size_t)keep << MEM_PAGE_SHIFT);
	zero_pages(ns + keep, ne);
	return (long)page_addr(ns);
}

RT_COLD long
sys_mremap(void *old_addr, size_t old_len, size_t new_len, int flags,
           void *new_addr)
{
	uintptr_t a = (uintptr_t)old_addr, t = (uintptr_t)new_addr;
	uintptr_t old_size = round_len(old_len), new_size = round_len(new_len);
	uint32_t s, e, n, ns, ne;

	if ((flags & ~MREMAP_KNOWN) != 0 ||
	    ((flags & RT_MREMAP_FIXED) && !(flags & RT_MREMAP_MAYMOVE)))
		return -EINVAL;
	// Keeping the old range mapped serves userfaultfd-style tricks that
	// have no use without an MMU.
	if (flags & RT_MREMAP_DONTUNMAP)
		return -EINVAL;
	// An old_len of 0 duplicates a shared mapping; there are only
	// private ones.
	if ((a & PAGE_MASK) != 0 || new_size == 0 || old_size == 0)
		return -EINVAL;
	if (!heap_span(a, old_size, &s, &e) || !pages_in_range(s, e))
		return -EFAULT;
	if (flags & RT_MREMAP_FIXED) {
		if ((t & PAGE_MASK) != 0 || t > ADDR_LIMIT ||
		    new_size > ADDR_LIMIT - t ||
		    (t < a + old_size && a < t + new_size))
			return -EINVAL;
		if (!heap_span(t, new_size, &ns, &ne))
			return -ENOMEM;
		return mremap_move(s, e, ns, ne);
	}
	if (new_size <= old_size) {
		long err =
		    range_remove(s + (uint32_t)(new_size >> MEM_PAGE_SHIFT), e);

		return err != 0 ? err : (long)a;
	}
	if (new_size > (uintptr_t)mem.pages << MEM_PAGE_SHIFT)
		return -ENOMEM;
	n = (uint32_t)(new_size >> MEM_PAGE_SHIFT);
	if ((uint64_t)s + n <= mem.pages && pages_free(e, s + n)) {
		// Touches [s, e)'s range, so it cannot need a slot.
		range_add(e, s + n);
		zero_pages(e, s + n);
		return (long)a;
	}
	if (!(flags & RT_MREMAP_MAYMOVE))
		return -ENOMEM;
	ns = pages_find(n);
	if (ns == PAGES_NONE)
		return -ENOMEM;
	return mremap_move(s, e, ns, ns + n);
}

// Linux applies advice to the mapped parts before it reports the holes.
static void
zero_mapped(uint32_t s, uint32_t e)
{
	uint32_t i;

	if (s < mem.brk_end && e > mem.first)
		zero_pages(s > mem.first ? s : mem.first,
		           e < mem.brk_end ? e : mem.brk_end);
	for (i = range_index(s + 1); i < mem.n && mem.r[i].start < e; i++)
		zero_pages(mem.r[i].start > s ? mem.r[i].start : s,
		           mem.r[i].end < e ? mem.r[i].end : e);
}

RT_COLD long
sys_madvise(void *addr, size_t len, int advice)
{
	uintptr_t a = (uintptr_t)addr, size = round_len(len);
	uint32_t s, e;
	bool inside;

	if (advice < 0 || advice > 63 || !((MADV_KNOWN >> advice) & 1))
		return -EINVAL;
	if ((a & PAGE_MASK) != 0 || (len != 0 && size == 0) || a + size < a)
		return -EINVAL;
	if (size == 0)
		return 0;
	// Outside the heap nothing is mapped as far as this file knows.
	inside = heap_clip(a, a + size, &s, &e);
	// MADV_FREE may keep the contents, so it is left alone like the
	// hints; anonymous memory reads back as zero after DONTNEED.
	if (advice == RT_MADV_DONTNEED || advice == RT_MADV_DONTNEED_LOCKED)
		zero_mapped(s, e);
	return inside && pages_mapped(s, e) ? 0 : -ENOMEM;
}

RT_COLD long
sys_mprotect(void *addr, size_t len, int prot)
{
	uintptr_t a = (uintptr_t)addr, size = round_len(len);
	uint32_t s, e;

	// Linux's order of checks, so that the same call fails the same way.
	if ((prot & PROT_GROWS) == PROT_GROWS || (a & PAGE_MASK) != 0)
		return -EINVAL;
	if (len == 0)
		return 0;
	if (size == 0 || a + size <= a)
		return -ENOMEM;
	if ((prot & ~(PROT_KNOWN | PROT_GROWS)) != 0)
		return -EINVAL;
	if (!heap_span(a, size, &s, &e) || !pages_mapped(s, e))
		return -ENOMEM;
	// No mapping here grows down or up. Without an MMU nothing is
	// enforced either, so there is nothing to record.
	return (prot & PROT_GROWS) != 0 ? -EINVAL : 0;
}

unsigned int
mem_ranges(const struct mem_range **ranges)
{
	*ranges = mem.r;
	return mem.n;
}

bool
mem_consistent(void)
{
	uint32_t i, floor = 0;

	if (mem.brk < mem.heap || mem.n > RT_MEM_MAX_RANGES ||
	    mem.brk_end > mem.pages || mem.first > mem.brk_end ||
	    (mem.pool != 0 && mem.pool >= mem.first) ||
	    round_len(mem.brk - mem.heap) >> MEM_PAGE_SHIFT !=
	        mem.brk_end - mem.first)
		return false;
	for (i = 0; i < mem.n; i++) {
		const struct mem_range *r = &mem.r[i];

		// Sorted, not empty, merged, in the pool or in the heap above
		// brk.
		if (r->start < floor || r->end <= r->start ||
		    (i > 0 && r->start == floor) ||
		    !(r->end <= mem.pool ||
		      (r->start >= mem.brk_end && r->end <= mem.pages)))
			return false;
		floor = r->end;
	}
	return true;
}

#ifdef __clang__
#pragma clang attribute pop
#endif
