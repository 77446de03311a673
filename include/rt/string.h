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

// Before boot has made sure all memory is Normal (image mode starts with
// the MMU off, where RAM is Device memory), string.c's routines use only
// aligned accesses. Boot calls string_allow_zero_blocks once it is; from
// then on memcpy, memmove and memset hand their work to the arch's own
// routines, which use unaligned accesses and DC ZVA
// (src/lib/aarch64/string_normal.S), and are only called after that.
void string_allow_zero_blocks(void);
void *string_copy_normal(void *dst, const void *src, size_t n);
void *string_fill_normal(void *dst, int c, size_t n);

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
