// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// libFuzzer target: the ioctls of /dev/gicv3, /dev/console, /dev/exit and
// the tty, with random requests and argument buffers in app memory, against
// the fake GIC of fake_arch.c; plus tty writes, interrupts being taken
// (through the entry path: ISRs start as upcalls on the way back from the
// IRQ and end with rt_sigreturn) and exit. The app is fuzz_app.c's; its
// ISRs, console function and exit hook run operations of their own, and
// its ISRs may be left by longjmp.
//
// A model of what the app asked for predicts the result of every request
// (the errno too) and is checked against the GIC's registers, the console's
// output and the log ring:
//   /dev/gicv3  the INTIDs that are enabled (and nothing else), their
//               trigger, pending state, who has an ISR; after a dispatch,
//               nothing enabled is left pending or active, an interrupt was
//               disabled only for a reason (no ISR, its ISR said false, a
//               storm, which is logged), and no ISR ran more often in one
//               dispatch than the storm limit allows;
//   console     exactly the bytes written, the prefix at each line start;
//   tty         the log ring ends with what was written; TIOCSETBUF moves
//               its newest text;
//   exit        the hook gets the status, the VM stops with its low byte
//               and the console flag.

#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include <rt/console.h>
#include <rt/dev.h>
#include <rt/errno.h>
#include <rt/exit.h>
#include <rt/fd.h>
#include <rt/gicv3.h>
#include <rt/irq.h>
#include <rt/linux.h>
#include <rt/log.h>
#include <uapi/rt_console.h>
#include <uapi/rt_exit.h>
#include <uapi/rt_gicv3.h>
#include <uapi/rt_tty.h>

#include <syscall_table.h>

#include "fake_arch.h"
#include "fuzz_app.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

// What src/dev/irq.c is built with.
#define IRQ_SLOTS   32u
#define STORM_LIMIT 1000u

#define NINTID     (FAKE_MAX_INTID + 1)
#define GICD_ICFGR 0x0c00u
#define SPI_FIRST  32u
#define SGI_COUNT  16u

// Where the target builds its requests in app memory: its data.
#define REQ_OFF (FAKE_APP_DATA + 0x3000u)
// Bytes of one tty write, at most: the console's output is compared whole.
#define WRITE_MAX 1024u
#define OUT_MAX   (16u * WRITE_MAX)

static const char *const no_panics[] = { NULL };

static struct {
	// What the GIC can do here (fixed per input). One whose bring-up
	// fails is left to the unit tests: it polls 100000 times, which would
	// take most of the fuzzer's time.
	bool ppi_fixed; // PPI triggers cannot change
	// /dev/gicv3
	bool enabled[NINTID];
	bool edge[NINTID]; // of what can change; SGIs are edge anyway
	uintptr_t isr[NINTID];
	unsigned nisr;
	// Per outermost dispatch: ISR calls, and whether one said false.
	unsigned calls[NINTID];
	bool refused[NINTID];
	bool dispatching;
	// /dev/console and what it was given during a tty write
	uintptr_t console;
	char prefix[CONSOLE_PREFIX_MAX];
	size_t prefix_len;
	bool mid_line;
	bool mid_line_known; // not after app code ran inside a write
	bool writing;
	char out[OUT_MAX];
	size_t out_len;
	bool out_lost; // more than out holds
	// /dev/exit, and the status its hook was called with (-1: not)
	uintptr_t exit_hook;
	uintptr_t exiting; // the hook exit_app is calling
	int exit_status;
	// The log ring, as the runtime knows it.
	uintptr_t ring;
	size_t ring_total;
} m;

static char text_before[FUZZ_APP_SIZE + 1], text_after[FUZZ_APP_SIZE + 1];

static long
dev_ioctl(const char *path, unsigned long cmd, unsigned long arg)
{
	const struct dev_ops *ops = dev_lookup(path);
	struct fd_file f = { .ops = ops };

	FUZZ_CHECK(ops != NULL);
	return ops->ioctl(&f, cmd, arg);
}

