// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The device tree reader (src/lib/fdt.c) and what boot takes from a tree
// (src/boot/dt_platform.c).
//
// Real trees come from the seed corpus of fuzz_dt, read from the top of the
// source tree (where the test runner starts this program):
//   qemu-virt*.dtb     QEMU 7.2's own: `qemu-system-aarch64 -machine
//                      virt[,gic-version=3][,virtualization=on],dumpdtb=F
//                      -cpu max -m 1G -nographic -nic none -kernel K
//                      -append ARGS`, then totalsize cut from 1 MiB to the
//                      blocks' end (the one field changed);
//   handmade-bus.dtb   `dtc -O dtb handmade-bus.dts`;
//   handmade-v16.dtb   `dtc -V 16` of qemu-virt-gicv3.dtb's source;
//   truncated-*.dtb    its first 40 and 4000 bytes.
// A tree for one rule is built here by dtb_*, which writes the format as
// the specification lays it out, so that a test reads like the .dts it
// stands for.

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rt/fdt.h>
#include <rt/platform.h>

#include "unit.h"

#define CORPUS     "tests/unit/corpus/dt/"
#define IMAGE_QEMU 0x40200000u // where QEMU loads a 2 MiB-aligned Image

// ---- Blobs from files -------------------------------------------------

static _Alignas(8) uint8_t file_blob[16384];

// Reads a corpus file into an 8-byte aligned buffer; its size, 0 if it
// cannot be read (and the test fails).
static size_t
load(const char *name)
{
	char path[256];
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), CORPUS "%s", name);
	f = fopen(path, "rb");
	if (f == NULL) {
		printf("%s: cannot open (run from the top of the tree; the "
		       "QEMU trees must stay in the corpus)\n",
		       path);
		ASSERT_TRUE(f != NULL);
		return 0;
	}
	n = fread(file_blob, 1, sizeof(file_blob), f);
	fclose(f);
	ASSERT_TRUE(n > 0 && n < sizeof(file_blob));
	return n;
}

// ---- A builder of small trees ------------------------------------------

static struct dtb {
	uint8_t st[4096];
	uint32_t st_len;
	char str[1024];
	uint32_t str_len;
	uint64_t rsv[4][2];
	int nrsv;
	uint32_t version;
	_Alignas(8) uint8_t blob[8192];
	uint32_t size;
} d;

static void
put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static uint32_t
get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static void
dtb_reset(void)
{
	memset(&d, 0, sizeof(d));
	d.version = 17;
}

static void
dtb_word(uint32_t v)
{
	put32(d.st + d.st_len, v);
	d.st_len += 4;
}

static void
dtb_bytes(const void *p, uint32_t n)
{
	memcpy(d.st + d.st_len, p, n);
	d.st_len += (n + 3) & ~3u; // padding stays 0
}

static void
dtb_begin(const char *name)
{
	dtb_word(1);
	dtb_bytes(name, (uint32_t)strlen(name) + 1);
}

static void
dtb_end(void)
{
	dtb_word(2);
}

static uint32_t
dtb_string(const char *s)
{
	uint32_t off = d.str_len;

	memcpy(d.str + off, s, strlen(s) + 1);
	d.str_len += (uint32_t)strlen(s) + 1;
	return off;
}

static void
dtb_prop(const char *name, const void *v, uint32_t len)
{
	dtb_word(3);
	dtb_word(len);
	dtb_word(dtb_string(name));
	dtb_bytes(v, len);
}

static void
dtb_str(const char *name, const char *s)
{
	dtb_prop(name, s, (uint32_t)strlen(s) + 1);
}

// A property of n big-endian cells.
static void
dtb_cells(const char *name, int n, ...)
{
	uint8_t v[64];
	va_list ap;

	va_start(ap, n);
	for (int i = 0; i < n; i++)
		put32(v + 4 * i, va_arg(ap, uint32_t));
	va_end(ap);
	dtb_prop(name, v, 4 * (uint32_t)n);
}

static void
dtb_reserve(uint64_t addr, uint64_t size)
{
	d.rsv[d.nrsv][0] = addr;
	d.rsv[d.nrsv][1] = size;
	d.nrsv++;
}

// Header, reservations, structure (with FDT_END), strings.
static const void *
dtb_finish(void)
{
	uint32_t rsv = 40, st, str, p;

	dtb_word(9);
	st = rsv + 16 * ((uint32_t)d.nrsv + 1);
	str = st + d.st_len;
	d.size = str + d.str_len;
	memset(d.blob, 0, sizeof(d.blob));
	put32(d.blob, FDT_MAGIC);
	put32(d.blob + 4, d.size);
	put32(d.blob + 8, st);
	put32(d.blob + 12, str);
	put32(d.blob + 16, rsv);
	put32(d.blob + 20, d.version);
	put32(d.blob + 24, 16);
	put32(d.blob + 32, d.str_len);
	if (d.version >= 17)
		put32(d.blob + 36, d.st_len);
	for (int i = 0; i < d.nrsv; i++) {
		p = rsv + 16 * (uint32_t)i;
		put32(d.blob + p, (uint32_t)(d.rsv[i][0] >> 32));
		put32(d.blob + p + 4, (uint32_t)d.rsv[i][0]);
		put32(d.blob + p + 8, (uint32_t)(d.rsv[i][1] >> 32));
		put32(d.blob + p + 12, (uint32_t)d.rsv[i][1]);
	}
	memcpy(d.blob + st, d.st, d.st_len);
	memcpy(d.blob + str, d.str, d.str_len);
	return d.blob;
}

// The parts of a machine QEMU's virt board has, at its addresses, with
// #address-cells = <2> and #size-cells = <2> at the root.
static void
dtb_root(void)
{
	dtb_begin("");
	dtb_cells("#address-cells", 1, 2);
	dtb_cells("#size-cells", 1, 2);
}

static void
dtb_memory(const char *name, uint64_t base, uint64_t size)
{
	dtb_begin(name);
	dtb_str("device_type", "memory");
	dtb_cells("reg", 4, (uint32_t)(base >> 32), (uint32_t)base,
	          (uint32_t)(size >> 32), (uint32_t)size);
	dtb_end();
}

static void
dtb_gic(void)
{
	dtb_begin("intc@8000000");
	dtb_str("compatible", "arm,gic-v3");
	dtb_cells("#interrupt-cells", 1, 3);
	dtb_cells("reg", 8, 0, 0x08000000, 0, 0x10000, 0, 0x080a0000, 0,
	          0xf60000);
	dtb_end();
}

// The timer with its virtual timer on PPI ppi (type 1).
static void
dtb_timer(uint32_t type, uint32_t ppi)
{
	dtb_begin("timer");
	dtb_str("compatible", "arm,armv8-timer");
	dtb_cells("interrupts", 12, 1, 13, 4, 1, 14, 4, type, ppi, 4, 1, 10, 4);
	dtb_end();
}

static void
dtb_uart(const char *name, uint32_t base)
{
	dtb_begin(name);
	dtb_prop("compatible", "arm,pl011\0arm,primecell", 24);
	dtb_cells("reg", 4, 0, base, 0, 0x1000);
	dtb_end();
}

static void
dtb_psci(const char *method)
{
	dtb_begin("psci");
	dtb_str("compatible", "arm,psci-1.0");
	dtb_str("method", method);
	dtb_end();
}

// Root, 1 GiB of RAM at 0x40000000, a GICv3 and a timer (the least
// dt_platform_read accepts, and more), without closing the root.
static void
dtb_machine_open(void)
{
	dtb_reset();
	dtb_root();
	dtb_memory("memory@40000000", 0x40000000, 0x40000000);
	dtb_gic();
	dtb_timer(1, 11);
}

static const void *
dtb_machine(void)
{
	dtb_machine_open();
	dtb_end();
	return dtb_finish();
}

