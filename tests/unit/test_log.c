// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <rt/errno.h>
#include <rt/log.h>

#include "unit.h"

// Ring storage, aligned for the header; sizes include the 8-byte header.
static _Alignas(8) char ring_a[8 + 16];
static _Alignas(8) char ring_b[8 + 64];
static _Alignas(8) char ring_c[8 + 10];

static struct log_ring *
ring(char *storage)
{
	return (struct log_ring *)(void *)storage;
}

// The reader from rt/log.h, written here from the description alone, as the
// boot stub writes its own: size - 1 bytes from write_idx + 1, NULs skipped.
static const char *
ring_text(const struct log_ring *r)
{
	static char text[4096];
	size_t n = 0;

	for (size_t i = 1; i < r->size; i++) {
		char c = r->buf[(r->write_idx + i) % r->size];

		if (c != '\0' && n + 1 < sizeof(text))
			text[n++] = c;
	}
	text[n] = '\0';
	return text;
}

static void
put(const char *s)
{
	log_write(s, strlen(s));
}

static bool
nul_at_write_idx(const struct log_ring *r)
{
	return r->write_idx < r->size && r->buf[r->write_idx] == '\0';
}

TEST(log, early_ring)
{
	struct log_ring *r;

	log_init_early();
	r = log_current();
	ASSERT_TRUE(r != NULL);
	EXPECT_EQ(r->size, RT_EARLY_LOG_SIZE - 8);
	EXPECT_EQ(log_total_size(r), RT_EARLY_LOG_SIZE);
	EXPECT_EQ(r->write_idx, 0);
	put("early\n");
	EXPECT_STREQ(ring_text(r), "early\n");
	EXPECT_STREQ(r->buf, "early\n");
	EXPECT_EQ(r->write_idx, 6);
}

TEST(log, init_makes_an_empty_current_ring)
{
	memset(ring_a, 'X', sizeof(ring_a));
	log_init(ring(ring_a), sizeof(ring_a));
	EXPECT_EQ(log_current(), ring(ring_a));
	EXPECT_EQ(ring(ring_a)->size, 16);
	EXPECT_EQ(ring(ring_a)->write_idx, 0);
	EXPECT_STREQ(ring_text(ring(ring_a)), "");
}

TEST(log, init_too_small_is_ignored)
{
	log_init(ring(ring_a), sizeof(ring_a));
	log_init(ring(ring_b), 9);
	EXPECT_EQ(log_current(), ring(ring_a));
	log_init(ring(ring_b), 10); // header, one byte and the NUL
	EXPECT_EQ(log_current(), ring(ring_b));
	put("xyz");
	EXPECT_STREQ(ring_text(ring(ring_b)), "z");
	EXPECT_TRUE(nul_at_write_idx(ring(ring_b)));
}

TEST(log, write_appends_and_terminates)
{
	struct log_ring *r = ring(ring_a);

	log_init(r, sizeof(ring_a));
	put("abc");
	put("de");
	EXPECT_EQ(r->write_idx, 5);
	EXPECT_STREQ(r->buf, "abcde");
	EXPECT_STREQ(ring_text(r), "abcde");
	log_write("ignored", 0);
	EXPECT_EQ(r->write_idx, 5);
}

TEST(log, wrap_keeps_newest_bytes)
{
	struct log_ring *r = ring(ring_a);

	log_init(r, sizeof(ring_a));
	put("0123456789");
	put("abcdefghij");
	// 16 bytes hold 15 of text and the NUL.
	EXPECT_STREQ(ring_text(r), "56789abcdefghij");
	EXPECT_EQ(r->write_idx, 20 % 16);
	EXPECT_TRUE(nul_at_write_idx(r));
	EXPECT_STREQ(r->buf, "ghij"); // oldest-first reading starts after it
}

