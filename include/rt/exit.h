// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef RT_EXIT_H
#define RT_EXIT_H

#include <rt/types.h>

// exit/exit_group: calls the app's registered exit hook with the status,
// then stops the VM (arch_stop). Never returns to the app.
noreturn void exit_app(int status);

#endif
