// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// One static-pie, two kernels: tests/syscalls/run_linux_compare.py runs it
// under qemu-aarch64 on the host's Linux and booted on our runtime, and
// compares what it prints line by line. Everything printed between the
// begin and end lines is deterministic on Linux: formatting, parsing,
// sorting, allocation patterns checked by checksum, and what the /dev
// nodes, fds and errno values look like. Nothing that differs between two
// Linux runs (addresses, pids, times, fd numbers the host chose) is shown;
// where a value cannot be shown, the line says whether it met its rule.

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <float.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include <rt_console.h>

#include "test_hyp.h"

static uint64_t lcg_state;

static uint32_t
lcg(void)
{
	lcg_state = lcg_state * 6364136223846793005ull + 1442695040888963407ull;
	return (uint32_t)(lcg_state >> 33);
}

static uint32_t
crc32_update(uint32_t crc, const void *data, size_t n)
{
	const unsigned char *p = data;

	crc = ~crc;
	for (size_t i = 0; i < n; i++) {
		crc ^= p[i];
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1)));
	}
	return ~crc;
}

static const char *
yes(int ok)
{
	return ok ? "yes" : "no";
}

// Our runtime hands the app "rootvm" as its name; Linux gives the path
// it was run by. Only under our runtime is there a PL011 to write, and
// under Linux a /dev/console of the host's must not be touched.
static int
on_our_runtime(void)
{
	const char *fn = (const char *)getauxval(AT_EXECFN);

	return fn != NULL && strcmp(fn, "rootvm") == 0;
}

static void
console_init(void)
{
	struct console_register_req req = { .fn = test_hyp_uart_write };
	int fd;

	if (!on_our_runtime())
		return;
	fd = open(CONSOLE_PATH, O_RDWR);
	if (fd < 0)
		return;
	ioctl(fd, CONSOLE_IOCTL_REGISTER, &req);
	close(fd);
}

static void
show_formatting(void)
{
	static const double values[] = {
		0.0,    -0.0,     1.0,   3.14159,  -2.675,        0.1,
		1e-300, 5e-324,   1e300, DBL_MAX,  123456789.125, 1.0 / 3,
		2.5,    0.000123, 1e21,  INFINITY, -INFINITY,     NAN,
	};
	char buf[16];
	int n;

	printf("fmt: ints [%d] [%5d] [%-5d] [%05d] [%+d] [% d]\n", 42, 42, 42,
	       42, 42, 42);
	printf("fmt: limits %d %u %lld %llu\n", INT_MIN, UINT_MAX, LLONG_MIN,
	       ULLONG_MAX);
	printf("fmt: hex [%x] [%#X] [%#o] [%8.3x] [%" PRIx64 "]\n", 48879u,
	       48879u, 8u, 255u, (uint64_t)0xdeadbeefcafef00dull);
	printf("fmt: strings [%s] [%.3s] [%8s] [%-8s] [%c%c]\n", "hello",
	       "hello", "right", "left", 'o', 'k');
	printf("fmt: sizes [%zu] [%zd] [%jd] [%td]\n", (size_t)12345,
	       (ssize_t)-12345, (intmax_t)-7, (ptrdiff_t)99);
	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		double v = values[i];

		printf("fmt: %zu %%f=%f %%.3f=%.3f %%e=%e %%g=%g %%.17g=%.17g "
		       "%%a=%a\n",
		       i, v, v, v, v, v, v);
	}
	n = snprintf(buf, sizeof(buf), "%.10f", 3.14159265358979);
	printf("fmt: snprintf truncated to [%s], would be %d\n", buf, n);
	n = snprintf(NULL, 0, "%g and %s", 1e100, "more");
	printf("fmt: snprintf(NULL, 0) = %d\n", n);
}

