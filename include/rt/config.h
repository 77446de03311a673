// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef RT_CONFIG_H
#define RT_CONFIG_H

// Build options, set with `configs NAME=VALUE` in build.conf. Also read by
// the assembly, so nothing but #defines here.

// 1: a syscall number outside the table returns -ENOSYS instead of panicking.
#ifndef RT_SYSCALL_ENOSYS
#define RT_SYSCALL_ENOSYS 0
#endif

// 1: every syscall is logged with its arguments and result.
#ifndef RT_SYSCALL_TRACE
#define RT_SYSCALL_TRACE 0
#endif

// 1: before the app registers a console, also write to QEMU virt's PL011.
#ifndef RT_EARLY_PL011
#define RT_EARLY_PL011 0
#endif

#endif
