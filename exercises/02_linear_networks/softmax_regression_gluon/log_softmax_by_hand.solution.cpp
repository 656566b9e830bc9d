// The reference answer to log_softmax_by_hand.cpp.
#include "log_softmax_by_hand.hpp"

#include "d2l/d2l.hpp"

using namespace d2l;

NDArray log_softmax_by_hand(const NDArray& X) {
  NDArray shifted = X - X.max(1, true);  // the largest entry of each row is 0
  return shifted - nd::log(nd::exp(shifted).sum(1, true));
}
