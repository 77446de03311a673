// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// Where the runtime's randomness comes from, with the boot stub's
// entropy-tagged flag: every byte the hypervisor gives is 0xA0 | n, n
// counting up by one from byte to byte. getrandom (512 bytes: 32 calls,
// far past the 4 per 33 ms that Gunyah allows, so BUSY answers come and
// must be waited out), /dev/urandom and AT_RANDOM must all be such bytes,
// each stream in order: none made up, none given twice. GRND_NONBLOCK
// right after the rate limit was reached returns what the runtime holds, or
// EAGAIN, and never bytes of another origin.

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/auxv.h>
#include <sys/random.h>
#include <unistd.h>

static int failures;

static void
check(int ok, const char *what)
{
	printf("entropy_tagged: %s: %s\n", ok ? "ok" : "FAILED", what);
	failures += !ok;
}

// Whether the n bytes at p are the hypervisor's, in its order.
static int
tagged_run(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if ((p[i] & 0xf0) != 0xa0)
			return 0;
		if (i > 0 && (p[i] & 0xf) != ((p[i - 1] + 1) & 0xf))
			return 0;
	}
	return 1;
}

int
main(void)
{
	static unsigned char big[512], small[64], more[64];
	const unsigned char *at_random = (const void *)getauxval(AT_RANDOM);
	int fd = open("/dev/urandom", O_RDONLY);
	ssize_t n;

	check(at_random != NULL && tagged_run(at_random, 16),
	      "AT_RANDOM is 16 of the hypervisor's bytes");
	n = getrandom(big, sizeof(big), 0);
	check(n == (ssize_t)sizeof(big) && tagged_run(big, sizeof(big)),
	      "getrandom waited out BUSY for 512 of the hypervisor's bytes");
	n = fd >= 0 ? read(fd, small, sizeof(small)) : -1;
	check(n == (ssize_t)sizeof(small) && tagged_run(small, sizeof(small)),
	      "/dev/urandom gave 64 of the hypervisor's bytes");
	// The window is used up: what comes without waiting, if anything,
	// is still the hypervisor's.
	n = getrandom(more, sizeof(more), GRND_NONBLOCK);
	check((n < 0 && errno == EAGAIN) ||
	          (n > 0 && tagged_run(more, (size_t)n)),
	      "GRND_NONBLOCK: the hypervisor's bytes or EAGAIN");
	printf("entropy_tagged: %s\n",
	       failures ? "some checks FAILED" : "all checks passed");
	return failures != 0;
}