// ---- fdt_init: what a blob must be --------------------------------------

static const char *
init_msg(const void *blob, size_t size)
{
	struct fdt fdt;

	return fdt_init(&fdt, blob, size);
}

TEST(fdt, qemu_trees_are_accepted)
{
	static const char *const names[] = { "qemu-virt.dtb",
		                             "qemu-virt-gicv3.dtb",
		                             "qemu-virt-el2.dtb",
		                             "handmade-bus.dtb" };
	struct fdt fdt;

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		size_t n = load(names[i]);

		EXPECT_STREQ(fdt_init(&fdt, file_blob, n), NULL);
		EXPECT_EQ(fdt.totalsize, n);
		EXPECT_EQ(fdt.root, 0);
	}
}

TEST(fdt, version_16_without_struct_size_is_read)
{
	struct fdt fdt;
	size_t n = load("handmade-v16.dtb");

	ASSERT_EQ(get32(file_blob + 20), 16);
	ASSERT_STREQ(fdt_init(&fdt, file_blob, n), NULL);
	EXPECT_EQ(fdt.struct_off + fdt.struct_size,
	          get32(file_blob + 12)); // FDT_END just before the strings
	EXPECT_TRUE(fdt_path(&fdt, "/chosen", 7) >= 0);
	// The builder's version 16 too.
	dtb_machine_open();
	dtb_end();
	d.version = 16;
	dtb_finish();
	EXPECT_STREQ(init_msg(d.blob, d.size), NULL);
}

TEST(fdt, header_errors)
{
	uint8_t *b = d.blob;

	EXPECT_STREQ(init_msg(NULL, 4096), "address is 0");
	dtb_machine();
	EXPECT_STREQ(init_msg(b + 4, d.size), "not 8-byte aligned");
	EXPECT_STREQ(init_msg(b, 39), "truncated: no room for the header");
	EXPECT_STREQ(init_msg(b, d.size - 1),
	             "truncated: totalsize beyond what is readable");
	EXPECT_STREQ(init_msg(b, d.size), NULL);
	b[3] ^= 1;
	EXPECT_STREQ(init_msg(b, d.size), "bad magic");
	b[3] ^= 1;
	put32(b + 20, 15);
	EXPECT_STREQ(init_msg(b, d.size), "version not 16 or 17");
	put32(b + 20, 18); // a later version, compatible with 17: fine
	EXPECT_STREQ(init_msg(b, d.size), NULL);
	put32(b + 24, 18);
	EXPECT_STREQ(init_msg(b, d.size), "version not 16 or 17");
	put32(b + 20, 17);
	put32(b + 24, 16);
	put32(b + 4, 39);
	EXPECT_STREQ(init_msg(b, d.size), "totalsize smaller than the header");
}

TEST(fdt, truncated_files)
{
	size_t n;

	n = load("truncated-header.dtb");
	EXPECT_STREQ(init_msg(file_blob, n),
	             "truncated: totalsize beyond what is readable");
	n = load("truncated-struct.dtb");
	EXPECT_STREQ(init_msg(file_blob, n),
	             "truncated: totalsize beyond what is readable");
	// Any cut of a real tree is refused.
	n = load("qemu-virt-gicv3.dtb");
	for (size_t cut = 0; cut < n; cut += 97)
		ASSERT_NE(init_msg(file_blob, cut), NULL);
}

TEST(fdt, block_errors)
{
	uint8_t *b = d.blob;

	dtb_machine();
	put32(b + 8, get32(b + 8) + 2);
	EXPECT_STREQ(init_msg(b, d.size),
	             "structure block outside totalsize or misaligned");
	dtb_machine();
	put32(b + 36, d.size);
	EXPECT_STREQ(init_msg(b, d.size),
	             "structure block outside totalsize or misaligned");
	dtb_machine();
	put32(b + 8, 36); // over the header
	EXPECT_STREQ(init_msg(b, d.size),
	             "structure block outside totalsize or misaligned");
	dtb_machine();
	put32(b + 32, d.str_len + 1);
	EXPECT_STREQ(init_msg(b, d.size), "strings block outside totalsize");
	dtb_machine();
	put32(b + 16, 44);
	EXPECT_STREQ(init_msg(b, d.size), "misplaced memory reservation block");
	dtb_machine();
	put32(b + 16, 32);
	EXPECT_STREQ(init_msg(b, d.size), "misplaced memory reservation block");
	// No (0, 0) before the end: every word of the blob is non-zero.
	dtb_machine();
	put32(b + 16, d.size & ~7u);
	EXPECT_STREQ(init_msg(b, d.size),
	             "memory reservation block past totalsize");
}

// A structure block of the given words and no FDT_END after them (which
// dtb_finish adds, and this takes back), with a strings block "name\0".
static const char *
struct_only(int n, ...)
{
	va_list ap;
	uint32_t st;

	dtb_reset();
	va_start(ap, n);
	for (int i = 0; i < n; i++)
		dtb_word(va_arg(ap, uint32_t));
	va_end(ap);
	dtb_string("name");
	dtb_finish();
	// Take FDT_END back out: size_dt_struct one word less.
	st = get32(d.blob + 36) - 4;
	put32(d.blob + 36, st);
	return init_msg(d.blob, d.size);
}

TEST(fdt, structure_errors)
{
	// BEGIN_NODE "" = 1, 0; END_NODE = 2; PROP = 3 len nameoff; NOP = 4;
	// END = 9.
	EXPECT_STREQ(struct_only(3, 1, 0, 2),
	             "no FDT_END in the structure block");
	EXPECT_STREQ(struct_only(4, 1, 0, 2, 9), NULL);
	EXPECT_STREQ(struct_only(4, 4, 1, 0, 2),
	             "no FDT_END in the structure block");
	EXPECT_STREQ(struct_only(5, 4, 1, 0, 2, 9), NULL);
	EXPECT_STREQ(struct_only(1, 9),
	             "FDT_END inside a node or before the root");
	EXPECT_STREQ(struct_only(3, 1, 0, 9),
	             "FDT_END inside a node or before the root");
	EXPECT_STREQ(struct_only(7, 1, 0, 2, 1, 0, 2, 9),
	             "more than one root node");
	EXPECT_STREQ(struct_only(4, 1, 0x61000000, 2, 9),
	             "root node has a name");
	EXPECT_STREQ(struct_only(2, 2, 9), "FDT_END_NODE outside any node");
	EXPECT_STREQ(struct_only(4, 3, 0, 0, 9), "property outside any node");
	EXPECT_STREQ(struct_only(10, 1, 0, 1, 0x61000000, 2, 3, 0, 0, 2, 9),
	             "property after a subnode");
	EXPECT_STREQ(struct_only(7, 1, 0, 3, 0, 0, 2, 9), NULL);
	EXPECT_STREQ(struct_only(7, 1, 0, 3, 9, 0, 2, 9),
	             "property past the structure block");
	EXPECT_STREQ(struct_only(4, 1, 0, 3, 0),
	             "property past the structure block");
	// "name\0" is 5 bytes: offsets 0 to 4 hold a terminated name.
	EXPECT_STREQ(struct_only(7, 1, 0, 3, 0, 4, 2, 9), NULL);
	EXPECT_STREQ(struct_only(7, 1, 0, 3, 0, 5, 2, 9),
	             "property name outside the strings block");
	EXPECT_STREQ(struct_only(4, 1, 0, 7, 2),
	             "bad token in the structure block");
	// A name without its NUL before the block ends.
	EXPECT_STREQ(struct_only(4, 1, 0, 1, 0x61616161),
	             "node name past the structure block");
}

