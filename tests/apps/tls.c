// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// Thread-local storage: a PT_TLS segment, which Gunyah's loader does not
// take but an Image may hold. musl sets the thread pointer up from AT_PHDR
// before main: the initialised value must be there, the zeroed one zero,
// and writes must stay in this thread's copy, not the segment's image.

#include <stdio.h>
#include <string.h>

static _Thread_local int tls_value = 42;
static _Thread_local char tls_zeroed[256];
static const int image_value = 42;

int
main(void)
{
	int ok = tls_value == image_value;

	for (size_t i = 0; i < sizeof(tls_zeroed); i++)
		ok &= tls_zeroed[i] == 0;
	tls_value = 7;
	memset(tls_zeroed, 0x5a, sizeof(tls_zeroed));
	ok &= tls_value == 7 && tls_zeroed[255] == 0x5a;
	printf("tls: %s\n", ok ? "initialised, zeroed and writable"
	                       : "FAILED");
	return ok ? 0 : 1;
}
