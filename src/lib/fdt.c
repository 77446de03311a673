// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// A flattened device tree reader (rt/fdt.h). The blob comes from whoever
// started the VM, so fdt_init walks it entirely before anything else reads
// it; the accessors then follow tokens fdt_init proved well formed, and
// still stop at the end of the structure block (fdt_token) rather than
// trust that alone.
//
// Layout (Devicetree Specification, chapter 5): a header of big-endian
// 32-bit words, a memory reservation block of 64-bit (address, size)
// pairs ending with (0, 0), a structure block of 32-bit aligned tokens,
// and a strings block holding property names.

#include <rt/fdt.h>
#include <rt/string.h>

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
              "fdt_be32 assumes a little-endian CPU");

#define FDT_BEGIN_NODE 1u
#define FDT_END_NODE   2u
#define FDT_PROP       3u
#define FDT_NOP        4u
#define FDT_END        9u

// Header fields, as byte offsets; size_dt_struct is new in version 17.
#define FDT_H_TOTALSIZE    4u
#define FDT_H_OFF_STRUCT   8u
#define FDT_H_OFF_STRINGS  12u
#define FDT_H_OFF_RSVMAP   16u
#define FDT_H_VERSION      20u
#define FDT_H_LAST_COMP    24u
#define FDT_H_SIZE_STRINGS 32u
#define FDT_H_SIZE_STRUCT  36u
#define FDT_HEADER_V16     36u
#define FDT_HEADER_V17     40u

// Node offsets are ints.
#define FDT_MAX_SIZE 0x7fffffffu

typedef uint32_t __attribute__((may_alias)) fdt_word_t;

// The big-endian word at p, which must be 4-byte aligned: one aligned load,
// never an unaligned one.
static uint32_t
fdt_be32(const void *p)
{
	return __builtin_bswap32(*(const fdt_word_t *)p);
}

// Whether one of the 4 bytes at p (4-byte aligned) is 0.
static bool
fdt_word_has_zero(const void *p)
{
	uint32_t w = *(const fdt_word_t *)p;

	return ((w - 0x01010101u) & ~w & 0x80808080u) != 0;
}

static uint32_t
fdt_align4(uint32_t n)
{
	return (n + 3u) & ~3u;
}

static const uint8_t *
fdt_struct(const struct fdt *fdt, uint32_t pos)
{
	return fdt->blob + fdt->struct_off + pos;
}

// The token at pos; FDT_END past the structure block, so that every walk
// ends there whatever it was given.
static uint32_t
fdt_token(const struct fdt *fdt, uint32_t pos)
{
	if (pos > fdt->struct_size - 4u)
		return FDT_END;
	return fdt_be32(fdt_struct(fdt, pos));
}

// A block of the blob: after the header and inside totalsize.
static bool
fdt_block_ok(uint32_t off, uint32_t size, uint32_t header, uint32_t total)
{
	return off >= header && off <= total && size <= total - off;
}

static const char *
fdt_check_rsvmap(const struct fdt *fdt, uint32_t header)
{
	uint32_t pos = fdt->rsv_off;

	if (pos < header || (pos & 7u) != 0)
		return "misplaced memory reservation block";
	for (;; pos += 16u) {
		const uint8_t *e;

		if (pos > fdt->totalsize || fdt->totalsize - pos < 16u)
			return "memory reservation block past totalsize";
		e = fdt->blob + pos;
		if ((fdt_be32(e) | fdt_be32(e + 4) | fdt_be32(e + 8) |
		     fdt_be32(e + 12)) == 0)
			return NULL;
	}
}

