// The check of tensor_reduction: the parameter's shape, the output against
// triple loops over the entries, and the weight's gradient from autograd.
#include "tensor_reduction.hpp"

#include <vector>

#include "check.hpp"
#include "d2l/d2l.hpp"

using namespace d2l;

int main() {
  return exercise::run(
      "tensor_reduction", "04_computation/custom_layers/tensor_reduction.cpp",
      [](exercise::Checks& check) {
        const int64_t d = 3, q = 2, batch = 4;
        auto layer = make_tensor_reduction(d, q);
        layer->initialize(init::Normal(1.0f));
        NDArray X = nd::random::normal(0, 1, {batch, d});
        NDArray Y = (*layer)(X);
        check.that(layer->params().size() == 1, "the layer has exactly one parameter",
                   "it has " + std::to_string(layer->params().size()) +
                       "; register one called \"weight\"");
        gluon::Parameter W = layer->weight();
        check.that(W.shape() == Shape{d, d, q},
                   "the weight is (3, 3, 2) for 3 inputs, 2 outputs",
                   "got " + shape_str(W.shape()) + "; it is (in_units, in_units, units)");
        if (W.shape() != Shape{d, d, q}) return;
        std::vector<float> w = W.data().to_vector(), x = X.to_vector(), y(batch * q, 0);
        for (int64_t n = 0; n < batch; ++n)
          for (int64_t i = 0; i < d; ++i)
            for (int64_t j = 0; j < d; ++j)
              for (int64_t k = 0; k < q; ++k)
                y[n * q + k] += w[(i * d + j) * q + k] * x[n * d + i] * x[n * d + j];
        check.close(Y, NDArray(y, {batch, q}),
                    "Y[n, k] = sum_ij W[i, j, k] X[n, i] X[n, j] for a batch of 4",
                    "each example's outer product x x^T (in * in entries) dotted with W "
                    "reshaped to (in * in, units); keep the batch axis first",
                    1e-4f);
        NDArray l;
        {
          autograd::record rec;
          l = (*layer)(X).sum();
        }
        l.backward();
        // d(sum_nk Y[n, k]) / dW[i, j, k] = sum_n X[n, i] X[n, j], the same for every k
        NDArray gram = nd::dot(X, X, true).reshape({d, d, 1}) * nd::ones({1, 1, q});
        check.close(W.grad(), gram,
                    "autograd's gradient of sum(Y) with respect to W is sum_n x_i x_j",
                    "zeros mean some products x_i x_j are missing from forward; compute "
                    "it with nd ops on weight.data() so that autograd "
                    "sees W; do not go through to_vector()",
                    1e-4f);
      });
}
