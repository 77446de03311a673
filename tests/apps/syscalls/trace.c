// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// A few calls whose trace lines are easy to predict: booted on the
// runtime-trace build, each shows up as "[trace] name(args) = result".

#include <fcntl.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "raw_syscall.h"

int
main(void)
{
	struct timespec ts;
	int fd = open("/dev/null", O_WRONLY);
	long bad;

	if (fd < 0 || write(fd, "hello", 5) != 5 || close(fd) != 0)
		return 1;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	// An error result, shown by name.
	bad = RAW3(63 /* read */, 99, 0, 0);
	printf("sys_trace: done (read of fd 99 = %ld)\n", bad);
	return 0;
}