// The structure block: valid tokens, names and property values inside it,
// property names inside the strings block, one root, balanced nodes,
// properties before subnodes. Sets fdt->root, and struct_size to end after
// FDT_END (a version 16 header does not give it).
static const char *
fdt_check_struct(struct fdt *fdt)
{
	const char *strings = (const char *)fdt->blob + fdt->strings_off;
	uint32_t pos = 0, end = fdt->struct_size, n, len, nameoff;
	int depth = 0;
	bool had_child = false;

	fdt->root = -1;
	for (;;) {
		const uint8_t *t;

		// pos may have stepped up to 3 bytes past end (padding).
		if (end < 4u || pos > end - 4u)
			return "no FDT_END in the structure block";
		t = fdt_struct(fdt, pos);
		switch (fdt_be32(t)) {
		case FDT_BEGIN_NODE:
			if (depth == 0 && fdt->root >= 0)
				return "more than one root node";
			n = end - pos - 4u;
			len = strnlen((const char *)t + 4, n);
			if (len == n)
				return "node name past the structure block";
			if (depth == 0) {
				if (len != 0)
					return "root node has a name";
				fdt->root = (int)pos;
			}
			pos += 4u + fdt_align4(len + 1u);
			depth++;
			had_child = false;
			break;
		case FDT_END_NODE:
			if (depth == 0)
				return "FDT_END_NODE outside any node";
			depth--;
			had_child = true;
			pos += 4u;
			break;
		case FDT_PROP:
			if (depth == 0)
				return "property outside any node";
			if (had_child)
				return "property after a subnode";
			if (end - pos < 12u ||
			    fdt_be32(t + 4) > end - pos - 12u)
				return "property past the structure block";
			len = fdt_be32(t + 4);
			nameoff = fdt_be32(t + 8);
			if (nameoff >= fdt->strings_size ||
			    strnlen(strings + nameoff,
			            fdt->strings_size - nameoff) ==
			        fdt->strings_size - nameoff)
				return "property name outside the strings "
				       "block";
			pos += 12u + fdt_align4(len);
			break;
		case FDT_NOP:
			pos += 4u;
			break;
		case FDT_END:
			if (fdt->root < 0 || depth != 0)
				return "FDT_END inside a node or before the "
				       "root";
			fdt->struct_size = pos + 4u;
			return NULL;
		default:
			return "bad token in the structure block";
		}
	}
}

const char *
fdt_init(struct fdt *fdt, const void *blob, size_t size_limit)
{
	const uint8_t *b = blob;
	const char *why;
	uint32_t header, total;

	if (b == NULL)
		return "address is 0";
	if (((uintptr_t)b & 7u) != 0)
		return "not 8-byte aligned";
	if (size_limit < FDT_HEADER_V17)
		return "truncated: no room for the header";
	if (fdt_be32(b) != FDT_MAGIC)
		return "bad magic";
	if (fdt_be32(b + FDT_H_VERSION) < 16u ||
	    fdt_be32(b + FDT_H_LAST_COMP) > 17u)
		return "version not 16 or 17";
	header = fdt_be32(b + FDT_H_VERSION) >= 17u ? FDT_HEADER_V17
	                                            : FDT_HEADER_V16;
	total = fdt_be32(b + FDT_H_TOTALSIZE);
	if (size_limit > FDT_MAX_SIZE)
		size_limit = FDT_MAX_SIZE;
	if (total > size_limit)
		return "truncated: totalsize beyond what is readable";
	if (total < header)
		return "totalsize smaller than the header";

	fdt->blob = b;
	fdt->totalsize = total;
	fdt->rsv_off = fdt_be32(b + FDT_H_OFF_RSVMAP);
	fdt->struct_off = fdt_be32(b + FDT_H_OFF_STRUCT);
	fdt->strings_off = fdt_be32(b + FDT_H_OFF_STRINGS);
	fdt->strings_size = fdt_be32(b + FDT_H_SIZE_STRINGS);
	// Version 16 has no size: the walk finds where FDT_END is.
	fdt->struct_size =
	    header == FDT_HEADER_V17
	        ? fdt_be32(b + FDT_H_SIZE_STRUCT)
	        : total - (fdt->struct_off <= total ? fdt->struct_off : total);
	if (!fdt_block_ok(fdt->struct_off, fdt->struct_size, header, total) ||
	    (fdt->struct_off & 3u) != 0)
		return "structure block outside totalsize or misaligned";
	if (!fdt_block_ok(fdt->strings_off, fdt->strings_size, header, total))
		return "strings block outside totalsize";
	why = fdt_check_rsvmap(fdt, header);
	if (why == NULL)
		why = fdt_check_struct(fdt);
	return why;
}

// The token at pos, and in *next where the one after it starts: the one
// step every walk takes, so it reads each token once.
static uint32_t
fdt_step(const struct fdt *fdt, uint32_t pos, uint32_t *next)
{
	uint32_t tok = fdt_token(fdt, pos);
	const uint8_t *t = fdt_struct(fdt, pos);

	switch (tok) {
	case FDT_BEGIN_NODE:
		// The name, NUL and padding fill whole words, and the NUL is
		// in the last: a word at a time, with aligned loads.
		for (t += 4; !fdt_word_has_zero(t); t += 4)
			;
		*next = (uint32_t)(t + 4 - fdt_struct(fdt, 0));
		break;
	case FDT_PROP:
		*next = pos + 12u + fdt_align4(fdt_be32(t + 4));
		break;
	default:
		*next = pos + 4u;
		break;
	}
	return tok;
}