static void
show_parsing(void)
{
	static const char *const doubles[] = {
		"0.1",
		"1e308",
		"1e309",
		"4.9e-324",
		"2.2250738585072011e-308",
		"-0",
		"nan",
		"-inf",
		"0x1.8p3",
		"  12.5xyz",
		"1e-400",
		".5e+2",
		"123456789012345678901234567890",
		"junk",
	};
	static const struct {
		const char *s;
		int base;
	} longs[] = {
		{ "12345", 10 },
		{ "-0x7fffffffffffffff", 0 },
		{ "9223372036854775808", 10 },
		{ "-9223372036854775809", 10 },
		{ "0777", 0 },
		{ "zz", 36 },
		{ "  -42abc", 10 },
	};

	for (size_t i = 0; i < sizeof(doubles) / sizeof(doubles[0]); i++) {
		char *end;
		double d;

		errno = 0;
		d = strtod(doubles[i], &end);
		printf("strtod: \"%s\" = %.17g (%a) errno %d used %d\n",
		       doubles[i], d, d, errno, (int)(end - doubles[i]));
	}
	for (size_t i = 0; i < sizeof(longs) / sizeof(longs[0]); i++) {
		char *end;
		long v;

		errno = 0;
		v = strtol(longs[i].s, &end, longs[i].base);
		printf("strtol: \"%s\" base %d = %ld errno %d used %d\n",
		       longs[i].s, longs[i].base, v, errno,
		       (int)(end - longs[i].s));
	}
	printf("strtoul: \"-1\" = %lu\n", strtoul("-1", NULL, 10));
	printf("atoi: %d %d\n", atoi("  77 "), atoi("-x"));
}

static void
show_math(void)
{
	printf("math: sqrt(2)=%.17g exp(1)=%.17g log(10)=%.17g\n", sqrt(2.0),
	       exp(1.0), log(10.0));
	printf("math: sin(1)=%.17g cos(1)=%.17g pow(2,0.5)=%.17g "
	       "fmod(10,3)=%g\n",
	       sin(1.0), cos(1.0), pow(2.0, 0.5), fmod(10.0, 3.0));
	printf("math: float sum %.9g\n", (double)(0.1f + 0.2f));
}

