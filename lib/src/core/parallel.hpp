#pragma once
// parallel_for: the library's one pool of CPU threads, sized by
// d2l::num_threads(). Kernels split their work into tasks and call this; the
// calling thread works too, and the call returns when every task is done.

#include <cstdint>
#include <functional>

namespace d2l::detail {

/// Runs `task(i)` for i in [0, num_tasks), spread over the pool's threads.
/// Runs inline when there is one thread or one task, or when called from a
/// task (no nested parallelism: the cores are already busy).
void parallel_for(int64_t num_tasks, const std::function<void(int64_t)>& task);

/// The threads a parallel_for called here would use: 1 inside a task.
int available_threads();

/// While one lives, parallel_for runs its tasks on the calling thread: for
/// work too small to be worth sharing (a product of a few million
/// multiply-adds takes tens of microseconds, about what waking a second
/// thread costs when another thread, such as a DataLoader's, wants the core).
class OnThisThread {
 public:
  OnThisThread();
  ~OnThisThread();
  OnThisThread(const OnThisThread&) = delete;
  OnThisThread& operator=(const OnThisThread&) = delete;

 private:
  bool was_inside_;
};

}  // namespace d2l::detail
