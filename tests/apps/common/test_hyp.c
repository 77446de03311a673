// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The console mapping and the exit status; test_hyp.h says how and why.

#include <fcntl.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <rt_exit.h>

#include "test_cbor.h"
#include "test_hyp.h"

#define RM_CONFIG_SIGNATURE 0x524d4544u
#define ARGV_COUNT          4

#define UART_NOT_MAPPED   1
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
	if ((long)argv[-1] != ARGV_COUNT || argv[ARGV_COUNT] != NULL ||
	    strcmp(argv[0], "rootvm") != 0)
		return NULL;
	return argv;
}

uintptr_t
test_runtime_mem(void)
{
	char **argv = test_hyp_argv();

	if (argv != NULL)
		return (uintptr_t)argv[2];
	return getauxval(AT_PHDR) & ~(uintptr_t)0x1fffff;
}

int
test_hyp_config_uint(const char *key, uint64_t *value)
{
	char **argv = test_hyp_argv();
	const struct rm_config_header *h;

	if (argv == NULL || argv[1] == NULL)
		return TEST_HYP_ERR_NO_CONFIG;
	h = (const struct rm_config_header *)argv[1];
	if (h->signature != RM_CONFIG_SIGNATURE ||
	    !test_cbor_map_uint((const uint8_t *)h + h->payload_offset,
	                        h->payload_size, key, value))
		return TEST_HYP_ERR_NO_CONFIG;
	return TEST_HYP_OK;
}

static int
uart_map(void)
{
	uint64_t uart, me_cap, as_cap;

	// No RM config: the app is not Gunyah's root VM but a VM of its own
	// (an Image), whose runtime maps the UART the device tree names.
	if (test_hyp_argv() == NULL)
		return 0;
	if (test_hyp_config_uint("uart_address", &uart) != 0 ||
	    test_hyp_config_uint("uart_me_capid", &me_cap) != 0 ||
	    test_hyp_config_uint("addrspace_capid", &as_cap) != 0 ||
	    uart != TEST_HYP_PL011_DR)
		return TEST_HYP_ERR_NO_CONFIG;

	return (int)test_hyp_addrspace_map(
	    as_cap, me_cap, uart, TEST_HYP_MAP_DEVICE_RW, TEST_HYP_MAP_NO_SYNC);
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
	// An Image's runtime ends QEMU itself (rt.exit=semihosting, or
	// PSCI): the tests check that it does.
	if (test_hyp_argv() != NULL)
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
