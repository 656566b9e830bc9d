// The reference answer to accumulate_grad.cpp.
#include "accumulate_grad.hpp"

#include "d2l/d2l.hpp"

using namespace d2l;

NDArray accumulate_grad(NDArray x, const std::function<NDArray(const NDArray&)>& f,
                        int times) {
  x.attach_grad(GradReq::add);  // the buffer starts at zero and sums every backward
  for (int i = 0; i < times; ++i) {
    NDArray y;
    {
      autograd::record rec;
      y = f(x);
    }
    y.backward();  // a new graph each time, so no retain_graph is needed
  }
  return x.grad();
}
