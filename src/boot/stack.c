// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The initial stack a Linux loader would build, so that an unmodified libc
// start-up finds argc/argv/envp/auxv where it looks. argv follows the
// Gunyah runtime's contract (ABI.md section 4): the name, then three values
// that are addresses and a size rather than strings.

#include <rt/auxv.h>
#include <rt/string.h>

#define APP_NAME     "rootvm"
#define APP_PLATFORM "aarch64"
#define ARGC         4
#define ENVC         1
#define AUXC         19 // entries written below, AT_NULL included
#define CLOCK_TICKS  100

uintptr_t
boot_build_stack(uintptr_t stack_top, uintptr_t stack_limit,
                 const struct boot_stack_args *a)
{
	// Strings and random bytes first, at the top; the vectors below.
	const size_t strings = sizeof(APP_NAME) + sizeof(APP_PLATFORM) + 16;
	const size_t words = 1 + (ARGC + 1) + (ENVC + 1) + 2 * AUXC;
	uintptr_t sp, str, name, platform, random;
	uint64_t v[1 + (ARGC + 1) + (ENVC + 1) + 2 * AUXC];
	size_t n = 0;

	if (stack_top < stack_limit ||
	    stack_top - stack_limit < strings + sizeof(v) + 16)
		return 0;
	str = stack_top - strings;
	random = str;
	name = random + 16;
	platform = name + sizeof(APP_NAME);
	memcpy((void *)random, a->random, 16);
	memcpy((void *)name, APP_NAME, sizeof(APP_NAME));
	memcpy((void *)platform, APP_PLATFORM, sizeof(APP_PLATFORM));

	v[n++] = ARGC;
	v[n++] = name;
	v[n++] = a->rm_config;
	v[n++] = a->log_addr;
	v[n++] = a->log_size;
	v[n++] = 0;
	v[n++] = name;
	v[n++] = 0;
#define AUX(type, value)                    \
	do {                                \
		v[n++] = (type);            \
		v[n++] = (uint64_t)(value); \
	} while (0)
	AUX(AT_PHDR, a->app_base + a->phdr);
	AUX(AT_PHENT, a->phent);
	AUX(AT_PHNUM, a->phnum);
	AUX(AT_PAGESZ, 4096);
	AUX(AT_BASE, 0);
	AUX(AT_FLAGS, 0);
	AUX(AT_ENTRY, a->app_base + a->entry);
	AUX(AT_UID, 0);
	AUX(AT_EUID, 0);
	AUX(AT_GID, 0);
	AUX(AT_EGID, 0);
	AUX(AT_PLATFORM, platform);
	AUX(AT_HWCAP, a->hwcap);
	AUX(AT_HWCAP2, 0);
	AUX(AT_CLKTCK, CLOCK_TICKS);
	AUX(AT_SECURE, 0);
	AUX(AT_RANDOM, random);
	AUX(AT_EXECFN, name);
	AUX(AT_NULL, 0);
#undef AUX
	if (n != words)
		return 0; // AUXC disagrees with the list above

	// The ABI wants sp 16-byte aligned at the app's entry.
	sp = (str - sizeof(v)) & ~(uintptr_t)15;
	memcpy((void *)sp, v, sizeof(v));
	return sp;
}
