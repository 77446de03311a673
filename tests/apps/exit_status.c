// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// Built once per status (EXIT_STATUS): the host must see exactly that.

#include <stdio.h>
#include <stdlib.h>

int
main(void)
{
	printf("exit_status: leaving with %d\n", EXIT_STATUS);
	exit(EXIT_STATUS);
}
