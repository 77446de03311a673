// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors

// The machine, from the device tree a Linux-style loader hands over: what
// boot needs to place the heap, drive the GIC, the timer and the console,
// seed its entropy and turn the VM off. Anything boot would have to guess
// at is refused with a message instead, as env_check does for Gunyah's
// data: a wrong GIC or RAM base would otherwise fail much later, or
// silently corrupt memory.

#include <rt/fdt.h>
#include <rt/platform.h>
#include <rt/string.h>

#define DT_GIC_ALIGN   0x10000u // GICv3 frames are 64 KiB
#define DT_GICV2_ALIGN 0x1000u  // GICv2: a 4 KiB distributor,
#define DT_GICV2_DSIZE 0x1000u
#define DT_GICV2_CSIZE 0x2000u // and an 8 KiB CPU interface
#define DT_UART_ALIGN  0x1000u // a PrimeCell's 4 KiB frame
#define DT_UART_SIZE   0x48u   // up to PL011's ICR
#define DT_GIC_PPI     1u      // the GIC binding's type cell for a PPI
#define DT_PPI_COUNT   16u
#define DT_PPI_INTID   16u
// arm,armv8-timer's interrupts: secure physical, non-secure physical,
// virtual, hypervisor. The runtime runs at EL1 with the virtual timer.
#define DT_TIMER_VIRT 2u

// A device's frame: where boot can map it as Device memory and reach every
// register of it, away from the RAM the heap will be carved from.
static bool
dt_frame_ok(uint64_t base, uint64_t size, uint64_t align, uint64_t min,
            const struct platform *out)
{
	return base != 0 && (base & (align - 1)) == 0 && size >= min &&
	       base + size > base &&
	       !rt_ranges_overlap(base, size, out->mem_base, out->mem_size);
}

// The bank of a device_type "memory" node that holds the image.
static const char *
dt_memory(const struct fdt *fdt, uint64_t image_addr, struct platform *out)
{
	uint64_t base, size;

	for (int node = fdt_first_child(fdt, fdt->root); node >= 0;
	     node = fdt_next_sibling(fdt, node)) {
		const char *type = fdt_prop_str(fdt, node, "device_type");

		if (type == NULL || strcmp(type, "memory") != 0 ||
		    !fdt_node_enabled(fdt, node))
			continue;
		for (unsigned i = 0; fdt_reg(fdt, node, i, &base, &size); i++) {
			if (base + size < base)
				return "a /memory bank wraps";
			if (image_addr >= base && image_addr - base < size) {
				out->mem_base = base;
				out->mem_size = size;
				return NULL;
			}
		}
	}
	return "no /memory bank holds the image";
}

// Ends the bank at a reserved region [addr, addr + size) that starts above
// the image, as the heap grows up from there; one that holds the image
// means the loader put it where it must not be. Those below it need
// nothing: boot maps no RAM below the image.
static const char *
dt_reserve(struct platform *out, uint64_t image_addr, uint64_t addr,
           uint64_t size)
{
	uint64_t end = addr + size < addr ? UINT64_MAX : addr + size;

	if (size == 0 || end <= image_addr ||
	    addr >= out->mem_base + out->mem_size)
		return NULL;
	if (addr <= image_addr)
		return "the image lies in reserved memory";
	out->mem_size = addr - out->mem_base;
	return NULL;
}

// The memory reservation block and the static regions (reg) of
// /reserved-memory's children; dynamic ones (size, alloc-ranges) are the
// OS's to place, and this runtime places none. Their addresses are the
// root's: the binding wants an empty ranges, and a missing one must not
// turn a reservation into none.
static const char *
dt_reservations(const struct fdt *fdt, uint64_t image_addr,
                struct platform *out)
{
	const char *why = NULL;
	uint64_t addr, size;
	int node;

	for (unsigned i = 0;
	     why == NULL && fdt_reservation(fdt, i, &addr, &size); i++)
		why = dt_reserve(out, image_addr, addr, size);
	node = fdt_path(fdt, "/reserved-memory", 16);
	for (node = node < 0 ? -1 : fdt_first_child(fdt, node);
	     why == NULL && node >= 0; node = fdt_next_sibling(fdt, node)) {
		if (!fdt_node_enabled(fdt, node))
			continue;
		for (unsigned i = 0;
		     why == NULL && fdt_reg(fdt, node, i, &addr, &size); i++)
			why = dt_reserve(out, image_addr, addr, size);
	}
	return why;
}