TEST(fdt, property_name_must_end_inside_the_strings_block)
{
	dtb_reset();
	dtb_root();
	dtb_end();
	dtb_finish();
	ASSERT_STREQ(init_msg(d.blob, d.size), NULL);
	// Drop the last NUL of the strings block: "#size-cells" runs out.
	put32(d.blob + 32, get32(d.blob + 32) - 1);
	EXPECT_STREQ(init_msg(d.blob, d.size),
	             "property name outside the strings block");
}

// ---- Walking and looking up ---------------------------------------------

static struct fdt fdt;

static void
init_file(const char *name)
{
	size_t n = load(name);

	ASSERT_STREQ(fdt_init(&fdt, file_blob, n), NULL);
}

static void
init_built(void)
{
	ASSERT_STREQ(fdt_init(&fdt, d.blob, d.size), NULL);
}

static const char *
name_at(const char *path)
{
	int node = fdt_path(&fdt, path, strlen(path));

	return node < 0 ? NULL : fdt_node_name(&fdt, node);
}

TEST(fdt, paths_in_qemu_tree)
{
	init_file("qemu-virt-el2.dtb");
	EXPECT_STREQ(name_at("/"), "");
	EXPECT_STREQ(name_at("/chosen"), "chosen");
	EXPECT_STREQ(name_at("/memory"), "memory@40000000");
	EXPECT_STREQ(name_at("/memory@40000000"), "memory@40000000");
	EXPECT_STREQ(name_at("/memory@40000001"), NULL);
	EXPECT_STREQ(name_at("/intc@8000000/its@8080000"), "its@8080000");
	EXPECT_STREQ(name_at("/intc/its"), "its@8080000");
	EXPECT_STREQ(name_at("//intc@8000000//its@8080000/"), "its@8080000");
	EXPECT_STREQ(name_at("/its@8080000"), NULL);
	EXPECT_STREQ(name_at("/chose"), NULL);
	EXPECT_STREQ(name_at("/chosenx"), NULL);
	EXPECT_STREQ(name_at("chosen"), NULL); // no /aliases in QEMU's
	EXPECT_EQ(fdt_path(&fdt, "", 0), -1);
	// Only len bytes are read.
	EXPECT_STREQ(fdt_node_name(&fdt, fdt_path(&fdt, "/psci/x", 5)), "psci");
}

TEST(fdt, walk_counts_every_node_once)
{
	int depth = 0, nodes = 0, max_depth = 0, root_children = 0;

	init_file("qemu-virt-gicv3.dtb");
	for (int n = fdt.root; n >= 0; n = fdt_next_node(&fdt, n, &depth)) {
		nodes++;
		if (depth > max_depth)
			max_depth = depth;
		EXPECT_TRUE(depth >= 0);
	}
	for (int n = fdt_first_child(&fdt, fdt.root); n >= 0;
	     n = fdt_next_sibling(&fdt, n)) {
		root_children++;
		EXPECT_EQ(fdt_parent(&fdt, n), fdt.root);
	}
	// As `dtc -O dts` of this file counts them: 56 nodes, 48 under the
	// root, the deepest /cpus/cpu-map/socket0/cluster0/core0 at 5.
	EXPECT_EQ(nodes, 56);
	EXPECT_EQ(root_children, 48);
	EXPECT_EQ(max_depth, 5);
	EXPECT_EQ(fdt_parent(&fdt, fdt.root), -1);
	EXPECT_EQ(fdt_parent(&fdt, fdt_path(&fdt, "/intc/its", 9)),
	          fdt_path(&fdt, "/intc", 5));
	EXPECT_EQ(fdt_first_child(&fdt, fdt_path(&fdt, "/psci", 5)), -1);
}

TEST(fdt, properties)
{
	static const char *const want[] = { "migrate", "cpu_on",
		                            "cpu_off", "cpu_suspend",
		                            "method",  "compatible" };
	const char *name;
	uint32_t len;
	uint64_t v;
	int psci, i = 0;

	init_file("qemu-virt-gicv3.dtb");
	psci = fdt_path(&fdt, "/psci", 5);
	for (int p = fdt_first_prop(&fdt, psci); p >= 0;
	     p = fdt_next_prop(&fdt, p), i++) {
		fdt_prop_at(&fdt, p, &name, &len);
		ASSERT_TRUE(i < 6);
		EXPECT_STREQ(name, want[i]);
	}
	EXPECT_EQ(i, 6);
	EXPECT_STREQ(fdt_prop_str(&fdt, psci, "method"), "hvc");
	EXPECT_TRUE(fdt_prop_uint(&fdt, psci, "cpu_on", &v));
	EXPECT_EQ(v, 0xc4000003);
	EXPECT_FALSE(fdt_prop_uint(&fdt, psci, "compatible", &v));
	EXPECT_FALSE(fdt_prop_uint(&fdt, psci, "nothing", &v));
	EXPECT_EQ(fdt_prop(&fdt, psci, "metho", &len), NULL);
	EXPECT_EQ(fdt_prop(&fdt, psci, "methods", &len), NULL);
	// A list of strings is a string only in its first part.
	EXPECT_STREQ(fdt_prop_str(&fdt, psci, "compatible"), "arm,psci-1.0");
	// Not a NUL-terminated value: no string.
	EXPECT_EQ(fdt_prop_str(&fdt, psci, "cpu_on"), NULL);
	// 64-bit values and the root's cells.
	EXPECT_TRUE(
	    fdt_prop_uint(&fdt, fdt_path(&fdt, "/pcie", 5), "bus-range", &v));
	EXPECT_EQ(v, 0xff);
	EXPECT_EQ(fdt_address_cells(&fdt, fdt.root), 2);
	EXPECT_EQ(fdt_size_cells(&fdt, fdt.root), 2);
	EXPECT_EQ(fdt_address_cells(&fdt, psci), 2); // the defaults
	EXPECT_EQ(fdt_size_cells(&fdt, psci), 1);
}

TEST(fdt, nops_between_properties_are_skipped)
{
	uint32_t len;
	int node;

	dtb_reset();
	dtb_begin("");
	dtb_word(4);
	dtb_str("a", "1");
	dtb_word(4);
	dtb_word(4);
	dtb_str("b", "2");
	dtb_begin("child");
	dtb_end();
	dtb_word(4);
	dtb_begin("other");
	dtb_end();
	dtb_end();
	dtb_word(4);
	dtb_finish();
	init_built();
	EXPECT_STREQ(fdt_prop_str(&fdt, fdt.root, "b"), "2");
	EXPECT_EQ(fdt_prop(&fdt, fdt.root, "c", &len), NULL);
	node = fdt_first_child(&fdt, fdt.root);
	EXPECT_STREQ(fdt_node_name(&fdt, node), "child");
	node = fdt_next_sibling(&fdt, node);
	EXPECT_STREQ(fdt_node_name(&fdt, node), "other");
	EXPECT_EQ(fdt_next_sibling(&fdt, node), -1);
}

