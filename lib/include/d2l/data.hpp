#pragma once
/// @file data.hpp
/// Gluon's data API: datasets of (features, label) examples and a DataLoader
/// that cuts them into shuffled minibatches, as `mxnet.gluon.data` does.

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <iterator>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "d2l/ndarray.hpp"

namespace d2l::gluon::data {

/// A minibatch: features `(batch, ...)` and labels `(batch, ...)`, both float32.
struct Batch {
  /// The features, `(batch, ...)`.
  NDArray data;
  /// The labels, `(batch, ...)`.
  NDArray label;
};

/// A function applied to each batch of features, `(batch, ...) -> (batch, ...)`.
using Transform = std::function<NDArray(const NDArray&)>;

/// A collection of examples, each a pair (features, label).
///
/// A dataset hands out whole batches (`gather`) rather than one example at a
/// time, so that the DataLoader can copy rows with memcpy instead of stacking
/// thousands of small arrays. `gather` must be safe to call from another
/// thread (the DataLoader prepares batches in the background).
class Dataset {
 public:
  virtual ~Dataset() = default;
  /// Number of examples.
  virtual int64_t size() const = 0;
  /// The examples at `indices`, stacked along a new first axis.
  virtual Batch gather(std::span<const int64_t> indices) const = 0;
  /// Example `i` as (features, label), without the batch axis; negative `i`
  /// counts from the end. The book writes `mnist_train[0]`.
  std::pair<NDArray, NDArray> get(int64_t i) const;
  /// The same as get(i): `mnist_train[0]`.
  std::pair<NDArray, NDArray> operator[](int64_t i) const { return get(i); }
};

/// Examples taken from two arrays whose first axis indexes the examples:
/// `X` is `(n, ...)` and `y` is `(n, ...)` (Gluon's `ArrayDataset(X, y)`).
/// The arrays are shared, not copied (they are moved to host memory first).
class ArrayDataset : public Dataset {
 public:
  /// Examples `(X[i], y[i])`; both arrays need the same number of rows.
  ArrayDataset(NDArray X, NDArray y);
  int64_t size() const override;
  Batch gather(std::span<const int64_t> indices) const override;

 private:
  NDArray X_;
  NDArray y_;
};

/// How a DataLoader cuts a dataset into batches.
struct DataLoaderOptions {
  /// Examples per batch.
  int64_t batch_size = 1;
  /// Visit the examples in a new random order every epoch (drawn from the
  /// generator that `nd::random::seed` seeds).
  bool shuffle = false;
  /// What happens to a last batch smaller than batch_size: "keep" it,
  /// "discard" it, or "rollover" its examples into the next epoch.
  std::string last_batch = "keep";
  /// Applied to each batch of features (ToTensor, Resize, ...); labels pass.
  Transform transform = nullptr;
  /// 0: batches are made on the calling thread. 1 or more: one background
  /// thread prepares the next batch while the caller uses the current one
  /// (one thread, because the CPU is shared with the training itself).
  int num_workers = 1;
};

namespace detail {
class Epoch;
}

/// Iterates over a dataset in minibatches, Gluon's `DataLoader`:
///
///     DataLoader train_iter(mnist_train, {.batch_size = 256, .shuffle = true});
///     for (const auto& [X, y] : train_iter) { ... }
///
/// Each `for` loop is one epoch. The dataset is shared by the loader and its
/// loops, so a loop may outlive the loader; a background thread belongs to its
/// loop and is joined when the loop ends, by `break`, return or an exception.
class DataLoader {
 public:
  /// Batches of a dataset shared with others (not copied).
  DataLoader(std::shared_ptr<const Dataset> dataset, DataLoaderOptions options = {});
  /// Takes a dataset by value (datasets are cheap handles to shared data).
  template <std::derived_from<Dataset> D>
  DataLoader(D dataset, DataLoaderOptions options = {})  // NOLINT
      : DataLoader(std::make_shared<const D>(std::move(dataset)), std::move(options)) {}

  /// Number of batches the next epoch yields.
  int64_t size() const;
  /// The dataset the batches come from.
  const Dataset& dataset() const { return *dataset_; }
  /// The batch size, shuffling and transform in use.
  const DataLoaderOptions& options() const { return options_; }

  /// Walks one epoch; `*it` is the current Batch.
  class iterator {
   public:
    /// What the loop yields.
    using value_type = Batch;
    /// Distances count batches.
    using difference_type = std::ptrdiff_t;
    /// An iterator at no epoch (equal to the end).
    iterator() = default;
    /// The current batch (a copy of two handles, so that it stays valid after
    /// the iterator is gone: `auto b = *loader.begin();`).
    Batch operator*() const { return *operator->(); }
    /// The current batch, without copying it: `it->data`.
    const Batch* operator->() const;
    /// Moves to the next batch.
    iterator& operator++();
    /// Moves to the next batch; returns nothing.
    void operator++(int) { ++*this; }
    /// True when the epoch has no more batches.
    bool operator==(std::default_sentinel_t) const;

   private:
    friend class DataLoader;
    explicit iterator(std::shared_ptr<detail::Epoch> epoch);
    std::shared_ptr<detail::Epoch> epoch_;
  };
  /// Starts an epoch: shuffles (if asked) and starts the background thread.
  iterator begin() const;
  /// Marks the end of an epoch.
  std::default_sentinel_t end() const { return {}; }

 private:
  std::shared_ptr<const Dataset> dataset_;
  DataLoaderOptions options_;
  // Examples carried into the next epoch by last_batch = "rollover".
  mutable std::vector<int64_t> carried_;
};

}  // namespace d2l::gluon::data
