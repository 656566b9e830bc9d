// Datasets and the DataLoader: batch order, shuffling, last_batch modes,
// per-batch transforms, the background thread (early exit, errors).
#include "d2l/data.hpp"

#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <stdexcept>
#include <thread>

#include "d2l/ops.hpp"

using namespace d2l;
using namespace d2l::gluon::data;

namespace {

// n examples: X row i is (i, 10 i), y[i] = i, so a batch says which rows it holds.
ArrayDataset numbered(int64_t n) {
  std::vector<float> x, y;
  for (int64_t i = 0; i < n; ++i) {
    x.push_back(float(i));
    x.push_back(float(10 * i));
    y.push_back(float(i));
  }
  return ArrayDataset(NDArray(x, {n, 2}), NDArray(y, {n}));
}

// The labels of every batch of one epoch.
std::vector<std::vector<float>> epoch_labels(const DataLoader& loader) {
  std::vector<std::vector<float>> out;
  for (const auto& [X, y] : loader) out.push_back(y.to_vector());
  return out;
}

std::vector<float> flat(const std::vector<std::vector<float>>& batches) {
  std::vector<float> all;
  for (const auto& b : batches) all.insert(all.end(), b.begin(), b.end());
  return all;
}

}  // namespace

TEST_CASE("ArrayDataset hands out rows as examples", "[data]") {
  auto ds = numbered(5);
  CHECK(ds.size() == 5);
  auto [x, y] = ds.get(3);
  CHECK(x.shape() == Shape{2});
  CHECK(x.to_vector() == std::vector<float>{3, 30});
  CHECK(y.shape() == Shape{});
  CHECK(y.asscalar() == 3);
  CHECK(ds[-1].second.asscalar() == 4);
  CHECK_THROWS_WITH(ds.get(5), Catch::Contains("out of range"));
}

TEST_CASE("ArrayDataset names both shapes when lengths differ", "[data]") {
  CHECK_THROWS_WITH(ArrayDataset(nd::zeros({10, 2}), nd::zeros({9})),
                    Catch::Contains("(10, 2)") && Catch::Contains("(9,)"));
}

TEST_CASE("DataLoader without shuffle keeps the order", "[data]") {
  for (int workers : {0, 1}) {
    DataLoader loader(numbered(7), {.batch_size = 3, .num_workers = workers});
    CHECK(loader.size() == 3);
    auto batches = epoch_labels(loader);
    REQUIRE(batches.size() == 3);
    CHECK(batches[0] == std::vector<float>{0, 1, 2});
    CHECK(batches[1] == std::vector<float>{3, 4, 5});
    CHECK(batches[2] == std::vector<float>{6});
    // Features travel with their labels.
    auto first = *loader.begin();
    CHECK(first.data.shape() == Shape{3, 2});
    CHECK(first.data.to_vector() == std::vector<float>{0, 0, 1, 10, 2, 20});
  }
}

TEST_CASE("DataLoader shuffling is a permutation repeatable with a seed", "[data]") {
  DataLoader loader(numbered(100), {.batch_size = 16, .shuffle = true});
  nd::random::seed(42);
  auto a = flat(epoch_labels(loader));
  auto b = flat(epoch_labels(loader));
  nd::random::seed(42);
  auto c = flat(epoch_labels(loader));
  CHECK(a == c);  // same seed, same order
  CHECK(a != b);  // a new order every epoch
  auto sorted = a;
  std::sort(sorted.begin(), sorted.end());
  std::vector<float> expected(100);
  for (int i = 0; i < 100; ++i) expected[size_t(i)] = float(i);
  CHECK(sorted == expected);
  std::vector<float> identity = expected;
  CHECK(a != identity);
}

