#ifndef CMALLOCCOUNTER_H
#define CMALLOCCOUNTER_H
#include <stdint.h>

/// Number of malloc/calloc/realloc/posix_memalign/aligned_alloc calls since the process started,
/// counted by the interposer in MallocCounter.c (linked only into tradebot-codec-bench).
uint64_t codec_bench_allocation_count(void);

#endif
