// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The host program links libc's mem* and str*, so the runtime's string.c is
// compiled into this file under rtt_ names. RT_HOST is lifted around it so
// that rt/string.h gives the runtime's own prototypes (renamed as well)
// instead of including libc's <string.h>. The program is built with
// -fno-builtin, or clang would turn the byte loops back into libc calls and
// those paths would go untested.
#undef RT_HOST

#define memcpy  rtt_memcpy
#define memmove rtt_memmove
#define memset  rtt_memset
#define memcmp  rtt_memcmp
#define strlen  rtt_strlen
#define strnlen rtt_strnlen
#define strcmp  rtt_strcmp
#define strncmp rtt_strncmp
#include "../../src/lib/string.c"
#undef memcpy
#undef memmove
#undef memset
#undef memcmp
#undef strlen
#undef strnlen
#undef strcmp
#undef strncmp

// The runtime's memset hands large zero fills to string_zero_blocks (DC
// ZVA, src/lib/aarch64/zero_blocks.c); this one records the calls, and
// accepts or declines them as a test wants. Accepting, it zeroes only the
// whole 64-byte blocks inside, as DC ZVA would, and leaves the ends to
// memset.
#define FAKE_BLOCK 64u

static struct {
	bool accept;
	unsigned calls;
	void *p;
	size_t n;
} fake_zero;

bool
string_zero_blocks(void *p, size_t n, uintptr_t *lo, uintptr_t *hi)
{
	uintptr_t a = (uintptr_t)p;

	fake_zero.calls++;
	fake_zero.p = p;
	fake_zero.n = n;
	if (!fake_zero.accept)
		return false;
	*lo = RT_ALIGN_UP(a, FAKE_BLOCK);
	*hi = RT_ALIGN_DOWN(a + n, FAKE_BLOCK);
	for (uintptr_t b = *lo; b < *hi; b++)
		*(volatile unsigned char *)b = 0;
	return true;
}

#define RT_HOST 1

#include <stdlib.h>
#include <string.h>

#include "unit.h"

// Every alignment of both pointers modulo 16, lengths across the byte,
// word and 4-word paths, and a long one.
#define MAX_OFF 16
static const size_t lengths[] = { 0,  1,  2,  3,  7,  8,  9,  15, 16,  17,
	                          31, 32, 33, 39, 40, 63, 64, 65, 100, 517 };
#define MAX_LEN 517
#define BUF     (MAX_OFF + MAX_LEN + MAX_OFF)

static void
fill(unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(i * 131u + seed * 7u + 1u);
}

static int
sign(int v)
{
	return (v > 0) - (v < 0);
}

TEST(string, memcpy_all_alignments)
{
	static unsigned char src[BUF], dst[BUF], want[BUF];

	fill(src, BUF, 1);
	for (size_t so = 0; so < MAX_OFF; so++) {
		for (size_t dof = 0; dof < MAX_OFF; dof++) {
			for (size_t k = 0; k < RT_ARRAY_SIZE(lengths); k++) {
				size_t n = lengths[k];

				memset(dst, 0xaa, BUF);
				memcpy(want, dst, BUF);
				memcpy(want + dof, src + so, n);
				ASSERT_EQ(rtt_memcpy(dst + dof, src + so, n),
				          dst + dof);
				ASSERT_MEMEQ(dst, want, BUF);
			}
		}
	}
}

TEST(string, memcpy_reads_only_its_source)
{
	// Exactly n bytes each: ASan reports any access past them, also one
	// inside the last aligned word.
	for (size_t n = 1; n < 40; n++) {
		unsigned char *src = malloc(n), *dst = malloc(n);

		if (!EXPECT_TRUE(src && dst))
			break;
		fill(src, n, 3);
		rtt_memcpy(dst, src, n);
		EXPECT_MEMEQ(dst, src, n);
		EXPECT_EQ(rtt_memcmp(dst, src, n), 0);
		free(src);
		free(dst);
	}
}

