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
  std::atomic<int64_t> pending;  // tasks not finished yet
  std::exception_ptr error;      // guarded by the pool's mutex
};

// Waiting for another thread spins this many times (about 50 microseconds)
// before it sleeps: small networks run one short parallel op after another,
// and waking a sleeping thread costs a system call on each side (16% of the
// MLP's training time when every wait slept).
constexpr int kSpins = 2000;

inline void spin_pause() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
}

// Workers spin, then sleep on a condition variable, between jobs.
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
    job->pending.store(num_tasks);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      job_ = job;
      active_workers_ = threads - 1;
      generation_.fetch_add(1, std::memory_order_release);
    }
    wake_.notify_all();  // no system call when every worker is still spinning
    work(*job);
    for (int i = 0; i < kSpins && job->pending.load(std::memory_order_acquire) != 0;
         ++i) {
      spin_pause();
    }
    std::unique_lock<std::mutex> lock(mutex_);
    done_.wait(lock, [&] { return job->pending.load() == 0; });
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
      for (int i = 0; i < kSpins && generation_.load(std::memory_order_acquire) == seen;
           ++i) {
        spin_pause();
      }
      std::shared_ptr<Job> job;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        wake_.wait(lock, [&] { return generation_.load() != seen; });
        seen = generation_.load();
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
    if (job.pending.fetch_sub(finished, std::memory_order_acq_rel) == finished) {
      // The caller checks `pending` under the mutex before it sleeps, so
      // taking it here means the notification cannot fall between the two.
      std::lock_guard<std::mutex> lock(mutex_);
      done_.notify_all();
    }
  }

  std::mutex job_mutex_, mutex_;
  std::condition_variable wake_, done_;
  std::vector<std::thread> threads_;
  std::shared_ptr<Job> job_;  // the job in progress, if any
  int active_workers_ = 0;
  std::atomic<uint64_t> generation_{0};  // changed under mutex_, read by spinning workers
};

}  // namespace

OnThisThread::OnThisThread() : was_inside_(inside_task) { inside_task = true; }
OnThisThread::~OnThisThread() { inside_task = was_inside_; }

int available_threads() { return inside_task ? 1 : std::max(1, num_threads()); }

void parallel_for(int64_t num_tasks, const std::function<void(int64_t)>& task) {
  const int threads = int(std::min<int64_t>(num_threads(), num_tasks));
  if (threads <= 1 || inside_task) {
    for (int64_t i = 0; i < num_tasks; ++i) task(i);
    return;
  }
  Pool::instance().run(num_tasks, task, threads);
}

}  // namespace d2l::detail
