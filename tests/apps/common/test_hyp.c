// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The console mapping and the exit status; test_hyp.h says how and why.

#include <fcntl.h>
#include <stdbool.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <rt_exit.h>

#include "test_hyp.h"

#define RM_CONFIG_SIGNATURE 0x524d4544u
#define ARGV_COUNT          4

// addrspace_map attributes: user and kernel read-write, device nGnRE; no
// rcu_sync, as RM maps its UART.
#define MAP_ACCESS_RW     6ul
#define MAP_ATTRS         (MAP_ACCESS_RW | MAP_ACCESS_RW << 4 | 1ul << 16)
#define MAP_FLAGS_NO_SYNC (1ul << 31)
#define HVC_ADDRSPACE_MAP "0x602b"
#define UART_NOT_MAPPED   1
#define CBOR_MAX_DEPTH    8
#define CBOR_INDEFINITE   31
#define CBOR_BREAK        0xff
#define CBOR_MAJOR_UINT   0
#define CBOR_MAJOR_NEGINT 1
#define CBOR_MAJOR_BYTES  2
#define CBOR_MAJOR_TEXT   3
#define CBOR_MAJOR_ARRAY  4
#define CBOR_MAJOR_MAP    5
#define CBOR_MAJOR_TAG    6
#define CBOR_MAJOR_SIMPLE 7
#define SEMIHOST_EXIT_EXT 0x20ul
#define SEMIHOST_APP_EXIT 0x20026ul

struct rm_config_header {
	uint32_t signature;
	uint16_t version;
	uint8_t pad[2];
	uint32_t payload_offset;
	uint32_t payload_size;
};

extern char **environ;

// Set once the mapping was tried: 0 or the error; UART_NOT_MAPPED before.
static int uart_state = UART_NOT_MAPPED;

char **
test_hyp_argv(void)
{
	char **envp = environ;
	char **argv;

	if (envp == NULL)
		return NULL;
	argv = envp - (ARGV_COUNT + 1);
	if ((long)argv[-1] != ARGV_COUNT || argv[ARGV_COUNT] != NULL)
		return NULL;
	return argv;
}

// A CBOR data item's head: sets *major and *arg (the length, count or
// value; *indefinite for the 0x1f form) and returns its size, or 0.
static size_t
cbor_head(const uint8_t *p, size_t n, unsigned *major, uint64_t *arg,
          bool *indefinite)
{
	unsigned info;
	size_t len;

	if (n == 0)
		return 0;
	*major = p[0] >> 5;
	info = p[0] & 0x1f;
	*indefinite = false;
	*arg = 0;
	if (info < 24) {
		*arg = info;
		return 1;
	}
	if (info == CBOR_INDEFINITE) {
		*indefinite = true;
		return 1;
	}
	if (info > 27)
		return 0;
	len = (size_t)1 << (info - 24);
	if (n < 1 + len)
		return 0;
	for (size_t i = 0; i < len; i++)
		*arg = *arg << 8 | p[1 + i];
	return 1 + len;
}

// The size of the whole item at p (nested items included), or 0.
static size_t
cbor_skip(const uint8_t *p, size_t n, unsigned depth)
{
	unsigned major;
	uint64_t arg;
	bool indefinite;
	size_t at = cbor_head(p, n, &major, &arg, &indefinite);
	uint64_t items;

	if (at == 0 || depth > CBOR_MAX_DEPTH)
		return 0;
	switch (major) {
	case CBOR_MAJOR_UINT:
	case CBOR_MAJOR_NEGINT:
		return indefinite ? 0 : at;
	case CBOR_MAJOR_BYTES:
	case CBOR_MAJOR_TEXT:
		if (indefinite) {
			// Chunks until the break.
			while (at < n && p[at] != CBOR_BREAK) {
				size_t s = cbor_skip(p + at, n - at, depth + 1);

				if (s == 0)
					return 0;
				at += s;
			}
			return at < n ? at + 1 : 0;
		}
		return arg <= n - at ? at + arg : 0;
	case CBOR_MAJOR_ARRAY:
	case CBOR_MAJOR_MAP:
		items = major == CBOR_MAJOR_MAP ? arg * 2 : arg;
		for (uint64_t i = 0; indefinite || i < items; i++) {
			size_t s;

			if (indefinite && at < n && p[at] == CBOR_BREAK)
				return at + 1;
			s = cbor_skip(p + at, n - at, depth + 1);
			if (s == 0)
				return 0;
			at += s;
		}
		return at;
	case CBOR_MAJOR_TAG: {
		size_t s = cbor_skip(p + at, n - at, depth + 1);

		return s == 0 ? 0 : at + s;
	}
	default:
		return indefinite ? 0 : at;
	}
}