TEST(fdt, reg_decoding)
{
	uint64_t a, s;
	int node;

	init_file("qemu-virt-gicv3.dtb");
	node = fdt_path(&fdt, "/intc", 5);
	EXPECT_TRUE(fdt_reg(&fdt, node, 0, &a, &s));
	EXPECT_EQ(a, 0x08000000);
	EXPECT_EQ(s, 0x10000);
	EXPECT_TRUE(fdt_reg(&fdt, node, 1, &a, &s));
	EXPECT_EQ(a, 0x080a0000);
	EXPECT_EQ(s, 0xf60000);
	EXPECT_FALSE(fdt_reg(&fdt, node, 2, &a, &s));
	EXPECT_FALSE(fdt_reg(&fdt, fdt.root, 0, &a, &s));
	EXPECT_FALSE(fdt_reg(&fdt, fdt_path(&fdt, "/psci", 5), 0, &a, &s));
	// A 64-bit address (the high PCIe ECAM window).
	EXPECT_TRUE(fdt_reg(&fdt, fdt_path(&fdt, "/pcie", 5), 0, &a, &s));
	EXPECT_EQ(a, 0x4010000000);
	EXPECT_EQ(s, 0x10000000);

	// One cell each; three address cells (PCI) cannot be decoded; a
	// cell count that is not one cell neither.
	dtb_reset();
	dtb_begin("");
	dtb_cells("#address-cells", 1, 1);
	dtb_cells("#size-cells", 1, 1);
	dtb_begin("a@1000");
	dtb_cells("reg", 4, 0x1000, 0x100, 0x3000, 0x200);
	dtb_cells("#address-cells", 1, 3);
	dtb_begin("b");
	dtb_cells("reg", 4, 0, 0, 1, 2);
	dtb_end();
	dtb_end();
	dtb_begin("c");
	dtb_cells("#size-cells", 2, 0, 1);
	dtb_begin("d");
	dtb_cells("reg", 3, 0, 1, 2);
	dtb_end();
	dtb_end();
	dtb_begin("e");
	dtb_cells("#address-cells", 1, 1);
	dtb_cells("#size-cells", 1, 0);
	dtb_begin("f");
	dtb_cells("reg", 3, 0, 0x10, 0x11);
	dtb_end();
	dtb_end();
	dtb_end();
	dtb_finish();
	init_built();
	node = fdt_path(&fdt, "/a", 2);
	EXPECT_TRUE(fdt_reg(&fdt, node, 1, &a, &s));
	EXPECT_EQ(a, 0x3000);
	EXPECT_EQ(s, 0x200);
	EXPECT_FALSE(fdt_reg(&fdt, fdt_path(&fdt, "/a/b", 4), 0, &a, &s));
	EXPECT_FALSE(fdt_reg(&fdt, fdt_path(&fdt, "/c/d", 4), 0, &a, &s));
	// #size-cells = <0>: addresses alone, size 0.
	node = fdt_path(&fdt, "/e/f", 4);
	EXPECT_TRUE(fdt_reg(&fdt, node, 1, &a, &s));
	EXPECT_EQ(a, 0x10);
	EXPECT_EQ(s, 0);
}

TEST(fdt, translation_through_ranges)
{
	uint64_t a, s;

	dtb_reset();
	dtb_begin("");
	dtb_cells("#address-cells", 1, 2);
	dtb_cells("#size-cells", 1, 1);
	dtb_begin("soc");
	dtb_cells("#address-cells", 1, 1);
	dtb_cells("#size-cells", 1, 1);
	// Two windows: 0x0-0xfff at 0x1_2000_0000, 0x10000-0x1ffff at
	// 0x3000_0000.
	dtb_cells("ranges", 8, 0, 1, 0x20000000, 0x1000, 0x10000, 0, 0x30000000,
	          0x10000);
	dtb_begin("dev@800");
	dtb_cells("reg", 2, 0x800, 0x100);
	dtb_end();
	dtb_begin("dev@10010");
	dtb_cells("reg", 2, 0x10010, 0x10);
	dtb_end();
	dtb_begin("dev@2000");
	dtb_cells("reg", 2, 0x2000, 0x10);
	dtb_end();
	dtb_begin("flat");
	dtb_cells("#address-cells", 1, 1);
	dtb_cells("#size-cells", 1, 1);
	dtb_prop("ranges", "", 0);
	dtb_begin("dev@40");
	dtb_cells("reg", 2, 0x40, 0x10);
	dtb_end();
	dtb_end();
	dtb_begin("private");
	dtb_cells("#address-cells", 1, 1);
	dtb_cells("#size-cells", 1, 0);
	dtb_begin("dev@1");
	dtb_cells("reg", 1, 1);
	dtb_end();
	dtb_end();
	dtb_end();
	dtb_end();
	dtb_finish();
	init_built();
	EXPECT_TRUE(
	    fdt_reg_cpu(&fdt, fdt_path(&fdt, "/soc/dev@800", 12), 0, &a, &s));
	EXPECT_EQ(a, 0x120000800);
	EXPECT_EQ(s, 0x100);
	EXPECT_TRUE(
	    fdt_reg_cpu(&fdt, fdt_path(&fdt, "/soc/dev@10010", 14), 0, &a, &s));
	EXPECT_EQ(a, 0x30000010);
	// In no window.
	EXPECT_FALSE(
	    fdt_reg_cpu(&fdt, fdt_path(&fdt, "/soc/dev@2000", 13), 0, &a, &s));
	// An empty ranges inside a window.
	EXPECT_TRUE(
	    fdt_reg_cpu(&fdt, fdt_path(&fdt, "/soc/flat/dev", 13), 0, &a, &s));
	EXPECT_EQ(a, 0x120000040);
	// No ranges: not memory-mapped.
	EXPECT_TRUE(
	    fdt_reg(&fdt, fdt_path(&fdt, "/soc/private/dev", 16), 0, &a, &s));
	EXPECT_FALSE(fdt_reg_cpu(&fdt, fdt_path(&fdt, "/soc/private/dev", 16),
	                         0, &a, &s));
}

TEST(fdt, compatible_and_status)
{
	int n;

	dtb_reset();
	dtb_begin("");
	dtb_begin("a");
	dtb_prop("compatible", "x,one\0x,two", 12);
	dtb_end();
	dtb_begin("b");
	dtb_prop("compatible", "x,two\0x,thr", 11); // last one unterminated
	dtb_str("status", "disabled");
	dtb_end();
	dtb_begin("c");
	dtb_str("compatible", "x,two");
	dtb_str("status", "ok");
	dtb_end();
	dtb_begin("d");
	dtb_str("compatible", "x,two");
	dtb_prop("status", "okay", 4); // no NUL: not "okay"
	dtb_end();
	dtb_begin("e");
	dtb_str("compatible", "x,two");
	dtb_str("status", "okay");
	dtb_end();
	dtb_end();
	dtb_finish();
	init_built();
	n = fdt_path(&fdt, "/a", 2);
	EXPECT_TRUE(fdt_is_compatible(&fdt, n, "x,one"));
	EXPECT_TRUE(fdt_is_compatible(&fdt, n, "x,two"));
	EXPECT_FALSE(fdt_is_compatible(&fdt, n, "x,tw"));
	EXPECT_FALSE(fdt_is_compatible(&fdt, n, "x,twoo"));
	EXPECT_FALSE(fdt_is_compatible(&fdt, n, ""));
	n = fdt_path(&fdt, "/b", 2);
	EXPECT_TRUE(fdt_is_compatible(&fdt, n, "x,two"));
	EXPECT_FALSE(fdt_is_compatible(&fdt, n, "x,thr"));
	EXPECT_FALSE(fdt_node_enabled(&fdt, n));
	EXPECT_FALSE(fdt_node_enabled(&fdt, fdt_path(&fdt, "/d", 2)));
	EXPECT_TRUE(fdt_node_enabled(&fdt, fdt_path(&fdt, "/a", 2)));
	// The first enabled x,two, then the next ones: c and e.
	n = fdt_find_compatible(&fdt, -1, "x,two");
	EXPECT_STREQ(fdt_node_name(&fdt, n), "a");
	n = fdt_find_compatible(&fdt, n, "x,two");
	EXPECT_STREQ(fdt_node_name(&fdt, n), "c");
	n = fdt_find_compatible(&fdt, n, "x,two");
	EXPECT_STREQ(fdt_node_name(&fdt, n), "e");
	EXPECT_EQ(fdt_find_compatible(&fdt, n, "x,two"), -1);
	EXPECT_EQ(fdt_find_compatible(&fdt, -1, "x,none"), -1);
}

