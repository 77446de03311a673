// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// A VM booted the way Linux is (docs/architecture.md): a VMM loaded the
// Image that tools/mkimage.py made (the runtime, then the app) anywhere in
// RAM and entered its first byte with x0 = a device tree, at EL2 (entry.S
// dropped to EL1) or EL1, MMU off. Nothing makes memory Normal, so until
// the runtime's identity map turns the MMU on, every access is to Device
// memory: aligned only, no exclusives, no DC ZVA.
//
// Memory, from the RAM bank the device tree gives: the image, the page
// tables, an unmapped guard below the app's stack (an overflow faults at
// once), the stack, the heap to the bank's end (the device tree itself is
// kept out of it). The bank below the image is never mapped: firmware may
// keep memory there that must not be Normal, which the CPU may read
// speculatively (a /reserved-memory no-map region, TF-A's BL31 at the
// bottom of DRAM), and nothing the runtime uses once the MMU is on lies
// there: what it needs of the device tree is copied before.

#include <rt/arch.h>
#include <rt/cmdline.h>
#include <rt/dev.h>
#include <rt/entropy.h>
#include <rt/exit.h>
#include <rt/fdt.h>
#include <rt/gicv3.h>
#include <rt/log.h>
#include <rt/panic.h>
#include <rt/platform.h>
#include <rt/string.h>

#include <boot_plan.h>

#define IMAGE_PAGE          0x1000u
#define IMAGE_STACK_DEFAULT 0x20000u // 128 KiB
#define IMAGE_GUARD         0x10000u // 64 KiB below the stack
#define IMAGE_TABLE_PAGES   24u
#define IMAGE_HEAP_MIN      0x10000u
#define IMAGE_CMDLINE_MAX   1024u

// Written once at boot, read while building the app's stack.
static char image_cmdline[IMAGE_CMDLINE_MAX];

// The page tables' pages, taken from the start of free RAM.
struct image_pages {
	uintptr_t next, end;
};

// Each page is cleaned and invalidated before arch_mmu_map writes it
// (caches off, to memory): it lies beyond the image, which is all the
// loader cleaned to the point of coherency (booting.rst), and a dirty
// line of the loader's over it could be evicted later, over descriptors.
static void *
image_alloc_page(void *ctx)
{
	struct image_pages *pg = ctx;
	void *page;

	if (pg->next >= pg->end)
		return NULL;
	page = (void *)pg->next;
	pg->next += IMAGE_PAGE;
	arch_cache_clean_invalidate((uintptr_t)page, IMAGE_PAGE);
	return page;
}

static uint32_t
image_be32(const void *p)
{
	// Aligned (the blob is), so a Device-memory read is fine.
	return __builtin_bswap32(*(const volatile uint32_t *)p);
}

// Runtime options (before `--` in bootargs), the app's arguments after.
static void
image_command_line(const struct platform *plat, struct boot_plan *p)
{
	// Static: boot's stack is the runtime's small one (and boot's bss is
	// handed back with its code).
	static char *opts[BOOT_ARGV_MAX], *args[BOOT_ARGV_MAX - 1];
	int nopts = 0, nargs = 0;
	const char *exit_how;

	if (plat->bootargs != NULL) {
		size_t n = strnlen(plat->bootargs, sizeof(image_cmdline));

		if (n == sizeof(image_cmdline))
			panic("boot: bootargs longer than %u bytes",
			      IMAGE_CMDLINE_MAX - 1);
		memcpy(image_cmdline, plat->bootargs, n + 1);
		if (cmdline_split(image_cmdline, opts, BOOT_ARGV_MAX, &nopts,
		                  args, BOOT_ARGV_MAX - 1, &nargs) != 0)
			panic("boot: more than %d words in bootargs",
			      BOOT_ARGV_MAX - 1);
	}
	exit_how = cmdline_option(opts, nopts, "rt.exit");
	if (exit_how != NULL && strcmp(exit_how, "semihosting") == 0)
		exit_set_method(EXIT_BY_SEMIHOSTING);
	else if (exit_how != NULL && strcmp(exit_how, "psci") != 0)
		log_printf("boot: rt.exit=%s unknown (semihosting or psci)\n",
		           exit_how);
	for (int i = 0; i < nopts; i++) {
		if (strncmp(opts[i], "rt.exit", 7) != 0)
			log_printf("boot: option %s ignored\n", opts[i]);
	}

	// argv[0]: the app's name, which mkimage.py wrote into the image.
	p->args.argc = 1 + (unsigned)nargs;
	p->args.argv[0].str =
	    arch_image_app.name[0] != '\0' ? arch_image_app.name : "app";
	for (int i = 0; i < nargs; i++)
		p->args.argv[1 + i].str = args[i];
	p->args.envc = 0;
}

