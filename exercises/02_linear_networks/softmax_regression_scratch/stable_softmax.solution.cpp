// The reference answer to stable_softmax.cpp.
#include "stable_softmax.hpp"

#include "d2l/d2l.hpp"

using namespace d2l;

NDArray stable_softmax(const NDArray& X) {
  NDArray shifted = X - X.max(1, true);  // each row's largest entry becomes 0
  NDArray X_exp = nd::exp(shifted);
  return X_exp / X_exp.sum(1, true);
}
