// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef RT_FMT_H
#define RT_FMT_H

#include <stdarg.h>

#include <rt/types.h>

// A printf subset, enough for log and panic messages:
//   conversions  %d %i %u %x %X %p %s %c %%
//   flags        '-' (left-justify), '0' (pad with zeros), '#' (0x on %x/%X)
//   width and precision, both may be '*'; precision limits %s and gives the
//     minimum number of digits of an integer
//   length       hh h l ll z
// %p prints 0x and lowercase hex; a NULL %s prints "(null)". Anything else
// is copied out as written, so a mistake shows in the output.
//
// Always NUL-terminates when size > 0, and returns the length the whole
// output would have had, like vsnprintf: the output was cut short if the
// result is >= size.
size_t fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
    RT_PRINTF(3, 0);
size_t fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
    RT_PRINTF(3, 4);

#endif
