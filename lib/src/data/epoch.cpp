// One epoch of a DataLoader: batches made on the caller's thread, or by one
// background thread that stays a single batch ahead.
#include "data/epoch.hpp"

#include <utility>

namespace d2l::gluon::data::detail {

Epoch::Epoch(std::shared_ptr<const Dataset> dataset, BatchPlan plan, Transform transform,
             bool background)
    : dataset_(std::move(dataset)),
      plan_(std::move(plan)),
      transform_(std::move(transform)),
      background_(background && plan_.num_batches() > 0) {
  if (background_) worker_ = std::thread([this] { work(); });
}

Epoch::~Epoch() {
  if (!worker_.joinable()) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_ = true;
  }
  changed_.notify_all();
  worker_.join();
}

Batch Epoch::make(size_t k) const {
  const auto* first = plan_.order.data() + plan_.starts[k];
  const size_t count = plan_.starts[k + 1] - plan_.starts[k];
  Batch batch = dataset_->gather({first, count});
  if (transform_) batch.data = transform_(batch.data);
  return batch;
}

void Epoch::work() {
  for (size_t k = 0; k < plan_.num_batches(); ++k) {
    Batch batch;
    std::exception_ptr error;
    try {
      batch = make(k);
    } catch (...) {
      error = std::current_exception();
    }
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [&] { return stop_ || (!ready_ && !error_); });
    if (stop_) return;
    if (error) {
      error_ = error;
    } else {
      ready_ = std::move(batch);
    }
    lock.unlock();
    changed_.notify_all();
    if (error) return;  // the caller rethrows it; nothing after it is wanted
  }
}

void Epoch::advance() {
  if (done_) return;
  if (++position_ >= plan_.num_batches()) {
    done_ = true;
    current_ = {};  // let go of the last batch's memory
    return;
  }
  if (!background_) {
    current_ = make(position_);
    return;
  }
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait(lock, [&] { return ready_.has_value() || error_ != nullptr; });
  if (error_) {
    done_ = true;
    std::rethrow_exception(error_);
  }
  current_ = std::move(*ready_);
  ready_.reset();
  lock.unlock();
  changed_.notify_all();
}

}  // namespace d2l::gluon::data::detail
