// The reference answer to dropout_unscaled.cpp.
#include "dropout_unscaled.hpp"

#include "d2l/d2l.hpp"

using namespace d2l;

NDArray dropout_unscaled(const NDArray& X, float drop_prob) {
  if (drop_prob == 1) return nd::zeros_like(X);
  NDArray mask = nd::random::uniform(0, 1, X.shape()) < (1 - drop_prob);
  return mask * X;  // survivors keep their values
}

NDArray dropout_unscaled_predict(const NDArray& X, float drop_prob) {
  return X * (1 - drop_prob);
}
