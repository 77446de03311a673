// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The EL2 boot stub that plays Gunyah's part for the root VM under QEMU.
// Shared by the C files and entry.S.

#ifndef STUB_H
#define STUB_H

// Exception frame pushed by the vectors: x0-x30, ELR_EL2, SPSR_EL2.
#define STUB_FRAME_ELR  248
#define STUB_FRAME_SIZE 272

// Exit statuses of the stub itself (the guest's own are 0-240).
#define STUB_EXIT_FATAL 241
#define STUB_EXIT_MMU   242

#define STUB_PAGE_SIZE 0x1000UL

#ifndef __ASSEMBLER__

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdnoreturn.h>

#define stub_read_sysreg(reg)                                 \
	({                                                    \
		uint64_t v_;                                  \
		__asm__ volatile("mrs %0, " #reg : "=r"(v_)); \
		v_;                                           \
	})

#define stub_write_sysreg(reg, v) \
	__asm__ volatile("msr " #reg ", %0" : : "r"((uint64_t)(v)))

#define stub_isb() __asm__ volatile("isb" : : : "memory")

#define STUB_ALIGN_UP(x, a) (((x) + (a)-1) & ~((uint64_t)(a)-1))

struct stub_frame {
	uint64_t x[31];
	uint64_t elr;
	uint64_t spsr;
};

_Static_assert(__builtin_offsetof(struct stub_frame, elr) == STUB_FRAME_ELR,
               "entry.S and struct stub_frame disagree");
_Static_assert(sizeof(struct stub_frame) <= STUB_FRAME_SIZE &&
                   STUB_FRAME_SIZE % 16 == 0,
               "STUB_FRAME_SIZE too small or misaligned");

// The block tools/qemu_run.py writes at STUB_CONFIG_ADDR with QEMU's
// generic loader, 4 bytes at a time. No magic, or a zero field: defaults.
#define STUB_CONFIG_ADDR  0x47fff000UL
#define STUB_CONFIG_MAGIC 0x43425453U // "STBC"

#define STUB_FLAG_ENTROPY_FAILS (1U << 0)
#define STUB_FLAG_NO_APP_CHECK  (1U << 1)
#define STUB_FLAG_VERBOSE       (1U << 2)
#define STUB_FLAG_PMU           (1U << 3)
// Entropy bytes 0xA0 | n, n counting up by one from byte to byte, so that
// an app can tell the hypervisor's bytes from any others, in order.
#define STUB_FLAG_ENTROPY_TAGGED (1U << 4)
// HCR_EL2.VM in place of DC: the guest's memory is Device-nGnRnE with its
// MMU off, as for every VM of Gunyah but the root VM.
#define STUB_FLAG_NO_DC (1U << 5)
// The guest starts with ICC_AP1R0_EL1 bit 0 set, as if firmware had left
// an interrupt of the highest priority acknowledged and not deactivated:
// the running priority is raised until the guest clears it.
#define STUB_FLAG_DIRTY_AP1R (1U << 6)

struct stub_config {
	uint32_t magic;
	uint32_t flags;
	uint64_t heap_size;     // 0: STUB_DEFAULT_HEAP_SIZE
	uint32_t env_signature; // 0: the correct one
	uint32_t env_version;   // 0: 1
	uint32_t pkg_size;      // package bytes; 0: STUB_PKG_WINDOW
	uint32_t reserved;
};

// Where things go on QEMU virt with -m 2G (docs/gunyah.md section 1).
#define STUB_PKG_ADDR          0x48000000UL
#define STUB_PKG_WINDOW        0x80000UL
#define STUB_RUNTIME_BASE      0x80480000UL
#define STUB_ENV_SIZE          0x4000UL
#define STUB_DEFAULT_HEAP_SIZE 0x2000000UL
#define STUB_RAM_END           0xc0000000UL
#define STUB_GICD_BASE         0x08000000UL
#define STUB_GICD_SIZE         0x10000UL
#define STUB_GICR_BASE         0x080a0000UL
#define STUB_GICR_SIZE         0x20000UL
#define STUB_UART_BASE         0x09000000UL
#define STUB_HLOS_VM_BASE      0x40000000UL

// The capabilities the RM config names, as Gunyah's qemu build numbers
// them: the root VM's address space and the PL011's memory extent.
#define STUB_CAP_ADDRSPACE 0x335UL
#define STUB_CAP_UART_ME   0x338UL

// Stage-2 permissions of a mapping, from the ELF p_flags bits.
#define STUB_PERM_X 1U
#define STUB_PERM_W 2U
#define STUB_PERM_R 4U

// What the loader placed, and where.
struct stub_layout {
	uint64_t runtime_entry;
	uint64_t app_ipa;
	uint64_t env_ipa;
	uint64_t heap_ipa;
	uint64_t heap_size;
};

extern struct stub_config stub_config;

// uart.c
void uart_putc(char c);
void uart_puts(const char *s);
void uart_put_hex(uint64_t v);
void uart_put_dec(uint64_t v);

// semihost.c
noreturn void semihost_exit(unsigned int status);

// main.c
noreturn void stub_exit(unsigned int status);
noreturn void stub_fail(const char *what, const char *why, uint64_t value);
void stub_copy(void *dst, const void *src, size_t n);
void stub_zero(void *dst, size_t n);
noreturn void __stack_chk_fail(void);
// For the calls compilers emit on their own (struct copies, clearing).
void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);

// loader.c
void loader_load(struct stub_layout *layout);

// env.c
void env_fill(const struct stub_layout *layout);

// s2.c
void s2_map(uint64_t ipa, uint64_t size, unsigned int perms);
void s2_map_device_perms(uint64_t ipa, uint64_t size, unsigned int perms);
void s2_enable(void);

// trap.c
void trap_init(const struct stub_layout *layout);
void trap_print_counts(void);

// entry.S, and what it calls
noreturn void stub_enter_guest(uint64_t entry, uint64_t x0);
noreturn void stub_main(void);
void stub_exception(struct stub_frame *f, unsigned int slot);

#endif // __ASSEMBLER__
#endif // STUB_H