TEST(string, memmove_overlapping_both_ways)
{
	static unsigned char buf[BUF], want[BUF], tmp[BUF];

	for (size_t so = 0; so < MAX_OFF; so++) {
		for (size_t dof = 0; dof < MAX_OFF; dof++) {
			for (size_t k = 0; k < RT_ARRAY_SIZE(lengths); k++) {
				size_t n = lengths[k];

				fill(buf, BUF, (unsigned)k);
				memcpy(want, buf, BUF);
				memcpy(tmp, buf + so, n);
				memcpy(want + dof, tmp, n);
				ASSERT_EQ(rtt_memmove(buf + dof, buf + so, n),
				          buf + dof);
				ASSERT_MEMEQ(buf, want, BUF);
			}
		}
	}
}

TEST(string, memset_hands_large_zero_fills_to_zero_blocks)
{
	static _Alignas(64) unsigned char buf[2048];

	fake_zero.calls = 0;
	fake_zero.accept = true;
	memset(buf, 0x5a, sizeof(buf));
	ASSERT_EQ(rtt_memset(buf + 3, 0, 1000), buf + 3);
	EXPECT_EQ(fake_zero.calls, 1);
	EXPECT_EQ((uintptr_t)fake_zero.p, (uintptr_t)(buf + 3));
	EXPECT_EQ(fake_zero.n, 1000);
	// memset zeroes the ends the blocks leave: [3, 64) and [960, 1003).
	for (size_t i = 0; i < sizeof(buf); i++) {
		if (buf[i] != (i >= 3 && i < 1003 ? 0 : 0x5a)) {
			EXPECT_EQ(i, (size_t)-1);
			break;
		}
	}

	// Declined (DC ZVA prohibited, or not yet allowed): memset does
	// the work itself.
	fake_zero.accept = false;
	memset(buf, 0x5a, sizeof(buf));
	rtt_memset(buf + 1, 0, STRING_ZERO_BLOCKS_MIN);
	EXPECT_EQ(fake_zero.calls, 2);
	EXPECT_EQ(buf[0], 0x5a);
	EXPECT_EQ(buf[1], 0);
	EXPECT_EQ(buf[STRING_ZERO_BLOCKS_MIN], 0);
	EXPECT_EQ(buf[STRING_ZERO_BLOCKS_MIN + 1], 0x5a);

	// Short fills and other values never ask.
	rtt_memset(buf, 0, STRING_ZERO_BLOCKS_MIN - 1);
	rtt_memset(buf, 1, sizeof(buf));
	EXPECT_EQ(fake_zero.calls, 2);
}

// Blocks that cover the whole fill, or none of it: no end, or all ends.
TEST(string, memset_with_blocks_at_the_edges)
{
	static _Alignas(64) unsigned char buf[1024 + 128];

	fake_zero.accept = true;
	memset(buf, 0x5a, sizeof(buf));
	ASSERT_EQ(rtt_memset(buf + 64, 0, 1024), buf + 64);
	EXPECT_EQ(buf[63], 0x5a);
	EXPECT_EQ(buf[64], 0);
	EXPECT_EQ(buf[64 + 1023], 0);
	EXPECT_EQ(buf[64 + 1024], 0x5a);
	memset(buf, 0x5a, sizeof(buf));
	ASSERT_EQ(rtt_memset(buf + 1, 0, 1024 + 62), buf + 1);
	EXPECT_EQ(buf[0], 0x5a);
	EXPECT_EQ(buf[1], 0);
	EXPECT_EQ(buf[1024 + 62], 0);
	EXPECT_EQ(buf[1024 + 63], 0x5a);
	fake_zero.accept = false;
}

TEST(string, memset_all_alignments_and_values)
{
	static const int values[] = { 0, 0x5a, 0x80, 0xff, 0x1ff, -1 };
	static unsigned char buf[BUF], want[BUF];

	for (size_t off = 0; off < MAX_OFF; off++) {
		for (size_t k = 0; k < RT_ARRAY_SIZE(lengths); k++) {
			for (size_t v = 0; v < RT_ARRAY_SIZE(values); v++) {
				size_t n = lengths[k];

				fill(buf, BUF, 5);
				memcpy(want, buf, BUF);
				memset(want + off, values[v], n);
				ASSERT_EQ(rtt_memset(buf + off, values[v], n),
				          buf + off);
				ASSERT_MEMEQ(buf, want, BUF);
			}
		}
	}
}

