// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// Prints what the app found at its entry (argc, argv, envp, auxv) and checks
// it: as the root VM, against the Gunyah runtime's contract
// (docs/gunyah.md section 4); booted as an Image, argv[0] is the app's name
// and the words after "--" in the kernel command line follow, with no
// environment. Exits 0 only if every check holds.

#include <elf.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>

#define RM_CONFIG_SIGNATURE 0x524D4544u

static int failures;

static void
check(int ok, const char *what)
{
	if (!ok) {
		printf("hello: FAILED: %s\n", what);
		failures++;
	}
}

// Defined by the linker (both GNU ld and lld) and by musl's crt.
extern const Elf64_Ehdr __ehdr_start;
void _start(void);

static void
check_root_vm(int argc, char **argv, char **envp)
{
	check(argc == 4, "argc is 4");
	check(argv[4] == NULL, "argv is NULL-terminated");
	check(strcmp(argv[0], "rootvm") == 0, "argv[0] is \"rootvm\"");
	check(*(uint32_t *)argv[1] == RM_CONFIG_SIGNATURE,
	      "argv[1] points at the RM config header");
	check(argv[2] != NULL && (uintptr_t)argv[3] >= 64,
	      "argv[2]/argv[3] give the log buffer and its size");
	check(envp[0] && strcmp(envp[0], "rootvm") == 0 && envp[1] == NULL,
	      "envp is {\"rootvm\"}");
}

static void
check_image(int argc, char **argv, char **envp)
{
	printf("hello: an Image's argv:");
	for (int i = 0; i < argc; i++)
		printf(" \"%s\"", argv[i]);
	printf("\n");
	check(argv[argc] == NULL, "argv is NULL-terminated");
	check(strcmp(argv[0], "hello") == 0, "argv[0] is the app's name");
	check(envp[0] == NULL, "envp is empty");
}

int
main(int argc, char **argv, char **envp)
{
	char **p = envp;
	Elf64_auxv_t *aux;
	unsigned seen = 0;

	printf("hello: argc=%d\n", argc);
	for (int i = 0; i < argc; i++)
		printf("hello: argv[%d]=%p\n", i, (void *)argv[i]);
	for (int i = 0; envp[i]; i++)
		printf("hello: envp[%d]=%s\n", i, envp[i]);
	while (*p)
		p++;
	for (aux = (Elf64_auxv_t *)(p + 1); aux->a_type != AT_NULL; aux++) {
		printf("hello: auxv %2lu = %#lx\n", (unsigned long)aux->a_type,
		       (unsigned long)aux->a_un.a_val);
		if (aux->a_type < 32)
			seen |= 1u << aux->a_type;
	}

	// Which contract is the test's to say (tests/qemu/boot_hello.test
	// expects each one's line where it applies).
	if (argc >= 1 && strcmp(argv[0], "rootvm") == 0) {
		printf("hello: the root VM's argv\n");
		check_root_vm(argc, argv, envp);
	} else {
		check_image(argc, argv, envp);
	}
	for (unsigned t = 0; t < 32; t++) {
		static const unsigned want[] = {
			AT_PHDR,   AT_PHENT,  AT_PHNUM, AT_PAGESZ, AT_ENTRY,
			AT_RANDOM, AT_EXECFN, AT_HWCAP, AT_SECURE
		};
		for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
			if (want[i] == t && !(seen & (1u << t))) {
				printf("hello: FAILED: auxv %u missing\n", t);
				failures++;
			}
		}
	}
	check(getauxval(AT_PAGESZ) == 4096, "AT_PAGESZ is 4096");
	check(getauxval(AT_PHENT) == sizeof(Elf64_Phdr), "AT_PHENT is 56");
	check(getauxval(AT_SECURE) == 0, "AT_SECURE is 0");
	check(getauxval(AT_HWCAP) & 1, "AT_HWCAP has FP");
	check(strcmp((const char *)getauxval(AT_EXECFN), argv[0]) == 0,
	      "AT_EXECFN is argv[0]");
	// The linker's own symbols say where this image's headers and entry
	// point are, wherever it was loaded.
	check(getauxval(AT_PHDR) ==
	          (uintptr_t)&__ehdr_start + __ehdr_start.e_phoff,
	      "AT_PHDR is this image's program headers");
	check(getauxval(AT_PHNUM) == __ehdr_start.e_phnum,
	      "AT_PHNUM is this image's e_phnum");
	check(getauxval(AT_ENTRY) == (uintptr_t)_start,
	      "AT_ENTRY is this image's _start");
	printf("hello: %s\n",
	       failures ? "some checks FAILED" : "all checks passed");
	return failures ? 1 : 0;
}
