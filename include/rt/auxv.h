// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef RT_AUXV_H
#define RT_AUXV_H

#include <rt/types.h>

// Linux auxiliary vector types (ABI facts).
#define AT_NULL     0
#define AT_PHDR     3
#define AT_PHENT    4
#define AT_PHNUM    5
#define AT_PAGESZ   6
#define AT_BASE     7
#define AT_FLAGS    8
#define AT_ENTRY    9
#define AT_UID      11
#define AT_EUID     12
#define AT_GID      13
#define AT_EGID     14
#define AT_PLATFORM 15
#define AT_HWCAP    16
#define AT_CLKTCK   17
#define AT_SECURE   23
#define AT_RANDOM   25
#define AT_HWCAP2   26
#define AT_EXECFN   31

// Linux arm64 AT_HWCAP bits.
#define RT_HWCAP_FP       (1u << 0)
#define RT_HWCAP_ASIMD    (1u << 1)
#define RT_HWCAP_AES      (1u << 3)
#define RT_HWCAP_PMULL    (1u << 4)
#define RT_HWCAP_SHA1     (1u << 5)
#define RT_HWCAP_SHA2     (1u << 6)
#define RT_HWCAP_CRC32    (1u << 7)
#define RT_HWCAP_ATOMICS  (1u << 8)
#define RT_HWCAP_FPHP     (1u << 9)
#define RT_HWCAP_ASIMDHP  (1u << 10)
#define RT_HWCAP_ASIMDRDM (1u << 12)
#define RT_HWCAP_SHA3     (1u << 17)
#define RT_HWCAP_SM3      (1u << 18)
#define RT_HWCAP_SM4      (1u << 19)
#define RT_HWCAP_ASIMDDP  (1u << 20)
#define RT_HWCAP_SHA512   (1u << 21)

// argv and envp entries a boot may hand the app.
#define BOOT_ARGV_MAX 32
#define BOOT_ENVP_MAX 4

// One argv word: a string copied onto the stack, or (str NULL) a value as
// it is: Gunyah's argv carries addresses and a size after the name.
struct boot_arg {
	const char *str;
	uint64_t value;
};

struct boot_stack_args {
	uintptr_t app_base;
	uint64_t entry; // offset from app_base
	uint64_t phdr;  // offset from app_base
	uint64_t phnum;
	uint64_t phent;
	uint64_t hwcap;
	uint8_t random[16];
	unsigned argc, envc;
	struct boot_arg argv[BOOT_ARGV_MAX];
	const char *envp[BOOT_ENVP_MAX];
};

// Lays out argc, argv, envp, auxv and the strings they point to below
// stack_top, the way a Linux loader would (AT_EXECFN is argv[0]); returns
// the app's initial sp (16-byte aligned), or 0 if it would not fit above
// stack_limit or the counts are out of range.
uintptr_t boot_build_stack(uintptr_t stack_top, uintptr_t stack_limit,
                           const struct boot_stack_args *a);

#endif