// The one function of the app registered as each of these, if it is only
// that: otherwise a call of it is ambiguous and not checked.
static bool
only_isr(uintptr_t fn, long intid)
{
	return intid >= 0 && intid < (long)NINTID && m.isr[intid] == fn &&
	       fn != m.console && fn != m.exit_hook;
}

// Only the console function runs during a tty write (app code it runs
// cannot take interrupts or exit here), only the hook during an exit.
static void
call_hook(uintptr_t fn, long a0, long a1)
{
	if (m.writing && fn == m.console) {
		size_t n = (size_t)a1;

		// a0 is the runtime's prefix or app memory; ASan checks.
		if (m.out_len + n <= sizeof(m.out)) {
			memcpy(m.out + m.out_len, (const void *)a0, n);
			m.out_len += n;
		} else {
			m.out_lost = true;
		}
	}
	if (m.exiting != 0 && fn == m.exiting)
		m.exit_status = (int)a0;
	if (m.dispatching && only_isr(fn, a0)) {
		m.calls[a0]++;
		FUZZ_CHECK(m.calls[a0] <= STORM_LIMIT);
	}
}

static void
return_hook(uintptr_t fn, long a0, long ret)
{
	if (m.dispatching && only_isr(fn, a0) && (ret & 0xff) == 0)
		m.refused[a0] = true;
}

static void
reset(void)
{
	uint8_t how = fuzz_u8();

	memset(&m, 0, sizeof(m));
	m.exit_status = -1;
	m.mid_line_known = true;
	m.ring = (uintptr_t)fuzz_log_ring;
	m.ring_total = FUZZ_LOG_SIZE;
	m.ppi_fixed = (how & 2) != 0;
	fake.ppi_cfg_ro = m.ppi_fixed;
	// What real GICs and Gunyah do later or again (fake_arch.h): the
	// model's rules must hold all the same.
	fake.rwp_lag = (how & 8) != 0;
	fake.posted_writes = (how & 16) != 0;
	fake.relist_at_eoi = (how & 32) != 0;
	// A distributor left in legacy mode, which bring-up must fix.
	if (how & 4)
		arch_mmio_write32(FAKE_GICD_BASE, 0);
	fuzz_call_hook = call_hook;
	fuzz_return_hook = return_hook;
}

static uint32_t
read_u32(uint64_t p)
{
	uint32_t v;

	memcpy(&v, (const void *)(uintptr_t)p, sizeof(v));
	return v;
}

// An INTID argument: mostly one the GIC has, written where the request
// goes; or any argument at all.
static uint64_t
intid_arg(void)
{
	uint8_t how = fuzz_u8();
	uint32_t intid;

	if (how & 0x80)
		return fuzz_arg();
	intid = (how & 0x40) ? fuzz_u32() : fuzz_u8() % (NINTID + 8);
	memcpy(fuzz_app + REQ_OFF, &intid, sizeof(intid));
	return (uintptr_t)fuzz_app + REQ_OFF;
}

// What gicv3_check and the /dev node answer for an INTID.
static long
model_check(uint32_t intid)
{
	if (intid >= NINTID)
		return -EINVAL;
	if (intid == GICV3_INTID_TIMER)
		return -EBUSY;
	return 0;
}

static bool
gic_edge(uint32_t intid)
{
	uintptr_t base = intid < SPI_FIRST ? FAKE_GICR_SGI : FAKE_GICD_BASE;
	uint32_t v = fake_read32(base + GICD_ICFGR + intid / 16u * 4u);

	return (v >> (2u * (intid % 16u) + 1u)) & 1u;
}

static unsigned
model_enabled_count(void)
{
	unsigned n = 0;

	for (uint32_t i = 0; i < NINTID; i++)
		n += m.enabled[i];
	return n;
}