TEST(string, memcmp_finds_every_difference)
{
	unsigned char a[96], b[96];

	for (size_t off = 0; off < 16; off++) {
		for (size_t n = 0; n + off <= 80; n += 3) {
			fill(a, sizeof(a), 9);
			memcpy(b, a, sizeof(b));
			ASSERT_EQ(rtt_memcmp(a + off, b + off, n), 0);
			for (size_t i = 0; i < n; i++) {
				b[off + i] = (unsigned char)(a[off + i] + 1);
				ASSERT_EQ(sign(rtt_memcmp(a + off, b + off, n)),
				          sign(memcmp(a + off, b + off, n)));
				b[off + i] = a[off + i];
			}
		}
	}
}

TEST(string, memcmp_is_unsigned_and_misaligned)
{
	static const unsigned char hi[] = { 1, 2, 0x80 }, lo[] = { 1, 2, 0x01 };
	unsigned char x[40], y[41];

	EXPECT_TRUE(rtt_memcmp(hi, lo, 3) > 0);
	EXPECT_TRUE(rtt_memcmp(lo, hi, 3) < 0);
	EXPECT_EQ(rtt_memcmp(hi, lo, 2), 0);
	fill(x, sizeof(x), 2);
	memcpy(y + 1, x, sizeof(x));
	EXPECT_EQ(rtt_memcmp(x, y + 1, sizeof(x)), 0);
	y[1 + 33] ^= 0x40;
	EXPECT_EQ(sign(rtt_memcmp(x, y + 1, sizeof(x))),
	          sign(memcmp(x, y + 1, sizeof(x))));
}

TEST(string, strlen_and_strnlen)
{
	char *exact = malloc(5);

	EXPECT_EQ(rtt_strlen(""), 0);
	EXPECT_EQ(rtt_strlen("abc"), 3);
	EXPECT_EQ(rtt_strlen("a\0bc"), 1);
	EXPECT_EQ(rtt_strnlen("abc", 10), 3);
	EXPECT_EQ(rtt_strnlen("abc", 2), 2);
	EXPECT_EQ(rtt_strnlen("abc", 0), 0);
	// No NUL within the 5 bytes: strnlen must stop at max.
	if (!EXPECT_TRUE(exact != NULL))
		return;
	memcpy(exact, "hello", 5);
	EXPECT_EQ(rtt_strnlen(exact, 5), 5);
	free(exact);
}

TEST(string, strcmp_and_strncmp)
{
	EXPECT_EQ(rtt_strcmp("abc", "abc"), 0);
	EXPECT_EQ(rtt_strcmp("", ""), 0);
	EXPECT_TRUE(rtt_strcmp("abc", "abd") < 0);
	EXPECT_TRUE(rtt_strcmp("abd", "abc") > 0);
	EXPECT_TRUE(rtt_strcmp("ab", "abc") < 0);
	EXPECT_TRUE(rtt_strcmp("abc", "ab") > 0);
	EXPECT_TRUE(rtt_strcmp("\x80", "a") > 0); // bytes are unsigned
	EXPECT_EQ(rtt_strncmp("abcX", "abcY", 3), 0);
	EXPECT_TRUE(rtt_strncmp("abcX", "abcY", 4) < 0);
	EXPECT_EQ(rtt_strncmp("abc\0X", "abc\0Y", 5), 0); // stops at NUL
	EXPECT_EQ(rtt_strncmp("a", "b", 0), 0);
	EXPECT_TRUE(rtt_strncmp("ab", "abc", 5) < 0);
	EXPECT_TRUE(rtt_strncmp("\xff", "\x01", 1) > 0);
}
