// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The runtime's boot-only segment joins the memory pool once the app runs
// (src/syscall/memory.c): with the heap full, anonymous mmap still gives
// pages, and they are the runtime's, just below the app. They come
// zeroed, are the app's to write (the runtime keeps working after every
// byte of them has been overwritten), to pass to syscalls, and to give back
// and map again. As an Image (MMU on, boot code mapped read-only) the
// runtime keeps them: the heap full means mmap fails.

#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "perf_util.h"
#include "test_hyp.h"

#define PAGE      4096u
#define MAX_POOL  64u
#define MAX_ORDER 20

static void *pool[MAX_POOL];
static unsigned npool;

static void *
map(size_t len)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
	               MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

// Maps everything there is, biggest pieces first; keeps the pages that
// lie below the app (the only memory there is the runtime's).
static void
fill(uintptr_t app)
{
	for (int order = MAX_ORDER; order >= 0; order--) {
		size_t len = (size_t)PAGE << order;
		void *p;

		while ((p = map(len)) != NULL) {
			for (size_t k = 0; k < len && (uintptr_t)p < app;
			     k += PAGE) {
				if (npool < MAX_POOL)
					pool[npool++] = (char *)p + k;
			}
		}
	}
}

static bool
all_zero(const unsigned char *p)
{
	for (unsigned k = 0; k < PAGE; k++)
		if (p[k] != 0)
			return false;
	return true;
}

int
main(void)
{
	uintptr_t app = getauxval(AT_PHDR) & ~(uintptr_t)(PAGE - 1);
	bool root_vm = test_hyp_argv() != NULL;
	unsigned zero = 0, again = 0;
	struct timespec t0, t1;
	struct iovec iov;
	long wrote;

	perf_init("perf_pool");
	fill(app);
	if (!root_vm) {
		perf_check(npool == 0 && map(PAGE) == NULL && errno == ENOMEM,
		           "as an Image, the runtime keeps its boot-only "
		           "segment: with the heap full, mmap fails "
		           "with ENOMEM (%u pages below the app)",
		           npool);
		return perf_done();
	}
	if (!perf_check(npool > 0,
	                "with the heap full, mmap gives the runtime's "
	                "boot-only pages, below the app (%u pages)",
	                npool))
		return perf_done();
	for (unsigned i = 0; i < npool; i++) {
		zero += all_zero(pool[i]);
		memset(pool[i], 0xa5, PAGE);
	}
	perf_check(zero == npool,
	           "they come zeroed, and the app may write all of them "
	           "(%u of %u were zero)",
	           zero, npool);
	// The runtime after its boot-only segment was overwritten: time,
	// the console, and a buffer in those pages, which uaccess allows.
	memcpy(pool[0], "from the boot pages\n", 20);
	iov = (struct iovec){ pool[0], 20 };
	wrote = writev(1, &iov, 1);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	perf_check(wrote == 20 &&
	               (t1.tv_sec > t0.tv_sec ||
	                (t1.tv_sec == t0.tv_sec && t1.tv_nsec >= t0.tv_nsec)),
	           "the runtime works on with them overwritten, and takes "
	           "a buffer there (writev %ld)",
	           wrote);
	for (unsigned i = 0; i < npool; i++)
		munmap(pool[i], PAGE);
	for (unsigned i = 0; i < npool; i++) {
		unsigned char *p = map(PAGE);

		again += p != NULL && (uintptr_t)p < app && all_zero(p);
	}
	perf_check(again == npool && map(PAGE) == NULL,
	           "given back, they map again, zeroed, and no more than "
	           "them (%u of %u)",
	           again, npool);
	return perf_done();
}
