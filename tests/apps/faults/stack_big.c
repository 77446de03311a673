// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// A local array of ARRAY_KB, then one syscall. On a stack too small for it
// the app's sp is now below its stack, over the environment data and the
// app's own image (or the guard below an Image's stack), and nothing there
// has been written yet. The runtime takes the exception on its own stack,
// so it cannot fault on a frame of its own there, and must stop the VM with
// a panic that names the stack overflow rather than let the app run on over
// its own data. On a stack large enough the app comes back and exits 0:
// which of the two happens is the .test file's to say.

#include <stdint.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "fault_util.h"

__attribute__((noinline)) static void
big_frame(void)
{
	volatile char frame[ARRAY_KB * 1024];

	// Only the top byte, which is still inside the stack: the array must
	// exist (and the sp lie below it), but nothing below the stack is
	// written before the syscall.
	frame[sizeof(frame) - 1] = 1;
	syscall(SYS_getpid);
	__asm__ volatile("" : : "r"(frame) : "memory");
}

int
main(void)
{
	FAULT_SAY("stack_big: a %d KiB array on the stack, then a syscall\n",
	          ARRAY_KB);
	big_frame();
	FAULT_SAY("stack_big: came back\n");
	return 0;
}
