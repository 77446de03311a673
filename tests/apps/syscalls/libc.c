// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The syscall layer as an ordinary C program meets it: every check goes
// through musl (malloc, stdio, time, random, ids, the tty) and prints one
// line. Exits 0 only if every check holds. Times are measured on the
// virtual counter read directly: the app runs at EL1, and the counter is
// the one clock the runtime's answers can be held against.

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#define KIB (1024ul)
#define MIB (1024ul * KIB)

static int checks, failures;

static void check(int ok, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
check(int ok, const char *fmt, ...)
{
	va_list ap;

	checks++;
	failures += !ok;
	printf("sys_libc: %s: ", ok ? "ok" : "FAILED");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

static uint64_t
counter(void)
{
	uint64_t v;

	// The isb keeps the read from being taken early, before the call
	// whose length is measured.
	__asm__ volatile("isb; mrs %0, cntvct_el0" : "=r"(v)::"memory");
	return v;
}

static uint64_t
counter_freq(void)
{
	uint64_t v;

	__asm__ volatile("mrs %0, cntfrq_el0" : "=r"(v));
	return v;
}

static uint64_t
ms_to_ticks(uint64_t ms)
{
	return counter_freq() * ms / 1000;
}

static uint64_t
ticks_to_us(uint64_t ticks)
{
	return ticks * 1000000 / counter_freq();
}

static int64_t
ts_ns(const struct timespec *t)
{
	return (int64_t)t->tv_sec * 1000000000 + t->tv_nsec;
}

static void
fill(unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(seed + i * 7 + (i >> 8));
}

static int
filled(const unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++) {
		if (p[i] != (unsigned char)(seed + i * 7 + (i >> 8)))
			return 0;
	}
	return 1;
}

static int
all_bytes(const void *p, size_t n, unsigned char v)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++) {
		if (b[i] != v)
			return 0;
	}
	return 1;
}

static void
test_malloc_small(void)
{
	enum { N = 300 };
	static unsigned char *blk[N];
	int ok = 1;

	// All live at once, so that overlapping blocks would show.
	for (int i = 0; i < N; i++) {
		blk[i] = malloc((size_t)i + 1);
		if (blk[i] == NULL) {
			ok = 0;
			break;
		}
		fill(blk[i], (size_t)i + 1, (unsigned)i);
	}
	for (int i = 0; ok && i < N; i++)
		ok = filled(blk[i], (size_t)i + 1, (unsigned)i);
	check(ok, "malloc of %d small blocks (1..%d bytes), all distinct", N,
	      N);
	// Every other one freed and allocated again, with other contents.
	for (int i = 0; ok && i < N; i += 2) {
		free(blk[i]);
		blk[i] = malloc((size_t)i + 1);
		if (blk[i] == NULL)
			ok = 0;
		else
			fill(blk[i], (size_t)i + 1, (unsigned)i + 99);
	}
	for (int i = 0; ok && i < N; i++)
		ok = filled(blk[i], (size_t)i + 1,
		            (unsigned)i + (i % 2 == 0 ? 99 : 0));
	check(ok, "free and malloc again of half of them, the rest intact");
	for (int i = 0; i < N; i++)
		free(blk[i]);
}

static void
test_malloc_large(void)
{
	unsigned char *p[6];
	int ok = 1;

	// 6 x 4 MiB, three times over: 72 MiB in all from a 32 MiB heap, so
	// free must give the memory back (munmap) for the later rounds.
	for (int round = 0; ok && round < 3; round++) {
		for (int i = 0; i < 6; i++) {
			p[i] = malloc(4 * MIB);
			if (p[i] == NULL) {
				ok = 0;
				for (int j = 0; j < i; j++)
					free(p[j]);
				break;
			}
			fill(p[i], 4 * MIB, (unsigned)(round * 6 + i));
		}
		for (int i = 0; ok && i < 6; i++)
			ok = filled(p[i], 4 * MIB, (unsigned)(round * 6 + i));
		for (int i = 0; ok && i < 6; i++)
			free(p[i]);
	}
	check(ok, "malloc of 6 x 4 MiB, filled and freed, 3 rounds "
	          "(memory comes back)");

	errno = 0;
	p[0] = malloc(1024 * MIB);
	check(p[0] == NULL && errno == ENOMEM,
	      "malloc of 1 GiB (more than the heap) gives NULL, ENOMEM");
	free(p[0]);
}