static void
show_time_formatting(void)
{
	time_t t = 1234567890;
	struct tm tm;
	char buf[64];

	gmtime_r(&t, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%d %H:%M:%S %a %j", &tm);
	printf("time: gmtime(1234567890) = %s\n", buf);
	tm = (struct tm){ .tm_year = 100, .tm_mon = 1, .tm_mday = 29 };
	printf("time: timegm(2000-02-29) = %lld\n", (long long)timegm(&tm));
}

static int
cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
show_sorting(void)
{
	enum { N = 20000, W = 200 };
	static int a[N];
	static char words[W][9];
	static char *p[W];
	int sorted = 1;
	uint32_t crc = 0;

	lcg_state = 12345;
	for (int i = 0; i < N; i++)
		a[i] = (int)(lcg() % 1000000) - 500000;
	qsort(a, N, sizeof(a[0]), cmp_int);
	for (int i = 1; i < N; i++)
		sorted &= a[i - 1] <= a[i];
	crc = crc32_update(0, a, sizeof(a));
	printf("qsort: %d ints sorted %s, min %d median %d max %d crc %08x\n",
	       N, yes(sorted), a[0], a[N / 2], a[N - 1], crc);

	for (int i = 0; i < W; i++) {
		int len = 1 + (int)(lcg() % 8);

		for (int k = 0; k < len; k++)
			words[i][k] = (char)('a' + lcg() % 26);
		words[i][len] = '\0';
		p[i] = words[i];
	}
	qsort(p, W, sizeof(p[0]), cmp_str);
	crc = 0;
	for (int i = 0; i < W; i++)
		crc = crc32_update(crc, p[i], strlen(p[i]) + 1);
	printf("qsort: words first %s %s %s last %s crc %08x\n", p[0], p[1],
	       p[2], p[W - 1], crc);
}

static void
pattern(unsigned char *b, size_t n, uint32_t seed)
{
	for (size_t i = 0; i < n; i++)
		b[i] = (unsigned char)(seed ^ (i * 131) ^ (i >> 9));
}

static int
pattern_ok(const unsigned char *b, size_t n, uint32_t seed)
{
	for (size_t i = 0; i < n; i++) {
		if (b[i] != (unsigned char)(seed ^ (i * 131) ^ (i >> 9)))
			return 0;
	}
	return 1;
}

static size_t
random_size(void)
{
	uint32_t r = lcg();

	if (r % 64 == 0)
		return 128 * 1024 + lcg() % (1024 * 1024);
	if (r % 16 == 0)
		return 1 + lcg() % (64 * 1024);
	return 1 + lcg() % 512;
}

// Random mallocs, reallocs and frees over 64 slots, every block filled
// with a pattern and checked before it is resized or freed: the checksum
// covers every byte checked, so any block that was corrupted, overlapped
// or not preserved by realloc changes it.
static void
show_malloc(void)
{
	enum { SLOTS = 64, OPS = 3000 };
	static unsigned char *blk[SLOTS];
	static size_t size[SLOTS];
	static uint32_t seed[SLOTS];
	unsigned mallocs = 0, reallocs = 0, frees = 0, nulls = 0, bad = 0;
	uint32_t crc = 0;
	size_t peak = 0, live = 0;

	lcg_state = 777;
	for (int op = 0; op < OPS + SLOTS; op++) {
		int s = op < OPS ? (int)(lcg() % SLOTS) : op - OPS;

		if (blk[s] == NULL) {
			if (op >= OPS)
				continue;
			size[s] = random_size();
			seed[s] = lcg();
			blk[s] = malloc(size[s]);
			if (blk[s] == NULL) {
				nulls++;
				continue;
			}
			pattern(blk[s], size[s], seed[s]);
			live += size[s];
			mallocs++;
		} else if (op < OPS && lcg() % 3 == 0) {
			size_t n = random_size(),
			       keep = n < size[s] ? n : size[s];
			unsigned char *q;

			bad += !pattern_ok(blk[s], size[s], seed[s]);
			crc = crc32_update(crc, blk[s], size[s]);
			q = realloc(blk[s], n);
			if (q == NULL) {
				nulls++;
				continue;
			}
			bad += !pattern_ok(q, keep, seed[s]);
			blk[s] = q;
			live += n - size[s];
			size[s] = n;
			seed[s] = lcg();
			pattern(blk[s], size[s], seed[s]);
			reallocs++;
		} else {
			bad += !pattern_ok(blk[s], size[s], seed[s]);
			crc = crc32_update(crc, blk[s], size[s]);
			free(blk[s]);
			blk[s] = NULL;
			live -= size[s];
			frees++;
		}
		if (live > peak)
			peak = live;
	}
	printf("malloc: %u mallocs %u reallocs %u frees, %u NULL, %u "
	       "corrupted, peak %zu bytes live, crc %08x\n",
	       mallocs, reallocs, frees, nulls, bad, peak, crc);
}

static void
show_calloc(void)
{
	static volatile size_t huge = SIZE_MAX / 2;
	size_t sizes[] = { 24, 4000, 300000, 2000000 };
	int zero = 1;

	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		unsigned char *p = malloc(sizes[i]);

		if (p != NULL)
			memset(p, 0x5a, sizes[i]);
		free(p);
		p = calloc(1, sizes[i]);
		for (size_t k = 0; p != NULL && k < sizes[i]; k++)
			zero &= p[k] == 0;
		zero &= p != NULL;
		free(p);
	}
	printf("calloc: after dirty frees of 24 B .. 2 MB, zeroed %s\n",
	       yes(zero));
	// volatile: the compiler would refuse a call it can see overflow.
	errno = 0;
	printf("calloc: overflowing size gives NULL %s errno %s\n",
	       yes(calloc(huge, 3) == NULL), strerror(errno));
}

