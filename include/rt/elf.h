// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef RT_ELF_H
#define RT_ELF_H

#include <rt/types.h>

// PT_LOAD segments boot keeps track of (musl static-pies have 4).
#define ELF_MAX_SEGMENTS 6

// PF_X, PF_W, PF_R, as in p_flags.
#define ELF_PF_X 1u
#define ELF_PF_W 2u
#define ELF_PF_R 4u

struct elf_segment {
	uint64_t start, end; // [p_paddr, p_paddr + p_memsz)
	uint32_t flags;      // ELF_PF_*
};

// What boot needs to know about the app, all offsets from its load address.
struct elf_app_info {
	uint64_t entry;
	uint64_t phdr;
	uint16_t phnum;
	uint16_t phent;
	uint64_t span;       // end of the highest PT_LOAD's memory
	uint64_t stack_size; // PT_GNU_STACK's p_memsz (-z stack-size), or 0
	unsigned nseg;
	struct elf_segment seg[ELF_MAX_SEGMENTS];
};

// Checks the app ELF image of `size` bytes at `image` (ET_DYN, AArch64,
// program headers and segments inside the image). NULL when good, else what
// is wrong, in words.
const char *elf_check_app(const void *image, size_t size,
                          struct elf_app_info *info);

#endif
