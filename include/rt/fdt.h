// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef RT_FDT_H
#define RT_FDT_H

// A reader of flattened device trees (the Devicetree Specification's DTB
// format, versions 16 and 17), for blobs nobody vouches for: fdt_init checks
// the whole blob once, and everything after it reads only what that check
// proved to be in bounds.
//
// It is a leaf: it calls nothing but string routines, allocates nothing and
// never recurses. It reads the blob with byte loads and aligned 32-bit loads
// only (the blob is 8-byte aligned, the structure block 4-byte aligned), so
// it works on memory mapped as Device, where an unaligned load faults.
//
// Nodes and properties are named by their offset in the structure block (a
// non-negative int); -1 means none. A node or property given to a function
// must be one this reader returned for the same tree (-1 only where said).

#include <rt/types.h>

#define FDT_MAGIC 0xd00dfeedu
// The largest tree the arm64 Linux boot protocol allows (booting.rst): a
// size_limit for fdt_init when nothing else says how much is readable.
#define FDT_BOOT_MAX_SIZE 0x200000u

// A blob fdt_init accepted.
struct fdt {
	const uint8_t *blob;
	uint32_t totalsize;
	uint32_t rsv_off;                 // memory reservation block
	uint32_t struct_off, struct_size; // structure block
	uint32_t strings_off, strings_size;
	int root;
};

// NULL when the blob at `blob` is a device tree this reader can read
// entirely, *fdt then describes it; else what is wrong with it, in a few
// words that do not repeat "device tree" ("bad magic"). Checked:
// 8-byte alignment, the magic, version >= 16 and last compatible version
// <= 17, totalsize <= size_limit (what the caller knows is readable), every
// block inside totalsize, a terminated reservation block, and a structure
// block of valid tokens: one root, balanced nodes, properties before
// subnodes, names and property name offsets that stay inside their blocks.
const char *fdt_init(struct fdt *fdt, const void *blob, size_t size_limit);

// The nodes in document order: the node after `node`, with *depth raised
// by one for each level down to it and lowered by one for each level up.
// -1 after the last node.
int fdt_next_node(const struct fdt *fdt, int node, int *depth);
int fdt_first_child(const struct fdt *fdt, int node);
int fdt_next_sibling(const struct fdt *fdt, int node);
// -1 for the root.
int fdt_parent(const struct fdt *fdt, int node);

// The node's name with its unit address ("uart@9000000"); "" for the root.
const char *fdt_node_name(const struct fdt *fdt, int node);

// A node by absolute path ("/chosen", "/soc/uart@1000"), or by alias when
// the path does not start with '/' ("serial0", "serial0/child"): the first
// component is then looked up in /aliases. Only the first len bytes of path
// are read. A component also matches a name that adds a unit address to
// it ("memory" matches "memory@40000000"); the first match wins.
int fdt_path(const struct fdt *fdt, const char *path, size_t len);

// The properties of a node: the first, then the one after `prop`; -1 when
// none is left. fdt_prop_at gives a property's name, value and length.
int fdt_first_prop(const struct fdt *fdt, int node);
int fdt_next_prop(const struct fdt *fdt, int prop);
const void *fdt_prop_at(const struct fdt *fdt, int prop, const char **name,
                        uint32_t *len);

// A property's value and length by name, or NULL if the node has none.
const void *fdt_prop(const struct fdt *fdt, int node, const char *name,
                     uint32_t *len);
// A string property: NULL unless its value ends in a NUL.
const char *fdt_prop_str(const struct fdt *fdt, int node, const char *name);
// A number of one or two cells; false if absent or of another length.
bool fdt_prop_uint(const struct fdt *fdt, int node, const char *name,
                   uint64_t *value);

// The big-endian number in `cells` cells (0 to 2) at p, 4-byte aligned.
uint64_t fdt_read_cells(const void *p, uint32_t cells);

// A node's own #address-cells and #size-cells, which describe its
// children's reg; 2 and 1 when it has none (the specification's defaults).
uint32_t fdt_address_cells(const struct fdt *fdt, int node);
uint32_t fdt_size_cells(const struct fdt *fdt, int node);

// Entry `index` of the node's reg, decoded with its parent's cell counts:
// false if there is no such entry or the counts are above 2 (beyond 64
// bits). The address is in the parent's address space.
bool fdt_reg(const struct fdt *fdt, int node, unsigned index, uint64_t *addr,
             uint64_t *size);

// Maps an address in the address space of `node`'s children (a reg address
// of one of them) to the root's, through the ranges of `node` and each of
// its ancestors below the root. False if one of them has no ranges (its
// children are not memory-mapped), or none of its ranges holds the
// address, or uses more than 2 cells.
bool fdt_translate(const struct fdt *fdt, int node, uint64_t *addr);

// Entry `index` of the node's reg as a CPU physical address: fdt_reg, then
// fdt_translate through its parent.
bool fdt_reg_cpu(const struct fdt *fdt, int node, unsigned index,
                 uint64_t *addr, uint64_t *size);

// Whether `compatible` is one of the strings of the node's compatible list.
bool fdt_is_compatible(const struct fdt *fdt, int node, const char *compatible);
// The first node after `node` (-1: from the root on) whose compatible list
// holds `compatible` and whose status is "okay" or absent; -1 if none.
int fdt_find_compatible(const struct fdt *fdt, int node,
                        const char *compatible);
// The same for any of the n strings of `compatibles`, in one walk.
int fdt_find_compatible_any(const struct fdt *fdt, int node,
                            const char *const *compatibles, unsigned n);
// Whether the node's status is absent, "okay" or "ok".
bool fdt_node_enabled(const struct fdt *fdt, int node);

// Entry `index` of the memory reservation block; false past its end.
bool fdt_reservation(const struct fdt *fdt, unsigned index, uint64_t *addr,
                     uint64_t *size);

#endif