// Where the token after the one at pos starts.
static uint32_t
fdt_skip(const struct fdt *fdt, uint32_t pos)
{
	uint32_t next;

	fdt_step(fdt, pos, &next);
	return next;
}

int
fdt_next_node(const struct fdt *fdt, int node, int *depth)
{
	uint32_t pos = fdt_skip(fdt, (uint32_t)node), next;

	for (;; pos = next) {
		switch (fdt_step(fdt, pos, &next)) {
		case FDT_BEGIN_NODE:
			++*depth;
			return (int)pos;
		case FDT_END_NODE:
			--*depth;
			break;
		case FDT_END:
			return -1;
		default:
			break;
		}
	}
}

int
fdt_first_child(const struct fdt *fdt, int node)
{
	int depth = 0;
	int next = fdt_next_node(fdt, node, &depth);

	return depth == 1 ? next : -1;
}

int
fdt_next_sibling(const struct fdt *fdt, int node)
{
	int depth = 0;

	do {
		node = fdt_next_node(fdt, node, &depth);
	} while (node >= 0 && depth > 0);
	return depth == 0 ? node : -1;
}

// Nodes carry no parent link. The parent is the last node one level up
// before the node: one walk remembers the last node of each of the first
// FDT_PARENT_DEPTH levels, and only a deeper node takes a second walk.
#define FDT_PARENT_DEPTH 8

int
fdt_parent(const struct fdt *fdt, int node)
{
	int depth = 0, want, n, parent = -1, last[FDT_PARENT_DEPTH];

	for (n = fdt->root; n >= 0 && n != node;) {
		if (depth < FDT_PARENT_DEPTH)
			last[depth] = n;
		n = fdt_next_node(fdt, n, &depth);
	}
	if (n < 0 || depth == 0)
		return -1;
	want = depth - 1;
	if (want < FDT_PARENT_DEPTH)
		return last[want];
	depth = 0;
	for (n = fdt->root; n >= 0 && n != node;
	     n = fdt_next_node(fdt, n, &depth)) {
		if (depth == want)
			parent = n;
	}
	return parent;
}

const char *
fdt_node_name(const struct fdt *fdt, int node)
{
	return (const char *)fdt_struct(fdt, (uint32_t)node) + 4;
}

// The first property at or after pos, skipping NOPs; -1 at the node's
// first subnode or end.
static int
fdt_prop_from(const struct fdt *fdt, uint32_t pos)
{
	while (fdt_token(fdt, pos) == FDT_NOP)
		pos += 4u;
	return fdt_token(fdt, pos) == FDT_PROP ? (int)pos : -1;
}

int
fdt_first_prop(const struct fdt *fdt, int node)
{
	return fdt_prop_from(fdt, fdt_skip(fdt, (uint32_t)node));
}

int
fdt_next_prop(const struct fdt *fdt, int prop)
{
	return fdt_prop_from(fdt, fdt_skip(fdt, (uint32_t)prop));
}

const void *
fdt_prop_at(const struct fdt *fdt, int prop, const char **name, uint32_t *len)
{
	const uint8_t *p = fdt_struct(fdt, (uint32_t)prop);

	if (name != NULL)
		*name = (const char *)fdt->blob + fdt->strings_off +
		        fdt_be32(p + 8);
	*len = fdt_be32(p + 4);
	return p + 12;
}

// Whether the string s (which ends in a NUL) is the n bytes at name. Most
// property names differ in their first byte: no strlen first.
static bool
fdt_name_is(const char *s, const char *name, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] != name[i] || s[i] == '\0')
			return false;
	}
	return s[n] == '\0';
}

// The property whose name is the n bytes at name.
static const void *
fdt_prop_n(const struct fdt *fdt, int node, const char *name, size_t n,
           uint32_t *len)
{
	for (int p = fdt_first_prop(fdt, node); p >= 0;
	     p = fdt_next_prop(fdt, p)) {
		const char *pname;
		const void *v = fdt_prop_at(fdt, p, &pname, len);

		if (fdt_name_is(pname, name, n))
			return v;
	}
	return NULL;
}

const void *
fdt_prop(const struct fdt *fdt, int node, const char *name, uint32_t *len)
{
	uint32_t unused;

	return fdt_prop_n(fdt, node, name, strlen(name),
	                  len != NULL ? len : &unused);
}