// The GIC must show what the model says; inside a dispatch the runtime may
// also have disabled interrupts on its own, which the model then learns.
static void
check_gic(void)
{
	for (uint32_t i = 0; i < NINTID; i++) {
		bool on = fake_gic_enabled(i);

		if (m.dispatching && m.enabled[i] && !on)
			m.enabled[i] = false;
		FUZZ_CHECK(on == m.enabled[i]);
	}
	FUZZ_CHECK(gicv3_enabled_count() == model_enabled_count());
}

static long
model_register(uint64_t arg)
{
	struct gicv3_register_req req;
	uintptr_t isr;
	long err;

	if (!fuzz_in_app(arg, sizeof(req)))
		return -EFAULT;
	memcpy(&req, (const void *)(uintptr_t)arg, sizeof(req));
	isr = (uintptr_t)req.isr;
	if (isr == 0)
		return -EINVAL;
	if (!fuzz_code(isr))
		return -EFAULT;
	err = model_check(req.irq);
	if (err != 0)
		return err;
	if (m.isr[req.irq] != 0)
		return -EBUSY;
	if (m.nisr == IRQ_SLOTS)
		return -ENOMEM;
	return 0;
}

static void
op_gicv3(void)
{
	static const uint32_t cmds[] = {
		GICV3_IOCTL_ENABLE_IRQ,     GICV3_IOCTL_DISABLE_IRQ,
		GICV3_IOCTL_REGISTER_ISR,   GICV3_IOCTL_SET_TRIGGER,
		GICV3_IOCTL_DEREGISTER_ISR, GICV3_IOCTL_ASSERT_IRQ,
		GICV3_IOCTL_CLEAR_IRQ,
	};
	uint8_t pick = fuzz_u8();
	uint32_t cmd =
	    pick < 0xf0 ? cmds[pick % RT_ARRAY_SIZE(cmds)] : fuzz_u32();
	struct gicv3_register_req reg;
	struct gicv3_trigger_req trig;
	uint64_t arg;
	long want, got;
	uint32_t intid = 0;

	switch (cmd) {
	case GICV3_IOCTL_REGISTER_ISR:
		arg = fuzz_arg();
		want = model_register(arg);
		if (want == 0) {
			memcpy(&reg, (const void *)(uintptr_t)arg, sizeof(reg));
			intid = reg.irq;
		}
		break;
	case GICV3_IOCTL_SET_TRIGGER:
		arg = fuzz_arg();
		if (!fuzz_in_app(arg, sizeof(trig))) {
			want = -EFAULT;
			break;
		}
		memcpy(&trig, (const void *)(uintptr_t)arg, sizeof(trig));
		intid = trig.irq;
		want = model_check(intid);
		if (want != 0)
			break;
		if (trig.trigger == GICV3_TRIGGER_LEVEL_HIGH)
			want = intid < SGI_COUNT ? -EINVAL : 0;
		else if (trig.trigger == GICV3_TRIGGER_EDGE_RISING)
			want = 0;
		else
			want = -EINVAL;
		// A fixed PPI takes only what it has already: level.
		if (want == 0 && m.ppi_fixed && intid >= SGI_COUNT &&
		    intid < SPI_FIRST &&
		    trig.trigger == GICV3_TRIGGER_EDGE_RISING)
			want = -EINVAL;
		break;
	case GICV3_IOCTL_ENABLE_IRQ:
	case GICV3_IOCTL_DISABLE_IRQ:
	case GICV3_IOCTL_DEREGISTER_ISR:
	case GICV3_IOCTL_ASSERT_IRQ:
	case GICV3_IOCTL_CLEAR_IRQ:
		arg = intid_arg();
		if (!fuzz_in_app(arg, sizeof(intid))) {
			want = -EFAULT;
			break;
		}
		intid = read_u32(arg);
		want = model_check(intid);
		if (want == 0 && cmd == GICV3_IOCTL_DEREGISTER_ISR &&
		    m.isr[intid] == 0)
			want = -ENOENT;
		break;
	default:
		arg = fuzz_arg();
		want = -ENOTTY;
		break;
	}
	// A random number that is a request after all: not modelled here.
	for (size_t i = 0; pick >= 0xf0 && i < RT_ARRAY_SIZE(cmds); i++) {
		if (cmd == cmds[i])
			return;
	}
	got = dev_ioctl(GICV3_PATH, cmd, arg);
	fuzz_trace("gicv3 ioctl %#x INTID %u = %ld", cmd, intid, got);
	if (got != want)
		fuzz_fail("gicv3 ioctl %#x on INTID %u: %ld, model says %ld",
		          cmd, intid, got, want);
	if (got != 0)
		goto out;
	switch (cmd) {
	case GICV3_IOCTL_REGISTER_ISR:
		m.isr[intid] = (uintptr_t)reg.isr;
		m.nisr++;
		break;
	case GICV3_IOCTL_SET_TRIGGER:
		if (intid >= SGI_COUNT) {
			m.edge[intid] =
			    trig.trigger == GICV3_TRIGGER_EDGE_RISING;
			FUZZ_CHECK(gic_edge(intid) == m.edge[intid]);
		}
		break;
	case GICV3_IOCTL_ENABLE_IRQ:
		m.enabled[intid] = true;
		break;
	case GICV3_IOCTL_DISABLE_IRQ:
		m.enabled[intid] = false;
		break;
	case GICV3_IOCTL_DEREGISTER_ISR:
		m.isr[intid] = 0;
		m.nisr--;
		m.enabled[intid] = false;
		break;
	case GICV3_IOCTL_ASSERT_IRQ:
		// Taken at once if the GIC could: not while a dispatch has
		// it active, or it is disabled.
		FUZZ_CHECK(fake_gic_pending(intid));
		break;
	case GICV3_IOCTL_CLEAR_IRQ:
		// Nothing but a level-triggered interrupt's high line.
		FUZZ_CHECK(fake_gic_pending(intid) ==
		           (!fake_gic_edge(intid) && fake.level[intid]));
		break;
	default:
		break;
	}
out:
	check_gic();
}

