// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// libFuzzer target: what boot checks before it trusts the hypervisor.
// The first byte picks the subject:
//   0  env_check: an 88-byte environment structure and where the runtime
//      and the structure sit (x0 and the load base come from the
//      hypervisor too);
//   1  elf_check_app: an app image of the input's size (the rest of it),
//      in a buffer of exactly that size so that ASan sees any read past it;
//   2  boot_build_stack: the app's first stack between two random bounds
//      in a buffer, with argv (strings and values), envp and the random
//      bytes it copies from the input.
// Whatever a check accepts must be what boot relies on afterwards; that is
// checked here, field by field.

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rt/auxv.h>
#include <rt/elf.h>
#include <rt/env.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define GICD_SIZE    0x10000u
#define GICR_SIZE    0x20000u // RD_base and SGI_base frames
#define PT_LOAD      1u
#define PT_GNU_STACK 0x6474e551u
#define PHDR_SIZE    56u
#define STACK_SIZE   0x800u

#define CHECK(x)                                                               \
	do {                                                                   \
		if (!(x)) {                                                    \
			fprintf(stderr, "fuzz_boot.c:%d: %s\n", __LINE__, #x); \
			abort();                                               \
		}                                                              \
	} while (0)

struct phdr {
	uint32_t type, flags;
	uint64_t offset, vaddr, paddr, filesz, memsz, align;
};

static uint64_t
get64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

// [a, a + an) and [b, b + bn) share a byte; neither wraps.
static bool
overlaps(uint64_t a, uint64_t an, uint64_t b, uint64_t bn)
{
	return a < b + bn && b < a + an;
}

static bool
no_wrap(uint64_t a, uint64_t n)
{
	return a + n >= a;
}

static void
fuzz_env(const uint8_t *data, size_t size)
{
	uint8_t raw[sizeof(struct rt_env_data) + 3 * 8] = { 0 };
	struct rt_env_data env;
	struct env_layout where;
	uint64_t env_end, heap_end;

	memcpy(raw, data, size < sizeof(raw) ? size : sizeof(raw));
	memcpy(&env, raw, sizeof(env));
	where.env_addr = get64(raw + sizeof(env));
	where.runtime_start = get64(raw + sizeof(env) + 8);
	// The runtime's end is its load base plus its size, which is small.
	where.runtime_end =
	    where.runtime_start + (get64(raw + sizeof(env) + 16) & 0xfffffu);
	if (env_check(&env, &where) != NULL)
		return;

	CHECK(env.signature == ENV_SIGNATURE);
	CHECK(env.version == ENV_VERSION || env.version == ENV_VERSION_HEADER);
	CHECK(env.runtime_ipa == where.runtime_start);
	CHECK(env.timer_freq != 0);
	// The app image: a page between the runtime and the environment
	// data, whose address minus the app's is the image size boot uses.
	CHECK(env.app_ipa % ENV_PAGE_SIZE == 0);
	CHECK(env.app_ipa >= where.runtime_end);
	CHECK(env.app_ipa < where.env_addr);
	// The structure and RM's configuration after it, all before the heap.
	CHECK(env.rm_config_offset >= sizeof(env));
	CHECK(no_wrap(env.rm_config_offset, env.rm_config_size));
	CHECK(
	    no_wrap(where.env_addr, env.rm_config_offset + env.rm_config_size));
	env_end = where.env_addr + env.rm_config_offset + env.rm_config_size;
	// The heap: pages of its own, with room for the stack and more.
	CHECK(env.app_heap_ipa % ENV_PAGE_SIZE == 0);
	CHECK(env.app_heap_size % ENV_PAGE_SIZE == 0);
	CHECK(env.app_heap_ipa >= env_end);
	CHECK(no_wrap(env.app_heap_ipa, env.app_heap_size));
	CHECK(env.app_heap_size >= ENV_MIN_HEAP_SIZE);
	heap_end = env.app_heap_ipa + env.app_heap_size;
	// The GIC: frames where the driver can reach every register without
	// wrapping, and not in the VM's memory, which the driver's register
	// writes would corrupt.
	CHECK(env.gicd_base != 0 && env.gicd_base % 0x10000u == 0);
	CHECK(env.gicr_base != 0 && env.gicr_base % 0x10000u == 0);
	CHECK(no_wrap(env.gicd_base, GICD_SIZE));
	CHECK(no_wrap(env.gicr_base, GICR_SIZE));
	CHECK(!overlaps(env.gicd_base, GICD_SIZE, where.runtime_start,
	                heap_end - where.runtime_start));
	CHECK(!overlaps(env.gicr_base, GICR_SIZE, where.runtime_start,
	                heap_end - where.runtime_start));
}

static void
fuzz_elf(const uint8_t *data, size_t size)
{
	uint8_t *image = malloc(size ? size : 1);
	struct elf_app_info info;
	uint64_t phoff, stack_size = 0;
	unsigned nseg = 0;

	memcpy(image, data, size);
	memset(&info, 0xa5, sizeof(info));
	if (elf_check_app(image, size, &info) != NULL)
		goto out;

	// The entry, and the program headers libc finds through AT_PHDR,
	// inside the app's loaded memory, which lies inside the image.
	CHECK(info.phent == PHDR_SIZE);
	CHECK(info.phnum >= 1);
	CHECK(info.span <= size);
	CHECK(info.entry < info.span);
	CHECK(info.phdr <= info.span &&
	      (uint64_t)info.phnum * PHDR_SIZE <= info.span - info.phdr);
	phoff = get64(image + 32);
	CHECK(phoff <= size &&
	      (uint64_t)info.phnum * PHDR_SIZE <= size - phoff);
	// The segments boot maps for uaccess: every PT_LOAD with memory, in
	// order, with its permissions; the stack size PT_GNU_STACK asks.
	CHECK(info.nseg >= 1 && info.nseg <= ELF_MAX_SEGMENTS);
	for (unsigned i = 0; i < info.phnum; i++) {
		struct phdr ph;

		memcpy(&ph, image + phoff + i * PHDR_SIZE, sizeof(ph));
		if (ph.type == PT_GNU_STACK)
			stack_size = ph.memsz;
		if (ph.type != PT_LOAD)
			continue;
		CHECK(ph.filesz <= ph.memsz);
		CHECK(no_wrap(ph.paddr, ph.memsz));
		CHECK(ph.paddr + ph.memsz <= info.span);
		if (ph.memsz == 0)
			continue;
		CHECK(nseg < info.nseg);
		CHECK(info.seg[nseg].start == ph.paddr);
		CHECK(info.seg[nseg].end == ph.paddr + ph.memsz);
		CHECK(info.seg[nseg].flags == (ph.flags & 7u));
		nseg++;
	}
	CHECK(nseg == info.nseg);
	CHECK(info.stack_size == stack_size);
out:
	free(image);
}

// The input after the two bounds: argc and envc (any count, the valid
// ones most of the time), the random bytes, then each argv word (a kind
// byte: even, a value of 8 bytes follows; odd, a string of kind / 2 % 64
// bytes follows) and each envp string (a length byte, the bytes).
struct stack_in {
	const uint8_t *p;
	size_t left;
};

static uint8_t
in_u8(struct stack_in *in)
{
	if (in->left == 0)
		return 0;
	in->left--;
	return *in->p++;
}

static uint64_t
in_u64(struct stack_in *in)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < 8; i++)
		v |= (uint64_t)in_u8(in) << (8 * i);
	return v;
}

