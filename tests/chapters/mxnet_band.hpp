#pragma once
// The full-run checks ([<name>][full]): a chapter run at the book's settings
// must land where MXNet 1.9.1, running the MXNet edition's own code on the same
// data, lands over several seeds (data/reference/mxnet-1.9.1/, made by
// bench/mxnet_reference/run_reference.py). The band is MXNet's min..max over
// its seeds, widened by a margin for one run's seed-to-seed spread.

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "chapters/results.hpp"

namespace chapter_test {

/// MXNet's summary of one section (or one variant of it), e.g.
/// `mxnet_summary("dropout", "scratch")["final_test_acc"]["min"]`.
inline json mxnet_summary(const std::string& section, const std::string& variant = "") {
  const std::string path =
      std::string(D2L_SOURCE_DIR) + "/data/reference/mxnet-1.9.1/" + section + ".json";
  std::ifstream in(path);
  if (!in) {
    throw std::runtime_error("cannot open the MXNet reference " + path +
                             " (made by bench/mxnet_reference/run_reference.py)");
  }
  json ref = json::parse(in);
  if (!variant.empty()) ref = ref.at("variants").at(variant);
  return ref.at("summary");
}

/// What one full-run value is compared with: our results.json key, MXNet's
/// summary key, and how far outside MXNet's min..max one run may land.
struct BandCheck {
  std::string ours;
  std::string mxnet;
  double margin;
};

/// Checks that our value lies in [MXNet min - margin, MXNet max + margin].
inline void check_in_mxnet_band(const std::string& name, const json& summary,
                                const BandCheck& c) {
  const double lo = summary.at(c.mxnet).at("min").get<double>() - c.margin;
  const double hi = summary.at(c.mxnet).at("max").get<double>() + c.margin;
  const double got = scalar(name, c.ours);
  INFO(name << ": " << c.ours << " = " << got << ", MXNet 1.9.1 " << c.mxnet
            << " band with margin " << c.margin << ": [" << lo << ", " << hi << "]");
  CHECK(got >= lo);
  CHECK(got <= hi);
}

/// The two checks of a classifier's full run: its final test accuracy and
/// training loss (results.json keys `<prefix>final_test_acc`, `<prefix>final_loss`)
/// against MXNet's for the section (or its `variant`).
inline void check_classifier_in_mxnet_band(const std::string& name,
                                           const std::string& variant,
                                           const std::string& prefix, double acc_margin,
                                           double loss_margin) {
  const json summary = mxnet_summary(name, variant);
  check_in_mxnet_band(name, summary,
                      {prefix + "final_test_acc", "final_test_acc", acc_margin});
  check_in_mxnet_band(name, summary,
                      {prefix + "final_loss", "final_train_loss", loss_margin});
}

}  // namespace chapter_test