const char *
fdt_prop_str(const struct fdt *fdt, int node, const char *name)
{
	uint32_t len;
	const char *s = fdt_prop(fdt, node, name, &len);

	return s != NULL && len > 0 && s[len - 1] == '\0' ? s : NULL;
}

uint64_t
fdt_read_cells(const void *p, uint32_t cells)
{
	const uint8_t *c = p;
	uint64_t v = 0;

	for (uint32_t i = 0; i < cells; i++)
		v = v << 32 | fdt_be32(c + 4 * i);
	return v;
}

bool
fdt_prop_uint(const struct fdt *fdt, int node, const char *name,
              uint64_t *value)
{
	uint32_t len;
	const void *v = fdt_prop(fdt, node, name, &len);

	if (v == NULL || (len != 4u && len != 8u))
		return false;
	*value = fdt_read_cells(v, len / 4u);
	return true;
}

// A cell count: the default when absent, and one no decoder takes (so
// that reg and ranges fail) when it is not a single cell.
static uint32_t
fdt_cells(const struct fdt *fdt, int node, const char *name, uint32_t dflt)
{
	uint32_t len;
	const void *v = fdt_prop(fdt, node, name, &len);

	if (v == NULL)
		return dflt;
	return len == 4u ? fdt_be32(v) : UINT32_MAX;
}

uint32_t
fdt_address_cells(const struct fdt *fdt, int node)
{
	return fdt_cells(fdt, node, "#address-cells", 2u);
}

uint32_t
fdt_size_cells(const struct fdt *fdt, int node)
{
	return fdt_cells(fdt, node, "#size-cells", 1u);
}

// fdt_reg with the node's parent, which takes a walk to find, given.
static bool
fdt_reg_in(const struct fdt *fdt, int node, int parent, unsigned index,
           uint64_t *addr, uint64_t *size)
{
	uint32_t ac, sc, len;
	const uint8_t *reg;

	if (parent < 0)
		return false;
	ac = fdt_address_cells(fdt, parent);
	sc = fdt_size_cells(fdt, parent);
	reg = fdt_prop(fdt, node, "reg", &len);
	if (reg == NULL || ac > 2u || sc > 2u || ac + sc == 0u ||
	    index >= len / (4u * (ac + sc)))
		return false;
	reg += index * 4u * (ac + sc);
	*addr = fdt_read_cells(reg, ac);
	*size = fdt_read_cells(reg + 4u * ac, sc);
	return true;
}

bool
fdt_reg(const struct fdt *fdt, int node, unsigned index, uint64_t *addr,
        uint64_t *size)
{
	return fdt_reg_in(fdt, node, fdt_parent(fdt, node), index, addr, size);
}

bool
fdt_translate(const struct fdt *fdt, int node, uint64_t *addr)
{
	while (node != fdt->root) {
		int parent = fdt_parent(fdt, node);
		uint32_t len, cac, pac, sc, entry, i;
		const uint8_t *r;

		if (parent < 0)
			return false;
		r = fdt_prop(fdt, node, "ranges", &len);
		if (r == NULL)
			return false;
		cac = fdt_address_cells(fdt, node);
		pac = fdt_address_cells(fdt, parent);
		sc = fdt_size_cells(fdt, node);
		// An empty ranges: the same addresses on both sides.
		if (len != 0u) {
			if (cac > 2u || pac > 2u || sc > 2u)
				return false;
			entry = 4u * (cac + pac + sc);
			for (i = 0; entry != 0u && i < len / entry; i++) {
				const uint8_t *e = r + i * entry;
				uint64_t child = fdt_read_cells(e, cac);
				uint64_t size =
				    fdt_read_cells(e + 4u * (cac + pac), sc);

				if (*addr >= child && *addr - child < size) {
					*addr =
					    fdt_read_cells(e + 4u * cac, pac) +
					    (*addr - child);
					break;
				}
			}
			if (entry == 0u || i == len / entry)
				return false;
		}
		node = parent;
	}
	return true;
}

bool
fdt_reg_cpu(const struct fdt *fdt, int node, unsigned index, uint64_t *addr,
            uint64_t *size)
{
	int parent = fdt_parent(fdt, node);

	return fdt_reg_in(fdt, node, parent, index, addr, size) &&
	       fdt_translate(fdt, parent, addr);
}