// A NUL-terminated string of n bytes of the input (NULs among them end it
// early, as they would in C), in strings.
static const char *
in_string(struct stack_in *in, size_t n, char *strings, size_t *used)
{
	char *s = strings + *used;

	for (size_t i = 0; i < n; i++)
		s[i] = (char)in_u8(in);
	s[n] = '\0';
	*used += n + 1;
	return s;
}

static bool
is_string_on_stack(uint64_t p, uintptr_t sp, uintptr_t top, const char *want)
{
	size_t n = strlen(want) + 1;

	return p >= sp && p <= top && n <= top - p &&
	       memcmp((const void *)(uintptr_t)p, want, n) == 0;
}

static void
fuzz_stack(const uint8_t *data, size_t size)
{
	struct stack_in in = { data, size };
	static struct boot_stack_args args;
	// Room for every string at its longest.
	static char strings[(BOOT_ARGV_MAX + 8 + BOOT_ENVP_MAX + 2) * 65 + 256];
	size_t used = 0;
	uint8_t *stack = malloc(STACK_SIZE);
	uintptr_t base = (uintptr_t)stack, top, limit, sp;
	uint16_t t = (uint16_t)(in_u8(&in) | in_u8(&in) << 8);
	uint16_t l = (uint16_t)(in_u8(&in) | in_u8(&in) << 8);
	uint8_t counts = in_u8(&in);
	bool valid;
	const uint64_t *w;
	unsigned k;

	memset(&args, 0, sizeof(args));
	// Valid counts (bit 7 clear: argc 1-32 in bits 0-4, envc 0-3 in
	// bits 5-6), or now and then too many or no argv at all.
	if ((counts & 0x80) == 0) {
		args.argc = 1 + (counts & 31u);
		args.envc = (counts >> 5) & 3u;
	} else {
		args.argc = (counts & 63u) % (BOOT_ARGV_MAX + 8);
		args.envc = BOOT_ENVP_MAX + ((counts >> 6) & 1u);
	}
	for (unsigned i = 0; i < sizeof(args.random); i++)
		args.random[i] = in_u8(&in);
	args.app_base = in_u64(&in);
	args.entry = in_u64(&in);
	args.phdr = in_u64(&in);
	args.phnum = in_u64(&in);
	args.hwcap = in_u64(&in);
	for (unsigned i = 0; i < args.argc && i < BOOT_ARGV_MAX + 8; i++) {
		uint8_t kind = in_u8(&in);

		if (i >= BOOT_ARGV_MAX)
			continue;
		if (kind & 1)
			args.argv[i].str =
			    in_string(&in, (kind >> 1) % 64, strings, &used);
		else
			args.argv[i].value = in_u64(&in);
	}
	for (unsigned i = 0; i < args.envc && i < BOOT_ENVP_MAX; i++)
		args.envp[i] = in_string(&in, in_u8(&in) % 64, strings, &used);
	valid = args.argc >= 1 && args.argc <= BOOT_ARGV_MAX &&
	        args.envc <= BOOT_ENVP_MAX;

	top = base + t % (STACK_SIZE + 1);
	limit = base + l % (STACK_SIZE + 1);
	memset(stack, 0x5a, STACK_SIZE);
	sp = boot_build_stack(top, limit, &args);
	// Nothing outside the bounds was written.
	for (uintptr_t p = base; p < base + STACK_SIZE; p++) {
		if (p < limit || p >= top)
			CHECK(stack[p - base] == 0x5a);
	}
	CHECK(valid || sp == 0);
	if (sp == 0)
		goto out;
	// Inside the bounds, aligned as the ABI wants, and laid out as libc
	// reads it: argc, argv, envp, then auxv pairs up to AT_NULL; the
	// strings above all of it.
	CHECK(sp >= limit && sp < top && sp % 16 == 0);
	w = (const uint64_t *)sp;
	CHECK(w[0] == args.argc);
	for (k = 0; k < args.argc; k++) {
		const uint64_t word = w[1 + k];

		if (args.argv[k].str != NULL)
			CHECK(is_string_on_stack(word, sp, top,
			                         args.argv[k].str));
		else
			CHECK(word == args.argv[k].value);
	}
	CHECK(w[1 + k] == 0);
	for (unsigned i = 0; i < args.envc; i++)
		CHECK(is_string_on_stack(w[2 + k + i], sp, top, args.envp[i]));
	CHECK(w[2 + k + args.envc] == 0);
	for (const uint64_t *a = w + 3 + k + args.envc;; a += 2) {
		CHECK((uintptr_t)(a + 2) <= top);
		if (a[0] == AT_NULL)
			break;
		if (a[0] == AT_RANDOM) {
			CHECK(a[1] >= sp && a[1] <= top && 16 <= top - a[1]);
			CHECK(memcmp((const void *)(uintptr_t)a[1], args.random,
			             16) == 0);
		}
		if (a[0] == AT_EXECFN)
			CHECK(a[1] == w[1]);
		if (a[0] == AT_PLATFORM)
			CHECK(is_string_on_stack(a[1], sp, top, "aarch64"));
		if (a[0] == AT_ENTRY)
			CHECK(a[1] == args.app_base + args.entry);
	}
out:
	free(stack);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	switch (data[0] % 3) {
	case 0:
		fuzz_env(data + 1, size - 1);
		break;
	case 1:
		fuzz_elf(data + 1, size - 1);
		break;
	default:
		fuzz_stack(data + 1, size - 1);
		break;
	}
	return 0;
}
