// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// Loads the runtime and the app from the package (docs/gunyah.md section 1) the
// way Gunyah loads its root VM: same checks, same placement, each segment
// mapped at stage 2 with its own permissions.

#include "stub.h"

#define GPKG_IDENT        0x47504b47U // "GPKG"
#define GPKG_ENTRIES      3
#define GPKG_TYPE_RUNTIME 1U
#define GPKG_TYPE_APP     2U

struct gpkg_header {
	uint32_t ident;
	uint32_t count;
	struct {
		uint32_t type;
		uint32_t offset;
	} entry[GPKG_ENTRIES];
};

#define EI_CLASS      4
#define EI_DATA       5
#define EI_OSABI      7
#define ELFCLASS64    2
#define ELFDATA2LSB   1
#define ELFOSABI_NONE 0
#define ET_DYN        3
#define EM_AARCH64    183
#define PT_LOAD       1
#define PT_TLS        7

struct elf64_ehdr {
	uint8_t e_ident[16];
	uint16_t e_type;
	uint16_t e_machine;
	uint32_t e_version;
	uint64_t e_entry;
	uint64_t e_phoff;
	uint64_t e_shoff;
	uint32_t e_flags;
	uint16_t e_ehsize;
	uint16_t e_phentsize;
	uint16_t e_phnum;
	uint16_t e_shentsize;
	uint16_t e_shnum;
	uint16_t e_shstrndx;
};

struct elf64_phdr {
	uint32_t p_type;
	uint32_t p_flags;
	uint64_t p_offset;
	uint64_t p_vaddr;
	uint64_t p_paddr;
	uint64_t p_filesz;
	uint64_t p_memsz;
	uint64_t p_align;
};

// One ELF file inside the package.
struct loader_image {
	uintptr_t file;
	uint64_t size; // bytes from the file to the end of the package
	const struct elf64_ehdr *ehdr;
	const struct elf64_phdr *phdr;
};

static uint64_t
page_up(uint64_t x)
{
	return STUB_ALIGN_UP(x, STUB_PAGE_SIZE);
}

// Returns what is wrong with the image, or NULL; *value is the culprit.
// With gunyah_checks false only what keeps the stub itself safe is checked
// (in bounds, aligned, something to load): tests use it to hand the
// runtime a bad app.
static const char *
loader_check(const struct loader_image *img, uint64_t base, bool gunyah_checks,
             uint64_t *value)
{
	const struct elf64_ehdr *eh = img->ehdr;
	unsigned int loads = 0;

	*value = img->size;
	if (img->size < sizeof(*eh)) {
		return "ELF header outside the package";
	}
	if (gunyah_checks) {
		*value = eh->e_ident[0] | eh->e_ident[1] << 8 |
		         eh->e_ident[2] << 16 | (uint32_t)eh->e_ident[3] << 24;
		if (*value != 0x464c457fU) {
			return "not an ELF file";
		}
		*value = eh->e_ident[EI_CLASS];
		if (*value != ELFCLASS64) {
			return "not ELFCLASS64";
		}
		*value = eh->e_ident[EI_DATA];
		if (*value != ELFDATA2LSB) {
			return "not little-endian";
		}
		*value = eh->e_ident[EI_OSABI];
		if (*value != ELFOSABI_NONE) {
			return "OSABI is not 0";
		}
		*value = eh->e_type;
		if (*value != ET_DYN) {
			return "e_type is not ET_DYN";
		}
		*value = eh->e_machine;
		if (*value != EM_AARCH64) {
			return "e_machine is not EM_AARCH64";
		}
	}
	// Our MMU is off: an unaligned program header would fault here.
	*value = eh->e_phoff;
	if (eh->e_phentsize != sizeof(struct elf64_phdr) ||
	    eh->e_phoff % 8 != 0 || eh->e_phoff > img->size ||
	    (uint64_t)eh->e_phnum * sizeof(struct elf64_phdr) >
	        img->size - eh->e_phoff) {
		return "program headers outside the package";
	}
	for (unsigned int i = 0; i < eh->e_phnum; i++) {
		const struct elf64_phdr *ph = &img->phdr[i];

		*value = i;
		if (gunyah_checks && ph->p_type == PT_TLS) {
			return "PT_TLS in program header";
		}
		if (ph->p_type != PT_LOAD) {
			continue;
		}
		loads++;
		if (ph->p_filesz > ph->p_memsz || ph->p_offset > img->size ||
		    ph->p_filesz > img->size - ph->p_offset) {
			return "PT_LOAD outside the package in program header";
		}
		if (ph->p_paddr >= STUB_RAM_END ||
		    ph->p_memsz >= STUB_RAM_END ||
		    base + ph->p_paddr + ph->p_memsz > STUB_RAM_END) {
			return "PT_LOAD beyond RAM in program header";
		}
	}
	*value = eh->e_phnum;
	if (loads == 0) {
		return "no PT_LOAD among e_phnum program headers";
	}
	return NULL;
}