static void
test_realloc(void)
{
	static const size_t sizes[] = { 64, 100 * KIB, 3 * MIB, 10 * MIB };
	unsigned char *p = malloc(sizes[0]), *q;
	size_t have = sizes[0];
	int ok = p != NULL;

	if (ok)
		fill(p, have, 42);
	for (size_t i = 1; ok && i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		q = realloc(p, sizes[i]);
		if (q == NULL) {
			ok = 0;
			break;
		}
		p = q;
		ok = filled(p, have, 42);
		fill(p, sizes[i], 42);
		have = sizes[i];
	}
	check(ok, "realloc 64 B -> 100 KiB -> 3 MiB -> 10 MiB keeps the "
	          "contents");
	q = ok ? realloc(p, 16) : NULL;
	check(q != NULL && filled(q, 16, 42),
	      "realloc down to 16 B keeps the contents");
	free(q != NULL ? q : p);
}

static void
test_calloc(void)
{
	static volatile size_t huge = SIZE_MAX / 2;
	unsigned char *p, *q;

	p = calloc(1000, 3);
	check(p != NULL && all_bytes(p, 3000, 0), "calloc(1000, 3) is zeroed");
	free(p);

	// A freed block of the same size comes back first: its old contents
	// must not.
	p = malloc(200);
	if (p != NULL)
		memset(p, 0xa5, 200);
	free(p);
	q = calloc(1, 200);
	check(q != NULL && all_bytes(q, 200, 0),
	      "calloc of 200 B after freeing a dirty 200 B block is zeroed "
	      "(%s block)",
	      q == p ? "same" : "another");
	free(q);

	// Large ones are fresh mappings: musl trusts mmap to zero them.
	p = malloc(3 * MIB);
	if (p != NULL)
		memset(p, 0xa5, 3 * MIB);
	free(p);
	q = calloc(3 * MIB, 1);
	check(q != NULL && all_bytes(q, 3 * MIB, 0),
	      "calloc of 3 MiB after freeing a dirty 3 MiB block is zeroed");
	free(q);

	// volatile: the compiler would refuse a call it can see overflow.
	errno = 0;
	p = calloc(huge, 4);
	check(p == NULL && errno == ENOMEM,
	      "calloc whose size overflows gives NULL, ENOMEM");
}

static void
test_printf_float(void)
{
	char buf[64];

	snprintf(buf, sizeof(buf), "%.3f", 3.14159);
	check(strcmp(buf, "3.142") == 0, "printf(\"%%.3f\", 3.14159) = %s",
	      buf);
	snprintf(buf, sizeof(buf), "%e|%g|%.2f", 123.456, 0.0001, -2.675);
	check(strcmp(buf, "1.234560e+02|0.0001|-2.67") == 0,
	      "printf %%e %%g %%.2f = %s", buf);
	check(strtod("2.5e-3", NULL) == 0.0025, "strtod(\"2.5e-3\") = %g",
	      strtod("2.5e-3", NULL));
}

static void
test_dev_zero(void)
{
	static unsigned char buf[8192];
	FILE *f = fopen("/dev/zero", "r");
	size_t n = 0;

	memset(buf, 0xff, sizeof(buf));
	if (f != NULL) {
		n = fread(buf, 1, sizeof(buf), f);
		fclose(f);
	}
	check(f != NULL && n == sizeof(buf) && all_bytes(buf, n, 0),
	      "fopen(\"/dev/zero\") and fread of %zu bytes: all zero", n);
}

static void
test_dev_null(void)
{
	char buf[16] = "untouched";
	int fd = open("/dev/null", O_RDWR);
	ssize_t w = -1, r = -1;
	FILE *f;

	if (fd >= 0) {
		w = write(fd, "discarded", 9);
		r = read(fd, buf, sizeof(buf));
	}
	check(fd >= 0 && w == 9 && r == 0 && strcmp(buf, "untouched") == 0 &&
	          close(fd) == 0,
	      "/dev/null: write of 9 bytes = %zd, read = %zd (EOF)", w, r);
	f = fopen("/dev/null", "w");
	check(f != NULL && fprintf(f, "%0100d", 7) == 100 && fclose(f) == 0,
	      "fopen(\"/dev/null\", \"w\"), fprintf, fclose");
}

static void
test_urandom(void)
{
	unsigned char a[32], b[32];
	int fd = open("/dev/urandom", O_RDONLY);
	ssize_t na = -1, nb = -1;

	memset(a, 0, sizeof(a));
	memset(b, 0, sizeof(b));
	if (fd >= 0) {
		na = read(fd, a, sizeof(a));
		nb = read(fd, b, sizeof(b));
		close(fd);
	}
	check(na == 32 && nb == 32 && memcmp(a, b, sizeof(a)) != 0 &&
	          !all_bytes(a, sizeof(a), 0),
	      "/dev/urandom: two reads of 32 bytes differ");
}

