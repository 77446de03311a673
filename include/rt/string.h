// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef RT_STRING_H
#define RT_STRING_H

#ifdef RT_HOST
// Host programs (unit tests, fuzzers) use libc's; src/lib/string.c is built
// for the runtime only.
#include <string.h>
#else
#include <rt/types.h>

void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);

// Large zero fills: string.c's memset hands them to this, from lib's own
// arch-specific file (src/lib/aarch64/zero_blocks.c: DC ZVA). It zeroes
// the whole cache blocks [*lo, *hi) inside [p, p + n) and leaves the ends
// to memset, or returns false having done nothing: before
// string_allow_zero_blocks, or where the CPU forbids it.
#define STRING_ZERO_BLOCKS_MIN 512u
bool string_zero_blocks(void *p, size_t n, uintptr_t *lo, uintptr_t *hi);

// DC ZVA needs Normal memory, which boot makes sure of first.
void string_allow_zero_blocks(void);

// -ffreestanding turns off the compiler's knowledge of these functions, so a
// memcpy of a small fixed size would be a call. The builtins let it inline
// such calls again and fall back to the functions above otherwise.
// string.c defines RT_STRING_IMPL: the macros would rename its definitions.
#ifndef RT_STRING_IMPL
#define memcpy(d, s, n)  __builtin_memcpy((d), (s), (n))
#define memmove(d, s, n) __builtin_memmove((d), (s), (n))
#define memset(d, c, n)  __builtin_memset((d), (c), (n))
#define memcmp(a, b, n)  __builtin_memcmp((a), (b), (n))
#define strlen(s)        __builtin_strlen(s)
#endif
#endif

#endif