TEST(fdt, aliases)
{
	init_file("handmade-bus.dtb");
	EXPECT_STREQ(name_at("serial0"), "uart@1000");
	EXPECT_STREQ(name_at("serial"), NULL);
	EXPECT_STREQ(name_at("serial01"), NULL);

	dtb_reset();
	dtb_begin("");
	dtb_begin("aliases");
	dtb_str("bus", "/soc");
	dtb_str("rel", "soc");      // not a full path
	dtb_prop("raw", "/soc", 4); // no NUL
	dtb_str("gone", "/nothing");
	dtb_end();
	dtb_begin("soc");
	dtb_begin("uart@1000");
	dtb_end();
	dtb_end();
	dtb_end();
	dtb_finish();
	init_built();
	EXPECT_STREQ(name_at("bus"), "soc");
	EXPECT_STREQ(name_at("bus/uart"), "uart@1000");
	EXPECT_STREQ(name_at("bus/uart@1000/"), "uart@1000");
	EXPECT_STREQ(name_at("bus/none"), NULL);
	EXPECT_STREQ(name_at("rel"), NULL);
	EXPECT_STREQ(name_at("raw"), NULL);
	EXPECT_STREQ(name_at("gone"), NULL);
}

TEST(fdt, reservations)
{
	uint64_t a, s;

	dtb_reset();
	dtb_reserve(0x80f00000, 0x10000);
	dtb_reserve(0x123456789, 0x1000000000);
	dtb_begin("");
	dtb_end();
	dtb_finish();
	init_built();
	EXPECT_TRUE(fdt_reservation(&fdt, 0, &a, &s));
	EXPECT_EQ(a, 0x80f00000);
	EXPECT_EQ(s, 0x10000);
	EXPECT_TRUE(fdt_reservation(&fdt, 1, &a, &s));
	EXPECT_EQ(a, 0x123456789);
	EXPECT_EQ(s, 0x1000000000);
	EXPECT_FALSE(fdt_reservation(&fdt, 2, &a, &s));
	init_file("qemu-virt-gicv3.dtb");
	EXPECT_FALSE(fdt_reservation(&fdt, 0, &a, &s));
}

// ---- dt_platform_read --------------------------------------------------

static struct platform plat;

static const char *
read_built(uint64_t image)
{
	return dt_platform_read(d.blob, d.size, image, &plat);
}

static void
expect_qemu_common(void)
{
	EXPECT_EQ(plat.mem_base, 0x40000000);
	EXPECT_EQ(plat.mem_size, 0x40000000);
	EXPECT_EQ(plat.gicd_base, 0x08000000);
	EXPECT_EQ(plat.gicd_size, 0x10000);
	EXPECT_EQ(plat.gicr_base, 0x080a0000);
	EXPECT_EQ(plat.gicr_size, 0xf60000);
	EXPECT_EQ(plat.gicr_count, 1);
	EXPECT_EQ(plat.gicr_regions[0].base, 0x080a0000);
	EXPECT_EQ(plat.gicr_regions[0].size, 0xf60000);
	EXPECT_EQ(plat.gicr_stride, 0);
	EXPECT_EQ(plat.timer_intid, 27);
	EXPECT_EQ(plat.timer_freq, 0);
	EXPECT_EQ(plat.uart_base, 0x09000000);
	EXPECT_EQ(plat.rng_seed_len, 32);
}

TEST(dt_platform, qemu_virt_gicv3)
{
	static const uint8_t seed[] = { 0xac, 0x4f, 0x40, 0x94,
		                        0xed, 0xed, 0x11, 0xce };
	size_t n = load("qemu-virt-gicv3.dtb");

	ASSERT_STREQ(dt_platform_read(file_blob, n, IMAGE_QEMU, &plat), NULL);
	expect_qemu_common();
	EXPECT_EQ(plat.psci, PLATFORM_PSCI_HVC);
	EXPECT_STREQ(plat.bootargs, "rt.exit=semihosting -- one two");
	ASSERT_TRUE(plat.rng_seed != NULL);
	EXPECT_MEMEQ(plat.rng_seed, seed, sizeof(seed));
	// Pointers into the blob.
	EXPECT_TRUE((const uint8_t *)plat.bootargs > file_blob &&
	            (const uint8_t *)plat.bootargs < file_blob + n);
	EXPECT_TRUE(plat.rng_seed > file_blob &&
	            plat.rng_seed + 32 <= file_blob + n);
	// The image at either end of RAM.
	EXPECT_STREQ(dt_platform_read(file_blob, n, 0x40000000, &plat), NULL);
	EXPECT_STREQ(dt_platform_read(file_blob, n, 0x7fffffff, &plat), NULL);
}

TEST(dt_platform, qemu_virt_el2)
{
	static const uint8_t seed[] = { 0xd3, 0x00, 0x6b, 0xe4,
		                        0xbc, 0xed, 0xa9, 0x39 };
	size_t n = load("qemu-virt-el2.dtb");

	ASSERT_STREQ(dt_platform_read(file_blob, n, IMAGE_QEMU, &plat), NULL);
	expect_qemu_common();
	EXPECT_EQ(plat.psci, PLATFORM_PSCI_SMC);
	EXPECT_STREQ(plat.bootargs, "rt.log=debug -- \"hello world\" 2");
	ASSERT_TRUE(plat.rng_seed != NULL);
	EXPECT_MEMEQ(plat.rng_seed, seed, sizeof(seed));
}

TEST(dt_platform, qemu_virt_default_gic_is_v2)
{
	size_t n = load("qemu-virt.dtb");

	// QEMU's plain virt: a GICv2, its distributor and CPU interface.
	EXPECT_STREQ(dt_platform_read(file_blob, n, IMAGE_QEMU, &plat), NULL);
	EXPECT_EQ(plat.gic_version, 2u);
	EXPECT_EQ(plat.gicd_base, 0x08000000u);
	EXPECT_EQ(plat.gicr_base, 0x08010000u);
	EXPECT_EQ(plat.timer_intid, 27u);
}

TEST(dt_platform, image_outside_ram)
{
	size_t n = load("qemu-virt-gicv3.dtb");

	EXPECT_STREQ(dt_platform_read(file_blob, n, 0x3fffffff, &plat),
	             "no /memory bank holds the image");
	EXPECT_STREQ(dt_platform_read(file_blob, n, 0x80000000, &plat),
	             "no /memory bank holds the image");
}

TEST(dt_platform, bad_blob_is_fdt_init_message)
{
	size_t n = load("truncated-struct.dtb");

	EXPECT_STREQ(dt_platform_read(file_blob, n, IMAGE_QEMU, &plat),
	             "truncated: totalsize beyond what is readable");
	EXPECT_STREQ(dt_platform_read(NULL, n, IMAGE_QEMU, &plat),
	             "address is 0");
}

TEST(dt_platform, bus_alias_and_reservations)
{
	size_t n = load("handmade-bus.dtb");

	ASSERT_STREQ(dt_platform_read(file_blob, n, 0x80000000, &plat), NULL);
	// Cut at the /reserved-memory region 0x80e00000 (the
	// /memreserve/ at 0x80f00000 lies above it).
	EXPECT_EQ(plat.mem_base, 0x80000000);
	EXPECT_EQ(plat.mem_size, 0xe00000);
	EXPECT_EQ(plat.gicd_base, 0x20040000);
	EXPECT_EQ(plat.gicr_base, 0x20060000);
	EXPECT_EQ(plat.gicr_size, 0x40000);
	// Four interrupt cells.
	EXPECT_EQ(plat.timer_intid, 27);
	EXPECT_EQ(plat.timer_freq, 62500000);
	// "serial0:115200n8" through /aliases and the soc's ranges.
	EXPECT_EQ(plat.uart_base, 0x20001000);
	EXPECT_EQ(plat.psci, PLATFORM_PSCI_SMC);
	EXPECT_STREQ(plat.bootargs,
	             "rt.exit=psci \"quoted arg\" -- a \"b c\" --");
	// kaslr-seed, as there is no rng-seed.
	ASSERT_TRUE(plat.rng_seed != NULL);
	EXPECT_EQ(plat.rng_seed_len, 8);
	EXPECT_EQ(plat.rng_seed[0], 1);
	EXPECT_EQ(plat.rng_seed[7], 8);
	// An image inside a reserved region is refused.
	EXPECT_STREQ(dt_platform_read(file_blob, n, 0x80e00800, &plat),
	             "the image lies in reserved memory");
	EXPECT_STREQ(dt_platform_read(file_blob, n, 0x80f00000, &plat),
	             "the image lies in reserved memory");
	// Above both reservations: the whole rest of the bank.
	ASSERT_STREQ(dt_platform_read(file_blob, n, 0x80f10000, &plat), NULL);
	EXPECT_EQ(plat.mem_size, 0x1000000);
}