static void
test_getrandom(void)
{
	unsigned char a[64], b[64], c[256];
	ssize_t na, nb, nc, nd;
	struct timespec t0, t1;
	int err;

	memset(a, 0, sizeof(a));
	memset(b, 0, sizeof(b));
	na = getrandom(a, sizeof(a), 0);
	nb = getrandom(b, sizeof(b), 0);
	nc = getrandom(b, 0, 0);
	check(na == 64 && nb == 64 && nc == 0 && memcmp(a, b, 64) != 0,
	      "getrandom: 64 bytes twice, different; 0 bytes = %zd", nc);
	// The hypervisor answers 4 calls (64 bytes) per 33 ms: 256 bytes
	// without waiting is what it gave before it said busy, or EAGAIN.
	clock_gettime(CLOCK_MONOTONIC, &t0);
	nd = getrandom(c, sizeof(c), GRND_NONBLOCK);
	err = errno;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	check(((nd > 0 && nd <= 256) || (nd == -1 && err == EAGAIN)) &&
	          (t1.tv_sec - t0.tv_sec) * 1000000000L +
	                  (t1.tv_nsec - t0.tv_nsec) <
	              30000000L,
	      "getrandom(256, GRND_NONBLOCK) does not wait (%zd)", nd);
}

static void
test_clock_gettime(void)
{
	struct timespec t0, t1, res;
	uint64_t c0, c1, mid;
	int64_t ns, lo, hi;
	int r0, r1;

	// The clock must be the counter: between two counter reads.
	c0 = counter();
	r0 = clock_gettime(CLOCK_MONOTONIC, &t0);
	c1 = counter();
	ns = ts_ns(&t0);
	lo = (int64_t)(c0 * 1000 / counter_freq() * 1000000) -
	     1000000; // ms resolution, 1 ms slack: 64-bit products
	hi = (int64_t)(c1 * 1000 / counter_freq() * 1000000) + 2000000;
	check(r0 == 0 && ns >= lo && ns <= hi && t0.tv_nsec >= 0 &&
	          t0.tv_nsec < 1000000000,
	      "clock_gettime(CLOCK_MONOTONIC) follows CNTVCT_EL0 / CNTFRQ_EL0 "
	      "(%lld ns, counter %llu at %llu Hz)",
	      (long long)ns, (unsigned long long)c0,
	      (unsigned long long)counter_freq());

	// Advancing: spin for 2 ms of counter.
	mid = counter() + ms_to_ticks(2);
	while (counter() < mid)
		;
	r1 = clock_gettime(CLOCK_MONOTONIC, &t1);
	check(r1 == 0 && ts_ns(&t1) - ts_ns(&t0) >= 2000000,
	      "clock_gettime(CLOCK_MONOTONIC) advances (+%lld us after 2 ms "
	      "of counter)",
	      (long long)(ts_ns(&t1) - ts_ns(&t0)) / 1000);
	check(clock_getres(CLOCK_MONOTONIC, &res) == 0 && res.tv_sec == 0 &&
	          res.tv_nsec > 0 && res.tv_nsec <= 1000,
	      "clock_getres(CLOCK_MONOTONIC) = %ld ns", res.tv_nsec);
	check(clock_gettime(CLOCK_REALTIME, &t1) == 0 &&
	          clock_gettime(CLOCK_BOOTTIME, &t1) == 0,
	      "clock_gettime(CLOCK_REALTIME) and (CLOCK_BOOTTIME) succeed");
}

static void
test_nanosleep(void)
{
	struct timespec req = { 0, 10000000 }, rem = { 5, 5 };
	uint64_t c0, c1;
	int r;

	c0 = counter();
	r = nanosleep(&req, &rem);
	c1 = counter();
	check(r == 0 && c1 - c0 >= ms_to_ticks(10),
	      "nanosleep(10 ms) = %d, "
	      "took %llu us of counter (at least 10000)",
	      r, (unsigned long long)ticks_to_us(c1 - c0));
	check(c1 - c0 < ms_to_ticks(1000),
	      "nanosleep(10 ms) took less than 1 s");
}

