// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// TIOCSETBUF: the log ring moves into app memory, as RM moves it into an
// 8 KiB page-aligned buffer, keeping the text written before the move; the
// app then reads it as docs/gunyah.md section 6 lays it out ({u32
// write_idx; u32 size; char buf[]}, newest text right before write_idx, NUL
// at write_idx). Also: the ring keeps the newest bytes when it wraps, moves
// again (to the heap, to a small ring), and every bad request is refused
// with the log left where it was. As the root VM, argv[2] and argv[3] name
// the early ring; an Image's argv does not, and the checks of the early
// ring itself are the root VM's only.

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <rt_console.h>
#include <rt_tty.h>

#include "dev_util.h"

#define RING_BYTES  8192u
#define SMALL_BYTES 64u
#define WRAP_LINES  800u

// Two rings' worth, so that a request overlapping the first can still be
// app memory.
static _Alignas(4096) char area[2 * RING_BYTES];
static _Alignas(8) char small[SMALL_BYTES];
// Everything written while the ring wraps, to compare its tail.
static char written[WRAP_LINES * 32];
static char text[RING_BYTES], text2[RING_BYTES];

static long
setbuf_req(uintptr_t buf, size_t size)
{
	struct tty_setbuf_req req = { .buf = buf, .size = size };

	return ioctl(1, TIOCSETBUF, &req);
}

static void
test_errors(const struct dev_log_ring *early, uintptr_t runtime_mem)
{
	bool stayed;

	dev_check_err(ioctl(1, TIOCSETBUF, NULL), EFAULT,
	              "TIOCSETBUF with a NULL request: EFAULT");
	dev_check_err(setbuf_req(0, RING_BYTES), EINVAL,
	              "TIOCSETBUF to NULL: EINVAL");
	dev_check_err(setbuf_req((uintptr_t)area + 2, RING_BYTES), EINVAL,
	              "TIOCSETBUF to a misaligned buffer: EINVAL");
	dev_check_err(setbuf_req((uintptr_t)area, 9), EINVAL,
	              "TIOCSETBUF of 9 bytes: EINVAL");
	dev_check_err(setbuf_req(0x1000, RING_BYTES), EFAULT,
	              "TIOCSETBUF to memory outside the app: EFAULT");
	dev_check_err(setbuf_req(runtime_mem, RING_BYTES), EFAULT,
	              "TIOCSETBUF to the runtime's memory: EFAULT");
	dev_check_err(setbuf_req((uintptr_t)area, (size_t)1 << 40), EFAULT,
	              "TIOCSETBUF running past the app's memory: EFAULT");
	printf("still early: marker-e\n");
	if (early != NULL) {
		stayed = dev_log_ends_with(early, "still early: marker-e\n");
		dev_check(stayed,
		          "after the refused requests the log is where it was");
	}
}

// Writes more than the ring holds; it must keep exactly the newest bytes.
static void
test_wrap(int console, const struct dev_log_ring *ring)
{
	struct console_register_req req = { .fn = dev_pl011_write };
	size_t len = 0, got;
	char *want;

	// Kept off the host's console: 18 KiB of it would say nothing.
	ioctl(console, CONSOLE_IOCTL_DEREGISTER, 0);
	for (unsigned i = 0; i < WRAP_LINES; i++) {
		int n = snprintf(written + len, sizeof(written) - len,
		                 "wrap line %05u of %u\n", i, WRAP_LINES);

		write(1, written + len, (size_t)n);
		len += (size_t)n;
	}
	ioctl(console, CONSOLE_IOCTL_REGISTER, &req);

	got = dev_log_text(ring, text, sizeof(text));
	want = written + len - (ring->size - 1);
	dev_check(dev_log_ends_with(ring, "wrap line 00799 of 800\n"),
	          "after wrapping: the last line right before write_idx, NUL "
	          "at write_idx");
	dev_check(len > 2 * RING_BYTES && got == ring->size - 1 &&
	              memcmp(text, want, got) == 0,
	          "after %zu bytes the ring holds exactly the newest %zu "
	          "(got %zu)",
	          len, (size_t)ring->size - 1, got);
}

