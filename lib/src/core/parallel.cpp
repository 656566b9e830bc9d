#include "core/parallel.hpp"

#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

#include "d2l/device.hpp"

namespace d2l::detail {

namespace {

thread_local bool inside_task = false;

// Workers sleep on a condition variable between jobs; a job is a task count
// and a function, handed out one index at a time through an atomic counter.
class Pool {
 public:
  static Pool& instance() {
    static Pool* pool = new Pool();  // never destroyed: workers may outlive main
    return *pool;
  }

  void run(int64_t num_tasks, const std::function<void(int64_t)>& task, int threads) {
    std::unique_lock<std::mutex> job_lock(job_mutex_);  // one job at a time
    grow(threads - 1);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      task_ = &task;
      num_tasks_ = num_tasks;
      next_.store(0);
      pending_ = num_tasks;
      error_ = nullptr;
      active_workers_ = threads - 1;
      ++generation_;
    }
    wake_.notify_all();
    work();
    std::unique_lock<std::mutex> lock(mutex_);
    done_.wait(lock, [this] { return pending_ == 0; });
    task_ = nullptr;
    if (error_) std::rethrow_exception(error_);
  }

 private:
  void grow(int workers) {
    while (int(threads_.size()) < workers) {
      int id = int(threads_.size());
      threads_.emplace_back([this, id] { loop(id); });
      threads_.back().detach();
    }
  }

  void loop(int id) {
    inside_task = true;
    uint64_t seen = 0;
    for (;;) {
      {
        std::unique_lock<std::mutex> lock(mutex_);
        wake_.wait(lock, [&] { return generation_ != seen; });
        seen = generation_;
        if (id >= active_workers_) continue;  // this job wants fewer threads
      }
      work();
    }
  }

  void work() {
    bool was_inside = inside_task;
    inside_task = true;
    int64_t finished = 0;
    for (int64_t i; (i = next_.fetch_add(1)) < num_tasks_;) {
      try {
        (*task_)(i);
      } catch (...) {
        std::lock_guard<std::mutex> lock(mutex_);
        if (!error_) error_ = std::current_exception();
      }
      ++finished;
    }
    inside_task = was_inside;
    if (finished == 0) return;
    std::lock_guard<std::mutex> lock(mutex_);
    pending_ -= finished;
    if (pending_ == 0) done_.notify_all();
  }

  std::mutex job_mutex_, mutex_;
  std::condition_variable wake_, done_;
  std::vector<std::thread> threads_;
  const std::function<void(int64_t)>* task_ = nullptr;
  std::atomic<int64_t> next_{0};
  int64_t num_tasks_ = 0, pending_ = 0;
  int active_workers_ = 0;
  uint64_t generation_ = 0;
  std::exception_ptr error_;
};

}  // namespace

void parallel_for(int64_t num_tasks, const std::function<void(int64_t)>& task) {
  const int threads = int(std::min<int64_t>(num_threads(), num_tasks));
  if (threads <= 1 || inside_task) {
    for (int64_t i = 0; i < num_tasks; ++i) task(i);
    return;
  }
  Pool::instance().run(num_tasks, task, threads);
}

}  // namespace d2l::detail