static void
op_console(void)
{
	uint8_t pick = fuzz_u8();
	struct console_register_req req;
	uint64_t arg = fuzz_arg();
	uint32_t cmd;
	long want, got, len = 0;

	switch (pick % 4) {
	case 0:
		cmd = CONSOLE_IOCTL_REGISTER;
		if (!fuzz_in_app(arg, sizeof(req))) {
			want = -EFAULT;
			break;
		}
		memcpy(&req, (const void *)(uintptr_t)arg, sizeof(req));
		if (req.fn == NULL)
			want = -EINVAL;
		else if (!fuzz_code((uintptr_t)req.fn))
			want = -EFAULT;
		else
			want = 0;
		break;
	case 1:
		cmd = CONSOLE_IOCTL_DEREGISTER;
		want = m.console != 0 ? 0 : -ENOENT;
		break;
	case 2:
		cmd = CONSOLE_IOCTL_SET_PREFIX;
		want = -EINVAL;
		for (len = 0; len < (long)CONSOLE_PREFIX_MAX; len++) {
			if (!fuzz_in_app(arg + (uint64_t)len, 1)) {
				want = -EFAULT;
				break;
			}
			if (fuzz_app[arg + (uint64_t)len -
			             (uintptr_t)fuzz_app] == '\0') {
				want = 0;
				break;
			}
		}
		break;
	default:
		cmd = fuzz_u32();
		want = -ENOTTY;
		if (cmd == CONSOLE_IOCTL_REGISTER ||
		    cmd == CONSOLE_IOCTL_DEREGISTER ||
		    cmd == CONSOLE_IOCTL_SET_PREFIX)
			return;
		break;
	}
	got = dev_ioctl(CONSOLE_PATH, cmd, arg);
	fuzz_trace("console ioctl %#x (%#lx) = %ld", cmd, (unsigned long)arg,
	           got);
	if (got != want)
		fuzz_fail("console ioctl %#x: %ld, model says %ld", cmd, got,
		          want);
	if (got != 0)
		return;
	if (cmd == CONSOLE_IOCTL_REGISTER) {
		m.console = (uintptr_t)req.fn;
		m.mid_line = false;
		m.mid_line_known = true;
	} else if (cmd == CONSOLE_IOCTL_DEREGISTER) {
		m.console = 0;
	} else if (cmd == CONSOLE_IOCTL_SET_PREFIX) {
		memcpy(m.prefix, (const void *)(uintptr_t)arg, (size_t)len);
		m.prefix_len = (size_t)len;
	}
}

