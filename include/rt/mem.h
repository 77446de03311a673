// SPDX-License-Identifier: BSD-3-Clause
// Copyright (c) 2026 The aarch64 bare-metal runtime authors
#ifndef RT_MEM_H
#define RT_MEM_H

#include <rt/types.h>

// The memory syscalls (src/syscall/memory.c) over the heap boot hands over:
// brk grows up from its bottom, anonymous mappings come down from its top.
// There is no MMU, so nothing is protected: the bookkeeping only keeps the
// two apart, reuses what is freed and zeroes everything handed out.

#define MEM_PAGE_SHIFT 12
#define MEM_PAGE_SIZE  ((uintptr_t)1 << MEM_PAGE_SHIFT)

// Mapped page ranges the table can hold. Adjacent mappings merge, so this
// bounds the number of holes, not of mmap calls; past it mmap and a munmap
// that would split a range fail with -ENOMEM, as at Linux's map count limit.
#ifndef RT_MEM_MAX_RANGES
#define RT_MEM_MAX_RANGES 64
#endif

// Linux's values, RT_-prefixed so that host tests can also include libc's
// <sys/mman.h>.
#define RT_PROT_NONE      0x0
#define RT_PROT_READ      0x1
#define RT_PROT_WRITE     0x2
#define RT_PROT_EXEC      0x4
#define RT_PROT_SEM       0x8
#define RT_PROT_BTI       0x10
#define RT_PROT_MTE       0x20
#define RT_PROT_GROWSDOWN 0x01000000
#define RT_PROT_GROWSUP   0x02000000

#define RT_MAP_SHARED          0x01
#define RT_MAP_PRIVATE         0x02
#define RT_MAP_TYPE            0x0f
#define RT_MAP_FIXED           0x10
#define RT_MAP_ANONYMOUS       0x20
#define RT_MAP_GROWSDOWN       0x0100
#define RT_MAP_DENYWRITE       0x0800
#define RT_MAP_EXECUTABLE      0x1000
#define RT_MAP_LOCKED          0x2000
#define RT_MAP_NORESERVE       0x4000
#define RT_MAP_POPULATE        0x8000
#define RT_MAP_NONBLOCK        0x10000
#define RT_MAP_STACK           0x20000
#define RT_MAP_HUGETLB         0x40000
#define RT_MAP_FIXED_NOREPLACE 0x100000

#define RT_MREMAP_MAYMOVE   1
#define RT_MREMAP_FIXED     2
#define RT_MREMAP_DONTUNMAP 4

#define RT_MADV_DONTNEED        4
#define RT_MADV_FREE            8
#define RT_MADV_DONTNEED_LOCKED 24

// A span of mapped pages, [start, end), counted from the first page the
// memory syscalls own: the pool's if there is one, else the heap's.
struct mem_range {
	uint32_t start, end;
};

// Takes over [heap_start, heap_end) (rounded inwards to pages); brk(0)
// then returns the rounded heap_start. Forgets any earlier heap. In the
// runtime, the boot-only segment's pages become the pool (mem_init_pool)
// where the app may be given them (arch_boot_segment_reusable).
void mem_init(uintptr_t heap_start, uintptr_t heap_end);

// The same, with [pool_start, pool_end) (rounded inwards) as a pool below
// the heap that anonymous mmap takes from once the heap is full. A pool
// that is empty, not below the heap or touching it is left out.
void mem_init_pool(uintptr_t heap_start, uintptr_t heap_end,
                   uintptr_t pool_start, uintptr_t pool_end);

// The handlers; syscalls.tbl declares the same prototypes.
long sys_brk(unsigned long addr);
long sys_mmap(void *addr, size_t len, int prot, int flags, int fd, long offset);
long sys_munmap(void *addr, size_t len);
long sys_mremap(void *old_addr, size_t old_len, size_t new_len, int flags,
                void *new_addr);
long sys_madvise(void *addr, size_t len, int advice);
long sys_mprotect(void *addr, size_t len, int prot);

// For tests: the mapped ranges (brk area not included), sorted, and
// whether the bookkeeping is self-consistent.
unsigned int mem_ranges(const struct mem_range **ranges);
bool mem_consistent(void);

#endif
