// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The CBOR lookup test_cbor.h describes.

#include "test_cbor.h"

#define CBOR_MAX_DEPTH    8
#define CBOR_INDEFINITE   31
#define CBOR_BREAK        0xff
#define CBOR_MAJOR_UINT   0
#define CBOR_MAJOR_NEGINT 1
#define CBOR_MAJOR_BYTES  2
#define CBOR_MAJOR_TEXT   3
#define CBOR_MAJOR_ARRAY  4
#define CBOR_MAJOR_MAP    5
#define CBOR_MAJOR_TAG    6

struct cbor_head {
	unsigned major;
	uint64_t arg; // the value, length or count
	bool indefinite;
};

// The head of the item at p: its size, or 0 if it does not fit in n.
static size_t
cbor_head(const uint8_t *p, size_t n, struct cbor_head *h)
{
	unsigned info;
	size_t len;

	if (n == 0)
		return 0;
	h->major = p[0] >> 5;
	info = p[0] & 0x1fu;
	h->indefinite = info == CBOR_INDEFINITE;
	h->arg = info < 24 ? info : 0;
	if (info < 24 || h->indefinite)
		return 1;
	if (info > 27)
		return 0;
	len = (size_t)1 << (info - 24);
	if (n < 1 + len)
		return 0;
	for (size_t i = 0; i < len; i++)
		h->arg = h->arg << 8 | p[1 + i];
	return 1 + len;
}

// The size of the whole item at p, nested items included, or 0.
static size_t
cbor_skip(const uint8_t *p, size_t n, unsigned depth)
{
	struct cbor_head h;
	size_t at = cbor_head(p, n, &h), s;
	uint64_t items;

	if (at == 0 || depth > CBOR_MAX_DEPTH)
		return 0;
	switch (h.major) {
	case CBOR_MAJOR_UINT:
	case CBOR_MAJOR_NEGINT:
		return h.indefinite ? 0 : at;
	case CBOR_MAJOR_BYTES:
	case CBOR_MAJOR_TEXT:
		if (!h.indefinite)
			return h.arg <= n - at ? at + (size_t)h.arg : 0;
		// Chunks until the break.
		while (at < n && p[at] != CBOR_BREAK) {
			s = cbor_skip(p + at, n - at, depth + 1);
			if (s == 0)
				return 0;
			at += s;
		}
		return at < n ? at + 1 : 0;
	case CBOR_MAJOR_ARRAY:
	case CBOR_MAJOR_MAP:
		items = h.major == CBOR_MAJOR_MAP ? h.arg * 2 : h.arg;
		for (uint64_t i = 0; h.indefinite || i < items; i++) {
			if (h.indefinite && at < n && p[at] == CBOR_BREAK)
				return at + 1;
			s = cbor_skip(p + at, n - at, depth + 1);
			if (s == 0)
				return 0;
			at += s;
		}
		return at;
	case CBOR_MAJOR_TAG:
		s = cbor_skip(p + at, n - at, depth + 1);
		return s == 0 ? 0 : at + s;
	default: // simple values and floats
		return h.indefinite ? 0 : at;
	}
}

static bool
cbor_text_is(const uint8_t *p, size_t len, const char *key)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (key[i] == '\0' || (uint8_t)key[i] != p[i])
			return false;
	}
	return key[i] == '\0';
}

bool
test_cbor_map_uint(const uint8_t *p, size_t n, const char *key, uint64_t *value)
{
	struct cbor_head map, k, v;
	size_t at = cbor_head(p, n, &map), s;

	if (at == 0 || map.major != CBOR_MAJOR_MAP)
		return false;
	for (uint64_t i = 0; map.indefinite || i < map.arg; i++) {
		if (at >= n || (map.indefinite && p[at] == CBOR_BREAK))
			return false;
		s = cbor_head(p + at, n - at, &k);
		if (s == 0)
			return false;
		if (k.major == CBOR_MAJOR_TEXT && !k.indefinite &&
		    k.arg <= n - at - s &&
		    cbor_text_is(p + at + s, k.arg, key)) {
			at += s + (size_t)k.arg;
			s = cbor_head(p + at, n - at, &v);
			if (s == 0 || v.major != CBOR_MAJOR_UINT ||
			    v.indefinite)
				return false;
			*value = v.arg;
			return true;
		}
		// Not the key: skip it and its value.
		for (int part = 0; part < 2; part++) {
			s = cbor_skip(p + at, n - at, 0);
			if (s == 0)
				return false;
			at += s;
		}
	}
	return false;
}
