// The reference answer to constant_init_grad.cpp.
#include "constant_init_grad.hpp"

#include "d2l/d2l.hpp"

using namespace d2l;

MlpGrads constant_init_grad(const NDArray& X, const NDArray& y, int64_t num_hiddens,
                            int64_t num_outputs, float c) {
  const int64_t num_inputs = X.shape()[1];
  auto W1 = nd::full({num_inputs, num_hiddens}, c);
  auto b1 = nd::zeros({num_hiddens});
  auto W2 = nd::full({num_hiddens, num_outputs}, c);
  auto b2 = nd::zeros({num_outputs});
  for (auto* p : {&W1, &b1, &W2, &b2}) p->attach_grad();
  NDArray l;
  {
    autograd::record rec;
    auto H = nd::maximum(nd::dot(X, W1) + b1, 0.0f);
    l = nd::mean(nd::softmax_cross_entropy(nd::dot(H, W2) + b2, y));
  }
  l.backward();
  return {W1.grad(), W2.grad()};
}
