// The reference answer to bn_bias_free.cpp.
#include "bn_bias_free.hpp"

#include "d2l/d2l.hpp"

using namespace d2l;

NDArray batch_norm_train(const NDArray& X, const NDArray& gamma, const NDArray& beta,
                         float eps) {
  const int64_t C = X.shape()[1];
  // Statistics per feature over the batch (2-D), per channel over (N, H, W) (4-D),
  // and gamma, beta shaped to broadcast along the channel axis.
  const Axes axes = X.ndim() == 2 ? Axes{0} : Axes{0, 2, 3};
  const Shape bshape = X.ndim() == 2 ? Shape{1, C} : Shape{1, C, 1, 1};
  NDArray mean = X.mean(axes, /*keepdims=*/true);
  NDArray var = nd::square(X - mean).mean(axes, /*keepdims=*/true);
  NDArray X_hat = (X - mean) / nd::sqrt(var + eps);
  return gamma.reshape(bshape) * X_hat + beta.reshape(bshape);
}
