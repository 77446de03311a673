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

// In .bss, so it costs no file size, and reached through log_state.ring, which
// starts NULL: a pointer initialised at build time would need a relocation,
// and the first log line may come before the runtime has relocated itself.
// Its own section: runtime.lds puts it right below the runtime's stack.
static union {
	struct log_ring ring;
	char bytes[RT_EARLY_LOG_SIZE];
} log_early __attribute__((section(".bss.log_early")));

struct log_state log_state;
static void (*log_echo)(const char *s, size_t n);

RT_COLD void
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
	log_state.ring = r;
	log_state.size = size;
}

void
log_init_early(void)
{
	log_init(&log_early.ring, sizeof(log_early));
}

struct log_ring *
log_current(void)
{
	if (log_state.ring == NULL)
		log_init_early();
	return log_state.ring;
}

size_t
log_total_size(const struct log_ring *r)
{
	return sizeof(*r) + r->size;
}

// Text that lies in the ring itself, as an app that moved the ring into its
// memory may write. memmove keeps each piece whole; the order keeps the
// second piece's source from being overwritten by the first piece, where
// some order can (text of more than half the ring that wraps onto itself
// cannot be kept whole either way, but stays in it).
static RT_COLD void
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

// The NUL after the newest byte, and the index of that NUL.
static inline void
log_end(struct log_ring *r, size_t end)
{
	r->buf[end] = '\0';
	r->write_idx = (uint32_t)end;
}

static RT_COLD void
log_write_any(const char *s, size_t n)
{
	struct log_ring *r = log_state.ring;
	size_t size = log_state.size, w, first, end;

	if (r == NULL) {
		r = log_current();
		size = log_state.size;
	}
	if (n == 0)
		return;
	// Only the newest size - 1 bytes can stay.
	if (n >= size) {
		s += n - (size - 1);
		n = size - 1;
	}
	w = r->write_idx;
	if (w >= size)
		w = 0;
	first = size - w;
	// w < size and n < size, so one subtraction wraps the end.
	end = w + n >= size ? w + n - size : w + n;
	if (rt_ranges_overlap((uintptr_t)s, n, (uintptr_t)r->buf, size)) {
		log_copy_own(r->buf, w, s, n, first < n ? first : n);
		log_end(r, end);
		return;
	}
	// The end first, so that the copy is the last thing done and needs
	// no frame here: the NUL lies outside what the copy writes, and
	// nothing reads the ring in between (interrupts are masked).
	log_end(r, end);
	if (n <= first) {
		memcpy(r->buf + w, s, n);
		return;
	}
	memcpy(r->buf + w, s, first);
	memcpy(r->buf, s + first, n - first);
}

void
log_write(const char *s, size_t n)
{
	struct log_ring *r = log_state.ring;
	size_t size = log_state.size, w;

	// Most text fits before the ring's end and lies elsewhere: then the
	// whole write is this, and needs no frame. The rest goes the long way.
	if (r == NULL || n - 1 >= size - 1 ||
	    rt_ranges_overlap((uintptr_t)s, n, (uintptr_t)r->buf, size))
		goto any;
	w = r->write_idx;
	if (w >= size || n >= size - w)
		goto any;
	log_end(r, w + n);
	memcpy(r->buf + w, s, n);
	return;
any:
	log_write_any(s, n);
}

RT_COLD int
log_move(void *buf, size_t total_bytes)
{
	struct log_ring *old = log_current(), *r = buf;
	size_t old_size = log_state.size, cap, start, count = 0, skip, i, j;
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

RT_COLD void
log_printf(const char *fmt, ...)
{
	// Static, off the runtime's small stack: the runtime runs with
	// interrupts masked and calls no app code from here, so nothing can
	// come back in while a line is being made.
	static char line[LOG_PRINTF_MAX];
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
