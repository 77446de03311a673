// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The app's ELF header is the first thing at app_ipa. We only read it: the
// hypervisor already copied the segments. Every offset is checked against the
// image size before it is followed.

#include <rt/elf.h>
#include <rt/string.h>

#define EI_NIDENT    16
#define ELFCLASS64   2
#define ELFDATA2LSB  1
#define EV_CURRENT   1
#define ET_DYN       3
#define EM_AARCH64   183
#define PT_LOAD      1
#define PT_GNU_STACK 0x6474e551u
#define PHDR_SIZE    56u
#define EHDR_SIZE    64u

struct elf64_ehdr {
	uint8_t ident[EI_NIDENT];
	uint16_t type;
	uint16_t machine;
	uint32_t version;
	uint64_t entry;
	uint64_t phoff;
	uint64_t shoff;
	uint32_t flags;
	uint16_t ehsize;
	uint16_t phentsize;
	uint16_t phnum;
	uint16_t shentsize;
	uint16_t shnum;
	uint16_t shstrndx;
};

struct elf64_phdr {
	uint32_t type;
	uint32_t flags;
	uint64_t offset;
	uint64_t vaddr;
	uint64_t paddr;
	uint64_t filesz;
	uint64_t memsz;
	uint64_t align;
};

_Static_assert(sizeof(struct elf64_ehdr) == EHDR_SIZE, "ELF64 header");
_Static_assert(sizeof(struct elf64_phdr) == PHDR_SIZE, "ELF64 phdr");

const char *
elf_check_app(const void *image, size_t size, struct elf_app_info *info)
{
	const uint8_t *bytes = image;
	struct elf64_ehdr eh;
	uint64_t span = 0, phdr = UINT64_MAX;
	bool have_load = false;

	info->nseg = 0;
	info->stack_size = 0;

	if (size < EHDR_SIZE)
		return "image smaller than an ELF header";
	// memcpy: the image has no alignment promise and the MMU is off.
	memcpy(&eh, bytes, sizeof(eh));
	if (eh.ident[0] != 0x7f || eh.ident[1] != 'E' || eh.ident[2] != 'L' ||
	    eh.ident[3] != 'F')
		return "no ELF magic";
	if (eh.ident[4] != ELFCLASS64)
		return "not ELFCLASS64";
	if (eh.ident[5] != ELFDATA2LSB)
		return "not little-endian";
	if (eh.ident[6] != EV_CURRENT || eh.version != EV_CURRENT)
		return "unknown ELF version";
	if (eh.type != ET_DYN)
		return "not ET_DYN (link it as a static-pie)";
	if (eh.machine != EM_AARCH64)
		return "not EM_AARCH64";
	if (eh.phentsize != PHDR_SIZE)
		return "program header size is not 56";
	if (eh.phnum == 0)
		return "no program headers";
	if (eh.phoff > size || (size - eh.phoff) / PHDR_SIZE < eh.phnum)
		return "program headers outside the image";
	for (unsigned i = 0; i < eh.phnum; i++) {
		struct elf64_phdr ph;

		memcpy(&ph, bytes + eh.phoff + i * PHDR_SIZE, sizeof(ph));
		if (ph.type == PT_GNU_STACK)
			info->stack_size = ph.memsz;
		if (ph.type != PT_LOAD)
			continue;
		// Gunyah places a segment by p_paddr, libc finds itself by
		// p_vaddr and mkimage.py lays an Image out by it: they must
		// agree, or the app and the runtime disagree on where it is.
		if (ph.paddr != ph.vaddr)
			return "PT_LOAD with p_paddr != p_vaddr";
		if (ph.paddr > size || ph.memsz > size - ph.paddr)
			return "PT_LOAD segment outside the image";
		if (ph.filesz > ph.memsz)
			return "PT_LOAD with filesz > memsz";
		if (info->nseg == ELF_MAX_SEGMENTS)
			return "more PT_LOAD segments than the runtime keeps";
		if (ph.memsz != 0)
			info->seg[info->nseg++] = (struct elf_segment){
				.start = ph.paddr,
				.end = ph.paddr + ph.memsz,
				.flags =
				    ph.flags & (ELF_PF_R | ELF_PF_W | ELF_PF_X),
			};
		have_load = true;
		if (ph.paddr + ph.memsz > span)
			span = ph.paddr + ph.memsz;
		// libc finds itself through AT_PHDR: it must be the headers'
		// address in memory, wherever their segment was put.
		if (eh.phoff >= ph.offset && eh.phoff - ph.offset < ph.filesz &&
		    ph.filesz - (eh.phoff - ph.offset) >= eh.phnum * PHDR_SIZE)
			phdr = ph.paddr + (eh.phoff - ph.offset);
	}
	if (!have_load)
		return "no PT_LOAD segment";
	if (phdr == UINT64_MAX)
		return "program headers are not in a loaded segment";
	if (eh.entry >= span)
		return "entry point outside the loaded segments";
	info->entry = eh.entry;
	info->phdr = phdr;
	info->phnum = eh.phnum;
	info->phent = eh.phentsize;
	info->span = span;
	return NULL;
}