static void
show_anon_mmap(const char *what, int flags, int fd)
{
	unsigned char *p =
	    mmap(NULL, 8192, PROT_READ | PROT_WRITE, flags, fd, 0);

	if (p == MAP_FAILED) {
		printf("mmap: %s: failed (%s)\n", what, strerror(errno));
		return;
	}
	p[0] = 1;
	p[8191] = 2;
	printf("mmap: %s: usable %s, munmap = %d\n", what,
	       yes(p[0] + p[8191] == 3), munmap(p, 8192));
}

static void
show_mmap(void)
{
	size_t len = 3 * 4096;
	unsigned char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
	                        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int zero = 1, r, fd;

	if (p == MAP_FAILED) {
		printf("mmap: failed: %s\n", strerror(errno));
		return;
	}
	for (size_t i = 0; i < len; i++)
		zero &= p[i] == 0;
	memset(p, 1, len);
	printf("mmap: 3 pages, page-aligned %s, zeroed %s\n",
	       yes(((uintptr_t)p & 4095) == 0), yes(zero));
	errno = 0;
	r = munmap(p + 1, 4096);
	printf("mmap: munmap misaligned = %d (%s)\n", r, strerror(errno));
	printf("mmap: munmap = %d\n", munmap(p, len));
	errno = 0;
	p = mmap(NULL, 4096, PROT_READ, MAP_ANONYMOUS, -1, 0);
	printf("mmap: neither private nor shared = %s (%s)\n",
	       yes(p == MAP_FAILED), strerror(errno));

	// Anonymous memory: the fd is ignored, and with no fork a shared
	// mapping is memory like a private one.
	show_anon_mmap("fd 7 ignored", MAP_PRIVATE | MAP_ANONYMOUS, 7);
	show_anon_mmap("shared", MAP_SHARED | MAP_ANONYMOUS, -1);
	// MAP_SHARED_VALIDATE is for files.
	show_anon_mmap("shared, validated", MAP_SHARED_VALIDATE | MAP_ANONYMOUS,
	               -1);

	// Files: /dev/null cannot be mapped, a closed fd is no file at all.
	fd = open("/dev/null", O_RDWR);
	errno = 0;
	p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0);
	printf("mmap: /dev/null fails %s (%s)\n", yes(p == MAP_FAILED),
	       strerror(errno));
	close(fd);
	errno = 0;
	p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0);
	printf("mmap: a closed fd fails %s (%s)\n", yes(p == MAP_FAILED),
	       strerror(errno));
}

static const char *
errno_after(long r)
{
	return r < 0 ? strerror(errno) : "ok";
}

static void
show_node(const char *path)
{
	struct stat st;
	int fd = open(path, O_RDWR);

	if (fd < 0) {
		printf("dev: %s: open: %s\n", path, strerror(errno));
		return;
	}
	if (fstat(fd, &st) != 0) {
		printf("dev: %s: fstat: %s\n", path, strerror(errno));
	} else {
		printf("dev: %s: mode %06o rdev %u:%u blksize %ld size %lld\n",
		       path, (unsigned)st.st_mode, major(st.st_rdev),
		       minor(st.st_rdev), (long)st.st_blksize,
		       (long long)st.st_size);
	}
	// Linux keeps the O_LARGEFILE every 64-bit open gets, but
	// qemu-aarch64 on an x86-64 host loses it translating the flags back.
	printf("dev: %s: F_GETFL %#x F_GETFD %d lseek %lld\n", path,
	       fcntl(fd, F_GETFL) & ~O_LARGEFILE, fcntl(fd, F_GETFD),
	       (long long)lseek(fd, 10, SEEK_SET));
	close(fd);
}

