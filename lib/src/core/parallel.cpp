#include "core/parallel.hpp"

#include <atomic>
#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "d2l/device.hpp"

namespace d2l::detail {

namespace {

thread_local bool inside_task = false;

// One call of parallel_for: its tasks are handed out one index at a time.
// Each job is its own object, so a worker that wakes late can only ever take
// leftover indices of the job it saw, never those of a newer job.
struct Job {
  const std::function<void(int64_t)>* task;
  int64_t num_tasks;
  std::atomic<int64_t> next{0};
  int64_t pending;  // tasks not finished yet; guarded by the pool's mutex
  std::exception_ptr error;
};

// Workers sleep on a condition variable between jobs.
class Pool {
 public:
  static Pool& instance() {
    static Pool* pool = new Pool();  // never destroyed: workers may outlive main
    return *pool;
  }

  void run(int64_t num_tasks, const std::function<void(int64_t)>& task, int threads) {
    std::lock_guard<std::mutex> one_job_at_a_time(job_mutex_);
    grow(threads - 1);
    auto job = std::make_shared<Job>();
    job->task = &task;
    job->num_tasks = num_tasks;
    job->pending = num_tasks;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      job_ = job;
      active_workers_ = threads - 1;
      ++generation_;
    }
    wake_.notify_all();
    work(*job);
    std::unique_lock<std::mutex> lock(mutex_);
    done_.wait(lock, [&] { return job->pending == 0; });
    job_.reset();
    if (job->error) std::rethrow_exception(job->error);
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
      std::shared_ptr<Job> job;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        wake_.wait(lock, [&] { return generation_ != seen; });
        seen = generation_;
        if (id >= active_workers_ || !job_) continue;  // not wanted, or done
        job = job_;
      }
      work(*job);
    }
  }

  void work(Job& job) {
    bool was_inside = inside_task;
    inside_task = true;
    int64_t finished = 0;
    for (int64_t i; (i = job.next.fetch_add(1)) < job.num_tasks;) {
      try {
        (*job.task)(i);
      } catch (...) {
        std::lock_guard<std::mutex> lock(mutex_);
        if (!job.error) job.error = std::current_exception();
      }
      ++finished;
    }
    inside_task = was_inside;
    if (finished == 0) return;
    std::lock_guard<std::mutex> lock(mutex_);
    job.pending -= finished;
    if (job.pending == 0) done_.notify_all();
  }

  std::mutex job_mutex_, mutex_;
  std::condition_variable wake_, done_;
  std::vector<std::thread> threads_;
  std::shared_ptr<Job> job_;  // the job in progress, if any
  int active_workers_ = 0;
  uint64_t generation_ = 0;
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
