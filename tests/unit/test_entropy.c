// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The app's randomness (src/core/entropy.c) against the fake's hypervisor
// call, which answers as Gunyah does (4 calls per 33 ms window, BUSY after
// that), and its RNDR. Every byte handed out must be the source's, in
// order, none twice; nothing predictable is ever made up.

#include <string.h>

#include <rt/chacha20.h>
#include <rt/entropy.h>
#include <rt/errno.h>
#include <rt/log.h>
#include <rt/time.h>

#include "fake_arch.h"
#include "unit.h"

#define WINDOW_TICKS ((uint64_t)FAKE_COUNTER_HZ / 1000u * 33u)

static unsigned char buf[512];
static _Alignas(8) char log_buf[8 + 4096];
// The stream index of the next byte the runtime should hand out.
static uint64_t next;

static void
setup(void)
{
	fake_arch_reset();
	fake.counter = 1000000;
	time_init(FAKE_COUNTER_HZ);
	entropy_reset_for_test();
	memset(log_buf, 0, sizeof(log_buf));
	log_init((struct log_ring *)(void *)log_buf, sizeof(log_buf));
	memset(buf, 0xee, sizeof(buf));
	next = 0;
}

// Whether buf[0..n) are the stream's next n bytes.
static bool
stream_continues(size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (buf[i] != fake_entropy_byte(next + i))
			return false;
	}
	next += n;
	return true;
}

TEST(entropy, from_the_hypervisor)
{
	setup();
	ASSERT_TRUE(entropy_init(true, NULL, 0) == NULL);
	EXPECT_EQ(fake.entropy_calls, 1);
	// The first call's bytes are kept for the first request.
	EXPECT_EQ(entropy_get(buf, 10, true), 10);
	EXPECT_TRUE(stream_continues(10));
	EXPECT_EQ(fake.entropy_calls, 1);
	// Across a call: the 6 kept, then 14 of the next 16.
	EXPECT_EQ(entropy_get(buf, 20, true), 20);
	EXPECT_TRUE(stream_continues(20));
	EXPECT_EQ(fake.entropy_calls, 2);
	EXPECT_EQ(entropy_get(buf, 2, true), 2);
	EXPECT_TRUE(stream_continues(2));
	EXPECT_EQ(entropy_get(buf, 0, true), 0);
	EXPECT_EQ(fake.rndr_calls, 0);
}

// Gunyah's answer after 4 calls in a window: BUSY, which is not the end of
// the source. A blocking request waits the window out on the counter and
// asks again.
TEST(entropy, busy_is_retried_after_the_window)
{
	uint64_t start;

	setup();
	ASSERT_TRUE(entropy_init(true, NULL, 0) == NULL);
	fake.counter_step = 1000;
	start = fake.counter;
	// 16 kept, then 4 calls in the window, then the wait: 100 bytes.
	EXPECT_EQ(entropy_get(buf, 100, true), 100);
	EXPECT_TRUE(stream_continues(100));
	EXPECT_EQ(fake.entropy_busy, 1);
	// The call that answered came a whole window after the first.
	EXPECT_TRUE(fake.entropy_window - start >= WINDOW_TICKS);
	EXPECT_EQ(fake.entropy_calls, 1 + 3 + 1 + 3);
	EXPECT_EQ(fake.rndr_calls, 0);
}

TEST(entropy, nonblocking_gives_what_there_is_or_eagain)
{
	setup();
	ASSERT_TRUE(entropy_init(true, NULL, 0) == NULL);
	// The kept 16 and three more calls: 64 bytes.
	EXPECT_EQ(entropy_get(buf, 200, false), 64);
	EXPECT_TRUE(stream_continues(64));
	EXPECT_EQ(entropy_get(buf, 200, false), -EAGAIN);
	EXPECT_EQ(entropy_get(buf, 1, false), -EAGAIN);
	EXPECT_EQ(buf[0], fake_entropy_byte(next - 64));
	// The next window.
	fake.counter += WINDOW_TICKS;
	EXPECT_EQ(entropy_get(buf, 5, false), 5);
	EXPECT_TRUE(stream_continues(5));
	// What that call gave beyond the 5 is kept, not lost.
	EXPECT_EQ(entropy_get(buf, 11, false), 11);
	EXPECT_TRUE(stream_continues(11));
}

// Busy at boot already (a window used up before the runtime started): the
// hypervisor is still the source.
TEST(entropy, busy_at_init_is_still_the_hypervisor)
{
	setup();
	fake.entropy_in_window = FAKE_ENTROPY_CALLS;
	fake.entropy_window = fake.counter;
	fake.rndr_present = true;
	ASSERT_TRUE(entropy_init(true, NULL, 0) == NULL);
	EXPECT_EQ(entropy_get(buf, 16, false), -EAGAIN);
	fake.counter_step = 1000;
	EXPECT_EQ(entropy_get(buf, 16, true), 16);
	EXPECT_TRUE(stream_continues(16));
	EXPECT_EQ(fake.rndr_calls, 0);
}

