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
// rt/types.h, seen without RT_HOST, made every declaration after it hidden,
// as the runtime wants; libc's below must keep the default.
#pragma GCC visibility pop

#define RT_HOST 1

#include <stdlib.h>
#include <string.h>

#include "unit.h"

// Once boot allows it (string_allow_zero_blocks), the runtime's memcpy,
// memset and a memmove whose ends do not overlap hand the work to the
// arch's routines for Normal memory (src/lib/aarch64/string_normal.S).
// These stand in for them: they record the call and do the work with the
// host's libc.
static struct {
	unsigned copies, fills;
	void *dst;
	size_t n;
} fake_normal;

void *
string_copy_normal(void *dst, const void *src, size_t n)
{
	fake_normal.copies++;
	fake_normal.dst = dst;
	fake_normal.n = n;
	return memcpy(dst, src, n);
}

void *
string_fill_normal(void *dst, int c, size_t n)
{
	fake_normal.fills++;
	fake_normal.dst = dst;
	fake_normal.n = n;
	return memset(dst, c, n);
}

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

// Before boot says memory is Normal, everything stays here (aligned
// accesses only); after it, memcpy, memset and a memmove whose ends are
// apart go to the Normal-memory routines, and an overlapping memmove
// stays.
TEST(string, normal_memory_routines_only_once_allowed)
{
	static unsigned char a[256], b[256];

	memset(&fake_normal, 0, sizeof(fake_normal));
	rtt_memcpy(a, b, sizeof(a));
	rtt_memset(a, 0, sizeof(a));
	rtt_memmove(a, b, sizeof(a));
	EXPECT_EQ(fake_normal.copies + fake_normal.fills, 0);

	string_allow_zero_blocks();
	ASSERT_EQ(rtt_memcpy(a, b, 100), a);
	EXPECT_EQ(fake_normal.copies, 1);
	EXPECT_TRUE(fake_normal.dst == a && fake_normal.n == 100);
	ASSERT_EQ(rtt_memset(b + 1, 7, 50), b + 1);
	EXPECT_EQ(fake_normal.fills, 1);
	EXPECT_EQ(b[1], 7);
	EXPECT_EQ(b[51], 0);
	ASSERT_EQ(rtt_memmove(a, b, 200), a);
	EXPECT_EQ(fake_normal.copies, 2);
	// Overlapping: the runtime's own backward or forward copy.
	ASSERT_EQ(rtt_memmove(a + 8, a, 100), a + 8);
	ASSERT_EQ(rtt_memmove(a, a + 8, 100), a);
	EXPECT_EQ(fake_normal.copies, 2);
	string_normal = false;
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