int
test_hyp_config_uint(const char *key, uint64_t *value)
{
	char **argv = test_hyp_argv();
	const struct rm_config_header *h;
	const uint8_t *p;
	size_t n, at, klen = strlen(key);
	unsigned major;
	uint64_t count, arg;
	bool indefinite;

	if (argv == NULL || argv[1] == NULL)
		return TEST_HYP_ERR_NO_CONFIG;
	h = (const struct rm_config_header *)argv[1];
	if (h->signature != RM_CONFIG_SIGNATURE)
		return TEST_HYP_ERR_NO_CONFIG;
	p = (const uint8_t *)h + h->payload_offset;
	n = h->payload_size;
	at = cbor_head(p, n, &major, &count, &indefinite);
	if (at == 0 || major != CBOR_MAJOR_MAP)
		return TEST_HYP_ERR_NO_CONFIG;
	for (uint64_t i = 0; indefinite || i < count; i++) {
		size_t k, s;

		if (at >= n || (indefinite && p[at] == CBOR_BREAK))
			break;
		k = cbor_head(p + at, n - at, &major, &arg, &indefinite);
		if (k == 0)
			break;
		if (major == CBOR_MAJOR_TEXT && !indefinite && arg == klen &&
		    arg <= n - at - k && memcmp(p + at + k, key, klen) == 0) {
			at += k + klen;
			k = cbor_head(p + at, n - at, &major, &arg,
			              &indefinite);
			if (k == 0 || major != CBOR_MAJOR_UINT || indefinite)
				return TEST_HYP_ERR_NO_CONFIG;
			*value = arg;
			return TEST_HYP_OK;
		}
		s = cbor_skip(p + at, n - at, 0);
		if (s == 0)
			break;
		at += s;
		s = cbor_skip(p + at, n - at, 0);
		if (s == 0)
			break;
		at += s;
	}
	return TEST_HYP_ERR_NO_CONFIG;
}

static int
uart_map(void)
{
	uint64_t uart, me_cap, as_cap;

	if (test_hyp_config_uint("uart_address", &uart) != 0 ||
	    test_hyp_config_uint("uart_me_capid", &me_cap) != 0 ||
	    test_hyp_config_uint("addrspace_capid", &as_cap) != 0 ||
	    uart != TEST_HYP_PL011_DR)
		return TEST_HYP_ERR_NO_CONFIG;

	register uint64_t x0 __asm__("x0") = as_cap;
	register uint64_t x1 __asm__("x1") = me_cap;
	register uint64_t x2 __asm__("x2") = uart;
	register uint64_t x3 __asm__("x3") = MAP_ATTRS;
	register uint64_t x4 __asm__("x4") = MAP_FLAGS_NO_SYNC;
	register uint64_t x5 __asm__("x5") = 0;
	register uint64_t x6 __asm__("x6") = 0;

	__asm__ volatile("hvc #" HVC_ADDRSPACE_MAP
	                 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4),
	                   "+r"(x5), "+r"(x6)
	                 :
	                 : "x7", "x8", "x9", "x10", "x11", "x12", "x13", "x14",
	                   "x15", "x16", "x17", "memory");
	return (int)x0;
}

int
test_hyp_uart_map(void)
{
	if (uart_state == UART_NOT_MAPPED)
		uart_state = uart_map();
	return uart_state;
}

void
test_hyp_uart_write(const char *s, size_t n)
{
	volatile uint32_t *dr = (volatile uint32_t *)TEST_HYP_PL011_DR;

	if (test_hyp_uart_map() != 0)
		return;
	for (size_t i = 0; i < n; i++)
		*dr = (unsigned char)s[i];
}

void
test_hyp_uart_puts(const char *s)
{
	test_hyp_uart_write(s, strlen(s));
}

_Noreturn void
test_hyp_exit(int status)
{
	uint64_t block[2] = { SEMIHOST_APP_EXIT, (uint64_t)status & 0xff };
	register uint64_t x0 __asm__("x0") = SEMIHOST_EXIT_EXT;
	register uint64_t x1 __asm__("x1") = (uint64_t)block;

	__asm__ volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
	// Only without semihosting: say so, then let the runtime park.
	test_hyp_uart_puts("test_hyp: semihosting exit failed\n");
	for (;;)
		__asm__ volatile("wfi");
}

static void
exit_hook(int status)
{
	test_hyp_exit(status);
}

int
test_exit_hook_register(void)
{
	struct exit_register_req req = { .fn = exit_hook };
	int fd = open(EXIT_PATH, O_RDWR | O_LARGEFILE);
	int ret;

	if (fd < 0)
		return -1;
	ret = ioctl(fd, EXIT_IOCTL_REGISTER, &req);
	close(fd);
	return ret == 0 ? 0 : -1;
}