// A hypervisor without the call: the CPU's RNDR.
TEST(entropy, rndr_when_the_hypervisor_has_none)
{
	setup();
	fake.entropy_err = ARCH_ENTROPY_NONE;
	fake.rndr_present = true;
	ASSERT_TRUE(entropy_init(true, NULL, 0) == NULL);
	EXPECT_EQ(entropy_get(buf, 40, true), 40);
	// entropy_init's probe number is not handed out.
	next = 8;
	EXPECT_TRUE(stream_continues(40));
	EXPECT_EQ(fake.entropy_calls, 1);
	// RNDR may have no number now and then: it is asked again.
	fake.rndr_fails = 5;
	EXPECT_EQ(entropy_get(buf, 16, false), 16);
	EXPECT_TRUE(stream_continues(16));
}

// Where no hypervisor is known to answer hvc (an Image on bare EL1, where
// hvc is UNDEFINED), the call is never made.
TEST(entropy, no_hypercall_when_none_may_be_made)
{
	setup();
	fake.rndr_present = true;
	ASSERT_TRUE(entropy_init(false, NULL, 0) == NULL);
	EXPECT_EQ(entropy_get(buf, 40, true), 40);
	EXPECT_EQ(fake.entropy_calls, 0);
}

// The hypervisor refused (not: has no such call): RNDR, and the log says
// why.
TEST(entropy, rndr_when_the_hypervisor_refuses_is_logged)
{
	setup();
	fake.entropy_err = 5;
	fake.rndr_present = true;
	ASSERT_TRUE(entropy_init(true, NULL, 0) == NULL);
	EXPECT_STREQ(log_current()->buf,
	             "entropy: get-entropy hypercall failed (error 5)\n"
	             "entropy: from the CPU's RNDR\n");
	EXPECT_EQ(entropy_get(buf, 16, true), 16);
	next = 8;
	EXPECT_TRUE(stream_continues(16));
	// No such call at all is nothing to report but the source.
	setup();
	fake.entropy_err = ARCH_ENTROPY_NONE;
	fake.rndr_present = true;
	ASSERT_TRUE(entropy_init(true, NULL, 0) == NULL);
	EXPECT_STREQ(log_current()->buf, "entropy: from the CPU's RNDR\n");
}

TEST(entropy, rndr_that_keeps_failing_is_an_error)
{
	setup();
	fake.entropy_err = ARCH_ENTROPY_NONE;
	fake.rndr_present = true;
	ASSERT_TRUE(entropy_init(true, NULL, 0) == NULL);
	EXPECT_EQ(entropy_get(buf, 4, true), 4);
	fake.rndr_fails = 1000;
	// The 12 bytes kept, then nothing: what there was.
	EXPECT_EQ(entropy_get(buf, 100, true), 12);
	EXPECT_EQ(entropy_get(buf, 100, true), -EIO);
	EXPECT_EQ(buf[12], 0xee);
}

// No source at all: boot panics with the reason, and nothing is ever made
// up from a counter.
TEST(entropy, no_source_is_an_init_error)
{
	static const char why_none[] =
	    "no entropy: no get-entropy hypercall, no RNDR in the CPU and no "
	    "seed of at least 8 bytes from the platform";
	static const uint8_t short_seed[7] = { 1, 2, 3, 4, 5, 6, 7 };
	const char *why;

	setup();
	fake.entropy_err = ARCH_ENTROPY_NONE;
	why = entropy_init(true, NULL, 0);
	ASSERT_TRUE(why != NULL);
	EXPECT_STREQ(why, why_none);
	EXPECT_EQ(entropy_get(buf, 16, true), -EIO);
	EXPECT_EQ(buf[0], 0xee);

	setup();
	fake.entropy_err = 5; // some other refusal
	why = entropy_init(true, NULL, 0);
	ASSERT_TRUE(why != NULL);
	EXPECT_STREQ(why, why_none);
	EXPECT_TRUE(strstr(log_current()->buf, "(error 5)") != NULL);
	EXPECT_EQ(entropy_get(buf, 16, false), -EIO);

	// A seed too short to key anything.
	setup();
	fake.entropy_err = ARCH_ENTROPY_NONE;
	EXPECT_STREQ(entropy_init(true, short_seed, sizeof(short_seed)),
	             why_none);
}

// ---- the platform's seed (a device tree's rng-seed or kaslr-seed) ----

// The generator: a ChaCha20 key from the seed, replaced after each block
// by the block's first half; the second half is handed out.
static void
seed_next(uint32_t key[8], uint32_t *block, uint8_t out16[16])
{
	static const uint32_t nonce[3];
	uint32_t out[16];

	chacha20_block(key, (*block)++, nonce, out);
	memcpy(key, out, 8 * sizeof(key[0]));
	memcpy(out16, &out[8], 16);
}

