// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef RT_ELF_H
#define RT_ELF_H

#include <rt/types.h>

// What boot needs to know about the app, all offsets from its load address.
struct elf_app_info {
	uint64_t entry;
	uint64_t phdr;
	uint16_t phnum;
	uint16_t phent;
	uint64_t span; // end of the highest PT_LOAD's memory
};

// Checks the app ELF image of `size` bytes at `image` (ET_DYN, AArch64,
// program headers and segments inside the image). NULL when good, else what
// is wrong, in words.
const char *elf_check_app(const void *image, size_t size,
                          struct elf_app_info *info);

#endif