TEST(log, one_write_larger_than_the_ring)
{
	struct log_ring *r = ring(ring_a);

	log_init(r, sizeof(ring_a));
	put("xy");
	put("the quick brown fox jumps over the lazy dog");
	EXPECT_STREQ(ring_text(r), "er the lazy dog");
	EXPECT_TRUE(nul_at_write_idx(r));
}

TEST(log, matches_a_model_over_many_writes)
{
	struct log_ring *r = ring(ring_a);
	char all[8192], piece[40];
	size_t len = 0;
	unsigned seed = 1;

	log_init(r, sizeof(ring_a));
	for (int i = 0; i < 200; i++) {
		size_t n;

		seed = seed * 1103515245u + 12345u;
		n = (seed >> 16) % sizeof(piece);
		for (size_t j = 0; j < n; j++)
			piece[j] = (char)('a' + (len + j) % 26);
		log_write(piece, n);
		memcpy(all + len, piece, n); // 200 pieces of < 40 fit
		len += n;
		ASSERT_TRUE(nul_at_write_idx(r));
		all[len] = '\0';
		ASSERT_STREQ(ring_text(r), len > 15 ? all + len - 15 : all);
	}
}

TEST(log, survives_a_corrupted_header)
{
	struct log_ring *r = ring(ring_a);

	log_init(r, sizeof(ring_a));
	// After TIOCSETBUF the header is app memory: ASan would see a write
	// out of bounds if log_write believed these.
	r->write_idx = 1000;
	r->size = 100000;
	put("abc");
	r->size = 16;
	EXPECT_EQ(r->write_idx, 3);
	EXPECT_STREQ(ring_text(r), "abc");
}

TEST(log, move_into_a_larger_ring)
{
	struct log_ring *a = ring(ring_a), *b = ring(ring_b);

	log_init(a, sizeof(ring_a));
	put("0123456789");
	put("abcdefghij");
	memset(ring_b, 'X', sizeof(ring_b));
	EXPECT_EQ(log_move(ring_b, sizeof(ring_b)), 0);
	EXPECT_EQ(log_current(), b);
	EXPECT_EQ(b->size, 64);
	EXPECT_EQ(b->write_idx, 15);
	EXPECT_STREQ(b->buf, "56789abcdefghij");
	EXPECT_STREQ(ring_text(b), "56789abcdefghij");
	put("+new");
	EXPECT_STREQ(ring_text(b), "56789abcdefghij+new");
	EXPECT_STREQ(ring_text(a), "56789abcdefghij"); // old one untouched
}

TEST(log, move_into_a_smaller_ring_keeps_the_newest)
{
	struct log_ring *b = ring(ring_b), *c = ring(ring_c);

	log_init(b, sizeof(ring_b));
	put("the quick brown fox jumps");
	EXPECT_EQ(log_move(ring_c, sizeof(ring_c)), 0);
	EXPECT_EQ(log_current(), c);
	EXPECT_EQ(c->size, 10);
	EXPECT_STREQ(ring_text(c), "fox jumps");
	EXPECT_TRUE(nul_at_write_idx(c));
}

TEST(log, move_from_a_wrapped_ring)
{
	struct log_ring *a = ring(ring_a), *c = ring(ring_c);

	log_init(a, sizeof(ring_a));
	put("0123456789");
	put("abcdefghij"); // wrapped: "56789abcdefghij"
	EXPECT_EQ(log_move(ring_c, sizeof(ring_c)), 0);
	EXPECT_STREQ(ring_text(c), "bcdefghij");
}