TEST(dt_platform, least_machine)
{
	dtb_machine();
	ASSERT_STREQ(read_built(IMAGE_QEMU), NULL);
	EXPECT_EQ(plat.mem_base, 0x40000000);
	EXPECT_EQ(plat.timer_intid, 27);
	EXPECT_EQ(plat.uart_base, 0);
	EXPECT_EQ(plat.bootargs, NULL);
	EXPECT_EQ(plat.rng_seed, NULL);
	EXPECT_EQ(plat.rng_seed_len, 0);
	EXPECT_EQ(plat.psci, PLATFORM_PSCI_NONE);
}

// A GIC node with regions and stride as given (0: no such property).
static void
dtb_gic_regions(uint32_t regions, uint64_t stride, unsigned reg_regions)
{
	dtb_reset();
	dtb_root();
	dtb_memory("memory@40000000", 0x40000000, 0x40000000);
	dtb_begin("intc");
	dtb_str("compatible", "arm,gic-v3");
	if (regions != 0)
		dtb_cells("#redistributor-regions", 1, regions);
	if (stride != 0)
		dtb_cells("redistributor-stride", 2, (uint32_t)(stride >> 32),
		          (uint32_t)stride);
	if (reg_regions == 2)
		dtb_cells("reg", 12, 0, 0x08000000, 0, 0x10000, 0, 0x080a0000,
		          0, 0xf60000, 0, 0x0c000000, 0, 0x80000);
	else
		dtb_cells("reg", 8, 0, 0x08000000, 0, 0x10000, 0, 0x080a0000, 0,
		          0xf60000);
	dtb_end();
	dtb_end();
	dtb_finish();
}

// QEMU's virt puts the redistributors of CPUs past 123 in a second region;
// a GICv4 with padding pages says its stride.
TEST(dt_platform, gicv3_redistributor_regions_and_stride)
{
	dtb_gic_regions(2, 0x40000, 2);
	ASSERT_STREQ(read_built(IMAGE_QEMU), NULL);
	EXPECT_EQ(plat.gicr_count, 2);
	EXPECT_EQ(plat.gicr_regions[0].base, 0x080a0000);
	EXPECT_EQ(plat.gicr_regions[0].size, 0xf60000);
	EXPECT_EQ(plat.gicr_regions[1].base, 0x0c000000);
	EXPECT_EQ(plat.gicr_regions[1].size, 0x80000);
	EXPECT_EQ(plat.gicr_stride, 0x40000);
	EXPECT_EQ(plat.gicr_base, 0x080a0000);

	dtb_gic_regions(2, 0, 1);
	EXPECT_STREQ(read_built(IMAGE_QEMU), "GICv3 reg lacks GICD or GICR");
	dtb_gic_regions(5, 0, 2);
	EXPECT_STREQ(read_built(IMAGE_QEMU),
	             "GICv3 #redistributor-regions not 1 to 4");
	dtb_gic_regions(0xffffffff, 0, 2);
	EXPECT_STREQ(read_built(IMAGE_QEMU),
	             "GICv3 #redistributor-regions not 1 to 4");
	for (uint64_t stride = 0x10000; stride <= 0x28000; stride += 0x18000) {
		dtb_gic_regions(1, stride, 1);
		EXPECT_STREQ(read_built(IMAGE_QEMU),
		             "GICv3 redistributor-stride not a multiple of 64 "
		             "KiB from 128 KiB");
	}
}

TEST(dt_platform, memory_banks)
{
	// Two nodes, the second with two entries; a node that is not
	// memory by its device_type, and a disabled one.
	dtb_reset();
	dtb_root();
	dtb_memory("memory@40000000", 0x40000000, 0x1000000);
	dtb_begin("memory@80000000");
	dtb_str("device_type", "memory");
	dtb_cells("reg", 8, 0, 0x80000000, 0, 0x100000, 1, 0, 0, 0x200000);
	dtb_end();
	dtb_begin("sram@90000000");
	dtb_cells("reg", 4, 0, 0x90000000, 0, 0x100000);
	dtb_end();
	dtb_begin("memory@a0000000");
	dtb_str("device_type", "memory");
	dtb_str("status", "disabled");
	dtb_cells("reg", 4, 0, 0xa0000000, 0, 0x100000);
	dtb_end();
	dtb_gic();
	dtb_end();
	dtb_finish();
	ASSERT_STREQ(read_built(0x100100000), NULL);
	EXPECT_EQ(plat.mem_base, 0x100000000);
	EXPECT_EQ(plat.mem_size, 0x200000);
	ASSERT_STREQ(read_built(0x80000000), NULL);
	EXPECT_EQ(plat.mem_size, 0x100000);
	ASSERT_STREQ(read_built(0x40ffffff), NULL);
	EXPECT_EQ(plat.mem_base, 0x40000000);
	EXPECT_STREQ(read_built(0x90000000), "no /memory bank holds the image");
	EXPECT_STREQ(read_built(0xa0000000), "no /memory bank holds the image");
	EXPECT_STREQ(read_built(0x80100000), "no /memory bank holds the image");
}

TEST(dt_platform, memory_bank_that_wraps)
{
	dtb_reset();
	dtb_root();
	dtb_memory("memory@ffffffff00000000", 0xffffffff00000000, 0x100000000);
	dtb_gic();
	dtb_end();
	dtb_finish();
	EXPECT_STREQ(read_built(0xffffffff00001000), "a /memory bank wraps");
}

TEST(dt_platform, gic_errors)
{
	dtb_reset();
	dtb_root();
	dtb_memory("memory@40000000", 0x40000000, 0x40000000);
	dtb_begin("intc@8000000");
	dtb_str("compatible", "arm,gic-v3");
	dtb_cells("reg", 4, 0, 0x08000000, 0, 0x10000);
	dtb_end();
	dtb_end();
	dtb_finish();
	EXPECT_STREQ(read_built(IMAGE_QEMU), "GICv3 reg lacks GICD or GICR");

	static const uint32_t bad[][4] = {
		{ 0x08000000, 0x10000, 0x40000000, 0x20000 }, // GICR in RAM
		{ 0x08000000, 0x10000, 0x3fff0000, 0x20000 }, // runs into it
		{ 0x08001000, 0x10000, 0x080a0000, 0x20000 }, // misaligned
		{ 0x08000000, 0x10000, 0x080a0000, 0x10000 }, // GICR too small
		{ 0x08000000, 0x8000, 0x080a0000, 0x20000 },  // GICD too small
		{ 0, 0x10000, 0x080a0000, 0x20000 },          // at 0
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		dtb_reset();
		dtb_root();
		dtb_memory("memory@40000000", 0x40000000, 0x40000000);
		dtb_begin("intc");
		dtb_str("compatible", "arm,gic-v3");
		dtb_cells("reg", 8, 0, bad[i][0], 0, bad[i][1], 0, bad[i][2], 0,
		          bad[i][3]);
		dtb_end();
		dtb_end();
		dtb_finish();
		EXPECT_STREQ(
		    read_built(IMAGE_QEMU),
		    "GIC frames misaligned, too small, wrapping or in RAM");
	}
	// A wrapping one.
	dtb_reset();
	dtb_root();
	dtb_memory("memory@40000000", 0x40000000, 0x40000000);
	dtb_begin("intc");
	dtb_str("compatible", "arm,gic-v3");
	dtb_cells("reg", 8, 0xffffffff, 0xffff0000, 0, 0x20000, 0, 0x080a0000,
	          0, 0x20000);
	dtb_end();
	dtb_end();
	dtb_finish();
	EXPECT_STREQ(read_built(IMAGE_QEMU),
	             "GIC frames misaligned, too small, wrapping or in RAM");
	// A disabled GICv3 is no GICv3.
	dtb_reset();
	dtb_root();
	dtb_memory("memory@40000000", 0x40000000, 0x40000000);
	dtb_begin("intc");
	dtb_str("compatible", "arm,gic-v3");
	dtb_str("status", "disabled");
	dtb_cells("reg", 8, 0, 0x08000000, 0, 0x10000, 0, 0x080a0000, 0,
	          0x20000);
	dtb_end();
	dtb_end();
	dtb_finish();
	EXPECT_STREQ(read_built(IMAGE_QEMU),
	             "no GICv3 (arm,gic-v3) or GICv2 (arm,cortex-a15-gic, "
	             "arm,gic-400) node");
}

