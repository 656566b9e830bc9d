// Trainer with SGD (plain, weight decay, momentum), updating every parameter
// in place with primitive kernels and buffers kept from the first step.
#include "d2l/gluon/trainer.hpp"

#include <cmath>
#include <iostream>

#include "d2l/ops.hpp"
#include "ndarray/impl.hpp"

namespace d2l::gluon {

using detail::fail;
using kernels::Binary;

struct Trainer::State {
  NDArray momentum;  // v, the velocity (only with momentum)
  NDArray scaled;    // a scaled copy of the gradient or the weight
  NDArray scalar;    // a one-element constant the kernels broadcast
  kernels::BroadcastPlan by_scalar, same;
  uint64_t grad_version = 0;  // the gradient's storage version at the last step
  bool stale_noted = false;   // the stale-gradient warning is printed once
};

Trainer::Trainer(const ParameterDict& params, const std::string& optimizer,
                 const TrainerOptions& options)
    : params_(params), options_(options) {
  if (optimizer != "sgd") {
    fail("Trainer", "unknown optimizer '", optimizer, "' (known: \"sgd\")");
  }
  // Written so that NaN fails too: a NaN rate would silently turn every weight NaN.
  if (!(options.momentum >= 0 && options.momentum < 1)) {
    fail("Trainer", "momentum must be in [0, 1), got ", options.momentum);
  }
  if (!(options.wd >= 0 && std::isfinite(options.wd))) {
    fail("Trainer", "wd (weight decay) must be a finite number >= 0, got ", options.wd);
  }
  set_learning_rate(options.learning_rate);
  states_.resize(params_.size());
}

void Trainer::set_learning_rate(float lr) {
  if (!(lr >= 0 && std::isfinite(lr))) {
    fail("Trainer", "learning_rate must be a finite number >= 0, got ", lr,
         " (the book's rates are between 0.01 and 0.9)");
  }
  options_.learning_rate = lr;
}

Trainer::~Trainer() = default;
Trainer::Trainer(Trainer&&) noexcept = default;
Trainer& Trainer::operator=(Trainer&&) noexcept = default;

void Trainer::step(int64_t batch_size) {
  if (batch_size <= 0)
    fail("Trainer::step", "batch_size must be positive, got ", batch_size);
  const float rescale = 1.0f / float(batch_size);
  size_t i = 0;
  for (auto& p : params_) {
    auto& st = states_[i++];
    if (p.grad_req() == GradReq::null) continue;
    NDArray w = p.data(), g = p.grad();
    Device d = w.context();
    // A gradient no backward() wrote since the last step: the update reuses old
    // numbers. MXNet warns about it too; usually a layer the forward pass skips.
    const uint64_t version = g.impl()->storage->version;
    if (st && version == st->grad_version && !st->stale_noted) {
      std::cerr << "warning: Trainer::step: the gradient of " << p.name()
                << " has not changed since the last step: did backward() run, and "
                   "does forward use this parameter?\n";
      st->stale_noted = true;
    }
    if (!st) {
      st = std::make_unique<State>();
      st->scaled = detail::empty(w.shape(), d);
      st->scalar = detail::empty({}, d);
      st->by_scalar = kernels::plan_broadcast(w.shape(), {}, w.shape());
      st->same = kernels::plan_broadcast(w.shape(), w.shape(), w.shape());
      if (options_.momentum > 0) st->momentum = nd::zeros(w.shape(), d);
    }
    st->grad_version = version;
    detail::mark_written(w);  // a graph recorded before this step is now stale
    const float lr = options_.learning_rate * p.lr_mult();
    const float wd = options_.wd * p.wd_mult();
    float *pw = detail::ptr(w), *pg = detail::ptr(g), *ps = detail::ptr(st->scaled);
    float* c = detail::ptr(st->scalar);
    // out = x * value, with `value` broadcast from the scalar buffer.
    auto scale = [&](const float* x, float value, float* out) {
      kernels::fill(d, c, 1, value);
      kernels::binary(d, Binary::mul, x, c, out, st->by_scalar);
    };
    auto add_into = [&](float* y, const float* x) {
      kernels::binary(d, Binary::add, y, x, y, st->same);
    };
    if (options_.momentum > 0) {
      // v = momentum v - lr (g / batch + wd w); w += v
      float* pv = detail::ptr(st->momentum);
      scale(pv, options_.momentum, pv);
      scale(pg, -lr * rescale, ps);
      add_into(pv, ps);
      if (wd != 0) {
        scale(pw, -lr * wd, ps);
        add_into(pv, ps);
      }
      add_into(pw, pv);
    } else {
      // w = (1 - lr wd) w - lr g / batch
      scale(pg, -lr * rescale, ps);
      if (wd != 0) scale(pw, 1.0f - lr * wd, pw);
      add_into(pw, ps);
    }
  }
}

}  // namespace d2l::gluon