TEST(log, move_rejects_bad_buffers)
{
	struct log_ring *a = ring(ring_a);

	log_init(a, sizeof(ring_a));
	put("keep");
	EXPECT_EQ(log_move(NULL, 64), -EINVAL);
	EXPECT_EQ(log_move(ring_b + 1, sizeof(ring_b) - 1), -EINVAL);
	EXPECT_EQ(log_move(ring_b, 9), -EINVAL);
	EXPECT_EQ(log_move(ring_b, (size_t)UINT32_MAX + 9), -EINVAL);
	EXPECT_EQ(log_move(ring_a + 8, 16), -EINVAL); // overlaps
	EXPECT_EQ(log_current(), a);
	EXPECT_STREQ(ring_text(a), "keep");
	// Onto itself: nothing to do, and no error (RM asserts on one).
	EXPECT_EQ(log_move(ring_a, sizeof(ring_a)), 0);
	EXPECT_EQ(log_current(), a);
	EXPECT_STREQ(ring_text(a), "keep");
}

TEST(log, printf)
{
	struct log_ring *b = ring(ring_b);
	char big[300];

	log_init(b, sizeof(ring_b));
	log_printf("x=%d %s\n", 42, "ok");
	EXPECT_STREQ(ring_text(b), "x=42 ok\n");

	// Lines are cut at 191 bytes; the ring keeps the last 63 of them.
	memset(big, 'q', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	log_init(b, sizeof(ring_b));
	log_printf("%s!", big);
	EXPECT_EQ(strlen(ring_text(b)), 63);
	EXPECT_TRUE(strchr(ring_text(b), '!') == NULL);
}

static char echoed[512];
static size_t echoed_len;

static void
echo(const char *s, size_t n)
{
	if (echoed_len + n < sizeof(echoed)) {
		memcpy(echoed + echoed_len, s, n);
		echoed_len += n;
		echoed[echoed_len] = '\0';
	}
}

// The runtime's own lines also go to the echo (a console device it
// drives); what the app writes (log_write) does not: the tty sends that
// to the console itself.
TEST(log, printf_lines_are_echoed)
{
	struct log_ring *b = ring(ring_b);
	char big[300];

	log_init(b, sizeof(ring_b));
	echoed_len = 0;
	echoed[0] = '\0';
	log_set_echo(echo);
	log_printf("irq: %d\n", 7);
	put("app text");
	EXPECT_STREQ(echoed, "irq: 7\n");
	// Cut as the ring's copy is.
	memset(big, 'e', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	echoed_len = 0;
	log_printf("%s", big);
	EXPECT_EQ(echoed_len, 191);
	log_set_echo(NULL);
	echoed_len = 0;
	log_printf("quiet\n");
	EXPECT_EQ(echoed_len, 0);
}

static bool
spans_overlap(size_t a, size_t an, size_t b, size_t bn)
{
	return an != 0 && bn != 0 && a < b + bn && b < a + an;
}

// An app that moved the ring into its own memory may write text taken from
// the ring. Every write position and length: the text lands whole unless
// it wraps onto itself both ways (more than half the ring), and nothing
// outside the ring changes.
TEST(log, write_of_text_from_the_ring_itself)
{
	struct log_ring *r = ring(ring_a);
	const size_t size = 16;
	char snap[16];
	unsigned whole = 0;

	for (size_t w = 0; w < size; w++) {
		for (size_t o = 0; o < size; o++) {
			for (size_t n = 1; n < size && o + n <= size; n++) {
				size_t first = size - w < n ? size - w : n;
				bool both =
				    spans_overlap(w, first, o + first,
				                  n - first) &&
				    spans_overlap(0, n - first, o, first);

				log_init(r, sizeof(ring_a));
				for (size_t i = 0; i < size; i++)
					r->buf[i] = (char)('a' + i);
				r->write_idx = (uint32_t)w;
				memcpy(snap, r->buf + o, n);
				log_write(r->buf + o, n);
				EXPECT_EQ(r->write_idx, (w + n) % size);
				EXPECT_TRUE(nul_at_write_idx(r));
				if (both)
					continue;
				whole++;
				for (size_t j = 0; j < n; j++)
					ASSERT_EQ(r->buf[(w + j) % size],
					          snap[j]);
			}
		}
	}
	EXPECT_TRUE(whole > 1000);
}