TEST(entropy, chacha20_block_is_rfc_8439s)
{
	// RFC 8439 section 2.3.2: key 00..1f, counter 1, this nonce.
	static const uint8_t want[16] = { 0x10, 0xf1, 0xe7, 0xe4, 0xd1, 0x3b,
		                          0x59, 0x15, 0x50, 0x0f, 0xdd, 0x1f,
		                          0xa3, 0x20, 0x71, 0xc4 };
	static const uint32_t nonce[3] = { 0x09000000, 0x4a000000, 0 };
	uint32_t key[8], out[16];

	for (unsigned i = 0; i < 8; i++)
		key[i] = 0x03020100u + 0x04040404u * i;
	chacha20_block(key, 1, nonce, out);
	EXPECT_MEMEQ(out, want, sizeof(want));
	EXPECT_EQ(out[15], 0x4e3c50a2);
}

TEST(entropy, from_the_platforms_seed)
{
	uint8_t seed[32], want[16];
	uint32_t key[8] = { 0 }, block = 0;

	for (unsigned i = 0; i < sizeof(seed); i++)
		seed[i] = (uint8_t)(0x40 + i);
	setup();
	fake.entropy_err = ARCH_ENTROPY_NONE;
	ASSERT_TRUE(entropy_init(true, seed, sizeof(seed)) == NULL);
	EXPECT_STREQ(log_current()->buf,
	             "entropy: from the platform's 32-byte seed\n");
	// The seed was copied: changing it now changes nothing.
	memcpy(key, seed, sizeof(key));
	memset(seed, 0, sizeof(seed));
	for (unsigned i = 0; i < 4; i++) {
		seed_next(key, &block, want);
		ASSERT_EQ(entropy_get(buf, 16, false), 16);
		EXPECT_MEMEQ(buf, want, 16);
	}
	// Across blocks, in pieces: the same stream.
	seed_next(key, &block, want);
	ASSERT_EQ(entropy_get(buf, 5, true), 5);
	ASSERT_EQ(entropy_get(buf + 5, 11, true), 11);
	EXPECT_MEMEQ(buf, want, 16);
	EXPECT_EQ(fake.entropy_calls, 1);
}

// kaslr-seed's 8 bytes: the rest of the key is zero.
TEST(entropy, from_an_8_byte_seed)
{
	static const uint8_t seed[8] = { 9, 8, 7, 6, 5, 4, 3, 2 };
	uint32_t key[8] = { 0 }, block = 0;
	uint8_t want[16];

	setup();
	fake.entropy_err = ARCH_ENTROPY_NONE;
	ASSERT_TRUE(entropy_init(true, seed, sizeof(seed)) == NULL);
	memcpy(key, seed, sizeof(seed));
	seed_next(key, &block, want);
	ASSERT_EQ(entropy_get(buf, 16, true), 16);
	EXPECT_MEMEQ(buf, want, 16);
}

// A seed is the last resort: the hypervisor and RNDR come first.
TEST(entropy, seed_only_without_a_better_source)
{
	static const uint8_t seed[16] = { 1 };

	setup();
	ASSERT_TRUE(entropy_init(true, seed, sizeof(seed)) == NULL);
	EXPECT_EQ(entropy_get(buf, 16, true), 16);
	EXPECT_TRUE(stream_continues(16));
	setup();
	fake.entropy_err = ARCH_ENTROPY_NONE;
	fake.rndr_present = true;
	ASSERT_TRUE(entropy_init(true, seed, sizeof(seed)) == NULL);
	EXPECT_EQ(entropy_get(buf, 16, true), 16);
	next = 8;
	EXPECT_TRUE(stream_continues(16));
}

// An error other than BUSY after boot: the bytes so far, then -EIO.
TEST(entropy, hypervisor_error_later)
{
	setup();
	ASSERT_TRUE(entropy_init(true, NULL, 0) == NULL);
	fake.entropy_err = 5;
	EXPECT_EQ(entropy_get(buf, 40, true), 16);
	EXPECT_TRUE(stream_continues(16));
	EXPECT_EQ(entropy_get(buf, 40, true), -EIO);
	EXPECT_EQ(entropy_get(buf, 40, false), -EIO);
}

// Many small requests: every byte once, in the order the source gave.
TEST(entropy, no_byte_twice)
{
	setup();
	fake.entropy_unlimited = true;
	ASSERT_TRUE(entropy_init(true, NULL, 0) == NULL);
	for (size_t n = 1; n < 40; n++) {
		ASSERT_EQ(entropy_get(buf, n, n % 2 == 0), (long)n);
		ASSERT_TRUE(stream_continues(n));
	}
	EXPECT_EQ(fake.entropy_next, RT_ALIGN_UP(next, 16));
}