int
main(int argc, char **argv)
{
	struct dev_log_ring *early, *ring = (struct dev_log_ring *)area;
	struct dev_log_ring *heap, *tiny = (struct dev_log_ring *)small;
	bool ok, gone;
	void *mem = NULL;
	uintptr_t runtime_mem;
	size_t before;
	int console;
	long r;

	dev_name = "dev_logbuf";
	console = dev_console_init(NULL);
	test_exit_hook_register();
	runtime_mem = test_runtime_mem();
	if (test_hyp_argv() != NULL) {
		// argv[2] and argv[3]: the runtime's early ring and its size.
		early = (struct dev_log_ring *)argv[2];
		if (!dev_check((uintptr_t)argv[3] ==
		                   DEV_LOG_HEADER + early->size,
		               "argv[2] and argv[3] give the early log ring"))
			return dev_finish();
		printf("before move: marker-1\n");
		ok = dev_log_ends_with(early, "before move: marker-1\n");
		dev_check(ok, "the early ring ends with what was just written");
	} else {
		printf("dev_logbuf: an Image: no early ring in argv\n");
		printf("before move: marker-1\n");
		early = NULL;
	}

	test_errors(early, runtime_mem);

	// The move RM makes: 8 KiB, page-aligned.
	r = setbuf_req((uintptr_t)ring, RING_BYTES);
	dev_check_ok(r, "TIOCSETBUF to an 8 KiB page-aligned buffer");
	dev_check(ring->size == RING_BYTES - DEV_LOG_HEADER &&
	              ring->write_idx < ring->size &&
	              ring->buf[ring->write_idx] == '\0',
	          "the new ring's header: size %u, write_idx %u, NUL there",
	          ring->size, ring->write_idx);
	dev_check(dev_log_contains(ring, "before move: marker-1\n") &&
	              dev_log_contains(ring, "still early: marker-e\n"),
	          "text written before the move is in the new ring");

	printf("after move: marker-2\n");
	ok = dev_log_ends_with(ring, "after move: marker-2\n");
	gone = early != NULL && !dev_log_contains(early, "marker-2");
	dev_check(ok, "text written after the move is the newest in the ring");
	if (early != NULL)
		dev_check(gone, "the early ring no longer gets the text");
	write(2, "to stderr: marker-3\n", 20);
	ok = dev_log_ends_with(ring, "to stderr: marker-3\n");
	dev_check(ok, "stderr goes to the ring too");

	dev_check_err(setbuf_req((uintptr_t)area + RING_BYTES / 2, RING_BYTES),
	              EINVAL,
	              "TIOCSETBUF overlapping the current ring: EINVAL");
	dev_check_ok(setbuf_req((uintptr_t)ring, RING_BYTES),
	             "TIOCSETBUF onto the current ring changes nothing");
	dev_check(dev_log_contains(ring, "marker-3"),
	          "the text is still there");

	test_wrap(console, ring);

	// To the heap, where RM's allocator would put it.
	before = dev_log_text(ring, text, sizeof(text));
	if (posix_memalign(&mem, 4096, RING_BYTES) == 0) {
		heap = mem;
		r = setbuf_req((uintptr_t)heap, RING_BYTES);
		ok = r == 0 &&
		     dev_log_text(heap, text2, sizeof(text2)) == before &&
		     memcmp(text, text2, before) == 0;
		dev_check(ok, "moved again to the heap: all of the text came");
	} else {
		dev_check(false, "posix_memalign of 8 KiB");
	}

	// A ring smaller than the text keeps its newest bytes.
	printf("into the small ring: marker-4\n");
	r = setbuf_req((uintptr_t)tiny, SMALL_BYTES);
	ok = r == 0 && tiny->size == SMALL_BYTES - DEV_LOG_HEADER &&
	     dev_log_ends_with(tiny, "into the small ring: marker-4\n") &&
	     !dev_log_contains(tiny, "wrap line");
	dev_check(ok, "moved to a %u-byte ring: its newest %u bytes kept",
	          SMALL_BYTES, SMALL_BYTES - DEV_LOG_HEADER - 1);
	return dev_finish();
}
