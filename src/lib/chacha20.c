// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// rt/chacha20.h: the ChaCha20 block function, written from RFC 8439.

#include <rt/chacha20.h>

static inline uint32_t
chacha_rotl(uint32_t v, unsigned n)
{
	return (v << n) | (v >> (32u - n));
}

static void
chacha_quarter(uint32_t *x, unsigned a, unsigned b, unsigned c, unsigned d)
{
	x[a] += x[b];
	x[d] = chacha_rotl(x[d] ^ x[a], 16);
	x[c] += x[d];
	x[b] = chacha_rotl(x[b] ^ x[c], 12);
	x[a] += x[b];
	x[d] = chacha_rotl(x[d] ^ x[a], 8);
	x[c] += x[d];
	x[b] = chacha_rotl(x[b] ^ x[c], 7);
}

void
chacha20_block(const uint32_t key[8], uint32_t counter, const uint32_t nonce[3],
               uint32_t out[16])
{
	// "expand 32-byte k"
	uint32_t in[16] = { 0x61707865u, 0x3320646eu, 0x79622d32u,
		            0x6b206574u };
	unsigned i;

	for (i = 0; i < 8; i++)
		in[4 + i] = key[i];
	in[12] = counter;
	in[13] = nonce[0];
	in[14] = nonce[1];
	in[15] = nonce[2];
	for (i = 0; i < 16; i++)
		out[i] = in[i];
	for (i = 0; i < 10; i++) {
		chacha_quarter(out, 0, 4, 8, 12);
		chacha_quarter(out, 1, 5, 9, 13);
		chacha_quarter(out, 2, 6, 10, 14);
		chacha_quarter(out, 3, 7, 11, 15);
		chacha_quarter(out, 0, 5, 10, 15);
		chacha_quarter(out, 1, 6, 11, 12);
		chacha_quarter(out, 2, 7, 8, 13);
		chacha_quarter(out, 3, 4, 9, 14);
	}
	for (i = 0; i < 16; i++)
		out[i] += in[i];
}
