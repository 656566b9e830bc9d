// BatchNorm: nd::batch_norm with its four per-channel parameters, inferring
// in_channels at the first forward.
#include "d2l/gluon/nn/batch_norm.hpp"

#include <memory>
#include <sstream>

#include "d2l/nn_ops.hpp"
#include "ndarray/impl.hpp"

namespace d2l::gluon::nn {

using detail::fail;

namespace {
constexpr const char* kOp = "nn::BatchNorm";
}  // namespace

BatchNorm::BatchNorm(const BatchNormOptions& options) : options_(options) {
  const auto& o = options;
  if (o.in_channels < 0) {
    fail(kOp, "in_channels must be >= 0 (0: infer), got ", o.in_channels);
  }
  if (!(o.epsilon > 0)) fail(kOp, "epsilon must be positive, got ", o.epsilon);
  if (!(o.momentum >= 0 && o.momentum <= 1)) {
    fail(kOp, "momentum must be in [0, 1], got ", o.momentum);
  }
  const Shape c = {o.in_channels};
  auto one = std::make_shared<init::One>();
  auto zero = std::make_shared<init::Zero>();
  // Without scale (center), gamma (beta) stays at 1 (0): grad_req null.
  gamma = register_parameter("gamma", c, o.scale ? GradReq::write : GradReq::null, one);
  beta = register_parameter("beta", c, o.center ? GradReq::write : GradReq::null, zero);
  running_mean = register_parameter("running_mean", c, GradReq::null, zero);
  running_var = register_parameter("running_var", c, GradReq::null, one);
}

NDArray BatchNorm::forward(const NDArray& x) {
  detail::defined(x, kOp);
  const auto& o = options_;
  if (x.ndim() < 2) {
    fail(kOp, "expects input of shape (batch, channels, ...), got ",
         shape_str(x.shape()));
  }
  const int axis = detail::normalize_axis(o.axis, x.ndim(), kOp);
  const int64_t c = x.shape()[axis];
  for (Parameter* p : {&gamma, &beta, &running_mean, &running_var}) {
    if (!p->is_initialized()) p->finish_deferred_init({c});
  }
  if (gamma.shape()[0] != c) {
    fail(kOp, "layer '", prefix(), "' expects ", gamma.shape()[0],
         " channels, but the input of shape ", shape_str(x.shape()), " has ", c,
         " along axis ", axis);
  }
  return nd::batch_norm(x, gamma.data(), beta.data(), running_mean.data(),
                        running_var.data(),
                        {.eps = o.epsilon,
                         .momentum = o.momentum,
                         .axis = o.axis,
                         .use_global_stats = o.use_global_stats});
}

std::string BatchNorm::repr() const {
  const auto& o = options_;
  const int64_t in = gamma.shape()[0];
  std::ostringstream os;
  os << "BatchNorm(axis=" << o.axis << ", eps=" << o.epsilon
     << ", momentum=" << o.momentum << ", fix_gamma=" << (o.scale ? "False" : "True")
     << ", use_global_stats=" << (o.use_global_stats ? "True" : "False")
     << ", in_channels=" << (in ? std::to_string(in) : std::string("None")) << ")";
  return os.str();
}

}  // namespace d2l::gluon::nn
