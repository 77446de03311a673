// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef RT_DEV_H
#define RT_DEV_H

// The devices as boot sets them up (src/dev/nodes.c, pl011.c).

#include <rt/platform.h>
#include <rt/types.h>

// Records the GIC's addresses; touches no device register, because under
// Gunyah every GIC access traps to the hypervisor.
void dev_init(const struct platform *plat);

// Makes the PL011 at base the console device (rt/console.h); 0: none.
void dev_pl011_console(uintptr_t base);

#endif
