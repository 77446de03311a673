// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The mem* and str* functions the compiler and the runtime call.
//
// Until boot says all memory is Normal (string_allow_zero_blocks), word
// accesses are always aligned: with the MMU off, memory may be Device
// memory, where an unaligned access faults. The mem* functions then go a
// word at a time when both pointers share their alignment and a byte at a
// time otherwise. After that, memcpy, memset and a memmove whose ends do
// not overlap hand the work to the arch's routines for Normal memory
// (rt/string.h). The str* functions stay byte-wise: reading a word that
// runs past the terminator is outside the object, and the strings here are
// short.

// The builtin macros of rt/string.h would rename the definitions below.
#define RT_STRING_IMPL
#include <rt/string.h>
#include <rt/types.h>

// GCC may turn a loop into a call to memset, memcpy or strlen, which inside
// those functions is endless recursion. GCC 12 with -ffreestanding does not,
// but nothing documents that; -fno-tree-loop-distribute-patterns does, and
// as clang rejects it on the command line, it is set here per function.
// clang does not do this with -ffreestanding (it implies -fno-builtin).
#if defined(__GNUC__) && !defined(__clang__)
#define STRING_NO_LIBCALL \
	__attribute__((optimize("no-tree-loop-distribute-patterns")))
#else
#define STRING_NO_LIBCALL
#endif

// The misaligned copy loads whole aligned words, some bytes of which lie
// beside the buffer (never outside an aligned word that holds one of its
// bytes, so never a fault); AddressSanitizer in the host tests would call
// that an overflow.
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define STRING_WORD_READS __attribute__((no_sanitize("address")))
#endif
#elif defined(__SANITIZE_ADDRESS__)
#define STRING_WORD_READS __attribute__((no_sanitize_address))
#endif
#ifndef STRING_WORD_READS
#define STRING_WORD_READS
#endif

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
              "the misaligned copy merges words little-endian");

// may_alias: the bytes may have been stored with any type.
typedef uint64_t __attribute__((may_alias)) string_word_t;

#define WORD      sizeof(string_word_t)
#define WORD_MASK ((uintptr_t)WORD - 1)

// Set once, by boot (rt/string.h).
static bool string_normal;

void
string_allow_zero_blocks(void)
{
	string_normal = true;
}

static inline bool
string_coaligned(const void *a, const void *b)
{
	return (((uintptr_t)a ^ (uintptr_t)b) & WORD_MASK) == 0;
}

// No restrict: memmove uses this when dst is below an overlapping src. Every
// block is read before it is written, and a write only reaches source bytes
// already read.
static __attribute__((noinline)) STRING_NO_LIBCALL STRING_WORD_READS void *
string_copy_forward(unsigned char *d, const unsigned char *s, size_t n)
{
	void *dst = d;

	if (!string_coaligned(d, s) && n >= 2 * WORD) {
		// Only aligned loads and stores (-mstrict-align): each dst word
		// is merged from the two src words it straddles.
		const string_word_t *sw;
		string_word_t *dw, prev;
		unsigned shift;
		size_t words;

		for (; ((uintptr_t)d & WORD_MASK) != 0; n--)
			*d++ = *s++;
		shift = (unsigned)((uintptr_t)s & WORD_MASK) * 8;
		sw = (const string_word_t *)(const void *)((uintptr_t)s &
		                                           ~WORD_MASK);
		dw = (string_word_t *)(void *)d;
		words = n / WORD;
		prev = *sw++;
		for (size_t i = 0; i < words; i++) {
			string_word_t next = *sw++;

			*dw++ = prev >> shift | next << (64 - shift);
			prev = next;
		}
		d += words * WORD;
		s += words * WORD;
		n -= words * WORD;
	} else if (string_coaligned(d, s)) {
		string_word_t *dw;
		const string_word_t *sw;

		for (; n > 0 && ((uintptr_t)d & WORD_MASK) != 0; n--)
			*d++ = *s++;
		dw = (string_word_t *)(void *)d;
		sw = (const string_word_t *)(const void *)s;
		for (; n >= 4 * WORD; n -= 4 * WORD, dw += 4, sw += 4) {
			string_word_t w0 = sw[0], w1 = sw[1], w2 = sw[2],
			              w3 = sw[3];

			dw[0] = w0;
			dw[1] = w1;
			dw[2] = w2;
			dw[3] = w3;
		}
		for (; n >= WORD; n -= WORD)
			*dw++ = *sw++;
		d = (unsigned char *)dw;
		s = (const unsigned char *)sw;
	}
	while (n-- > 0)
		*d++ = *s++;
	return dst;
}

