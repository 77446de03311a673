// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef RT_DEV_H
#define RT_DEV_H

#include <rt/env.h>

// Records the timer and GIC addresses; touches no device register, because
// under Gunyah every GIC access traps to the hypervisor.
void dev_init(const struct rt_env_data *env);

#endif