// A GICv3's distributor, then #redistributor-regions regions of
// redistributors (1 unless said), with their redistributor-stride.
static const char *
dt_gicv3_frames(const struct fdt *fdt, int gic, struct platform *out)
{
	uint64_t n = 1, stride = 0;

	if (!fdt_reg_cpu(fdt, gic, 0, &out->gicd_base, &out->gicd_size))
		return "GICv3 reg lacks GICD or GICR";
	if (!dt_frame_ok(out->gicd_base, out->gicd_size, DT_GIC_ALIGN,
	                 PLATFORM_GICD_SIZE, out))
		return "GIC frames misaligned, too small, wrapping or in RAM";
	fdt_prop_uint(fdt, gic, "#redistributor-regions", &n);
	if (n == 0 || n > PLATFORM_GICR_REGIONS)
		return "GICv3 #redistributor-regions not 1 to 4";
	// A stride is a whole number of 64 KiB frames, at least a
	// redistributor's two.
	if (fdt_prop_uint(fdt, gic, "redistributor-stride", &stride) &&
	    (stride < PLATFORM_GICR_SIZE || (stride & (DT_GIC_ALIGN - 1)) != 0))
		return "GICv3 redistributor-stride not a multiple of 64 KiB "
		       "from 128 KiB";
	out->gicr_count = (unsigned)n;
	out->gicr_stride = stride;
	for (unsigned i = 0; i < out->gicr_count; i++) {
		struct platform_region *r = &out->gicr_regions[i];

		if (!fdt_reg_cpu(fdt, gic, 1 + i, &r->base, &r->size))
			return "GICv3 reg lacks GICD or GICR";
		if (!dt_frame_ok(r->base, r->size, DT_GIC_ALIGN,
		                 PLATFORM_GICR_SIZE, out))
			return "GIC frames misaligned, too small, wrapping or "
			       "in RAM";
	}
	out->gicr_base = out->gicr_regions[0].base;
	out->gicr_size = out->gicr_regions[0].size;
	return NULL;
}

// A GICv3 ("arm,gic-v3": distributor, redistributors), else a GICv2
// ("arm,cortex-a15-gic" or "arm,gic-400": distributor, CPU interface).
static const char *
dt_gic(const struct fdt *fdt, int *node, struct platform *out)
{
	static const char *const gics[] = { "arm,gic-v3", "arm,cortex-a15-gic",
		                            "arm,gic-400" };
	int gic = fdt_find_compatible_any(fdt, -1, gics, RT_ARRAY_SIZE(gics));
	bool v2 = gic >= 0 && !fdt_is_compatible(fdt, gic, gics[0]);

	if (gic < 0)
		return "no GICv3 (arm,gic-v3) or GICv2 (arm,cortex-a15-gic, "
		       "arm,gic-400) node";
	*node = gic;
	out->gic_version = v2 ? 2 : 3;
	if (v2) {
		if (!fdt_reg_cpu(fdt, gic, 0, &out->gicd_base,
		                 &out->gicd_size) ||
		    !fdt_reg_cpu(fdt, gic, 1, &out->gicr_base, &out->gicr_size))
			return "GICv2 reg lacks GICD or GICC";
		if (!dt_frame_ok(out->gicd_base, out->gicd_size, DT_GICV2_ALIGN,
		                 DT_GICV2_DSIZE, out) ||
		    !dt_frame_ok(out->gicr_base, out->gicr_size, DT_GICV2_ALIGN,
		                 DT_GICV2_CSIZE, out))
			return "GIC frames misaligned, too small, wrapping or "
			       "in RAM";
		return NULL;
	}
	return dt_gicv3_frames(fdt, gic, out);
}

