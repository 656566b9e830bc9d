#pragma once
/// @file progress.hpp
/// A one-line live display of a running epoch, for terminals only.

#include <chrono>
#include <cstdint>
#include <string>

namespace d2l::book {

/// Shows `epoch 2  [#####.....] 120/235  loss 0.512  61234 examples/s` on
/// std::cerr, rewritten in place with `\r`, at most ten times a second. It is
/// silent unless std::cerr is a terminal, and never writes to std::cout: the
/// chapter helper captures std::cout into the book page, where only the
/// per-epoch summaries belong. `D2L_PROGRESS=0` (or `1`) in the environment
/// turns it off (or on) regardless.
class ProgressBar {
 public:
  /// `total` batches; `label` is printed first (`epoch 2`).
  ProgressBar(std::string label, int64_t total);
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;
  /// Clears the line (if anything was drawn).
  ~ProgressBar();
  /// After batch `done` (1-based): `examples` seen so far this epoch and the
  /// mean loss over them.
  void update(int64_t done, int64_t examples, double loss);
  /// Erases the line, so that what is printed next starts on a clean line.
  void clear();
  /// True when the bar draws (see terminal()).
  bool enabled() const { return enabled_; }
  /// True where a live display would be seen (std::cerr is a terminal, unless
  /// D2L_PROGRESS says otherwise).
  static bool terminal();

 private:
  std::string label_;
  int64_t total_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_, last_draw_;
};

}  // namespace d2l::book
