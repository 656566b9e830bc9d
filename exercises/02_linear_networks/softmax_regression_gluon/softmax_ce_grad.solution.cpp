// The reference answer to softmax_ce_grad.cpp.
#include "softmax_ce_grad.hpp"

#include "d2l/d2l.hpp"

using namespace d2l;

NDArray softmax_ce_grad(const NDArray& O, const NDArray& y) {
  int64_t q = O.shape()[1];
  // one_hot[i, j] = 1 where j == y_i: compare a row of class numbers with a column of
  // labels
  NDArray one_hot = nd::equal(nd::arange(q).reshape({1, q}), y.reshape({-1, 1}));
  return nd::softmax(O) - one_hot;
}