// The app's segments at their own permissions, page by page; a page two
// segments share gets what both need, unless that is writable code.
static void
image_map_app(struct arch_mmu *m, const struct boot_plan *p)
{
	const struct elf_app_info *app = &p->app_info;

	for (unsigned i = 0; i < app->nseg; i++) {
		uintptr_t s =
		    RT_ALIGN_DOWN(p->app + app->seg[i].start, IMAGE_PAGE);
		uintptr_t e = RT_ALIGN_UP(p->app + app->seg[i].end, IMAGE_PAGE);
		unsigned flags = 0;

		for (unsigned j = 0; j < app->nseg; j++) {
			uintptr_t js = p->app + app->seg[j].start;
			uintptr_t je = p->app + app->seg[j].end;

			if (js < e && s < je)
				flags |= app->seg[j].flags;
		}
		if ((flags & ELF_PF_W) && (flags & ELF_PF_X))
			panic("boot: the app has a page both writable and "
			      "executable (link it with -z separate-code)");
		if (arch_mmu_map(
		        m, s, e - s,
		        ((flags & ELF_PF_W) ? ARCH_MAP_WRITE : 0) |
		            ((flags & ELF_PF_X) ? ARCH_MAP_EXEC : 0)) != 0)
			panic("boot: no page tables left for the app");
	}
}

// The part of /chosen/rng-seed the generator uses, copied, and the tree's
// copy wiped, as Linux does: nothing that reads RAM later finds it. Before
// the MMU is on, when the tree need not be mapped. The wipe goes to memory
// (caches off), and no cache holds a line of the tree since boot_image
// cleaned and invalidated it, so none can serve the seed later.
static void
image_take_seed(struct boot_plan *p)
{
	static uint8_t seed[ENTROPY_SEED_MAX];
	size_t n = p->plat.rng_seed_len;

	if (p->plat.rng_seed == NULL)
		return;
	if (n > sizeof(seed))
		n = sizeof(seed);
	memcpy(seed, p->plat.rng_seed, n);
	memset((void *)(uintptr_t)p->plat.rng_seed, 0, p->plat.rng_seed_len);
	p->seed = seed;
	p->seed_len = n;
}

// Normal RAM read-write from the image up, each segment of the runtime and
// the app with its own permissions, the guard left out, the devices as
// Device memory; then the MMU on.
static void
image_mmu_on(const struct boot_plan *p, uintptr_t base, uintptr_t image_end,
             struct image_pages *pg, uintptr_t guard)
{
	struct arch_mmu m = { .alloc = image_alloc_page, .ctx = pg };
	uintptr_t rx = (uintptr_t)__runtime_rw_start;
	uintptr_t ram_end = (uintptr_t)(p->plat.mem_base + p->plat.mem_size);
	uintptr_t init = (uintptr_t)__runtime_init_start;
	uintptr_t init_data = (uintptr_t)__runtime_init_data;
	uintptr_t tables = pg->next;
	int err = 0;

