// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// libFuzzer target: the device tree reader and the command line, fed what
// a VMM or an attacker-controlled loader could pass in x0.
//
// An input is a DTB (the corpus holds QEMU's virt trees, hand-made ones
// from dtc and truncated ones: tests/unit/test_fdt.c says how they were
// made). It is copied into a buffer of exactly its size, so ASan sees any
// read past it, and then:
//   - fdt_init must accept it with the input's size as the limit exactly
//     when it accepts it with totalsize as the limit, and refuse it with
//     one byte less; it is read again from a buffer of exactly totalsize;
//   - every node, property, path, alias, reg and ranges of an accepted
//     tree is read, and what comes back must lie inside the blob;
//   - dt_platform_read runs for an image at 0x40200000 (QEMU's) and at
//     the start of the tree's first /memory bank plus the header's
//     boot_cpuid_phys << 12 (which nothing else reads, so the fuzzer can
//     move the image about any tree); what it accepts must be what boot
//     relies on;
//   - its bootargs go through cmdline_split, checked against a plain
//     model.
// An input that does not start with the FDT magic is a command line
// instead.

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rt/cmdline.h>
#include <rt/fdt.h>
#include <rt/platform.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(x)                                                             \
	do {                                                                 \
		if (!(x)) {                                                  \
			fprintf(stderr, "fuzz_dt.c:%d: %s\n", __LINE__, #x); \
			abort();                                             \
		}                                                            \
	} while (0)

#define MAX_WORDS 16
// Bounds the quadratic checks (parents, paths) on big inputs.
#define MAX_DEEP_NODES 64

static const uint8_t *lo, *hi; // the blob being read

static bool
inside(const void *p, size_t n)
{
	const uint8_t *b = p;

	return b >= lo && b <= hi && n <= (size_t)(hi - b);
}

static uint32_t
be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

// ---- The command line, and a model of it --------------------------------

static bool
is_sep(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// The model: words copied out one by one into out, NUL after each.
static int
model_split(const char *s, char *out, char **w, int max, int *dash)
{
	int n = 0;

	*dash = -1;
	while (*s != '\0') {
		bool q = false, quoted = false;
		char *start = out;

		if (is_sep(*s)) {
			s++;
			continue;
		}
		for (; *s != '\0' && (q || !is_sep(*s)); s++) {
			if (*s == '"')
				q = !q, quoted = true;
			else
				*out++ = *s;
		}
		*out++ = '\0';
		if (*dash < 0 && !quoted && strcmp(start, "--") == 0) {
			*dash = n;
			continue;
		}
		if (n == max)
			return -1;
		w[n++] = start;
	}
	return n;
}

static void
fuzz_cmdline(const char *line, size_t len)
{
	char *buf = malloc(len + 1), *model = malloc(len + 1);
	char *opts[MAX_WORDS], *args[MAX_WORDS], *want[2 * MAX_WORDS];
	int nopts, nargs, n, dash, r;

	memcpy(buf, line, len);
	buf[len] = '\0';
	n = model_split(buf, model, want, 2 * MAX_WORDS, &dash);
	r = cmdline_split(buf, opts, MAX_WORDS, &nopts, args, MAX_WORDS,
	                  &nargs);
	if (n < 0 || (dash < 0 ? n : dash) > MAX_WORDS ||
	    (dash < 0 ? 0 : n - dash) > MAX_WORDS) {
		CHECK(r == -E2BIG);
		goto out;
	}
	CHECK(r == 0);
	CHECK(nopts == (dash < 0 ? n : dash));
	CHECK(nargs == n - nopts);
	for (int i = 0; i < n; i++) {
		char *w = i < nopts ? opts[i] : args[i - nopts];

		CHECK(w >= buf && w <= buf + len);
		CHECK(strcmp(w, want[i]) == 0);
		CHECK(strchr(w, '"') == NULL);
	}
	// Options look up without going past their words.
	cmdline_option(opts, nopts, "rt.exit");
	cmdline_option(opts, nopts, "");
out:
	free(buf);
	free(model);
}

// ---- The reader ---------------------------------------------------------

// Every property; the reg and ranges of the first nodes only (each walks
// the tree to find the node's parent).
static void
read_props(const struct fdt *fdt, int node, bool deep)
{
	static const char *const names[] = { "compatible",     "reg",
		                             "ranges",         "status",
		                             "#address-cells", "#size-cells",
		                             "device_type" };
	uint64_t a, s, v;
	uint32_t len;

	for (int p = fdt_first_prop(fdt, node); p >= 0;
	     p = fdt_next_prop(fdt, p)) {
		const char *name;
		const void *val = fdt_prop_at(fdt, p, &name, &len);

		CHECK(inside(val, len));
		CHECK(inside(name, strlen(name) + 1));
		CHECK(fdt_prop(fdt, node, name, NULL) != NULL);
	}
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		const char *str = fdt_prop_str(fdt, node, names[i]);

		if (str != NULL)
			CHECK(inside(str, strlen(str) + 1));
		fdt_prop_uint(fdt, node, names[i], &v);
	}
	fdt_is_compatible(fdt, node, "arm,pl011");
	fdt_node_enabled(fdt, node);
	fdt_address_cells(fdt, node);
	fdt_size_cells(fdt, node);
	if (!deep)
		return;
	for (unsigned i = 0; i < 8 && fdt_reg(fdt, node, i, &a, &s); i++)
		fdt_reg_cpu(fdt, node, i, &a, &s);
	a = 0x1000;
	fdt_translate(fdt, node, &a);
}

// The node's path, from its parents; false if it does not fit or a name
// holds a '/' (then no path names it).
static bool
path_of(const struct fdt *fdt, int node, char *path, size_t max)
{
	char tmp[256];
	size_t len = 0;

	path[0] = '\0';
	while (node != fdt->root) {
		const char *name = fdt_node_name(fdt, node);
		size_t n = strlen(name);

		if (strchr(name, '/') != NULL || n == 0 ||
		    len + n + 2 > sizeof(tmp) || len + n + 2 > max)
			return false;
		snprintf(tmp, sizeof(tmp), "/%s%s", name, path);
		len += n + 1;
		memcpy(path, tmp, len + 1);
		node = fdt_parent(fdt, node);
		if (node < 0)
			return false;
	}
	if (len == 0)
		memcpy(path, "/", 2);
	return true;
}

static void
read_tree(const struct fdt *fdt)
{
	int depth = 0, nodes = 0, top = 0, aliases;
	uint64_t a, s;
	char path[256];

	CHECK(fdt->root >= 0);
	CHECK(inside(fdt->blob + fdt->struct_off, fdt->struct_size));
	for (int n = fdt->root; n >= 0; n = fdt_next_node(fdt, n, &depth)) {
		const char *name = fdt_node_name(fdt, n);

		CHECK(depth >= 0);
		CHECK(inside(name, strlen(name) + 1));
		top += depth == 1;
		read_props(fdt, n, nodes < MAX_DEEP_NODES);
		if (nodes++ >= MAX_DEEP_NODES)
			continue;
		if (n != fdt->root)
			CHECK(fdt_parent(fdt, n) >= 0);
		if (path_of(fdt, n, path, sizeof(path))) {
			int found = fdt_path(fdt, path, strlen(path));

			// n, or none, or an earlier node: the first match
			// wins at each level, and a tree may repeat a name
			// ("a" also matches an earlier "a@1", whose subtree
			// need not hold the rest).
			CHECK(found <= n);
		}
		fdt_first_child(fdt, n);
		fdt_next_sibling(fdt, n);
	}
	for (int n = fdt_first_child(fdt, fdt->root); n >= 0;
	     n = fdt_next_sibling(fdt, n)) {
		CHECK(top-- > 0);
	}
	CHECK(top == 0);
	aliases = fdt_path(fdt, "/aliases", 8);
	for (int p = aliases < 0 ? -1 : fdt_first_prop(fdt, aliases); p >= 0;
	     p = fdt_next_prop(fdt, p)) {
		const char *name;
		uint32_t len;

		fdt_prop_at(fdt, p, &name, &len);
		fdt_path(fdt, name, strlen(name));
	}
	for (int n = fdt_find_compatible(fdt, -1, "arm,pl011"); n >= 0;
	     n = fdt_find_compatible(fdt, n, "arm,pl011"))
		;
	for (unsigned i = 0; fdt_reservation(fdt, i, &a, &s); i++)
		CHECK(inside(fdt->blob + fdt->rsv_off + 16 * i, 32));
}

// The base of the first reg entry of the first device_type "memory"
// node, 0 if none.
static uint64_t
first_bank(const struct fdt *fdt)
{
	uint64_t base, size;

	for (int n = fdt_first_child(fdt, fdt->root); n >= 0;
	     n = fdt_next_sibling(fdt, n)) {
		const char *type = fdt_prop_str(fdt, n, "device_type");

		if (type != NULL && strcmp(type, "memory") == 0 &&
		    fdt_reg(fdt, n, 0, &base, &size))
			return base;
	}
	return 0;
}

static void
check_platform(const uint8_t *blob, size_t size, uint64_t image)
{
	struct platform p;
	const char *why = dt_platform_read(blob, size, image, &p);

	if (why != NULL) {
		CHECK(strlen(why) > 0);
		return;
	}
	CHECK(p.mem_size > 0 && p.mem_base + p.mem_size > p.mem_base);
	CHECK(image >= p.mem_base && image - p.mem_base < p.mem_size);
	// A GICv3: 64 KiB frames, a redistributor's two; a GICv2: a 4 KiB
	// distributor and an 8 KiB CPU interface.
	CHECK(p.gic_version == 2 || p.gic_version == 3);
	if (p.gic_version == 3) {
		CHECK(p.gicd_base % 0x10000 == 0 && p.gicd_size >= 0x10000);
		CHECK(p.gicr_base % 0x10000 == 0 && p.gicr_size >= 0x20000);
	} else {
		CHECK(p.gicd_base % 0x1000 == 0 && p.gicd_size >= 0x1000);
		CHECK(p.gicr_base % 0x1000 == 0 && p.gicr_size >= 0x2000);
	}
	CHECK(p.gicd_base + p.gicd_size > p.gicd_base);
	CHECK(p.gicr_base + p.gicr_size > p.gicr_base);
	CHECK(!rt_ranges_overlap(p.gicd_base, p.gicd_size, p.mem_base,
	                         p.mem_size));
	CHECK(!rt_ranges_overlap(p.gicr_base, p.gicr_size, p.mem_base,
	                         p.mem_size));
	CHECK(p.timer_intid == 0 ||
	      (p.timer_intid >= 16 && p.timer_intid < 32));
	CHECK(p.uart_base % 0x1000 == 0);
	CHECK(p.uart_base == 0 ||
	      !rt_ranges_overlap(p.uart_base, 0x48, p.mem_base, p.mem_size));
	CHECK(p.psci <= PLATFORM_PSCI_SMC);
	CHECK((p.rng_seed == NULL) == (p.rng_seed_len == 0));
	if (p.rng_seed != NULL)
		CHECK(inside(p.rng_seed, p.rng_seed_len));
	if (p.bootargs != NULL) {
		size_t n = strlen(p.bootargs);

		CHECK(inside(p.bootargs, n + 1));
		fuzz_cmdline(p.bootargs, n);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *blob, *exact;
	struct fdt fdt;
	uint32_t total;
	const char *why;

	if (size < 4 || be32(data) != FDT_MAGIC) {
		fuzz_cmdline((const char *)data, size);
		return 0;
	}
	// malloc's alignment is 16: an 8-byte aligned blob.
	blob = malloc(size);
	memcpy(blob, data, size);
	lo = blob;
	hi = blob + size;
	why = fdt_init(&fdt, blob, size);
	total = size >= 8 ? be32(blob + 4) : 0;
	if (why == NULL) {
		CHECK(fdt.totalsize == total && total <= size);
		read_tree(&fdt);
		// Nothing past totalsize is read.
		exact = malloc(total);
		memcpy(exact, blob, total);
		lo = exact;
		hi = exact + total;
		CHECK(fdt_init(&fdt, exact, total) == NULL);
		CHECK(fdt_init(&fdt, exact, total - 1) != NULL);
		read_tree(&fdt);
		check_platform(exact, total, 0x40200000);
		check_platform(exact, total,
		               first_bank(&fdt) +
		                   ((uint64_t)be32(exact + 28) << 12));
		free(exact);
	} else {
		CHECK(strlen(why) > 0);
		check_platform(blob, size, 0x40200000);
	}
	free(blob);
	return 0;
}
