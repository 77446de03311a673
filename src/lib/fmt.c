// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The formatter behind log_printf and panic; see rt/fmt.h for what it does.

#include <rt/fmt.h>
#include <rt/string.h>
#include <rt/types.h>

#define FMT_LEFT 1u
#define FMT_ZERO 2u
#define FMT_ALT  4u

// Bounds a width or precision, so that a stray "%99999999999d" costs some
// padding instead of an overflow.
#define FMT_MAX_WIDTH 4096u

// Length modifiers, one letter each: hh is 'H' and ll is 'L'.
#define FMT_LEN_HH 'H'
#define FMT_LEN_LL 'L'

struct fmt_out {
	char *buf;
	size_t size;
	size_t len; // what the output would take; may exceed size
};

struct fmt_spec {
	unsigned flags;
	size_t width;
	size_t prec;
	bool has_prec;
	char len;
};

static void
fmt_put(struct fmt_out *o, char c)
{
	// The last byte of buf is kept for the NUL.
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void
fmt_repeat(struct fmt_out *o, char c, size_t n)
{
	while (n-- > 0)
		fmt_put(o, c);
}

static void
fmt_copy(struct fmt_out *o, const char *s, size_t n)
{
	while (n-- > 0)
		fmt_put(o, *s++);
}

static const char *
fmt_parse_number(const char *p, size_t *value)
{
	size_t n = 0;

	for (; *p >= '0' && *p <= '9'; p++) {
		if (n < FMT_MAX_WIDTH)
			n = n * 10 + (size_t)(*p - '0');
	}
	*value = n < FMT_MAX_WIDTH ? n : FMT_MAX_WIDTH;
	return p;
}

// A '*' argument: an int, where a negative width means '-'.
static size_t
fmt_star(int v, bool *negative)
{
	long long w = v;

	*negative = w < 0;
	if (w < 0)
		w = -w;
	return w < FMT_MAX_WIDTH ? (size_t)w : FMT_MAX_WIDTH;
}

static void
fmt_pad_left(struct fmt_out *o, const struct fmt_spec *sp, size_t len)
{
	if ((sp->flags & FMT_LEFT) == 0 && sp->width > len)
		fmt_repeat(o, ' ', sp->width - len);
}

static void
fmt_pad_right(struct fmt_out *o, const struct fmt_spec *sp, size_t len)
{
	if ((sp->flags & FMT_LEFT) != 0 && sp->width > len)
		fmt_repeat(o, ' ', sp->width - len);
}

static void
fmt_text(struct fmt_out *o, const struct fmt_spec *sp, const char *s, size_t n)
{
	fmt_pad_left(o, sp, n);
	fmt_copy(o, s, n);
	fmt_pad_right(o, sp, n);
}

static void
fmt_integer(struct fmt_out *o, const struct fmt_spec *sp, unsigned long long v,
            const char *prefix, unsigned base, bool upper)
{
	const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char digits[24];
	size_t nd = 0, plen = strlen(prefix), zeros = 0, len;

	do {
		digits[nd++] = set[v % base];
		v /= base;
	} while (v != 0);
	// As in printf, precision 0 prints no digit for 0.
	if (sp->has_prec && sp->prec == 0 && nd == 1 && digits[0] == '0')
		nd = 0;
	if (sp->has_prec && sp->prec > nd)
		zeros = sp->prec - nd;
	len = plen + zeros + nd;
	// The zeros go between the sign or 0x and the digits.
	if ((sp->flags & (FMT_LEFT | FMT_ZERO)) == FMT_ZERO && !sp->has_prec &&
	    sp->width > len) {
		zeros += sp->width - len;
		len = sp->width;
	}
	fmt_pad_left(o, sp, len);
	fmt_copy(o, prefix, plen);
	fmt_repeat(o, '0', zeros);
	while (nd > 0)
		fmt_put(o, digits[--nd]);
	fmt_pad_right(o, sp, len);
}

// Arguments are read with the type they were passed as, as va_arg requires.
static long long
fmt_arg_signed(va_list *ap, char len)
{
	switch (len) {
	case FMT_LEN_HH:
		return (signed char)va_arg(*ap, int);
	case 'h':
		return (short)va_arg(*ap, int);
	case 'l':
		return va_arg(*ap, long);
	case FMT_LEN_LL:
		return va_arg(*ap, long long);
	case 'z':
		return (long long)va_arg(*ap, size_t);
	default:
		return va_arg(*ap, int);
	}
}

static unsigned long long
fmt_arg_unsigned(va_list *ap, char len)
{
	switch (len) {
	case FMT_LEN_HH:
		return (unsigned char)va_arg(*ap, unsigned);
	case 'h':
		return (unsigned short)va_arg(*ap, unsigned);
	case 'l':
		return va_arg(*ap, unsigned long);
	case FMT_LEN_LL:
		return va_arg(*ap, unsigned long long);
	case 'z':
		return va_arg(*ap, size_t);
	default:
		return va_arg(*ap, unsigned);
	}
}

static const char *
fmt_parse_spec(const char *p, struct fmt_spec *sp, va_list *ap)
{
	bool negative;

	for (;; p++) {
		if (*p == '-')
			sp->flags |= FMT_LEFT;
		else if (*p == '0')
			sp->flags |= FMT_ZERO;
		else if (*p == '#')
			sp->flags |= FMT_ALT;
		else
			break;
	}
	if (*p == '*') {
		sp->width = fmt_star(va_arg(*ap, int), &negative);
		if (negative)
			sp->flags |= FMT_LEFT;
		p++;
	} else {
		p = fmt_parse_number(p, &sp->width);
	}
	if (*p == '.') {
		p++;
		sp->has_prec = true;
		if (*p == '*') {
			sp->prec = fmt_star(va_arg(*ap, int), &negative);
			// A negative precision counts as none at all.
			sp->has_prec = !negative;
			p++;
		} else {
			p = fmt_parse_number(p, &sp->prec);
		}
	}
	if (*p == 'h' || *p == 'l') {
		sp->len = *p++;
		if (*p == sp->len) {
			sp->len = sp->len == 'h' ? FMT_LEN_HH : FMT_LEN_LL;
			p++;
		}
	} else if (*p == 'z') {
		sp->len = *p++;
	}
	return p;
}

size_t
fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct fmt_out o = { .buf = buf, .size = size, .len = 0 };
	va_list args;

	// A copy, because a va_list parameter cannot portably be passed on
	// by address.
	va_copy(args, ap);
	while (*fmt != '\0') {
		struct fmt_spec sp = { 0 };
		const char *start = fmt;
		unsigned long long u;
		const char *s;
		long long v;
		char c;

		if (*fmt != '%') {
			fmt_put(&o, *fmt++);
			continue;
		}
		fmt = fmt_parse_spec(fmt + 1, &sp, &args);
		switch (*fmt) {
		case 'd':
		case 'i':
			v = fmt_arg_signed(&args, sp.len);
			// 0 - u, not -v: -INT64_MIN overflows.
			u = (unsigned long long)v;
			fmt_integer(&o, &sp, v < 0 ? 0 - u : u,
			            v < 0 ? "-" : "", 10, false);
			break;
		case 'u':
			u = fmt_arg_unsigned(&args, sp.len);
			fmt_integer(&o, &sp, u, "", 10, false);
			break;
		case 'x':
		case 'X':
			u = fmt_arg_unsigned(&args, sp.len);
			s = *fmt == 'x' ? "0x" : "0X";
			fmt_integer(&o, &sp, u,
			            (sp.flags & FMT_ALT) && u != 0 ? s : "", 16,
			            *fmt == 'X');
			break;
		case 'p':
			u = (uintptr_t)va_arg(args, void *);
			fmt_integer(&o, &sp, u, "0x", 16, false);
			break;
		case 's':
			s = va_arg(args, const char *);
			if (s == NULL)
				s = "(null)";
			fmt_text(&o, &sp, s,
			         sp.has_prec ? strnlen(s, sp.prec) : strlen(s));
			break;
		case 'c':
			c = (char)va_arg(args, int);
			fmt_text(&o, &sp, &c, 1);
			break;
		case '%':
			fmt_put(&o, '%');
			break;
		default:
			// Unknown: show the directive as written. At the end
			// of fmt, that is all that is left of it.
			fmt_copy(&o, start, (size_t)(fmt - start));
			continue;
		}
		fmt++;
	}
	va_end(args);
	if (size > 0)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return o.len;
}

size_t
fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	n = fmt_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
