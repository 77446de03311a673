// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef RT_CHACHA20_H
#define RT_CHACHA20_H

// The ChaCha20 block function (RFC 8439, section 2.3), for the runtime's
// generator of random bytes where the platform gives only a seed.

#include <rt/types.h>

// One 64-byte block of keystream for key, counter and nonce.
void chacha20_block(const uint32_t key[8], uint32_t counter,
                    const uint32_t nonce[3], uint32_t out[16]);

#endif