// Whether the n bytes at s are the string str.
static bool
fdt_str_is(const char *s, size_t n, const char *str)
{
	return strlen(str) == n && memcmp(s, str, n) == 0;
}

// Whether str is one of the strings of a string list value (s, len).
static bool
fdt_strlist_has(const char *s, uint32_t len, const char *str)
{
	uint32_t n;

	// Each string must end in its NUL inside the value.
	while (s != NULL && len > 0) {
		n = (uint32_t)strnlen(s, len);
		if (n == len)
			break;
		if (fdt_str_is(s, n, str))
			return true;
		s += n + 1u;
		len -= n + 1u;
	}
	return false;
}

bool
fdt_is_compatible(const struct fdt *fdt, int node, const char *compatible)
{
	uint32_t len;
	const char *s = fdt_prop(fdt, node, "compatible", &len);

	return fdt_strlist_has(s, len, compatible);
}

bool
fdt_node_enabled(const struct fdt *fdt, int node)
{
	uint32_t len;
	const char *s = fdt_prop(fdt, node, "status", &len);

	// The lengths count the NUL, which must end the value.
	return s == NULL || (len == 5u && memcmp(s, "okay", 5) == 0) ||
	       (len == 3u && memcmp(s, "ok", 3) == 0);
}

int
fdt_find_compatible_any(const struct fdt *fdt, int node,
                        const char *const *compatibles, unsigned n)
{
	int depth = 0;

	node = node < 0 ? fdt->root : fdt_next_node(fdt, node, &depth);
	for (; node >= 0; node = fdt_next_node(fdt, node, &depth)) {
		uint32_t len;
		const char *s = fdt_prop(fdt, node, "compatible", &len);

		for (unsigned i = 0; s != NULL && i < n; i++) {
			if (fdt_strlist_has(s, len, compatibles[i]) &&
			    fdt_node_enabled(fdt, node))
				return node;
		}
	}
	return -1;
}

int
fdt_find_compatible(const struct fdt *fdt, int node, const char *compatible)
{
	return fdt_find_compatible_any(fdt, node, &compatible, 1);
}

// The child of node named by the n bytes at name, or whose name adds a
// unit address to them.
static int
fdt_child_named(const struct fdt *fdt, int node, const char *name, size_t n)
{
	for (node = fdt_first_child(fdt, node); node >= 0;
	     node = fdt_next_sibling(fdt, node)) {
		const char *c = fdt_node_name(fdt, node);
		size_t len = strlen(c);

		if ((len == n || (len > n && c[n] == '@')) &&
		    memcmp(c, name, n) == 0)
			return node;
	}
	return -1;
}

// Follows the components of [path, end) down from node.
static int
fdt_walk_path(const struct fdt *fdt, int node, const char *path,
              const char *end)
{
	while (node >= 0 && path < end) {
		const char *c = path;

		while (c < end && *c != '/')
			c++;
		if (c != path)
			node = fdt_child_named(fdt, node, path,
			                       (size_t)(c - path));
		path = c + (c < end);
	}
	return node;
}

int
fdt_path(const struct fdt *fdt, const char *path, size_t len)
{
	const char *end = path + len, *c = path, *alias;
	int node;
	uint32_t alen;

	if (len == 0)
		return -1;
	if (*path == '/')
		return fdt_walk_path(fdt, fdt->root, path, end);
	// An alias: a property of /aliases whose value is a full path (an
	// alias of an alias is not one, so this does not go round).
	while (c < end && *c != '/')
		c++;
	node = fdt_child_named(fdt, fdt->root, "aliases", 7);
	if (node < 0)
		return -1;
	alias = fdt_prop_n(fdt, node, path, (size_t)(c - path), &alen);
	if (alias == NULL || alen == 0 || alias[0] != '/' ||
	    alias[alen - 1] != '\0')
		return -1;
	node = fdt_walk_path(fdt, fdt->root, alias, alias + alen - 1);
	return fdt_walk_path(fdt, node, c, end);
}

bool
fdt_reservation(const struct fdt *fdt, unsigned index, uint64_t *addr,
                uint64_t *size)
{
	const uint8_t *e = fdt->blob + fdt->rsv_off;

	// fdt_init found the (0, 0) that ends the block.
	for (;; e += 16) {
		*addr = fdt_read_cells(e, 2);
		*size = fdt_read_cells(e + 8, 2);
		if ((*addr | *size) == 0)
			return false;
		if (index-- == 0)
			return true;
	}
}