TEST_CASE("DataLoader last_batch keep discard and rollover", "[data]") {
  SECTION("keep") {
    DataLoader loader(numbered(10), {.batch_size = 4, .last_batch = "keep"});
    CHECK(loader.size() == 3);
    auto sizes = epoch_labels(loader);
    REQUIRE(sizes.size() == 3);
    CHECK(sizes[2].size() == 2);
  }
  SECTION("discard") {
    DataLoader loader(numbered(10), {.batch_size = 4, .last_batch = "discard"});
    CHECK(loader.size() == 2);
    auto batches = epoch_labels(loader);
    REQUIRE(batches.size() == 2);
    CHECK(batches[1] == std::vector<float>{4, 5, 6, 7});
  }
  SECTION("rollover") {
    DataLoader loader(numbered(10), {.batch_size = 4, .last_batch = "rollover"});
    CHECK(loader.size() == 2);
    auto e1 = epoch_labels(loader);
    REQUIRE(e1.size() == 2);
    // 8 and 9 roll over and open the next epoch: 12 examples, 3 batches.
    CHECK(loader.size() == 3);
    auto e2 = epoch_labels(loader);
    REQUIRE(e2.size() == 3);
    CHECK(e2[0] == std::vector<float>{8, 9, 0, 1});
    CHECK(e2[2] == std::vector<float>{6, 7, 8, 9});
    CHECK(loader.size() == 2);
  }
  SECTION("fewer examples than one batch") {
    DataLoader loader(numbered(3), {.batch_size = 4, .last_batch = "discard"});
    CHECK(loader.size() == 0);
    CHECK(epoch_labels(loader).empty());
  }
}

TEST_CASE("DataLoader rejects bad options", "[data]") {
  CHECK_THROWS_WITH(DataLoader(numbered(3), {.batch_size = 0}),
                    Catch::Contains("batch_size"));
  CHECK_THROWS_WITH(DataLoader(numbered(3), {.last_batch = "drop"}),
                    Catch::Contains("rollover") && Catch::Contains("drop"));
  CHECK_THROWS_WITH(DataLoader(numbered(3), {.num_workers = -1}),
                    Catch::Contains("num_workers"));
}

TEST_CASE("DataLoader applies the transform to features only", "[data]") {
  for (int workers : {0, 1}) {
    DataLoader loader(numbered(4), {.batch_size = 2,
                                    .transform = [](const NDArray& x) { return x * 2; },
                                    .num_workers = workers});
    auto it = loader.begin();
    CHECK(it->data.to_vector() == std::vector<float>{0, 0, 2, 20});
    CHECK(it->label.to_vector() == std::vector<float>{0, 1});
  }
}

TEST_CASE("DataLoader breaking out of a loop joins the worker", "[data]") {
  std::atomic<int> made{0};
  DataLoader loader(numbered(1000), {.batch_size = 1,
                                     .transform =
                                         [&](const NDArray& x) {
                                           ++made;
                                           return x;
                                         },
                                     .num_workers = 1});
  const auto start = std::chrono::steady_clock::now();
  for (int round = 0; round < 20; ++round) {
    int seen = 0;
    for (const auto& batch : loader) {
      CHECK(batch.data.shape() == Shape{1, 2});
      if (++seen == 3) break;
    }
  }
  // The worker stays at most a couple of batches ahead, then stops.
  CHECK(made.load() <= 20 * 5);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));
}

TEST_CASE("DataLoader may be destroyed while a loop still runs", "[data]") {
  DataLoader::iterator it;
  {
    DataLoader loader(numbered(10), {.batch_size = 2});
    it = loader.begin();
  }
  // The loop owns the dataset and its thread: it goes on, then ends.
  int count = 1;
  while (!(++it == std::default_sentinel)) ++count;
  CHECK(count == 5);
}

TEST_CASE("DataLoader rethrows an error raised by the worker", "[data]") {
  for (int workers : {0, 1}) {
    int calls = 0;
    auto failing = [&](const NDArray& x) {
      if (++calls == 3) throw std::runtime_error("bad batch 3");
      return x;
    };
    DataLoader loader(numbered(10),
                      {.batch_size = 2, .transform = failing, .num_workers = workers});
    int seen = 0;
    try {
      for (const auto& batch : loader) {
        (void)batch;
        ++seen;
      }
      FAIL("no exception");
    } catch (const std::runtime_error& e) {
      CHECK(std::string(e.what()) == "bad batch 3");
    }
    CHECK(seen == 2);  // batches before the bad one arrive in order
  }
}

TEST_CASE("DataLoader rethrows an error in the first batch", "[data]") {
  DataLoader loader(numbered(4),
                    {.batch_size = 2, .transform = [](const NDArray&) -> NDArray {
                       throw std::runtime_error("first");
                     }});
  CHECK_THROWS_WITH(loader.begin(), "first");
}
