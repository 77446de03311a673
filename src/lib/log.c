// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The log ring; rt/log.h describes its layout and how to read it.

#include <rt/errno.h>
#include <rt/fmt.h>
#include <rt/log.h>
#include <rt/string.h>
#include <rt/types.h>

#define LOG_PRINTF_MAX 192

static_assert(RT_EARLY_LOG_SIZE >= sizeof(struct log_ring) + 2 &&
                  RT_EARLY_LOG_SIZE - sizeof(struct log_ring) <= UINT32_MAX,
              "RT_EARLY_LOG_SIZE out of range");

// In .bss, so it costs no file size, and reached through log_cur, which
// starts NULL: a pointer initialised at build time would need a relocation,
// and the first log line may come before the runtime has relocated itself.
// Its own section: runtime.lds puts it right below the runtime's stack.
static union {
	struct log_ring ring;
	char bytes[RT_EARLY_LOG_SIZE];
} log_early __attribute__((section(".bss.log_early")));

static struct log_ring *log_cur;
// Our own copy of log_cur->size: after TIOCSETBUF the ring is app memory,
// and a bad value written there must not send log_write out of bounds.
static size_t log_size;
static void (*log_echo)(const char *s, size_t n);

void
log_init(struct log_ring *r, size_t total_bytes)
{
	size_t size;

	if (total_bytes < sizeof(*r) + 2)
		return;
	size = total_bytes - sizeof(*r);
	if (size > UINT32_MAX)
		size = UINT32_MAX;
	// The zeros are what a reader skips before the ring first wraps.
	memset(r->buf, 0, size);
	r->write_idx = 0;
	r->size = (uint32_t)size;
	log_cur = r;
	log_size = size;
}

void
log_init_early(void)
{
	log_init(&log_early.ring, sizeof(log_early));
}

struct log_ring *
log_current(void)
{
	if (log_cur == NULL)
		log_init_early();
	return log_cur;
}

size_t
log_total_size(const struct log_ring *r)
{
	return sizeof(*r) + r->size;
}

bool
log_holds(const void *p, size_t n)
{
	// No ring yet: nothing lies in it.
	return log_cur != NULL &&
	       rt_ranges_overlap((uintptr_t)p, n, (uintptr_t)log_cur,
	                         sizeof(*log_cur) + log_size);
}

// Text that lies in the ring itself, as an app that moved the ring into its
// memory may write. memmove keeps each piece whole; the order keeps the
// second piece's source from being overwritten by the first piece, where
// some order can (text of more than half the ring that wraps onto itself
// cannot be kept whole either way, but stays in it).
static __attribute__((noinline)) void
log_copy_own(char *buf, size_t w, const char *s, size_t n, size_t first)
{
	if (rt_ranges_overlap((uintptr_t)(buf + w), first,
	                      (uintptr_t)(s + first), n - first)) {
		memmove(buf, s + first, n - first);
		memmove(buf + w, s, first);
	} else {
		memmove(buf + w, s, first);
		memmove(buf, s + first, n - first);
	}
}

void
log_write(const char *s, size_t n)
{
	struct log_ring *r = log_current();
	size_t size = log_size, cap = size - 1, w = r->write_idx, first;

	if (n == 0)
		return;
	// Only the newest size - 1 bytes can stay.
	if (n > cap) {
		s += n - cap;
		n = cap;
	}
	if (w >= size)
		w = 0;
	first = size - w < n ? size - w : n;
	if (rt_ranges_overlap((uintptr_t)s, n, (uintptr_t)r->buf, size)) {
		log_copy_own(r->buf, w, s, n, first);
	} else {
		memcpy(r->buf + w, s, first);
		memcpy(r->buf, s + first, n - first);
	}
	// w < size and n < size, so one subtraction wraps it.
	w += n;
	if (w >= size)
		w -= size;
	r->buf[w] = '\0';
	r->write_idx = (uint32_t)w;
}

int
log_move(void *buf, size_t total_bytes)
{
	struct log_ring *old = log_current(), *r = buf;
	size_t old_size = log_size, cap, start, count = 0, skip, i, j;
	uintptr_t addr = (uintptr_t)buf;

	if (buf == NULL || !RT_IS_ALIGNED(addr, _Alignof(struct log_ring)) ||
	    total_bytes < sizeof(*r) + 2 ||
	    total_bytes - sizeof(*r) > UINT32_MAX || addr + total_bytes < addr)
		return -EINVAL;
	if (r == old && total_bytes == sizeof(*r) + old_size)
		return 0;
	if (rt_ranges_overlap(addr, total_bytes, (uintptr_t)old,
	                      sizeof(*old) + old_size))
		return -EINVAL;

	// Count the text first, to skip the oldest bytes that do not fit.
	cap = total_bytes - sizeof(*r) - 1;
	start = old->write_idx < old_size ? old->write_idx + 1 : 0;
	for (i = 0; i < old_size - 1; i++)
		count += old->buf[(start + i) % old_size] != '\0';
	skip = count > cap ? count - cap : 0;

	log_init(r, total_bytes);
	for (i = 0, j = 0; i < old_size - 1; i++) {
		char c = old->buf[(start + i) % old_size];

		if (c == '\0')
			continue;
		if (skip > 0)
			skip--;
		else
			r->buf[j++] = c;
	}
	r->write_idx = (uint32_t)j;
	return 0;
}

void
log_printf(const char *fmt, ...)
{
	char line[LOG_PRINTF_MAX];
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	n = fmt_vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n >= sizeof(line))
		n = sizeof(line) - 1;
	log_write(line, n);
	if (log_echo != NULL)
		log_echo(line, n);
}

void
log_set_echo(void (*echo)(const char *s, size_t n))
{
	log_echo = echo;
}
