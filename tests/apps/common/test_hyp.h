// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef TEST_HYP_H
#define TEST_HYP_H

// What a test app needs from the hypervisor it runs under, the real Gunyah
// or the boot stub (which imitates it here): a console and a way to hand
// the host its exit status.
//
// Console: Gunyah maps no UART for the root VM. Like the Resource Manager,
// the app reads the RM config (argv[1]: a header, then a CBOR map) for the
// unsigned integers "uart_address", "uart_me_capid" and "addrspace_capid",
// and maps the PL011 at stage 2 with addrspace_map (hvc #0x602b).
//
// argv: a constructor gets no argv from musl, so test_hyp_argv() finds it
// from environ. The runtime builds the initial stack as Linux does
// (docs/gunyah.md section 4): argc (4), argv[0..3] with argv[0] "rootvm",
// NULL, then envp, so argv sits five words below envp, and the words
// around it are checked before use: an Image's app may have 4 arguments
// too.
//
// Exit status: Gunyah has no call that ends QEMU with a status; the
// runtime's own exit call is answered NOT_SUPPORTED and the runtime parks.
// The host gets the status through semihosting (QEMU runs with
// -semihosting-config enable=on,target=native), which works from EL1 of a
// VM under the hypervisor: test_exit_hook_register() makes /dev/exit's hook
// do that with the status the runtime passes it.

#include <stddef.h>
#include <stdint.h>

#define TEST_HYP_PL011_DR 0x09000000ul

// addrspace_map attributes as RM maps its UART: user and kernel
// read-write, device nGnRE; and the flag for no rcu_sync.
#define TEST_HYP_MAP_DEVICE_RW (6ul | 6ul << 4 | 1ul << 16)
#define TEST_HYP_MAP_NO_SYNC   (1ul << 31)

// Gunyah's addrspace_map (hvc #0x602b): maps the memory extent me at
// vbase in the address space as. Gunyah's error code (0: OK). Inline, so
// that the floor image (tests/bench/floor), which links no libc, has it.
static inline uint64_t
test_hyp_addrspace_map(uint64_t as, uint64_t me, uint64_t vbase, uint64_t attrs,
                       uint64_t flags)
{
	register uint64_t x0 __asm__("x0") = as;
	register uint64_t x1 __asm__("x1") = me;
	register uint64_t x2 __asm__("x2") = vbase;
	register uint64_t x3 __asm__("x3") = attrs;
	register uint64_t x4 __asm__("x4") = flags;
	register uint64_t x5 __asm__("x5") = 0;
	register uint64_t x6 __asm__("x6") = 0;

	__asm__ volatile("hvc #0x602b"
	                 : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4),
	                   "+r"(x5), "+r"(x6)
	                 :
	                 : "x7", "x8", "x9", "x10", "x11", "x12", "x13", "x14",
	                   "x15", "x16", "x17", "memory");
	return x0;
}

// Gunyah error codes the helpers can return (hyp/core/base/types.tc).
#define TEST_HYP_OK            0
#define TEST_HYP_ERR_NO_CONFIG (-1000) // no RM config, or a key is missing

// argv as the runtime laid it out, or NULL if the stack does not look like
// the root VM's argv (argc 4, argv[0] "rootvm", argv NULL-terminated, envp
// right after).
char **test_hyp_argv(void);

// An address in the runtime's own memory, which every request naming it
// must be refused: as the root VM argv[2], the early log ring inside the
// runtime; booted as an Image, the runtime's start, 2 MiB-aligned (the
// arm64 boot protocol) below the app that follows it.
uintptr_t test_runtime_mem(void);

// Looks key up in the RM config's CBOR map; returns 0 and sets *value, or
// TEST_HYP_ERR_NO_CONFIG.
int test_hyp_config_uint(const char *key, uint64_t *value);

// Maps the PL011 (once; later calls return the first result). Returns 0,
// a Gunyah error code from addrspace_map, or TEST_HYP_ERR_NO_CONFIG. An app
// without the root VM's argv (one booted as an Image) has nothing to map:
// its runtime mapped the UART, and this returns 0.
int test_hyp_uart_map(void);

// Writes n bytes to the PL011, mapping it first if need be; drops them if
// it cannot be mapped.
void test_hyp_uart_write(const char *s, size_t n);
void test_hyp_uart_puts(const char *s);

// Ends QEMU with status & 0xff (semihosting SYS_EXIT_EXTENDED).
_Noreturn void test_hyp_exit(int status);

// Registers a /dev/exit hook that calls test_hyp_exit(status) as the root
// VM, and returns as an Image, whose runtime has its own ways to end QEMU.
// Returns 0 or -1.
int test_exit_hook_register(void);

#endif