static void
op_exit_ioctl(void)
{
	uint8_t pick = fuzz_u8();
	struct exit_register_req req;
	uint64_t arg = fuzz_arg();
	uint32_t cmd;
	long want, got;

	if (pick & 1) {
		cmd = EXIT_IOCTL_REGISTER;
		if (!fuzz_in_app(arg, sizeof(req))) {
			want = -EFAULT;
		} else {
			memcpy(&req, (const void *)(uintptr_t)arg, sizeof(req));
			if (req.fn == NULL)
				want = -EINVAL;
			else if (!fuzz_code((uintptr_t)req.fn))
				want = -EFAULT;
			else
				want = 0;
		}
	} else if (pick & 2) {
		cmd = EXIT_IOCTL_DEREGISTER;
		want = m.exit_hook != 0 ? 0 : -ENOENT;
	} else {
		cmd = fuzz_u32();
		if (cmd == EXIT_IOCTL_REGISTER || cmd == EXIT_IOCTL_DEREGISTER)
			return;
		want = -ENOTTY;
	}
	got = dev_ioctl(EXIT_PATH, cmd, arg);
	fuzz_trace("exit ioctl %#x = %ld", cmd, got);
	if (got != want)
		fuzz_fail("exit ioctl %#x: %ld, model says %ld", cmd, got,
		          want);
	if (got == 0)
		m.exit_hook =
		    cmd == EXIT_IOCTL_REGISTER ? (uintptr_t)req.fn : 0;
}

static bool
ranges_overlap(uintptr_t a, size_t an, uintptr_t b, size_t bn)
{
	return a < b + bn && b < a + an;
}

static void
op_tty_ioctl(void)
{
	uint8_t pick = fuzz_u8();
	uint64_t arg = fuzz_arg();
	struct tty_setbuf_req req = { 0 };
	struct tty_winsize ws;
	uint32_t cmd;
	long want, got;
	size_t before = 0, after;

	if (pick % 3 == 0) {
		cmd = TTY_IOCTL_GETWINSZ;
		want = fuzz_writable(arg, sizeof(ws)) ? 0 : -EFAULT;
	} else if (pick % 3 == 1) {
		cmd = TTY_IOCTL_SETBUF;
		if (!fuzz_in_app(arg, sizeof(req))) {
			want = -EFAULT;
		} else {
			memcpy(&req, (const void *)(uintptr_t)arg, sizeof(req));
			if (req.buf == 0 || req.size < TTY_LOG_HEADER_SIZE + 2)
				want = -EINVAL;
			else if (!fuzz_writable(req.buf, req.size))
				want = -EFAULT;
			else if (req.buf % 4 != 0)
				want = -EINVAL;
			else if (req.buf == m.ring && req.size == m.ring_total)
				want = 0;
			else if (ranges_overlap(req.buf, req.size, m.ring,
			                        m.ring_total))
				want = -EINVAL;
			else
				want = 0;
		}
	} else {
		cmd = fuzz_u32();
		if (cmd == TTY_IOCTL_GETWINSZ || cmd == TTY_IOCTL_SETBUF)
			return;
		want = -ENOTTY;
	}
	if (cmd == TTY_IOCTL_SETBUF && want == 0)
		before = fuzz_ring_text((const void *)m.ring, m.ring_total,
		                        text_before, sizeof(text_before));
	got = dev_tty_ops.ioctl(NULL, cmd, arg);
	fuzz_trace("tty ioctl %#x = %ld", cmd, got);
	if (got != want)
		fuzz_fail("tty ioctl %#x: %ld, model says %ld", cmd, got, want);
	if (got != 0)
		return;
	if (cmd == TTY_IOCTL_GETWINSZ) {
		memcpy(&ws, (const void *)(uintptr_t)arg, sizeof(ws));
		FUZZ_CHECK(ws.ws_row > 0 && ws.ws_col > 0);
		return;
	}
	m.ring = req.buf;
	m.ring_total = req.size;
	FUZZ_CHECK((uintptr_t)log_current() == m.ring);
	after = fuzz_ring_text((const void *)m.ring, m.ring_total, text_after,
	                       sizeof(text_after));
	// The newest text that fits, and the next byte goes after it.
	FUZZ_CHECK(after <= req.size - TTY_LOG_HEADER_SIZE - 1);
	FUZZ_CHECK(after == before ||
	           after == req.size - TTY_LOG_HEADER_SIZE - 1);
	FUZZ_CHECK(memcmp(text_after, text_before + (before - after), after) ==
	           0);
}

