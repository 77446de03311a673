// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef TEST_CBOR_H
#define TEST_CBOR_H

// Reads the RM config's CBOR map (RFC 8949), as far as test code needs:
// an unsigned integer under a text key, every other item skipped whatever
// it holds (Gunyah's map has arrays of arrays). No libc: the bench floor,
// a freestanding image, uses it too.

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

// Whether the map at p (n bytes) has key with an unsigned integer value,
// which goes to *value.
bool test_cbor_map_uint(const uint8_t *p, size_t n, const char *key,
                        uint64_t *value);

#endif