TEST(dt_platform, timer)
{
	// Without a timer node: 0, CNTFRQ is the frequency.
	dtb_reset();
	dtb_root();
	dtb_memory("memory@40000000", 0x40000000, 0x40000000);
	dtb_gic();
	dtb_end();
	dtb_finish();
	ASSERT_STREQ(read_built(IMAGE_QEMU), NULL);
	EXPECT_EQ(plat.timer_intid, 0);
	EXPECT_EQ(plat.timer_freq, 0);
	// PPI 15 is the last one.
	dtb_reset();
	dtb_root();
	dtb_memory("memory@40000000", 0x40000000, 0x40000000);
	dtb_gic();
	dtb_timer(1, 15);
	dtb_end();
	dtb_finish();
	ASSERT_STREQ(read_built(IMAGE_QEMU), NULL);
	EXPECT_EQ(plat.timer_intid, 31);
	// An SPI, or a PPI number beyond 15.
	dtb_reset();
	dtb_root();
	dtb_memory("memory@40000000", 0x40000000, 0x40000000);
	dtb_gic();
	dtb_timer(0, 11);
	dtb_end();
	dtb_finish();
	EXPECT_STREQ(read_built(IMAGE_QEMU),
	             "virtual timer interrupt not a PPI");
	dtb_reset();
	dtb_root();
	dtb_memory("memory@40000000", 0x40000000, 0x40000000);
	dtb_gic();
	dtb_timer(1, 16);
	dtb_end();
	dtb_finish();
	EXPECT_STREQ(read_built(IMAGE_QEMU),
	             "virtual timer interrupt not a PPI");
	// Only two interrupts and a part; and none.
	dtb_reset();
	dtb_root();
	dtb_memory("memory@40000000", 0x40000000, 0x40000000);
	dtb_gic();
	dtb_begin("timer");
	dtb_str("compatible", "arm,armv8-timer");
	dtb_cells("interrupts", 8, 1, 13, 4, 1, 14, 4, 1, 11);
	dtb_end();
	dtb_end();
	dtb_finish();
	EXPECT_STREQ(read_built(IMAGE_QEMU),
	             "timer has no virtual timer interrupt");
	dtb_reset();
	dtb_root();
	dtb_memory("memory@40000000", 0x40000000, 0x40000000);
	dtb_gic();
	dtb_begin("timer");
	dtb_str("compatible", "arm,armv8-timer");
	dtb_end();
	dtb_end();
	dtb_finish();
	EXPECT_STREQ(read_built(IMAGE_QEMU),
	             "timer has no virtual timer interrupt");
	// A clock-frequency of one cell and of two.
	dtb_reset();
	dtb_root();
	dtb_memory("memory@40000000", 0x40000000, 0x40000000);
	dtb_gic();
	dtb_begin("timer");
	dtb_str("compatible", "arm,armv8-timer");
	dtb_cells("interrupts", 9, 1, 13, 4, 1, 14, 4, 1, 11, 4);
	dtb_cells("clock-frequency", 2, 1, 0);
	dtb_end();
	dtb_end();
	dtb_finish();
	ASSERT_STREQ(read_built(IMAGE_QEMU), NULL);
	EXPECT_EQ(plat.timer_freq, 0x100000000);
}

TEST(dt_platform, interrupt_cells)
{
	dtb_reset();
	dtb_root();
	dtb_memory("memory@40000000", 0x40000000, 0x40000000);
	dtb_begin("intc");
	dtb_str("compatible", "arm,gic-v3");
	dtb_cells("#interrupt-cells", 1, 2);
	dtb_cells("reg", 8, 0, 0x08000000, 0, 0x10000, 0, 0x080a0000, 0,
	          0x20000);
	dtb_end();
	dtb_timer(1, 11);
	dtb_end();
	dtb_finish();
	EXPECT_STREQ(read_built(IMAGE_QEMU), "GIC #interrupt-cells not 3 or 4");
}

// A machine with this /chosen: bootargs (NULL: none), and a PL011 at
// 0x09000000 reached as /pl011@9000000 and through alias serial0.
static void
dtb_chosen_machine(const char *stdout_path, const char *bootargs)
{
	dtb_machine_open();
	dtb_begin("aliases");
	dtb_str("serial0", "/pl011@9000000");
	dtb_str("serial1", "/uart@a000000");
	dtb_end();
	dtb_uart("pl011@9000000", 0x09000000);
	dtb_begin("uart@a000000");
	dtb_str("compatible", "ns16550a");
	dtb_cells("reg", 4, 0, 0x0a000000, 0, 0x1000);
	dtb_end();
	dtb_begin("chosen");
	if (stdout_path != NULL)
		dtb_str("stdout-path", stdout_path);
	if (bootargs != NULL)
		dtb_str("bootargs", bootargs);
	dtb_end();
	dtb_end();
	dtb_finish();
}

