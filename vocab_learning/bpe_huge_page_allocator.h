// vocab_learning/bpe_huge_page_allocator.h
//
// An allocator for the BPE trainer's big random-access arrays (the position
// nodes and the pair table): blocks of 2 MiB or more are 2 MiB-aligned and
// advised as transparent huge pages, so that the scattered reads of a merge
// miss the TLB far less often. Linux's default THP mode, "madvise", gives
// huge pages only to memory that asks. Smaller blocks come from operator
// new. Elsewhere (or when the advice is refused) it is a plain allocator.
//
//   std::vector<Node, HugePageAllocator<Node>> nodes;
//
// Internal to vocab_learning.

#ifndef TOKENFORGE_VOCAB_LEARNING_BPE_HUGE_PAGE_ALLOCATOR_H_
#define TOKENFORGE_VOCAB_LEARNING_BPE_HUGE_PAGE_ALLOCATOR_H_

#include <cstddef>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace tokenforge::internal {

inline constexpr size_t kHugePageBytes = size_t{2} << 20;

template <typename T>
class HugePageAllocator {
 public:
  using value_type = T;
  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) {}  // NOLINT: rebinding

  T* allocate(size_t n) {
    const size_t bytes = n * sizeof(T);
    if (bytes < kHugePageBytes) return static_cast<T*>(::operator new(bytes));
    const size_t rounded = (bytes + kHugePageBytes - 1) & ~(kHugePageBytes - 1);
    // Aligned operator new fails as std::allocator does (std::bad_alloc).
    void* p = ::operator new(rounded, std::align_val_t{kHugePageBytes});
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    madvise(p, rounded, MADV_HUGEPAGE);  // Advice only; failure is harmless.
#endif
    return static_cast<T*>(p);
  }
  void deallocate(T* p, size_t n) {
    const size_t bytes = n * sizeof(T);
    if (bytes < kHugePageBytes) {
      ::operator delete(p);
    } else {
      ::operator delete(p, std::align_val_t{kHugePageBytes});
    }
  }
  template <typename U>
  bool operator==(const HugePageAllocator<U>&) const { return true; }
  template <typename U>
  bool operator!=(const HugePageAllocator<U>&) const { return false; }
};

}  // namespace tokenforge::internal

#endif  // TOKENFORGE_VOCAB_LEARNING_BPE_HUGE_PAGE_ALLOCATOR_H_