// What the console function must have been given for s[0..n).
static size_t
model_console(const char *s, size_t n, char *out)
{
	size_t len = 0;

	if (m.prefix_len == 0) {
		memcpy(out, s, n);
		m.mid_line = s[n - 1] != '\n';
		return n;
	}
	for (size_t i = 0; i < n; i++) {
		if (!m.mid_line) {
			memcpy(out + len, m.prefix, m.prefix_len);
			len += m.prefix_len;
		}
		out[len++] = s[i];
		m.mid_line = s[i] != '\n';
	}
	return len;
}

static void
op_tty_write(void)
{
	static char want[OUT_MAX], data[WRITE_MAX];
	uint64_t buf = fuzz_arg();
	size_t n = fuzz_u16() % (WRITE_MAX + 1), want_len = 0, text, kept = 0;
	unsigned long nested = fuzz_nested_ops;
	bool writing = m.writing;
	// Inside another write, this runs in its console function: the
	// runtime does not call the console again from there.
	bool console = m.console != 0 && !writing;
	long got;

	if (fuzz_in_app(buf, n))
		memcpy(data, (const void *)(uintptr_t)buf, n);
	m.out_len = 0;
	m.out_lost = false;
	m.writing = true;
	fuzz_trace("tty write %zu bytes", n);
	// Through write(), which checks the buffer for the tty.
	got = sys_write(1, (const void *)(uintptr_t)buf, n);
	m.writing = writing;
	fuzz_trace("= %ld, console got %zu bytes", got, m.out_len);
	if (n == 0) {
		FUZZ_CHECK(got == 0);
		return;
	}
	if (!fuzz_in_app(buf, n)) {
		FUZZ_CHECK(got == -EFAULT);
		return;
	}
	FUZZ_CHECK(got == (long)n);
	// App code that ran meanwhile may have changed anything, and where
	// the console's line stands is unknown until it is registered again.
	if (nested != fuzz_nested_ops || m.out_lost) {
		m.mid_line_known = false;
		return;
	}
	if (console && m.mid_line_known) {
		want_len = model_console(data, n, want);
		FUZZ_CHECK(m.out_len == want_len);
		FUZZ_CHECK(memcmp(m.out, want, want_len) == 0);
	} else {
		FUZZ_CHECK(console || m.out_len == 0);
	}
	// The ring ends with the bytes written (as far as they fit), NULs
	// skipped as every reader skips them; unless they were the ring's.
	if (ranges_overlap(buf, n, m.ring, m.ring_total))
		return;
	text = fuzz_ring_text((const void *)m.ring, m.ring_total, text_after,
	                      sizeof(text_after));
	for (size_t i = n > m.ring_total - 9 ? n - (m.ring_total - 9) : 0;
	     i < n; i++) {
		if (data[i] != '\0')
			want[kept++] = data[i];
	}
	FUZZ_CHECK(kept <= text);
	FUZZ_CHECK(memcmp(text_after + text - kept, want, kept) == 0);
}

static bool
log_has(const char *what)
{
	fuzz_ring_text((const void *)m.ring, m.ring_total, text_after,
	               sizeof(text_after));
	return strstr(text_after, what) != NULL;
}

