// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// An app with 600 KiB of initialised data: no package holding it fits the
// 512 KiB Gunyah maps, stripped or not. tools/gunyah_run.py must say so
// before it boots anything.

#include <stdio.h>

#define BIG_BYTES (600 * 1024)

static volatile unsigned char big[BIG_BYTES] = { 1 };

int
main(void)
{
	printf("big: %u bytes of data, the first %u\n", BIG_BYTES, big[0]);
	return 0;
}
