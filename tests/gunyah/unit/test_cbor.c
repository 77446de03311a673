// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// tests/apps/common/test_cbor.c, the RM config reader the test apps and the
// bench floor use to find the PL011's capabilities: maps as Gunyah encodes
// them, every kind of item it must skip, and input that is cut short or
// malformed, which must give "not found" without reading past the end
// (ASan watches).

#include <stdlib.h>
#include <string.h>

#include "test_cbor.h"
#include "unit.h"

// Looks key up in a heap copy of exactly n bytes, so that ASan catches a
// read past them.
static bool
lookup(const uint8_t *bytes, size_t n, const char *key, uint64_t *value)
{
	uint8_t *copy = malloc(n ? n : 1);
	bool found;

	memcpy(copy, bytes, n);
	found = test_cbor_map_uint(copy, n, key, value);
	free(copy);
	return found;
}

// {"me": 5, "free_ranges": [[0x80000000, 0x1000], [1, 2]], "neg": -3,
//  "bytes": h'0102', "tag": 1(7), "f": 1.5, "t": true,
//  "uart_address": 0x9000000, "uart_me_capid": 0x338}
static const uint8_t gunyah_like[] = {
	0xa9, // map of 9
	0x62, 'm',  'e',  0x05, 0x6b, 'f',  'r',  'e',  'e',  '_',  'r',  'a',
	'n',  'g',  'e',  's',  0x82, 0x82, 0x1a, 0x80, 0x00, 0x00, 0x00, 0x19,
	0x10, 0x00, 0x82, 0x01, 0x02, 0x63, 'n',  'e',  'g',  0x22, 0x65, 'b',
	'y',  't',  'e',  's',  0x42, 0x01, 0x02, 0x63, 't',  'a',  'g',  0xc1,
	0x07, 0x61, 'f',  0xf9, 0x3e, 0x00, 0x61, 't',  0xf5, 0x6c, 'u',  'a',
	'r',  't',  '_',  'a',  'd',  'd',  'r',  'e',  's',  's',  0x1a, 0x09,
	0x00, 0x00, 0x00, 0x6d, 'u',  'a',  'r',  't',  '_',  'm',  'e',  '_',
	'c',  'a',  'p',  'i',  'd',  0x19, 0x03, 0x38,
};

TEST(cbor, finds_keys_after_every_kind_of_item)
{
	uint64_t v = 0;

	EXPECT_TRUE(lookup(gunyah_like, sizeof(gunyah_like), "me", &v));
	EXPECT_EQ(v, 5);
	EXPECT_TRUE(
	    lookup(gunyah_like, sizeof(gunyah_like), "uart_address", &v));
	EXPECT_EQ(v, 0x9000000);
	EXPECT_TRUE(
	    lookup(gunyah_like, sizeof(gunyah_like), "uart_me_capid", &v));
	EXPECT_EQ(v, 0x338);
}

TEST(cbor, missing_key_prefix_or_longer_key)
{
	uint64_t v = 0;

	EXPECT_FALSE(
	    lookup(gunyah_like, sizeof(gunyah_like), "addrspace_capid", &v));
	EXPECT_FALSE(lookup(gunyah_like, sizeof(gunyah_like), "uart", &v));
	EXPECT_FALSE(
	    lookup(gunyah_like, sizeof(gunyah_like), "uart_address_x", &v));
	EXPECT_FALSE(lookup(gunyah_like, sizeof(gunyah_like), "", &v));
}

TEST(cbor, values_that_are_not_unsigned_integers)
{
	uint64_t v = 0;

	EXPECT_FALSE(lookup(gunyah_like, sizeof(gunyah_like), "neg", &v));
	EXPECT_FALSE(
	    lookup(gunyah_like, sizeof(gunyah_like), "free_ranges", &v));
	EXPECT_FALSE(lookup(gunyah_like, sizeof(gunyah_like), "tag", &v));
	EXPECT_FALSE(lookup(gunyah_like, sizeof(gunyah_like), "t", &v));
}

TEST(cbor, every_cut_short_copy_is_safe)
{
	uint64_t v;

	// The last key's value ends the map: any shorter copy lacks it.
	for (size_t n = 0; n < sizeof(gunyah_like); n++)
		EXPECT_FALSE(lookup(gunyah_like, n, "uart_me_capid", &v));
}

TEST(cbor, indefinite_lengths)
{
	// {_ "a": [_ 1, 2], "s": (_ "x", "y"), "k": 9, 0xff}
	static const uint8_t m[] = { 0xbf, 0x61, 'a',  0x9f, 0x01, 0x02, 0xff,
		                     0x61, 's',  0x7f, 0x61, 'x',  0x61, 'y',
		                     0xff, 0x61, 'k',  0x09, 0xff };
	uint64_t v = 0;

	EXPECT_TRUE(lookup(m, sizeof(m), "k", &v));
	EXPECT_EQ(v, 9);
	EXPECT_FALSE(lookup(m, sizeof(m), "z", &v));
}

TEST(cbor, wide_integers)
{
	// {"k": 0x0123456789abcdef}
	static const uint8_t m[] = { 0xa1, 0x61, 'k',  0x1b, 0x01, 0x23,
		                     0x45, 0x67, 0x89, 0xab, 0xcd, 0xef };
	uint64_t v = 0;

	EXPECT_TRUE(lookup(m, sizeof(m), "k", &v));
	EXPECT_EQ(v, 0x0123456789abcdefull);
}

TEST(cbor, malformed)
{
	uint64_t v;
	// Not a map; a reserved additional value (28); a text key longer than
	// the input; nesting past the depth limit before the key.
	static const uint8_t array[] = { 0x81, 0x01 };
	static const uint8_t reserved[] = { 0xa2, 0x61, 'a', 0x1c,
		                            0x61, 'k',  0x01 };
	static const uint8_t long_key[] = { 0xa1, 0x78, 0xff, 'k' };
	uint8_t deep[32] = { 0xa2, 0x61, 'a' };
	size_t n = 3;

	for (int i = 0; i < 12; i++)
		deep[n++] = 0x81;
	deep[n++] = 0x00;
	deep[n++] = 0x61;
	deep[n++] = 'k';
	deep[n++] = 0x01;
	EXPECT_FALSE(lookup(array, sizeof(array), "k", &v));
	EXPECT_FALSE(lookup(reserved, sizeof(reserved), "k", &v));
	EXPECT_FALSE(lookup(long_key, sizeof(long_key), "k", &v));
	EXPECT_FALSE(lookup(deep, n, "k", &v));
}
