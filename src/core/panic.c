// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The runtime's last words: what went wrong, the registers and a backtrace,
// into the log ring (which the hypervisor side can print) and to the app's
// console, then the app's exit hook and the exit call.

#include <rt/arch.h>
#include <rt/console.h>
#include <rt/exit.h>
#include <rt/fmt.h>
#include <rt/log.h>
#include <rt/panic.h>
#include <rt/string.h>
#include <rt/types.h>
#include <rt/upcall.h>

#define PANIC_PREFIX     "panic: "
#define PANIC_PREFIX_LEN (sizeof(PANIC_PREFIX) - 1)
#define PANIC_MAX_FRAMES 16

// Volatile: a fault anywhere after panic starts must find it already set.
static volatile bool panic_active;
static bool panic_console;
// Static rather than on the stack: the panic may be a stack overflow.
static char panic_line[256];

static void
panic_emit(const char *s, size_t n)
{
	log_write(s, n);
	if (panic_console)
		console_write(s, n);
}

static void panic_printf(const char *fmt, ...) RT_PRINTF(1, 2);

static void
panic_printf(const char *fmt, ...)
{
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	n = fmt_vsnprintf(panic_line, sizeof(panic_line), fmt, ap);
	va_end(ap);
	panic_emit(panic_line,
	           n < sizeof(panic_line) ? n : sizeof(panic_line) - 1);
}

static void
panic_enter(void)
{
	// Whatever broke the first panic would likely break a second one.
	if (panic_active)
		arch_stop(RT_STOP_PANIC_STATUS, RT_STOP_PANIC,
		          (uintptr_t)log_current());
	panic_active = true;
	// The app's code still runs (its console function, its exit hook),
	// on a stack that upcall_call picks now that nothing else will.
	upcall_app_dead();
	panic_console = console_has_output();
}

static void panic_message(const char *fmt, va_list ap) RT_PRINTF(1, 0);

static void
panic_message(const char *fmt, va_list ap)
{
	size_t room = sizeof(panic_line) - PANIC_PREFIX_LEN - 1;
	size_t n;

	memcpy(panic_line, PANIC_PREFIX, PANIC_PREFIX_LEN);
	n = fmt_vsnprintf(panic_line + PANIC_PREFIX_LEN, room, fmt, ap);
	// A long message is cut, but the line still ends.
	if (n > room - 1)
		n = room - 1;
	panic_line[PANIC_PREFIX_LEN + n] = '\n';
	panic_emit(panic_line, PANIC_PREFIX_LEN + n + 1);
}

// Its address is taken, so it stays a function of its own, which the
// stack-depth test measures from the top.
static void
panic_finish(void)
{
	exit_hook_run(RT_STOP_PANIC_STATUS);
	exit_stop(RT_STOP_PANIC_STATUS, RT_STOP_PANIC);
}

// The report is out and nothing returns into the frames below: the exit
// hook runs from the top of the runtime's stack, with the room any call
// into app code has, however deep the panic started (a fault reported
// from the last RT_EXC_REPORT_NEED bytes, a panic in a syscall of the
// console function).
static noreturn void
panic_stop(void)
{
	arch_exc_stack_restart(panic_finish);
}

// Frame records live on the app's stacks or the runtime's.
static bool
panic_on_a_stack(uintptr_t addr)
{
	return arch_on_exc_stack(addr) || upcall_on_app_stack(addr);
}

static bool
panic_frame_ok(uintptr_t fp, uintptr_t prev)
{
	// Callers' frames sit higher on the stack, so a chain that does not
	// climb loops or is garbage.
	return RT_IS_ALIGNED(fp, 8) && fp > prev && fp + 15 > fp &&
	       panic_on_a_stack(fp) && panic_on_a_stack(fp + 15);
}

// Follows the AAPCS64 frame records {previous fp, return address} up from
// fp. Entry code sets the outermost fp to 0.
static void
panic_backtrace(uintptr_t fp)
{
	uintptr_t prev = 0;
	unsigned depth;

	for (depth = 0; fp != 0; depth++) {
		const uint64_t *record = (const uint64_t *)fp;

		if (depth == PANIC_MAX_FRAMES) {
			panic_printf("  ... (more than %u frames)\n",
			             PANIC_MAX_FRAMES);
			return;
		}
		if (!panic_frame_ok(fp, prev)) {
			panic_printf("  (stopped at bad frame pointer 0x%lx)\n",
			             (unsigned long)fp);
			return;
		}
		panic_printf("  0x%016lx\n", (unsigned long)record[1]);
		prev = fp;
		fp = (uintptr_t)record[0];
	}
}

static void
panic_registers(const struct arch_frame *f)
{
	for (unsigned i = 0; i + 2 < 30; i += 3) {
		panic_printf("x%-2u %016lx  x%-2u %016lx  x%-2u %016lx\n", i,
		             (unsigned long)f->x[i], i + 1,
		             (unsigned long)f->x[i + 1], i + 2,
		             (unsigned long)f->x[i + 2]);
	}
	panic_printf("x30 %016lx  sp  %016lx  pc  %016lx\n",
	             (unsigned long)f->x[30], (unsigned long)f->sp,
	             (unsigned long)f->elr);
	panic_printf("esr %016lx  far %016lx  spsr %08lx\n",
	             (unsigned long)f->esr, (unsigned long)f->far,
	             (unsigned long)f->spsr);
}

noreturn void
panic(const char *fmt, ...)
{
	va_list ap;

	panic_enter();
	va_start(ap, fmt);
	panic_message(fmt, ap);
	va_end(ap);
	panic_printf("backtrace:\n");
	panic_backtrace((uintptr_t)__builtin_frame_address(0));
	panic_stop();
}

noreturn void
panic_frame(const struct arch_frame *f, const char *fmt, ...)
{
	va_list ap;

	panic_enter();
	va_start(ap, fmt);
	panic_message(fmt, ap);
	va_end(ap);
	if (f != NULL) {
		panic_registers(f);
		panic_printf("backtrace:\n  0x%016lx\n", (unsigned long)f->elr);
		panic_backtrace((uintptr_t)f->x[29]);
	}
	panic_stop();
}

#ifdef RT_HOST
void
panic_reset_for_test(void)
{
	panic_active = false;
}
#endif