	err |= arch_mmu_map(&m, base, rx - base, ARCH_MAP_EXEC);
	err |= arch_mmu_map(&m, rx, init - rx, ARCH_MAP_WRITE);
	err |= arch_mmu_map(&m, init, init_data - init, ARCH_MAP_EXEC);
	err |= arch_mmu_map(&m, init_data, p->app - init_data, ARCH_MAP_WRITE);
	if (err == 0)
		image_map_app(&m, p);
	err |= arch_mmu_map(&m, image_end, guard - image_end, ARCH_MAP_WRITE);
	err |= arch_mmu_map(&m, guard + IMAGE_GUARD,
	                    ram_end - guard - IMAGE_GUARD, ARCH_MAP_WRITE);
	// The device tree's frames (dt_platform.c checked their alignment).
	err |= arch_mmu_map(&m, p->plat.gicd_base,
	                    RT_ALIGN_UP(p->plat.gicd_size, IMAGE_PAGE),
	                    ARCH_MAP_WRITE | ARCH_MAP_DEVICE);
	err |= arch_mmu_map(&m, p->plat.gicr_base,
	                    RT_ALIGN_UP(p->plat.gicr_size, IMAGE_PAGE),
	                    ARCH_MAP_WRITE | ARCH_MAP_DEVICE);
	if (p->plat.uart_base != 0)
		err |= arch_mmu_map(
		    &m, RT_ALIGN_DOWN(p->plat.uart_base, IMAGE_PAGE),
		    IMAGE_PAGE, ARCH_MAP_WRITE | ARCH_MAP_DEVICE);
	if (err != 0)
		panic("boot: cannot map the VM's memory (%u page-table pages)",
		      IMAGE_TABLE_PAGES);
	// What was written with the caches off must not be hidden by stale
	// lines once they are on: the runtime's data and the tables.
	arch_cache_invalidate(rx, p->app - rx);
	arch_cache_invalidate(tables, pg->next - tables);
	arch_mmu_enable(&m);
	string_allow_zero_blocks();
}

// The boot CPU's redistributor, in whichever of the tree's regions holds
// it: the runtime drives its own CPU's alone.
static void
image_redistributor(struct platform *plat)
{
	uint64_t mpidr = arch_mpidr();
	uintptr_t rd = 0;

	for (unsigned i = 0; rd == 0 && i < plat->gicr_count; i++)
		rd = redist_find((uintptr_t)plat->gicr_regions[i].base,
		                 plat->gicr_regions[i].size, plat->gicr_stride,
		                 mpidr);
	if (rd == 0)
		panic("boot: none of the device tree's %u GIC redistributor "
		      "regions holds this CPU's (MPIDR %#lx)",
		      plat->gicr_count, (unsigned long)mpidr);
	plat->gicr_base = rd;
	plat->gicr_size = PLATFORM_GICR_SIZE;
}

void
boot_image(const void *dt, uintptr_t base, unsigned entry_el,
           struct boot_plan *p)
{
	uintptr_t image_end, ram_end, dt_start, dt_end, free, free_end, guard;
	// totalsize: boot_main cleaned the header's lines.
	uint32_t dt_size = image_be32((const uint8_t *)dt + 4);
	size_t dt_len =
	    dt_size < FDT_BOOT_MAX_SIZE ? dt_size : FDT_BOOT_MAX_SIZE;
	struct image_pages pg;
	const char *why;