// Copies and maps the PT_LOAD segments at base + p_paddr; returns the
// page-rounded size of the memory they take.
static uint64_t
loader_place(const struct loader_image *img, uint64_t base)
{
	uint64_t end = 0;

	for (unsigned int i = 0; i < img->ehdr->e_phnum; i++) {
		const struct elf64_phdr *ph = &img->phdr[i];
		uint64_t start, stop;

		if (ph->p_type != PT_LOAD) {
			continue;
		}
		start = base + ph->p_paddr;
		stop = page_up(start + ph->p_memsz);
		stub_copy((void *)start,
		          (const void *)(img->file + ph->p_offset),
		          ph->p_filesz);
		stub_zero((void *)(start + ph->p_filesz),
		          stop - start - ph->p_filesz);
		start &= ~(STUB_PAGE_SIZE - 1);
		s2_map(start, stop - start, ph->p_flags);
		if (stop - base > end) {
			end = stop - base;
		}
	}
	return end;
}

static void
loader_find(const struct gpkg_header *pkg, uint64_t pkg_size, uint32_t type,
            struct loader_image *img)
{
	for (unsigned int i = 0; i < GPKG_ENTRIES && i < pkg->count; i++) {
		uint32_t offset = pkg->entry[i].offset;

		if (pkg->entry[i].type != type) {
			continue;
		}
		if (offset % 8 != 0 || offset < sizeof(*pkg) ||
		    offset >= pkg_size) {
			stub_fail("bad package", "entry offset", offset);
		}
		img->file = STUB_PKG_ADDR + offset;
		img->size = pkg_size - offset;
		img->ehdr = (const struct elf64_ehdr *)img->file;
		img->phdr =
		    (const struct elf64_phdr *)(img->file + img->ehdr->e_phoff);
		return;
	}
	stub_fail("bad package", "no entry of type", type);
}

void
loader_load(struct stub_layout *layout)
{
	const struct gpkg_header *pkg = (const void *)STUB_PKG_ADDR;
	uint64_t pkg_size =
	    stub_config.pkg_size ? stub_config.pkg_size : STUB_PKG_WINDOW;
	struct loader_image rt, app;
	bool check_app = !(stub_config.flags & STUB_FLAG_NO_APP_CHECK);
	const char *problem;
	uint64_t app_size, value;

	if (pkg->ident != GPKG_IDENT) {
		stub_fail("bad package", "no GPKG ident at 0x48000000",
		          pkg->ident);
	}
	loader_find(pkg, pkg_size, GPKG_TYPE_RUNTIME, &rt);
	loader_find(pkg, pkg_size, GPKG_TYPE_APP, &app);

	problem = loader_check(&rt, STUB_RUNTIME_BASE, true, &value);
	if (problem != NULL) {
		stub_fail("bad runtime ELF", problem, value);
	}
	layout->runtime_entry = STUB_RUNTIME_BASE + rt.ehdr->e_entry;
	layout->app_ipa =
	    STUB_RUNTIME_BASE + loader_place(&rt, STUB_RUNTIME_BASE);

	problem = loader_check(&app, layout->app_ipa, check_app, &value);
	if (problem == NULL) {
		app_size = loader_place(&app, layout->app_ipa);
	} else if (check_app) {
		stub_fail("bad app ELF", problem, value);
	} else {
		// Unloadable, unchecked: hand the runtime the raw file so
		// that its own checks meet the damage.
		app_size = page_up(app.size);
		if (layout->app_ipa + app_size > STUB_RAM_END) {
			stub_fail("bad app ELF", problem, app.size);
		}
		stub_copy((void *)layout->app_ipa, (const void *)app.file,
		          app.size);
		stub_zero((void *)(layout->app_ipa + app.size),
		          app_size - app.size);
		s2_map(layout->app_ipa, app_size, STUB_PERM_R | STUB_PERM_W);
	}
	layout->env_ipa = layout->app_ipa + app_size;
	layout->heap_ipa = layout->env_ipa + STUB_ENV_SIZE;
}
