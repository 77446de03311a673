// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The initial stack a Linux loader would build, so that an unmodified libc
// start-up finds argc/argv/envp/auxv where it looks: the strings and the
// random bytes at the top, the vectors below them.

#include <rt/auxv.h>
#include <rt/string.h>

#define APP_PLATFORM "aarch64"
#define AUXC         19 // entries written below, AT_NULL included
#define CLOCK_TICKS  100

// Copies s below *top and returns where it went; 0 if it does not fit.
static uintptr_t
stack_push_string(uintptr_t *top, uintptr_t limit, const char *s)
{
	size_t n = strlen(s) + 1;

	if (*top - limit < n)
		return 0;
	*top -= n;
	memcpy((void *)*top, s, n);
	return *top;
}

uintptr_t
boot_build_stack(uintptr_t stack_top, uintptr_t stack_limit,
                 const struct boot_stack_args *a)
{
	uintptr_t top = stack_top, random, platform, execfn = 0, sp;
	uint64_t argv[BOOT_ARGV_MAX], envp[BOOT_ENVP_MAX], *v;
	size_t n, words;

	if (stack_top < stack_limit || a->argc == 0 ||
	    a->argc > BOOT_ARGV_MAX || a->envc > BOOT_ENVP_MAX ||
	    stack_top - stack_limit < sizeof(a->random))
		return 0;
	top -= sizeof(a->random);
	random = top;
	memcpy((void *)random, a->random, sizeof(a->random));
	platform = stack_push_string(&top, stack_limit, APP_PLATFORM);
	if (platform == 0)
		return 0;
	for (unsigned i = 0; i < a->argc; i++) {
		argv[i] = a->argv[i].value;
		if (a->argv[i].str != NULL) {
			argv[i] = stack_push_string(&top, stack_limit,
			                            a->argv[i].str);
			if (argv[i] == 0)
				return 0;
		}
	}
	execfn = argv[0];
	for (unsigned i = 0; i < a->envc; i++) {
		envp[i] = stack_push_string(&top, stack_limit, a->envp[i]);
		if (envp[i] == 0)
			return 0;
	}

	// The vectors go right below the strings, 16-byte aligned as the ABI
	// wants sp at the app's entry.
	words = 1 + a->argc + 1 + a->envc + 1 + 2 * AUXC;
	if (top - stack_limit < words * sizeof(uint64_t) + 16)
		return 0;
	sp = (top - words * sizeof(uint64_t)) & ~(uintptr_t)15;
	v = (uint64_t *)sp;
	n = 0;
	v[n++] = a->argc;
	for (unsigned i = 0; i < a->argc; i++)
		v[n++] = argv[i];
	v[n++] = 0;
	for (unsigned i = 0; i < a->envc; i++)
		v[n++] = envp[i];
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
	AUX(AT_EXECFN, execfn);
	AUX(AT_NULL, 0);
#undef AUX
	return n == words ? sp : 0;
}