static const char *
dt_gic_timer(const struct fdt *fdt, struct platform *out)
{
	int gic = -1;
	int timer = fdt_find_compatible(fdt, -1, "arm,armv8-timer");
	uint64_t cells = 3;
	uint32_t len;
	const uint8_t *irq;
	const char *why = dt_gic(fdt, &gic, out);

	if (why != NULL)
		return why;
	if (timer < 0)
		return NULL;
	// The timer's interrupt specifiers are the GIC's: type, number,
	// flags, and an optional fourth cell (a PPI partition).
	fdt_prop_uint(fdt, gic, "#interrupt-cells", &cells);
	irq = fdt_prop(fdt, timer, "interrupts", &len);
	if (cells < 3 || cells > 4)
		return "GIC #interrupt-cells not 3 or 4";
	if (irq == NULL || len / (4 * cells) <= DT_TIMER_VIRT)
		return "timer has no virtual timer interrupt";
	irq += 4 * cells * DT_TIMER_VIRT;
	if (fdt_read_cells(irq, 1) != DT_GIC_PPI ||
	    fdt_read_cells(irq + 4, 1) >= DT_PPI_COUNT)
		return "virtual timer interrupt not a PPI";
	out->timer_intid = DT_PPI_INTID + (uint32_t)fdt_read_cells(irq + 4, 1);
	fdt_prop_uint(fdt, timer, "clock-frequency", &out->timer_freq);
	return NULL;
}

// /chosen: the command line, entropy, and the console: stdout-path is a
// path or an alias, then options after a ':' (a baud rate) that a virtual
// UART has no use for. A console that is not a PL011 is no console here.
static const char *
dt_chosen(const struct fdt *fdt, struct platform *out)
{
	int node = fdt_path(fdt, "/chosen", 7);
	const char *path;
	const uint8_t *seed;
	uint32_t len;
	uint64_t base, size;
	size_t n = 0;

	if (node < 0)
		return NULL;
	out->bootargs = fdt_prop_str(fdt, node, "bootargs");
	if (out->bootargs == NULL &&
	    fdt_prop(fdt, node, "bootargs", NULL) != NULL)
		return "/chosen/bootargs not a string";
	seed = fdt_prop(fdt, node, "rng-seed", &len);
	if (seed == NULL || len == 0)
		seed = fdt_prop(fdt, node, "kaslr-seed", &len);
	if (seed != NULL && len != 0) {
		out->rng_seed = seed;
		out->rng_seed_len = len;
	}
	path = fdt_prop_str(fdt, node, "stdout-path");
	if (path == NULL)
		return NULL;
	while (path[n] != '\0' && path[n] != ':')
		n++;
	node = fdt_path(fdt, path, n);
	if (node < 0 || !fdt_is_compatible(fdt, node, "arm,pl011") ||
	    !fdt_node_enabled(fdt, node))
		return NULL;
	if (!fdt_reg_cpu(fdt, node, 0, &base, &size) ||
	    !dt_frame_ok(base, size, DT_UART_ALIGN, DT_UART_SIZE, out))
		return "stdout PL011 reg missing, misaligned, too small or in "
		       "RAM";
	out->uart_base = base;
	return NULL;
}

static const char *
dt_psci(const struct fdt *fdt, struct platform *out)
{
	int node = fdt_path(fdt, "/psci", 5);
	const char *method;

	if (node < 0 || !fdt_node_enabled(fdt, node))
		return NULL;
	method = fdt_prop_str(fdt, node, "method");
	if (method != NULL && strcmp(method, "hvc") == 0)
		out->psci = PLATFORM_PSCI_HVC;
	else if (method != NULL && strcmp(method, "smc") == 0)
		out->psci = PLATFORM_PSCI_SMC;
	else
		return "/psci method neither hvc nor smc";
	return NULL;
}

const char *
dt_platform_read(const void *blob, size_t size_limit, uint64_t image_addr,
                 struct platform *out)
{
	struct fdt fdt;
	const char *why;

	memset(out, 0, sizeof(*out));
	why = fdt_init(&fdt, blob, size_limit);
	// The devices are checked against the whole bank, before
	// reservations shorten it.
	if (why == NULL)
		why = dt_memory(&fdt, image_addr, out);
	if (why == NULL)
		why = dt_gic_timer(&fdt, out);
	if (why == NULL)
		why = dt_chosen(&fdt, out);
	if (why == NULL)
		why = dt_psci(&fdt, out);
	if (why == NULL)
		why = dt_reservations(&fdt, image_addr, out);
	return why;
}
