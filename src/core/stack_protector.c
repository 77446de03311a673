// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The stack protector's canary and its failure (rt/panic.h).

#include <rt/panic.h>
#include <rt/types.h>

uintptr_t __stack_chk_guard;

noreturn void
__stack_chk_fail(void)
{
	panic("stack protector: a canary on the runtime's stack was "
	      "overwritten (stack smashing)");
}
