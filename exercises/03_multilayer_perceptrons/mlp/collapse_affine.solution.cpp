// The reference answer to collapse_affine.cpp.
#include "collapse_affine.hpp"

#include "d2l/d2l.hpp"

using namespace d2l;

std::pair<NDArray, NDArray> collapse_affine(const NDArray& W1, const NDArray& b1,
                                            const NDArray& W2, const NDArray& b2) {
  // (X W1 + b1) W2 + b2 = X (W1 W2) + (b1 W2 + b2)
  NDArray W = nd::dot(W1, W2);
  NDArray b = nd::dot(b1.reshape({1, -1}), W2).reshape({-1}) + b2;
  return {W, b};
}
