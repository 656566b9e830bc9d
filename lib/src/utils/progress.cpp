#include "d2l/utils/progress.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <sstream>

namespace d2l::book {

bool ProgressBar::terminal() {
  if (const char* env = std::getenv("D2L_PROGRESS"); env && *env) {
    return std::strcmp(env, "0") != 0;
  }
  return isatty(fileno(stderr)) != 0;
}

ProgressBar::ProgressBar(std::string label, int64_t total)
    : label_(std::move(label)), total_(total), enabled_(terminal()) {
  start_ = last_draw_ = std::chrono::steady_clock::now();
}

ProgressBar::~ProgressBar() { clear(); }

void ProgressBar::update(int64_t done, int64_t examples, double loss) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  // Redrawing every batch would cost more than a small batch; 10 Hz reads fine.
  if (drawn_ && done < total_ && now - last_draw_ < std::chrono::milliseconds(100)) {
    return;
  }
  last_draw_ = now;
  const double secs = std::chrono::duration<double>(now - start_).count();
  constexpr int kWidth = 20;
  const int filled = total_ > 0 ? static_cast<int>(kWidth * done / total_) : 0;
  std::ostringstream line;
  line << '\r' << label_ << "  [" << std::string(filled, '#')
       << std::string(kWidth - filled, '.') << "] " << done << '/' << total_;
  char tail[96];
  std::snprintf(tail, sizeof tail, "  loss %.4f  %.0f examples/s", loss,
                secs > 0 ? examples / secs : 0.0);
  line << tail << "\033[K";  // erase what a longer previous line left
  std::cerr << line.str() << std::flush;
  drawn_ = true;
}

void ProgressBar::clear() {
  if (!drawn_) return;
  std::cerr << "\r\033[K" << std::flush;
  drawn_ = false;
}

}  // namespace d2l::book
