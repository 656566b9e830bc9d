// nd::batch_norm: batch normalization as ONE recorded op (inputs x, gamma,
// beta) with a fused backward for all three. The moving statistics are
// updated in place outside the graph and are never inputs of the node.
#include <vector>

#include "d2l/autograd.hpp"
#include "d2l/nn_ops.hpp"
#include "kernels/kernels.hpp"
#include "ndarray/impl.hpp"

namespace d2l::nd {

using detail::fail;
using detail::ptr;

namespace {

constexpr const char* kOp = "BatchNorm";

// Each per-channel array must be (C): the input's length along the axis.
void check_channel_shape(const NDArray& a, const char* name, const NDArray& x, int axis) {
  const int64_t c = x.shape()[axis];
  if (a.shape() != Shape{c}) {
    fail(kOp, name, " has shape ", shape_str(a.shape()), ", but the input of shape ",
         shape_str(x.shape()), " has ", c, " channels along axis ", axis,
         "; it must have shape (", c, ",)");
  }
}

}  // namespace

NDArray batch_norm(const NDArray& x, const NDArray& gamma, const NDArray& beta,
                   const NDArray& moving_mean, const NDArray& moving_var,
                   const BatchNormOptions& options) {
  for (const NDArray* a : {&x, &gamma, &beta, &moving_mean, &moving_var}) {
    detail::defined(*a, kOp);
  }
  if (x.ndim() < 1) fail(kOp, "expects an input with a channel axis, got a 0-d array");
  const int axis = detail::normalize_axis(options.axis, x.ndim(), kOp);
  check_channel_shape(gamma, "gamma", x, axis);
  check_channel_shape(beta, "beta", x, axis);
  check_channel_shape(moving_mean, "moving_mean", x, axis);
  check_channel_shape(moving_var, "moving_var", x, axis);
  if (!(options.eps > 0)) fail(kOp, "eps must be positive, got ", options.eps);
  if (!(options.momentum >= 0 && options.momentum <= 1)) {
    fail(kOp, "momentum must be in [0, 1], got ", options.momentum);
  }
  const Device d = detail::common_device(kOp, {x, gamma, beta, moving_mean, moving_var});
  const detail::AxisView v = detail::view_around(x.shape(), axis);
  const int64_t c = v.n;

  // The statistics this call normalizes with, in arrays of its own: the
  // backward reads these, not the moving statistics (which later steps change).
  const bool batch_stats = autograd::is_training() && !options.use_global_stats;
  NDArray mean = detail::empty({c}, d), inv_std = detail::empty({c}, d);
  if (batch_stats) {
    if (v.outer * v.inner == 0) {
      fail(kOp, "cannot take batch statistics of an empty input of shape ",
           shape_str(x.shape()));
    }
    NDArray var = detail::empty({c}, d);
    kernels::batch_norm_stats(d, ptr(x), ptr(mean), ptr(var), v.outer, c, v.inner);
    kernels::batch_norm_inv_std(d, ptr(var), ptr(inv_std), c, options.eps);
    // moving = momentum * moving + (1 - momentum) * batch, written in place:
    // not part of the graph, but a graph that read the old values must know.
    kernels::batch_norm_moving_update(d, ptr(moving_mean), ptr(mean), c,
                                      options.momentum);
    kernels::batch_norm_moving_update(d, ptr(moving_var), ptr(var), c, options.momentum);
    detail::mark_written(moving_mean);
    detail::mark_written(moving_var);
  } else {
    kernels::copy(d, ptr(moving_mean), ptr(mean), c);
    kernels::batch_norm_inv_std(d, ptr(moving_var), ptr(inv_std), c, options.eps);
  }

  NDArray y = detail::empty(x.shape(), d);
  kernels::batch_norm_apply(d, ptr(x), ptr(mean), ptr(inv_std), ptr(gamma), ptr(beta),
                            ptr(y), v.outer, c, v.inner);

  return detail::record_op(
      kOp, y, {x, gamma, beta},
      [x, gamma, beta, mean, inv_std, v, d,
       batch_stats](const NDArray& g) -> std::vector<NDArray> {
        const bool want_x = detail::wants_grad(x);
        // dx may be written over g: each element of dx reads only its own g
        // element, after the channel's sums.
        NDArray dx = !want_x                 ? NDArray()
                     : detail::sole_owner(g) ? g
                                             : detail::empty(x.shape(), d);
        NDArray dgamma = detail::empty({v.n}, d), dbeta = detail::empty({v.n}, d);
        kernels::batch_norm_backward(d, ptr(x), ptr(g), ptr(mean), ptr(inv_std),
                                     ptr(gamma), want_x ? ptr(dx) : nullptr, ptr(dgamma),
                                     ptr(dbeta), v.outer, v.n, v.inner, batch_stats);
        return {dx, detail::wants_grad(gamma) ? dgamma : NDArray(),
                detail::wants_grad(beta) ? dbeta : NDArray()};
      });
}

}  // namespace d2l::nd
