#include "d2l/utils/timer.hpp"

#include <numeric>

namespace d2l::book {

void Timer::start() { start_ = std::chrono::steady_clock::now(); }

double Timer::stop() {
  times_.push_back(elapsed());
  return times_.back();
}

double Timer::elapsed() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

double Timer::avg() const { return times_.empty() ? 0.0 : sum() / times_.size(); }

double Timer::sum() const { return std::accumulate(times_.begin(), times_.end(), 0.0); }

std::vector<double> Timer::cumsum() const {
  std::vector<double> out(times_.size());
  std::partial_sum(times_.begin(), times_.end(), out.begin());
  return out;
}

}  // namespace d2l::book
