#pragma once
// The one random generator behind nd::random, shuffling and initializers, so
// that nd::random::seed() makes a whole run repeatable.
#include <random>

namespace d2l::detail {

inline std::mt19937_64& random_engine() {
  static std::mt19937_64 engine(0);
  return engine;
}

}  // namespace d2l::detail
