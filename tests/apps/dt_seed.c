// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// Booted as an Image on QEMU virt, whose device tree has 32 bytes of
// /chosen/rng-seed: once the runtime has keyed its generator with them (a
// CPU without RNDR, so it does), the seed must be gone from the tree, as
// Linux wipes it. The app finds the tree in RAM (page-aligned, version 17)
// and walks its structure block itself to find the property. It looks
// from its own code up: boot maps no RAM below the image, and QEMU puts
// the tree above it (at 0x48000000).

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define RAM_END    0x80000000ul // -m 1G
#define FDT_MAGIC  0xd00dfeedu
#define FDT_BEGIN  1u
#define FDT_END_ND 2u
#define FDT_PROP   3u
#define FDT_NOP    4u
#define FDT_END    9u

static uint32_t
be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

int
main(void)
{
	const uint8_t *dt = NULL, *st, *strings;
	uint32_t pos = 0, tok, len, zeros = 0, found = 0;

	for (uintptr_t a = (uintptr_t)main & ~(uintptr_t)4095;
	     dt == NULL && a < RAM_END; a += 4096) {
		const uint8_t *p = (const uint8_t *)a;

		if (be32(p) == FDT_MAGIC && be32(p + 20) == 17)
			dt = p;
	}
	if (dt == NULL) {
		printf("dt_seed: FAILED: no device tree in RAM\n");
		return 1;
	}
	st = dt + be32(dt + 8);
	strings = dt + be32(dt + 12);
	while ((tok = be32(st + pos)) != FDT_END) {
		pos += 4;
		if (tok == FDT_BEGIN) {
			pos += (uint32_t)strlen((const char *)st + pos) + 1;
			pos = (pos + 3) & ~3u;
		} else if (tok == FDT_PROP) {
			len = be32(st + pos);
			if (strcmp((const char *)strings + be32(st + pos + 4),
			           "rng-seed") == 0) {
				found = len;
				for (uint32_t i = 0; i < len; i++)
					zeros += st[pos + 8 + i] == 0;
			}
			pos += 8 + ((len + 3) & ~3u);
		}
	}
	printf("dt_seed: rng-seed of %u bytes, %u of them zero\n", found,
	       zeros);
	return found > 0 && zeros == found ? 0 : 1;
}
