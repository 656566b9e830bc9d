// DataLoader: plans each epoch (order of the examples, cut into batches) on the
// caller's thread, so that shuffling draws from the seeded global generator in
// a repeatable sequence; an Epoch then makes the batches.
#include <algorithm>
#include <numeric>

#include "core/error.hpp"
#include "d2l/data.hpp"
#include "data/epoch.hpp"
#include "ndarray/random_engine.hpp"

namespace d2l::gluon::data {

using d2l::detail::fail;

DataLoader::DataLoader(std::shared_ptr<const Dataset> dataset, DataLoaderOptions options)
    : dataset_(std::move(dataset)), options_(std::move(options)) {
  const auto& o = options_;
  if (!dataset_) fail("DataLoader", "the dataset is null");
  if (o.batch_size < 1) fail("DataLoader", "batch_size must be >= 1, got ", o.batch_size);
  if (o.last_batch != "keep" && o.last_batch != "discard" && o.last_batch != "rollover") {
    fail("DataLoader", "last_batch must be \"keep\", \"discard\" or \"rollover\", got \"",
         o.last_batch, "\"");
  }
  if (o.num_workers < 0) {
    fail("DataLoader", "num_workers must be >= 0 (0 loads on the calling thread), got ",
         o.num_workers);
  }
}

int64_t DataLoader::size() const {
  const int64_t n = dataset_->size();
  const int64_t b = options_.batch_size;
  if (options_.last_batch == "keep") return (n + b - 1) / b;
  if (options_.last_batch == "discard") return n / b;
  return (int64_t(carried_.size()) + n) / b;  // rollover
}

DataLoader::iterator DataLoader::begin() const {
  // Examples carried over from the last epoch come first, as in Gluon.
  detail::BatchPlan plan;
  plan.order = std::move(carried_);
  carried_.clear();
  const size_t carried = plan.order.size();
  plan.order.resize(carried + size_t(dataset_->size()));
  std::iota(plan.order.begin() + carried, plan.order.end(), int64_t(0));
  if (options_.shuffle) {
    std::shuffle(plan.order.begin() + carried, plan.order.end(),
                 d2l::detail::random_engine());
  }

  const size_t b = size_t(options_.batch_size);
  const size_t full = plan.order.size() / b;
  const size_t rest = plan.order.size() % b;
  for (size_t k = 0; k <= full; ++k) plan.starts.push_back(k * b);
  if (rest > 0) {
    if (options_.last_batch == "keep") {
      plan.starts.push_back(plan.order.size());
    } else if (options_.last_batch == "rollover") {
      carried_.assign(plan.order.end() - ptrdiff_t(rest), plan.order.end());
    }
  }

  auto epoch = std::make_shared<detail::Epoch>(
      dataset_, std::move(plan), options_.transform, options_.num_workers > 0);
  epoch->advance();  // the first batch; an error here leaves no thread behind
  return iterator(std::move(epoch));
}

DataLoader::iterator::iterator(std::shared_ptr<detail::Epoch> epoch)
    : epoch_(std::move(epoch)) {}

const Batch* DataLoader::iterator::operator->() const {
  if (!epoch_ || epoch_->done()) {
    fail("DataLoader", "dereferencing an iterator that is past the last batch");
  }
  return &epoch_->current();
}

DataLoader::iterator& DataLoader::iterator::operator++() {
  if (epoch_) {
    epoch_->advance();
    // Ends the epoch's thread as soon as the last batch is out.
    if (epoch_->done()) epoch_.reset();
  }
  return *this;
}

bool DataLoader::iterator::operator==(std::default_sentinel_t) const {
  return !epoch_ || epoch_->done();
}

}  // namespace d2l::gluon::data
