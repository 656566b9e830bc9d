#pragma once
/// @file timer.hpp
/// Timer: wall-clock laps, as the book's `d2l.Timer`.

#include <chrono>
#include <vector>

namespace d2l::book {

/// Measures laps of wall-clock time. It starts on construction:
///
///     Timer timer;
///     ...;
///     timer.stop();  // records a lap, returns its seconds
///     std::cout << timer.sum() << " s\n";
class Timer {
 public:
  /// Starts the first lap.
  Timer() { start(); }
  /// Starts a new lap.
  void start();
  /// Ends the lap, records it and returns its length in seconds.
  double stop();
  /// Seconds since the last start(), without ending the lap.
  double elapsed() const;
  /// Mean lap length (0 with no laps).
  double avg() const;
  /// Total of all laps.
  double sum() const;
  /// Running totals: the time at the end of each lap.
  std::vector<double> cumsum() const;
  /// Every recorded lap, in seconds.
  const std::vector<double>& times() const { return times_; }

 private:
  std::chrono::steady_clock::time_point start_;
  std::vector<double> times_;
};

}  // namespace d2l::book
