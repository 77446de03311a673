// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The runtime's copy and fill for Normal memory (src/lib/aarch64/
// string_normal.S), through the syscalls that use them, on both sides of
// every size where they change method (8, 16, 32, 64 bytes, the 256-byte
// start of DC ZVA, whole 64-byte blocks): writes of 0 to 300 bytes from
// every source alignment land in the log ring (moved into this app's
// memory) byte for byte, with nothing around them changed, and brk zeroes
// exactly the bytes it adds.

#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <rt_tty.h>

#include "perf_util.h"

#define RING_TOTAL 520u // a 512-byte ring: most writes wrap sometime
#define RING_SIZE  (RING_TOTAL - TTY_LOG_HEADER_SIZE)
#define MAX_WRITE  300u
#define ALIGNS     16u
#define GUARD      64u
#define PATTERN    0xa5

struct ring {
	uint32_t write_idx;
	uint32_t size;
	char buf[RING_SIZE];
};

static _Alignas(8) struct ring ring, model;
static char src[MAX_WRITE + ALIGNS];

// What the runtime's log_write does to a ring (rt/log.h), done here.
static void
model_write(const char *s, size_t n)
{
	size_t w = model.write_idx;

	for (size_t i = 0; i < n; i++) {
		model.buf[w] = s[i];
		w = (w + 1) % RING_SIZE;
	}
	model.buf[w] = '\0';
	model.write_idx = (uint32_t)w;
}

static void
test_ring(void)
{
	struct tty_setbuf_req req = { .buf = (uintptr_t)&ring,
		                      .size = RING_TOTAL };
	unsigned writes = 0, bad = 0, first_n = 0, first_off = 0;

	for (unsigned i = 0; i < sizeof(src); i++)
		src[i] = (char)(1 + (i * 7) % 251);
	if (!perf_check(ioctl(1, TIOCSETBUF, &req) == 0,
	                "the log ring moves into a 512-byte ring of the app"))
		return;
	perf_quiet = true;
	model = ring;
	for (unsigned n = 0; n <= MAX_WRITE; n++) {
		for (unsigned off = 0; off < ALIGNS; off++) {
			if (write(1, src + off, n) != (ssize_t)n)
				bad++;
			model_write(src + off, n);
			if (memcmp(&ring, &model, sizeof(ring)) != 0) {
				if (bad++ == 0) {
					first_n = n;
					first_off = off;
				}
				model = ring;
			}
			writes++;
		}
	}
	perf_quiet = false;
	perf_check(bad == 0,
	           "%u writes of 0..%u bytes from %u alignments land in the "
	           "ring exactly (%u wrong, first %u bytes at +%u)",
	           writes, MAX_WRITE, ALIGNS, bad, first_n, first_off);
}

// Text that lies in the ring itself reaches the console as it was, and
// the ring ends with it, whether it starts just before the next byte or
// at the ring's own header.
static void
test_from_ring(void)
{
	static char before[RING_TOTAL], got[RING_TOTAL];
	static const unsigned starts[] = { 1, 40, 200, 511 };
	unsigned bad = 0;

	for (unsigned i = 0; i < sizeof(starts) / sizeof(starts[0]); i++) {
		unsigned back = starts[i], n = back < 40 ? back : 40;
		uint32_t w = ring.write_idx;
		const char *p = ring.buf + (w + RING_SIZE - back) % RING_SIZE;

		// Whole, not wrapping at the ring's end: a plain range.
		if (p + n > ring.buf + RING_SIZE)
			p = ring.buf;
		memcpy(before, p, n);
		perf_captured = 0;
		perf_capture_size = sizeof(got);
		perf_capture = got;
		if (write(1, p, n) != (ssize_t)n)
			bad++;
		perf_capture = NULL;
		w = ring.write_idx;
		if (perf_captured != n || memcmp(got, before, n) != 0)
			bad++;
		for (unsigned k = 0; k < n; k++)
			if (ring.buf[(w + RING_SIZE - n + k) % RING_SIZE] !=
			    before[k])
				bad++;
	}
	// The header too: the console gets the bytes as they were.
	memcpy(before, &ring, 16);
	perf_captured = 0;
	perf_capture = got;
	write(1, &ring, 16);
	perf_capture = NULL;
	if (perf_captured != 16 || memcmp(got, before, 16) != 0)
		bad++;
	perf_check(bad == 0,
	           "text from the ring itself reaches the console as it was "
	           "and ends the ring (%u wrong)",
	           bad);
}

static uintptr_t
brk_to(uintptr_t addr)
{
	return (uintptr_t)syscall(SYS_brk, addr);
}

// Lengths around every change of method, and some whole pages.
static const unsigned fill_lengths[] = {
	0,   1,   2,   3,   4,   5,   7,   8,   9,    15,   16,   17,
	31,  32,  33,  63,  64,  65,  127, 128, 129,  191,  255,  256,
	257, 319, 320, 321, 511, 512, 513, 575, 1000, 4095, 4096, 4097,
};

static void
test_brk(void)
{
	uintptr_t base = brk_to(0), top = base + 3 * 4096;
	unsigned tries = 0, bad = 0, first_n = 0, first_off = 0;

	if (!perf_check(brk_to(top) == top, "brk grows by 3 pages"))
		return;
	for (unsigned i = 0; i < sizeof(fill_lengths) / sizeof(fill_lengths[0]);
	     i++) {
		for (unsigned off = GUARD; off < GUARD + 64; off++) {
			unsigned n = fill_lengths[i];
			unsigned char *p = (unsigned char *)base + off;
			bool ok = true;

			// Dirty what brk will add and what lies around it,
			// then give it back and ask for it again. The bytes
			// beyond the new break stay this app's memory in
			// fact (there is no MMU), so reading them is fine.
			brk_to(top);
			memset(p - GUARD, PATTERN, n + 2 * GUARD);
			brk_to(base + off);
			brk_to(base + off + n);
			for (unsigned k = 0; k < n && ok; k++)
				ok = p[k] == 0;
			for (unsigned k = 1; k <= GUARD && ok; k++)
				ok = p[-(int)k] == PATTERN &&
				     p[n + k - 1] == PATTERN;
			if (!ok && bad++ == 0) {
				first_n = n;
				first_off = off % 64;
			}
			tries++;
		}
	}
	brk_to(base);
	perf_check(bad == 0,
	           "brk zeroes exactly the bytes it adds: %u lengths from 0 "
	           "to 4097 at 64 alignments (%u wrong, first %u bytes at "
	           "+%u)",
	           tries, bad, first_n, first_off);
}

int
main(void)
{
	perf_init("perf_copy");
	test_ring();
	test_from_ring();
	test_brk();
	return perf_done();
}