static void
show_devices(void)
{
	static unsigned char buf[10000];
	unsigned char a[32], b[32];
	int fd, fd2, fd3, all_zero = 1;
	ssize_t n;
	FILE *f;

	show_node("/dev/null");
	show_node("/dev/zero");
	show_node("/dev/urandom");

	fd = open("/dev/null", O_WRONLY);
	n = write(fd, buf, sizeof(buf));
	printf("dev: write /dev/null %zd\n", n);
	close(fd);
	fd = open("/dev/null", O_RDONLY);
	n = read(fd, buf, sizeof(buf));
	printf("dev: read /dev/null %zd\n", n);
	errno = 0;
	n = write(fd, buf, 1);
	printf("dev: write to O_RDONLY %zd (%s)\n", n, errno_after(n));
	close(fd);
	errno = 0;
	n = close(fd);
	printf("dev: close twice %zd (%s)\n", n, errno_after(n));

	memset(buf, 0xee, sizeof(buf));
	f = fopen("/dev/zero", "rb");
	n = f != NULL ? (ssize_t)fread(buf, 1, sizeof(buf), f) : -1;
	for (size_t i = 0; i < sizeof(buf); i++)
		all_zero &= buf[i] == 0;
	printf("dev: fread /dev/zero %zd, all zero %s\n", n, yes(all_zero));
	if (f != NULL)
		fclose(f);
	f = fopen("/dev/null", "r");
	printf("dev: fgets /dev/null NULL %s eof %s\n",
	       yes(f != NULL && fgets((char *)buf, 10, f) == NULL),
	       yes(f != NULL && feof(f)));
	if (f != NULL)
		fclose(f);

	fd = open("/dev/urandom", O_RDONLY);
	n = read(fd, a, sizeof(a)) + read(fd, b, sizeof(b));
	printf("dev: read /dev/urandom 2 x 32 = %zd, differ %s\n", n,
	       yes(memcmp(a, b, sizeof(a)) != 0));
	close(fd);
	n = getrandom(a, sizeof(a), 0);
	printf("getrandom: %zd bytes, differ from the last %s\n", n,
	       yes(memcmp(a, b, sizeof(a)) != 0));

	// fd numbers the host picked are not shown, only the rule.
	fd = open("/dev/null", O_RDONLY);
	fd2 = open("/dev/zero", O_RDONLY);
	close(fd);
	fd3 = open("/dev/urandom", O_RDONLY);
	printf("fd: a closed fd is the next one given %s, above it %s\n",
	       yes(fd3 == fd), yes(fd2 > fd));
	close(fd2);
	close(fd3);

	errno = 0;
	n = open("/dev/nonexistent", O_RDONLY);
	printf("open: /dev/nonexistent %zd (%s)\n", n, errno_after(n));
	errno = 0;
	n = open("/dev/null", O_RDONLY | O_DIRECTORY);
	printf("open: /dev/null O_DIRECTORY %zd (%s)\n", n, errno_after(n));
	errno = 0;
	n = open("/dev/null", O_RDONLY | O_TMPFILE);
	printf("open: /dev/null O_TMPFILE read-only %zd (%s)\n", n,
	       errno_after(n));
	fd = open("/dev/null", O_RDONLY);
	errno = 0;
	n = lseek(fd, 0, 7);
	printf("lseek: whence 7 %zd (%s)\n", n, errno_after(n));
	errno = 0;
	n = fcntl(fd, 9999);
	printf("fcntl: cmd 9999 %zd (%s)\n", n, errno_after(n));
	close(fd);
}

