#pragma once
// One pass of a DataLoader over its batch plan. With a background thread, the
// next batch is made while the caller trains on the current one; a queue of one
// batch is enough to hide loading behind a training step.

#include <condition_variable>
#include <cstdint>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "d2l/data.hpp"

namespace d2l::gluon::data::detail {

/// Which examples go into which batch: batch k holds
/// `order[starts[k] .. starts[k + 1])`.
struct BatchPlan {
  std::vector<int64_t> order;
  std::vector<size_t> starts;  // one more entry than there are batches
  size_t num_batches() const { return starts.empty() ? 0 : starts.size() - 1; }
};

class Epoch {
 public:
  Epoch(std::shared_ptr<const Dataset> dataset, BatchPlan plan, Transform transform,
        bool background);
  /// Stops the worker (it finishes at most the batch in hand) and joins it.
  ~Epoch();
  Epoch(const Epoch&) = delete;
  Epoch& operator=(const Epoch&) = delete;

  bool done() const { return done_; }
  const Batch& current() const { return current_; }
  /// Moves to the next batch (the first one on the first call); rethrows an
  /// error raised while making it.
  void advance();

 private:
  Batch make(size_t k) const;  // gather + transform of batch k
  void work();                 // the background thread's loop

  std::shared_ptr<const Dataset> dataset_;
  BatchPlan plan_;
  Transform transform_;
  bool background_;

  size_t position_ = size_t(-1);  // the current batch; none before advance()
  bool done_ = false;
  Batch current_;

  // Shared with the worker, guarded by mutex_.
  std::mutex mutex_;
  std::condition_variable changed_;
  std::optional<Batch> ready_;  // the prefetched batch
  std::exception_ptr error_;    // set instead of ready_ when making it failed
  bool stop_ = false;
  std::thread worker_;
};

}  // namespace d2l::gluon::data::detail