static void
test_clock_nanosleep_abs(void)
{
	struct timespec now, target, after;
	uint64_t c0, c1;
	int r;

	// The counter first: however long the app is held up before the
	// call, the sleep ends no earlier than 20 ms after this reading.
	c0 = counter();
	clock_gettime(CLOCK_MONOTONIC, &now);
	target = now;
	target.tv_nsec += 20000000;
	if (target.tv_nsec >= 1000000000) {
		target.tv_nsec -= 1000000000;
		target.tv_sec++;
	}
	r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &target, NULL);
	c1 = counter();
	clock_gettime(CLOCK_MONOTONIC, &after);
	check(r == 0 && ts_ns(&after) >= ts_ns(&target) &&
	          c1 - c0 >= ms_to_ticks(19) && c1 - c0 < ms_to_ticks(1000),
	      "clock_nanosleep(TIMER_ABSTIME, now + 20 ms) = %d, woke %lld us "
	      "after the target",
	      r, (long long)(ts_ns(&after) - ts_ns(&target)) / 1000);

	// A deadline already past: no sleep at all.
	c0 = counter();
	r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &now, NULL);
	c1 = counter();
	check(r == 0 && c1 - c0 < ms_to_ticks(5),
	      "clock_nanosleep(TIMER_ABSTIME, a past time) returns at once "
	      "(%llu us)",
	      (unsigned long long)ticks_to_us(c1 - c0));
}

static void
test_poll_timeout(void)
{
	uint64_t c0, c1;
	int r;

	c0 = counter();
	r = poll(NULL, 0, 10);
	c1 = counter();
	check(r == 0 && c1 - c0 >= ms_to_ticks(10) &&
	          c1 - c0 < ms_to_ticks(1000),
	      "poll(NULL, 0, 10 ms) = %d after %llu us", r,
	      (unsigned long long)ticks_to_us(c1 - c0));
}

static void
test_process(void)
{
	struct utsname u;
	pid_t pid = getpid(), tid = gettid();

	check(uname(&u) == 0 && strcmp(u.sysname, "Linux") == 0 &&
	          strcmp(u.machine, "aarch64") == 0 && u.release[0] != '\0',
	      "uname: %s %s %s", u.sysname, u.release, u.machine);
	check(pid > 0 && tid == pid, "getpid() = %d, gettid() = %d", pid, tid);
	check(getuid() == 0 && geteuid() == 0 && getgid() == 0 &&
	          getegid() == 0,
	      "getuid/geteuid/getgid/getegid are 0");
	check(sched_yield() == 0, "sched_yield() = 0");
}

static void
test_tty(void)
{
	struct stat st;
	int fl = fcntl(1, F_GETFL), fd_flags;
	char c;
	off_t off;

	check(fl >= 0 && (fl & O_ACCMODE) == O_RDWR,
	      "fcntl(1, F_GETFL) = %#x: O_RDWR", fl);
	fd_flags = fcntl(1, F_GETFD);
	check(fd_flags == 0 && fcntl(1, F_SETFD, FD_CLOEXEC) == 0 &&
	          fcntl(1, F_GETFD) == FD_CLOEXEC &&
	          fcntl(1, F_SETFD, 0) == 0 && fcntl(1, F_GETFD) == 0,
	      "fcntl(1, F_GETFD/F_SETFD) round-trips FD_CLOEXEC");
	memset(&st, 0xff, sizeof(st));
	check(fstat(1, &st) == 0 && S_ISCHR(st.st_mode) &&
	          major(st.st_rdev) == 5 && minor(st.st_rdev) == 1 &&
	          st.st_size == 0,
	      "fstat(1): a character device, rdev %u:%u", major(st.st_rdev),
	      minor(st.st_rdev));
	check(isatty(1) == 1 && isatty(2) == 1, "isatty(1) and isatty(2)");
	errno = 0;
	off = lseek(1, 0, SEEK_CUR);
	check(off == -1 && errno == ESPIPE,
	      "lseek(1, 0, SEEK_CUR) = %lld, errno ESPIPE", (long long)off);
	check(read(0, &c, 1) == 0, "read(0) gives end of file");
}

int
main(void)
{
	test_malloc_small();
	test_malloc_large();
	test_realloc();
	test_calloc();
	test_printf_float();
	test_dev_zero();
	test_dev_null();
	test_urandom();
	test_getrandom();
	test_clock_gettime();
	test_nanosleep();
	test_clock_nanosleep_abs();
	test_poll_timeout();
	test_process();
	test_tty();
	if (failures == 0)
		printf("sys_libc: all %d checks passed\n", checks);
	else
		printf("sys_libc: %d of %d checks FAILED\n", failures, checks);
	return failures != 0;
}