static void
show_time(void)
{
	struct timespec t0, t1, req = { 0, 10000000 }, res;
	int r;
	long long ns;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	r = nanosleep(&req, NULL);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ns = (t1.tv_sec - t0.tv_sec) * 1000000000ll + t1.tv_nsec - t0.tv_nsec;
	printf("time: nanosleep(10 ms) = %d, slept at least 10 ms %s, under "
	       "1 s %s\n",
	       r, yes(ns >= 10000000), yes(ns < 1000000000));
	t1.tv_nsec += 5000000;
	if (t1.tv_nsec >= 1000000000) {
		t1.tv_nsec -= 1000000000;
		t1.tv_sec++;
	}
	r = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &t1, NULL);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	printf("time: clock_nanosleep(TIMER_ABSTIME) = %d, woke after the "
	       "target %s\n",
	       r,
	       yes(t0.tv_sec > t1.tv_sec ||
	           (t0.tv_sec == t1.tv_sec && t0.tv_nsec >= t1.tv_nsec)));
	r = clock_getres(CLOCK_MONOTONIC, &res);
	printf("time: clock_getres = %d, at most 1 us %s\n", r,
	       yes(res.tv_sec == 0 && res.tv_nsec <= 1000));
	errno = 0;
	r = clock_gettime((clockid_t)100, &t0);
	printf("time: clock 100 = %d (%s)\n", r, errno_after(r));
	req.tv_nsec = 1000000000;
	errno = 0;
	r = nanosleep(&req, NULL);
	printf("time: nanosleep tv_nsec 1e9 = %d (%s)\n", r, errno_after(r));
}

static void
show_process(void)
{
	struct utsname u;
	char c;
	ssize_t n;

	uname(&u);
	printf("uname: sysname %s machine %s\n", u.sysname, u.machine);
	printf("process: gettid == getpid %s, sched_yield %d\n",
	       yes(gettid() == getpid()), sched_yield());
	errno = 0;
	n = read(-1, &c, 1);
	printf("read: fd -1 %zd (%s)\n", n, errno_after(n));
}

static volatile sig_atomic_t sig_count, sig_last;

static void
on_signal(int sig)
{
	sig_count++;
	sig_last = sig;
}

// raise() is tkill on the app's own thread; the handler runs before it
// returns, unless the signal is blocked, and then at the unblocking.
static void
show_signals(void)
{
	struct sigaction sa = { .sa_handler = on_signal }, old;
	sigset_t set;
	int r, before;

	sigemptyset(&sa.sa_mask);
	r = sigaction(SIGUSR1, &sa, NULL);
	r |= raise(SIGUSR1);
	printf("signal: raise(SIGUSR1) = %d, handler ran %d times, sig %d\n", r,
	       (int)sig_count, (int)sig_last);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	raise(SIGUSR1);
	before = sig_count;
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	printf("signal: blocked: %d runs while blocked, %d after unblocking\n",
	       before - 1, (int)sig_count - before);
	sigaction(SIGUSR1, NULL, &old);
	printf("signal: sigaction reads back the handler %s\n",
	       yes(old.sa_handler == on_signal));
	signal(SIGCHLD, SIG_DFL);
	printf("signal: raise(SIGCHLD) with the default action = %d "
	       "(ignored)\n",
	       raise(SIGCHLD));
	signal(SIGUSR2, SIG_IGN);
	printf("signal: raise(SIGUSR2) ignored = %d\n", raise(SIGUSR2));
	errno = 0;
	r = sigaction(SIGKILL, &sa, NULL);
	printf("signal: sigaction(SIGKILL) = %d (%s)\n", r, errno_after(r));
}

static void
show_misc(void)
{
	char line[5001];
	int fd = open("/dev/null", O_RDONLY);

	errno = 0;
	printf("misc: isatty(/dev/null) = %d (%s)\n", isatty(fd),
	       strerror(errno));
	close(fd);
	printf("misc: page size %ld, AT_PAGESZ %lu\n", sysconf(_SC_PAGESIZE),
	       getauxval(AT_PAGESZ));
	// One line longer than stdio's buffer, so it leaves in pieces.
	for (int i = 0; i < 5000; i++)
		line[i] = (char)('0' + i % 10);
	line[5000] = '\0';
	printf("misc: long line %s\n", line);
}

int
main(void)
{
	console_init();
	printf("sys_compare: begin\n");
	show_formatting();
	show_parsing();
	show_math();
	show_time_formatting();
	show_sorting();
	show_malloc();
	show_calloc();
	show_mmap();
	show_devices();
	show_time();
	show_process();
	show_signals();
	show_misc();
	printf("sys_compare: end\n");
	return 0;
}
