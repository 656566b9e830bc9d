// The check of count_labels: ten counts, 6000 each on the training set and
// 1000 each on the test set, adding up to the sets' sizes.
#include "count_labels.hpp"

#include <numeric>

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

int main() {
  return exercise::run(
      "count_labels", "02_linear_networks/fashion_mnist/count_labels.cpp",
      [](exercise::Checks& check) {
        gluon::data::vision::FashionMNIST train(true), test(false);
        for (auto [data, per_class, name] :
             {std::tuple{&train, 6000, "training"}, std::tuple{&test, 1000, "test"}}) {
          std::vector<int64_t> counts = count_labels(*data);
          check.that(counts.size() == 10,
                     std::string("the ") + name + " counts have 10 entries (got " +
                         std::to_string(counts.size()) + ")",
                     "one counter per class 0..9: std::vector<int64_t>(10, 0)");
          if (counts.size() != 10) continue;
          int64_t total = std::accumulate(counts.begin(), counts.end(), int64_t{0});
          check.that(total == data->size(),
                     std::string("the ") + name + " counts add up to the set's size " +
                         std::to_string(data->size()) + " (got " + std::to_string(total) +
                         ")",
                     "visit every label once: for (uint8_t label : data.labels()) "
                     "++counts[label]");
          std::string got;
          bool all = true;
          for (int64_t c : counts) {
            got += (got.empty() ? "" : ", ") + std::to_string(c);
            all = all && c == per_class;
          }
          check.that(all,
                     std::string("every class of the ") + name + " set has " +
                         std::to_string(per_class) + " examples (got " + got + ")",
                     "counts[c] should count the images whose label is c");
        }
      });
}
