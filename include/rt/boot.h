// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef RT_BOOT_H
#define RT_BOOT_H

#include <rt/env.h>
#include <rt/types.h>

// entry.S calls this on the runtime's stack with what the hypervisor or
// VMM gave in x0, where the runtime runs, how many relocations it could
// not apply and the exception level it was entered at (1 or 2, or
// ARCH_ENTRY_EL2_E2H: EL2 whose HCR_EL2.E2H is fixed at 1, which boot only
// reports). It never returns: it ends by entering the app.
noreturn void boot_main(void *x0, uintptr_t base, unsigned long bad_relocs,
                        unsigned entry_el);

#endif
