// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef RT_UACCESS_H
#define RT_UACCESS_H

#include <rt/types.h>

// With no MMU every address is reachable, so a pointer from the app is
// trusted only if it lies in memory the app owns: its image, the environment
// data and its heap. Anything else (NULL, the runtime, devices) is -EFAULT.
void uaccess_init(uintptr_t start, uintptr_t end);

// Nor is the stack right below the sp of the app's svc: the runtime takes
// the exception on the app's stack, so that is where its saved registers and
// return addresses are while it handles the call. Linux would let the app
// pass such a buffer; here it would overwrite the runtime's frames, so it
// is -EFAULT (any interrupt may overwrite memory below sp anyway). The
// runtime's deepest path through a handler stays well within this.
#define UACCESS_BELOW_SP 2048u

bool uaccess_ok(const void *p, size_t n);

// Length of the NUL-terminated string at p if all of it (NUL included, at
// most max bytes) is app memory; -1 otherwise.
long uaccess_strlen(const char *p, size_t max);

#endif
