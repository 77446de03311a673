// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef RT_LOG_H
#define RT_LOG_H

#include <rt/types.h>

// The log ring (docs/gunyah.md section 6): everything the app writes to stdout
// or stderr and every runtime message, newest bytes kept. The runtime starts on
// an early ring inside its own image; the app may move it (TIOCSETBUF).
//
// buf[write_idx] is always NUL and is where the next byte goes, so a ring
// holds at most size - 1 bytes of text. log_init zeroes the buffer, and a
// reader gets the text, oldest to newest, by walking the size - 1 bytes
// from buf[(write_idx + 1) % size] on, wrapping at the end of buf and
// skipping NUL bytes: before the ring first wraps, those bytes are the
// zeros log_init left behind. NUL bytes the app writes are lost the same way.
struct log_ring {
	uint32_t write_idx;
	uint32_t size; // of buf
	char buf[];
};

static_assert(sizeof(struct log_ring) == 8, "ABI: 8-byte log ring header");

// Bytes of the early ring, header included.
#ifndef RT_EARLY_LOG_SIZE
#define RT_EARLY_LOG_SIZE 2048
#endif

// Makes r, a buffer of total_bytes with the header at its start and 4-byte
// aligned, the current ring, empty. Ignored if total_bytes cannot hold the
// header and one byte of text.
void log_init(struct log_ring *r, size_t total_bytes);

// Makes the early ring current, empty. The early ring is also what
// log_current() sets up on first use if nobody called this.
void log_init_early(void);

// Appends n bytes to the current ring.
void log_write(const char *s, size_t n);

// The current ring (NULL before the first), and our own copy of its size:
// after TIOCSETBUF the ring is app memory, and a bad value written there
// must not send log_write out of bounds. Only log.c changes them.
struct log_state {
	struct log_ring *ring;
	size_t size;
};

extern struct log_state log_state;

// Whether [p, p + n) shares a byte with the current ring, header included:
// text there changes as log_write stores it. Inline: every tty write asks.
static inline bool
log_holds(const void *p, size_t n)
{
	return log_state.ring != NULL &&
	       rt_ranges_overlap((uintptr_t)p, n, (uintptr_t)log_state.ring,
	                         sizeof(*log_state.ring) + log_state.size);
}

// TIOCSETBUF: copies the newest text of the current ring (as much as fits)
// into buf, a ring of total_bytes laid out as for log_init, and makes it
// current. 0, or -EINVAL (nothing changes) when buf is NULL, misaligned,
// too small, too large or overlaps the current ring; moving a ring onto
// itself succeeds and changes nothing. The caller checks that the app owns
// buf.
int log_move(void *buf, size_t total_bytes);

struct log_ring *log_current(void);

// Header plus buffer: what the app is told the ring's size is.
size_t log_total_size(const struct log_ring *r);

// Formats a line (up to 191 bytes; the rest is cut) into the current ring,
// and to the echo function if one is set.
void log_printf(const char *fmt, ...) RT_PRINTF(1, 2);

// Where log_printf's lines also go (NULL: nowhere): a console the runtime
// drives itself, so that its messages show without the app's help.
void log_set_echo(void (*echo)(const char *s, size_t n));

#endif