// The mirror image of string_copy_forward, from the end down, for a dst
// above an overlapping src.
static __attribute__((noinline)) STRING_NO_LIBCALL void *
string_copy_backward(unsigned char *d, const unsigned char *s, size_t n)
{
	void *dst = d;

	d += n;
	s += n;
	if (string_coaligned(d, s)) {
		string_word_t *dw;
		const string_word_t *sw;

		for (; n > 0 && ((uintptr_t)d & WORD_MASK) != 0; n--)
			*--d = *--s;
		dw = (string_word_t *)(void *)d;
		sw = (const string_word_t *)(const void *)s;
		for (; n >= 4 * WORD; n -= 4 * WORD) {
			string_word_t w3 = sw[-1], w2 = sw[-2], w1 = sw[-3],
			              w0 = sw[-4];

			dw[-1] = w3;
			dw[-2] = w2;
			dw[-3] = w1;
			dw[-4] = w0;
			dw -= 4;
			sw -= 4;
		}
		for (; n >= WORD; n -= WORD)
			*--dw = *--sw;
		d = (unsigned char *)dw;
		s = (const unsigned char *)sw;
	}
	while (n-- > 0)
		*--d = *--s;
	return dst;
}

STRING_NO_LIBCALL void *
memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	// Both ways are tail calls: no frame here.
	if (string_normal)
		return string_copy_normal(dst, src, n);
	return string_copy_forward(dst, src, n);
}

STRING_NO_LIBCALL void *
memmove(void *dst, const void *src, size_t n)
{
	uintptr_t d = (uintptr_t)dst, s = (uintptr_t)src;

	// Unsigned distances: the ends are apart when neither start lies
	// inside the other range, and a forward copy is safe unless dst lies
	// inside [src, src + n).
	if (string_normal && d - s >= n && s - d >= n)
		return string_copy_normal(dst, src, n);
	if (d - s >= n)
		return string_copy_forward(dst, src, n);
	return string_copy_backward(dst, src, n);
}

// memset's loop, which never hands anything on.
static __attribute__((noinline)) STRING_NO_LIBCALL void *
string_fill(unsigned char *d, unsigned char b, size_t n)
{
	void *dst = d;

	for (; n > 0 && ((uintptr_t)d & WORD_MASK) != 0; n--)
		*d++ = b;
	if (n >= WORD) {
		string_word_t *dw = (string_word_t *)(void *)d;
		string_word_t w = b * (string_word_t)0x0101010101010101u;

		for (; n >= 4 * WORD; n -= 4 * WORD, dw += 4) {
			dw[0] = w;
			dw[1] = w;
			dw[2] = w;
			dw[3] = w;
		}
		for (; n >= WORD; n -= WORD)
			*dw++ = w;
		d = (unsigned char *)dw;
	}
	while (n-- > 0)
		*d++ = b;
	return dst;
}

STRING_NO_LIBCALL void *
memset(void *dst, int c, size_t n)
{
	// Pages handed out by brk and mmap are zeroed there a cache block
	// at a time (DC ZVA).
	if (string_normal)
		return string_fill_normal(dst, c, n);
	return string_fill(dst, (unsigned char)c, n);
}

STRING_NO_LIBCALL int
memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;

	if (string_coaligned(p, q)) {
		for (; n > 0 && ((uintptr_t)p & WORD_MASK) != 0;
		     n--, p++, q++) {
			if (*p != *q)
				return *p - *q;
		}
		// Skip equal words; the bytes of a differing one are compared
		// below, which gives the sign without caring about endianness.
		for (; n >= WORD; n -= WORD, p += WORD, q += WORD) {
			if (*(const string_word_t *)(const void *)p !=
			    *(const string_word_t *)(const void *)q)
				break;
		}
	}
	for (; n > 0; n--, p++, q++) {
		if (*p != *q)
			return *p - *q;
	}
	return 0;
}

STRING_NO_LIBCALL size_t
strlen(const char *s)
{
	const char *p = s;

	while (*p != '\0')
		p++;
	return (size_t)(p - s);
}

STRING_NO_LIBCALL size_t
strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n] != '\0')
		n++;
	return n;
}

STRING_NO_LIBCALL int
strcmp(const char *a, const char *b)
{
	const unsigned char *p = (const unsigned char *)a;
	const unsigned char *q = (const unsigned char *)b;

	while (*p != '\0' && *p == *q) {
		p++;
		q++;
	}
	return *p - *q;
}

STRING_NO_LIBCALL int
strncmp(const char *a, const char *b, size_t n)
{
	const unsigned char *p = (const unsigned char *)a;
	const unsigned char *q = (const unsigned char *)b;

	for (; n > 0; n--, p++, q++) {
		if (*p != *q || *p == '\0')
			return *p - *q;
	}
	return 0;
}