	// Until bootargs say otherwise: PSCI through the conduit a VM
	// entered at EL2 (no hypervisor below) or EL1 (one) would have.
	exit_set_method(entry_el == 1 ? EXIT_BY_PSCI_HVC : EXIT_BY_PSCI_SMC);
	log_init_early();
	// The loader may have written the tree with its caches on and left
	// it dirty there; read with them off, it must be in memory.
	arch_cache_clean_invalidate((uintptr_t)dt, dt_len);
	why = dt_platform_read(dt, dt_len, base, &p->plat);
	if (why != NULL)
		panic("boot: bad device tree at %p: %s", dt, why);
	if (entry_el == ARCH_ENTRY_EL2_E2H) {
		dev_pl011_console(p->plat.uart_base);
		panic("boot: entered at EL2 with HCR_EL2.E2H fixed at 1 (no "
		      "FEAT_E2H0): the runtime cannot drop to EL1 from there; "
		      "enter it at EL1");
	}
	if (p->plat.psci != PLATFORM_PSCI_NONE)
		exit_set_method(p->plat.psci == PLATFORM_PSCI_SMC
		                    ? EXIT_BY_PSCI_SMC
		                    : EXIT_BY_PSCI_HVC);
	dev_pl011_console(p->plat.uart_base);
	image_command_line(&p->plat, p);
	// After the console and rt.exit=, so that a panic here is seen.
	if (p->plat.gic_version == 3)
		image_redistributor(&p->plat);
	// Without clock-frequency in the tree, firmware set CNTFRQ_EL0.
	if (p->plat.timer_freq == 0)
		p->plat.timer_freq = arch_counter_freq();
	// The runtime arms no timer (waits watch the counter), but keeps
	// INTID 27 as the Gunyah runtime does and quiets it if it fires: a
	// tree that puts the virtual timer elsewhere is one it cannot keep.
	if (p->plat.timer_intid != 0 &&
	    p->plat.timer_intid != GICV3_INTID_TIMER)
		panic("boot: the virtual timer is INTID %u; the runtime "
		      "needs %u",
		      p->plat.timer_intid, GICV3_INTID_TIMER);

	// The app, where mkimage.py put it.
	image_end = RT_ALIGN_UP(base + arch_image_header.image_size,
	                        (uintptr_t)IMAGE_PAGE);
	if (arch_image_app.offset == 0 ||
	    !RT_IS_ALIGNED(arch_image_app.offset, IMAGE_PAGE) ||
	    base + arch_image_app.offset >= image_end)
		panic("boot: the image holds no app (make it with "
		      "tools/mkimage.py)");
	p->app = base + arch_image_app.offset;
	why = elf_check_app((const void *)p->app, image_end - p->app,
	                    &p->app_info);
	if (why != NULL)
		panic("boot: bad app ELF at %#lx: %s", (unsigned long)p->app,
		      why);

	// Free RAM: after the image to the bank's end, without the device
	// tree; where it splits that, the larger side.
	ram_end = (uintptr_t)(p->plat.mem_base + p->plat.mem_size);
	dt_start = RT_ALIGN_DOWN((uintptr_t)dt, IMAGE_PAGE);
	dt_end = RT_ALIGN_UP((uintptr_t)dt + dt_size, IMAGE_PAGE);
	free = image_end;
	free_end = RT_ALIGN_DOWN(ram_end, IMAGE_PAGE);
	if (dt_end > free && dt_start < free_end) {
		if (dt_start - free >= free_end - dt_end)
			free_end = dt_start;
		else
			free = dt_end;
	}
	p->stack_size = boot_stack_size(&p->app_info, IMAGE_STACK_DEFAULT,
	                                free_end > free ? free_end - free : 0,
	                                IMAGE_TABLE_PAGES * IMAGE_PAGE +
	                                    IMAGE_GUARD + IMAGE_HEAP_MIN);
	pg = (struct image_pages){
		.next = free,
		.end = free + IMAGE_TABLE_PAGES * IMAGE_PAGE,
	};
	guard = pg.end;
	p->heap = guard + IMAGE_GUARD;
	p->heap_end = free_end;
	p->stack_guard = IMAGE_GUARD;
	// hvc is UNDEFINED without an EL2 to take it: an Image asks the
	// hypervisor only when one is there and takes PSCI calls by hvc (at
	// EL2 on entry, the runtime's own vector would answer).
	p->hypercalls = entry_el == 1 && p->plat.psci == PLATFORM_PSCI_HVC;
	image_take_seed(p);
	image_mmu_on(p, base, image_end, &pg, guard);
}
