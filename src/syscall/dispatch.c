// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The syscall paths the assembly fast path hands over (numbers outside the
// table, and every call when tracing), and a C entry for host fuzzers.

#include <rt/arch.h>
#include <rt/console.h>
#include <rt/errno.h>
#include <rt/fmt.h>
#include <rt/linux.h>
#include <rt/log.h>
#include <rt/panic.h>
#include <rt/uaccess.h>
// rt/mem.h declares the memory handlers too: including it beside the
// generated prototypes makes the compiler check that the two agree.
#include <rt/mem.h>

#include <syscall_table.h>

// Linux's numbers, whether or not the table lists these calls.
#define NR_EXIT       93
#define NR_EXIT_GROUP 94

// Longest string argument the trace shows.
#define TRACE_STR_MAX 40

static long
syscall_unknown(const struct arch_frame *f, unsigned long nr)
{
	const char *name = syscall_name(nr);

	if (name == NULL)
		name = "not a Linux syscall";
	if (RT_SYSCALL_ENOSYS) {
		log_printf("syscall %lu (%s) unknown: -ENOSYS\n", nr, name);
		return -ENOSYS;
	}
	// ELR points past the svc; the svc itself is what to look for.
	if (f != NULL)
		panic_frame(f, "unknown syscall %lu (%s) at pc %#lx", nr, name,
		            (unsigned long)f->elr - 4);
	panic("unknown syscall %lu (%s)", nr, name);
}

static long
syscall_call(struct arch_frame *f, unsigned long nr, const uint64_t *a)
{
	int frame;
	rt_syscall_fn_t fn = syscall_lookup(nr, &frame);

	if (fn == NULL)
		return syscall_unknown(f, nr);
	if (frame) {
		// Only an exception from the app has a frame to work on.
		if (f == NULL)
			return -ENOSYS;
		return ((rt_syscall_frame_fn_t)(uintptr_t)fn)(f);
	}
	return fn(a[0], a[1], a[2], a[3], a[4], a[5]);
}

long
syscall_dispatch_slow(struct arch_frame *f)
{
	return syscall_call(f, f->x[8], f->x);
}

long
syscall_invoke(unsigned long nr, const uint64_t a[6])
{
	return syscall_call(NULL, nr, a);
}

// A line being formatted: output that does not fit is cut, never
// overflowed, and the line always keeps room for its newline.
struct trace_line {
	char buf[192];
	size_t len;
};

static void trace_printf(struct trace_line *t, const char *fmt, ...)
    RT_PRINTF(2, 3);

static void
trace_printf(struct trace_line *t, const char *fmt, ...)
{
	size_t room = sizeof(t->buf) - 1 - t->len, n;
	va_list ap;

	va_start(ap, fmt);
	n = fmt_vsnprintf(t->buf + t->len, room, fmt, ap);
	va_end(ap);
	t->len += n < room ? n : (room > 0 ? room - 1 : 0);
}

// `0x8048c123 "/dev/gicv3"`: the string only if all of it is app memory,
// with anything unprintable shown as '?', so a wild pointer cannot fault
// or garble the log.
static void
trace_string(struct trace_line *t, const char *s)
{
	char shown[TRACE_STR_MAX + 1];
	bool cut = false;
	long i, len;

	if (s == NULL) {
		trace_printf(t, "NULL");
		return;
	}
	len = uaccess_strlen(s, TRACE_STR_MAX + 1);
	if (len < 0) {
		if (!uaccess_readable(s, TRACE_STR_MAX)) {
			trace_printf(t, "%p", (const void *)s);
			return;
		}
		len = TRACE_STR_MAX;
		cut = true;
	}
	for (i = 0; i < len; i++)
		shown[i] =
		    s[i] >= ' ' && s[i] <= '~' && s[i] != '"' ? s[i] : '?';
	shown[len] = '\0';
	trace_printf(t, "%p \"%s\"%s", (const void *)s, shown,
	             cut ? "..." : "");
}

static void
trace_arg(struct trace_line *t, unsigned fmt, uint64_t v)
{
	// A 32-bit argument is only the low half of its register.
	if (fmt & SYSCALL_ARG_32BIT)
		v = (fmt & SYSCALL_ARG_SIGNED) ? (uint64_t)(int64_t)(int32_t)v
		                               : (uint32_t)v;
	switch (fmt & SYSCALL_ARG_FORMAT) {
	case SYSCALL_ARG_DIRFD:
		if ((int64_t)v == RT_AT_FDCWD) {
			trace_printf(t, "AT_FDCWD");
			break;
		}
		trace_printf(t, "%ld", (long)v);
		break;
	case SYSCALL_ARG_HEX:
		trace_printf(t, "%#lx", (unsigned long)v);
		break;
	case SYSCALL_ARG_PTR:
		if (v == 0)
			trace_printf(t, "NULL");
		else
			trace_printf(t, "%#lx", (unsigned long)v);
		break;
	case SYSCALL_ARG_STR:
		trace_string(t, (const char *)(uintptr_t)v);
		break;
	default:
		if (fmt & SYSCALL_ARG_SIGNED)
			trace_printf(t, "%ld", (long)v);
		else
			trace_printf(t, "%lu", (unsigned long)v);
		break;
	}
}

static void
trace_result(struct trace_line *t, long ret)
{
	const char *err = NULL;

	if (ret < 0 && ret >= -4095)
		err = syscall_errno_name((unsigned long)-ret);
	if (err != NULL)
		trace_printf(t, " = -%s", err);
	else if (ret < 0 && ret >= -4095)
		trace_printf(t, " = %ld", ret);
	// Addresses (brk, mmap) read better in hex, counts and fds in decimal.
	else if (ret < 0 || ret >= 0x10000)
		trace_printf(t, " = %#lx", (unsigned long)ret);
	else
		trace_printf(t, " = %ld", ret);
}

// Both the log ring and the console: a trace is for someone watching.
// The console function is app code and may make syscalls itself; those
// are logged but not echoed, or a console built on write() would recurse.
static void
trace_emit(struct trace_line *t)
{
	static bool in_console;

	t->buf[t->len++] = '\n';
	log_write(t->buf, t->len);
	if (!in_console) {
		in_console = true;
		console_write(t->buf, t->len);
		in_console = false;
	}
}

long
syscall_dispatch_traced(struct arch_frame *f)
{
	const struct syscall_trace_info *info;
	struct trace_line t = { .len = 0 };
	unsigned long nr = f->x[8];
	const char *name = syscall_name(nr);
	unsigned i, nargs = 6;
	long ret;

	info = syscall_trace_info(nr);
	if (name != NULL)
		trace_printf(&t, "[trace] %s(", name);
	else
		trace_printf(&t, "[trace] syscall_%lu(", nr);
	if (info != NULL)
		nargs = info->nargs;
	for (i = 0; i < nargs; i++) {
		if (i > 0)
			trace_printf(&t, ", ");
		trace_arg(&t, info != NULL ? info->arg[i] : SYSCALL_ARG_HEX,
		          f->x[i]);
	}
	trace_printf(&t, ")");
	// These do not come back: say so before they run.
	if (nr == NR_EXIT || nr == NR_EXIT_GROUP) {
		trace_printf(&t, " = ?");
		trace_emit(&t);
		return syscall_dispatch_slow(f);
	}
	ret = syscall_dispatch_slow(f);
	trace_result(&t, ret);
	trace_emit(&t);
	return ret;
}
