// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef RT_PROCESS_H
#define RT_PROCESS_H

// src/syscall/process.c beyond its handlers, which the generated
// syscall_table.h declares.

// The one process's pid, and its one thread's tid.
#define PROCESS_ID 1

#ifdef RT_HOST
// Forgets set_tid_address's pointer, between unit tests.
void process_reset_for_test(void);
#endif

#endif