static void
op_dispatch(void)
{
	unsigned long nested = fuzz_nested_ops;
	bool was[NINTID];

	// The IRQ exception: taken while the app's main line runs, if it
	// has interrupts unmasked (not after it left an ISR by longjmp, until
	// its next syscall).
	if (fuzz_depth != 0 || (fake_app_now()->spsr & ARCH_SPSR_I) != 0)
		return;
	memcpy(was, m.enabled, sizeof(was));
	memset(m.calls, 0, sizeof(m.calls));
	memset(m.refused, 0, sizeof(m.refused));
	m.dispatching = true;
	fuzz_trace("dispatch");
	fake_app_irqs();
	check_gic();
	m.dispatching = false;
	for (uint32_t i = 0; i < NINTID; i++) {
		char line[96];

		// Everything taken was finished, everything left is not
		// pending: the loop ended with nothing to take.
		FUZZ_CHECK(!fake.active[i]);
		FUZZ_CHECK(!(m.enabled[i] && fake_gic_pending(i)));
		// What ISRs did from inside is the model's already.
		if (nested != fuzz_nested_ops || !was[i] || m.enabled[i] ||
		    m.isr[i] == 0 || !only_isr(m.isr[i], i))
			continue;
		// Disabled by the runtime though it has an ISR: the ISR said
		// so, or it stormed, which the log tells.
		FUZZ_CHECK(m.refused[i] || m.calls[i] == STORM_LIMIT);
		if (m.refused[i] || m.ring != (uintptr_t)fuzz_log_ring)
			continue;
		snprintf(line, sizeof(line), "irq: INTID %u fired %u times", i,
		         STORM_LIMIT);
		FUZZ_CHECK(log_has(line));
	}
}

static void
op_exit(void)
{
	int status = (int)fuzz_u32();
	bool console = m.console != 0;
	uintptr_t hook = m.exit_hook;
	unsigned long nested = fuzz_nested_ops;
	jmp_buf stop, *outer = fake.stop_jmp;

	// Only the main line exits here: from app code the runtime called,
	// the state the checks below read may have changed under it.
	if (fuzz_depth != 0)
		return;
	m.exit_status = -1;
	// exit_app forgets the hook before calling it: the hook's own exit
	// stops at once.
	m.exiting = hook;
	m.exit_hook = 0;
	fuzz_trace("exit %d", status);
	fake.stop_jmp = &stop;
	if (setjmp(stop) == 0)
		exit_app(status);
	fake.stop_jmp = outer;
	if (nested == fuzz_nested_ops) {
		FUZZ_CHECK(fake.stop_status == (status & 0xff));
		FUZZ_CHECK(fake.stop_flags == (console ? RT_STOP_CONSOLE : 0));
		FUZZ_CHECK(m.exit_status == (hook != 0 ? status : -1));
	}
	fuzz_stop();
}

static void
op(void)
{
	// A dispatch the app left by longjmp out of an ISR is over: what the
	// runtime disabled in it (for a refusing ISR, a storm, no ISR) is
	// learnt as op_dispatch would have.
	if (fuzz_depth == 0 && m.dispatching) {
		check_gic();
		m.dispatching = false;
	}
	switch (fuzz_u8() % 12) {
	case 0:
		fuzz_op_poke();
		break;
	case 1:
		fuzz_op_poke_word();
		break;
	case 2:
		fuzz_op_line();
		break;
	case 3:
		op_dispatch();
		break;
	case 4:
		op_console();
		break;
	case 5:
		op_exit_ioctl();
		break;
	case 6:
		op_tty_ioctl();
		break;
	case 7:
		op_tty_write();
		break;
	case 8:
		op_exit();
		break;
	default:
		op_gicv3();
		break;
	}
}

static const struct fuzz_target target = {
	.reset = reset,
	.op = op,
	.panics = no_panics,
	.leave_calls = false,
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_app_run(&target, data, size);
	return 0;
}
