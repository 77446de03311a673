// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef SYSCALL_FAKES_H
#define SYSCALL_FAKES_H

// What the fd, time and process syscall tests stand in for: rt/arch.h is
// the device tests' fake_arch.c (these tests use its counter, fake.counter,
// and its entropy call, unlimited), and syscall_fakes.c has irq_wait,
// exit_app, panic, the tty and dev_lookup. The app's memory is an arena
// that uaccess (the real one) is told about, readable and writable, and a
// read-only page: a pointer elsewhere, such as a local variable of a test,
// is -EFAULT to the handlers. Entropy is the real src/core/entropy.c.

#include <setjmp.h>

#include <rt/fd_table.h>
#include <rt/linux.h>
#include <rt/process.h>

#include <syscall_table.h>

#include "fake_arch.h"

#define FAKE_ARENA_SIZE (64 * 1024)

// Forgets everything below, empties the arena, resets the fake arch and
// sets its counter to 1000, time_init(FAKE_FREQ), entropy_init(), fd_init()
// and resets the process state.
#define FAKE_FREQ FAKE_COUNTER_HZ
void fake_reset(void);

// Bytes of app memory (zeroed), 16-byte aligned, and the arena's end.
void *fake_alloc(size_t n);
char *fake_strdup(const char *s);
extern unsigned char *const fake_arena_end;

// App memory the app may read but not write (its .rodata), filled with
// 0x5a.
#define FAKE_RODATA_SIZE 4096u
extern unsigned char fake_rodata[FAKE_RODATA_SIZE];

// irq_wait: an app interrupt comes when the counter reaches fake_irq_at (0:
// none); irq_wait then returns true, as it does with an ISR due. A wait
// that could only end by an interrupt and has none coming fails the test.
extern uint64_t fake_irq_at;
extern unsigned int fake_irq_waits; // calls of irq_wait
extern unsigned int fake_irqs;      // waits an interrupt ended

// exit_app and panic longjmp to fake_jmp. FAKE_NORETURN(stmt) runs stmt
// and tells how it ended: FAKE_RETURNED, FAKE_EXITED (fake_exit_status
// holds the status) or FAKE_PANICKED (fake_panic_msg holds the message).
enum fake_end { FAKE_RETURNED, FAKE_EXITED, FAKE_PANICKED };
extern jmp_buf fake_jmp;
extern volatile enum fake_end fake_end;
extern int fake_exit_status;
extern char fake_panic_msg[256];

#define FAKE_NORETURN(stmt)                       \
	do {                                      \
		if (setjmp(fake_jmp) == 0) {      \
			stmt;                     \
			fake_end = FAKE_RETURNED; \
		}                                 \
	} while (0)

// The tty: output lands in fake_tty_out. Each write call takes at most
// fake_tty_chunk bytes (0: all); when fake_tty_fail_after calls have
// succeeded (negative: never), the next fails with fake_tty_err. After each
// write, fake_tty_hook runs if set, as the app's console function would.
extern char fake_tty_out[4096];
extern size_t fake_tty_len;
extern size_t fake_tty_chunk;
extern int fake_tty_fail_after;
extern long fake_tty_err;
extern unsigned int fake_tty_writes;
extern void (*fake_tty_hook)(void);

// dev_lookup knows the real /dev/null, /dev/zero, /dev/urandom, fake
// ioctl-only /dev/console, /dev/gicv3 and /dev/exit, and for the fd table:
// "/dev/counted" (counts opens and closes) and "/dev/refuses" (its open
// fails with -EBUSY).
extern const struct dev_ops fake_console_ops;
extern unsigned int fake_opens, fake_closes;

#endif