TEST(dt_platform, stdout_path)
{
	static const struct {
		const char *path;
		uint64_t base;
	} cases[] = {
		{ "/pl011@9000000", 0x09000000 },
		{ "/pl011@9000000:115200n8", 0x09000000 },
		{ "/pl011", 0x09000000 },
		{ "serial0", 0x09000000 },
		{ "serial0:115200", 0x09000000 },
		{ "serial1", 0 },       // not a PL011
		{ "/uart@a000000", 0 }, // same
		{ "serial7", 0 },       // no such alias
		{ "/nothing@0", 0 },    // no such node
		{ ":115200", 0 },       // nothing before the options
		{ "", 0 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		dtb_chosen_machine(cases[i].path, NULL);
		ASSERT_STREQ(read_built(IMAGE_QEMU), NULL);
		if (plat.uart_base != cases[i].base)
			printf("stdout-path \"%s\"\n", cases[i].path);
		EXPECT_EQ(plat.uart_base, cases[i].base);
	}
	dtb_chosen_machine(NULL, NULL);
	ASSERT_STREQ(read_built(IMAGE_QEMU), NULL);
	EXPECT_EQ(plat.uart_base, 0);
}

TEST(dt_platform, stdout_uart_checks)
{
	// Disabled: no console. In RAM, or at 0: refused.
	dtb_machine_open();
	dtb_begin("pl011@9000000");
	dtb_str("compatible", "arm,pl011");
	dtb_str("status", "disabled");
	dtb_cells("reg", 4, 0, 0x09000000, 0, 0x1000);
	dtb_end();
	dtb_begin("chosen");
	dtb_str("stdout-path", "/pl011@9000000");
	dtb_end();
	dtb_end();
	dtb_finish();
	ASSERT_STREQ(read_built(IMAGE_QEMU), NULL);
	EXPECT_EQ(plat.uart_base, 0);

	static const uint32_t bad[][2] = {
		{ 0x40001000, 0x1000 }, // in RAM
		{ 0x09000800, 0x1000 }, // not 4 KiB aligned
		{ 0x09000000, 0x40 },   // too small for the registers
		{ 0, 0x1000 },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		dtb_machine_open();
		dtb_begin("serial");
		dtb_str("compatible", "arm,pl011");
		dtb_cells("reg", 4, 0, bad[i][0], 0, bad[i][1]);
		dtb_end();
		dtb_begin("chosen");
		dtb_str("stdout-path", "/serial");
		dtb_end();
		dtb_end();
		dtb_finish();
		EXPECT_STREQ(read_built(IMAGE_QEMU),
		             "stdout PL011 reg missing, misaligned, too small "
		             "or in RAM");
	}
	// An RPi-style 0x200 frame is enough.
	dtb_machine_open();
	dtb_begin("serial");
	dtb_str("compatible", "arm,pl011");
	dtb_cells("reg", 4, 0, 0x09000000, 0, 0x200);
	dtb_end();
	dtb_begin("chosen");
	dtb_str("stdout-path", "/serial");
	dtb_end();
	dtb_end();
	dtb_finish();
	ASSERT_STREQ(read_built(IMAGE_QEMU), NULL);
	EXPECT_EQ(plat.uart_base, 0x09000000);
}

TEST(dt_platform, bootargs)
{
	dtb_chosen_machine(NULL, "rt.exit=semihosting -- a b");
	ASSERT_STREQ(read_built(IMAGE_QEMU), NULL);
	EXPECT_STREQ(plat.bootargs, "rt.exit=semihosting -- a b");
	dtb_chosen_machine(NULL, "");
	ASSERT_STREQ(read_built(IMAGE_QEMU), NULL);
	EXPECT_STREQ(plat.bootargs, "");
	// Not NUL-terminated.
	dtb_machine_open();
	dtb_begin("chosen");
	dtb_prop("bootargs", "abc", 3);
	dtb_end();
	dtb_end();
	dtb_finish();
	EXPECT_STREQ(read_built(IMAGE_QEMU), "/chosen/bootargs not a string");
	dtb_machine_open();
	dtb_begin("chosen");
	dtb_prop("bootargs", "", 0);
	dtb_end();
	dtb_end();
	dtb_finish();
	EXPECT_STREQ(read_built(IMAGE_QEMU), "/chosen/bootargs not a string");
}

TEST(dt_platform, rng_seed)
{
	static const uint8_t rng[4] = { 9, 8, 7, 6 }, kaslr[8] = { 1, 2, 3 };

	// Both: rng-seed wins.
	dtb_machine_open();
	dtb_begin("chosen");
	dtb_prop("kaslr-seed", kaslr, 8);
	dtb_prop("rng-seed", rng, 4);
	dtb_end();
	dtb_end();
	dtb_finish();
	ASSERT_STREQ(read_built(IMAGE_QEMU), NULL);
	EXPECT_EQ(plat.rng_seed_len, 4);
	EXPECT_MEMEQ(plat.rng_seed, rng, 4);
	// An empty rng-seed: kaslr-seed.
	dtb_machine_open();
	dtb_begin("chosen");
	dtb_prop("rng-seed", rng, 0);
	dtb_prop("kaslr-seed", kaslr, 8);
	dtb_end();
	dtb_end();
	dtb_finish();
	ASSERT_STREQ(read_built(IMAGE_QEMU), NULL);
	EXPECT_EQ(plat.rng_seed_len, 8);
	EXPECT_MEMEQ(plat.rng_seed, kaslr, 8);
	// Both empty: none.
	dtb_machine_open();
	dtb_begin("chosen");
	dtb_prop("rng-seed", rng, 0);
	dtb_prop("kaslr-seed", kaslr, 0);
	dtb_end();
	dtb_end();
	dtb_finish();
	ASSERT_STREQ(read_built(IMAGE_QEMU), NULL);
	EXPECT_EQ(plat.rng_seed, NULL);
	EXPECT_EQ(plat.rng_seed_len, 0);
}

TEST(dt_platform, psci)
{
	static const struct {
		const char *method;
		enum platform_psci psci;
	} cases[] = {
		{ "hvc", PLATFORM_PSCI_HVC },
		{ "smc", PLATFORM_PSCI_SMC },
	};

	for (size_t i = 0; i < 2; i++) {
		dtb_machine_open();
		dtb_psci(cases[i].method);
		dtb_end();
		dtb_finish();
		ASSERT_STREQ(read_built(IMAGE_QEMU), NULL);
		EXPECT_EQ(plat.psci, cases[i].psci);
	}
	dtb_machine_open();
	dtb_psci("hvcx");
	dtb_end();
	dtb_finish();
	EXPECT_STREQ(read_built(IMAGE_QEMU),
	             "/psci method neither hvc nor smc");
	dtb_machine_open();
	dtb_begin("psci");
	dtb_str("compatible", "arm,psci");
	dtb_end();
	dtb_end();
	dtb_finish();
	EXPECT_STREQ(read_built(IMAGE_QEMU),
	             "/psci method neither hvc nor smc");
	// A disabled /psci is none.
	dtb_machine_open();
	dtb_begin("psci");
	dtb_str("method", "hvc");
	dtb_str("status", "disabled");
	dtb_end();
	dtb_end();
	dtb_finish();
	ASSERT_STREQ(read_built(IMAGE_QEMU), NULL);
	EXPECT_EQ(plat.psci, PLATFORM_PSCI_NONE);
}

TEST(dt_platform, reservations_end_the_bank)
{
	// Below the image: no effect. Above: the bank ends there, at the
	// lowest one. Zero-sized: none.
	dtb_reset();
	dtb_reserve(0x40000000, 0x100000);
	dtb_reserve(0x70000000, 0x1000);
	dtb_reserve(0x60000000, 0x1000);
	dtb_reserve(0x50000000, 0);
	dtb_root();
	dtb_memory("memory@40000000", 0x40000000, 0x40000000);
	dtb_gic();
	// Without the empty ranges the binding asks for: the same.
	dtb_begin("reserved-memory");
	dtb_cells("#address-cells", 1, 2);
	dtb_cells("#size-cells", 1, 2);
	dtb_begin("pool");
	dtb_cells("size", 2, 0, 0x100000); // placed by an OS: ignored
	dtb_end();
	dtb_begin("off@48000000");
	dtb_str("status", "disabled");
	dtb_cells("reg", 4, 0, 0x48000000, 0, 0x1000);
	dtb_end();
	dtb_begin("fw@68000000");
	dtb_cells("reg", 8, 0, 0x90000000, 0, 0x1000, 0, 0x68000000, 0, 0x1000);
	dtb_end();
	dtb_end();
	dtb_end();
	dtb_finish();
	ASSERT_STREQ(read_built(IMAGE_QEMU), NULL);
	EXPECT_EQ(plat.mem_base, 0x40000000);
	EXPECT_EQ(plat.mem_size, 0x20000000);
	ASSERT_STREQ(read_built(0x60001000), NULL);
	EXPECT_EQ(plat.mem_size, 0x28000000);
	ASSERT_STREQ(read_built(0x70001000), NULL);
	EXPECT_EQ(plat.mem_size, 0x40000000);
	EXPECT_STREQ(read_built(0x400fffff),
	             "the image lies in reserved memory");
	EXPECT_STREQ(read_built(0x68000fff),
	             "the image lies in reserved memory");
}
