// Parameter (a shared handle to a named array and its gradient, with deferred
// initialization) and ParameterDict (an ordered, filterable collection).
#include "d2l/gluon/parameter.hpp"

#include <iostream>
#include <regex>

#include "core/error.hpp"
#include "d2l/autograd.hpp"
#include "d2l/ops.hpp"
#include "gluon/forward_scope.hpp"

namespace d2l::gluon {

using detail::fail;

struct Parameter::State {
  std::string name;
  Shape shape;
  GradReq grad_req = GradReq::write;
  std::shared_ptr<const Initializer> own_init;
  // Set by initialize() while the shape is unknown: used at the first forward.
  std::shared_ptr<const Initializer> deferred_init;
  NDArray data;
  Device device;  // where data lives (always), or will be created
  float lr_mult = 1, wd_mult = 1;
};

namespace {
bool shape_known(const Shape& s) {
  for (auto n : s) {
    if (n == 0) return false;
  }
  return true;
}
}  // namespace

Parameter::Parameter(std::string name, Shape shape, GradReq grad_req,
                     std::shared_ptr<const Initializer> init)
    : state_(std::make_shared<State>()) {
  state_->name = std::move(name);
  state_->shape = std::move(shape);
  state_->grad_req = grad_req;
  state_->own_init = std::move(init);
}

Parameter::State& Parameter::state(const char* op) const {
  if (!state_) fail(op, "this Parameter handle is empty (default-constructed)");
  return *state_;
}

const std::string& Parameter::name() const { return state("Parameter::name").name; }
const Shape& Parameter::shape() const { return state("Parameter::shape").shape; }
GradReq Parameter::grad_req() const { return state("Parameter::grad_req").grad_req; }
float Parameter::lr_mult() const { return state("Parameter::lr_mult").lr_mult; }
float Parameter::wd_mult() const { return state("Parameter::wd_mult").wd_mult; }
void Parameter::set_lr_mult(float m) { state("Parameter::set_lr_mult").lr_mult = m; }
void Parameter::set_wd_mult(float m) { state("Parameter::set_wd_mult").wd_mult = m; }
bool Parameter::is_initialized() const { return state("Parameter").data.defined(); }
void Parameter::rename(std::string name) { state("Parameter").name = std::move(name); }

void Parameter::set_shape(const Shape& shape) {
  auto& s = state("Parameter::set_shape");
  bool ok = shape.size() == s.shape.size();
  for (size_t i = 0; ok && i < shape.size(); ++i) {
    ok = s.shape[i] == 0 || s.shape[i] == shape[i];
  }
  if (!ok) {
    fail("Parameter::set_shape", "parameter '", s.name, "' has shape ",
         shape_str(s.shape), " and cannot take shape ", shape_str(shape),
         " (only unknown axes, written 0, may be filled in)");
  }
  s.shape = shape;
}

void Parameter::set_grad_req(GradReq req) {
  auto& s = state("Parameter::set_grad_req");
  s.grad_req = req;
  if (s.data.defined()) {
    // attach_grad makes a leaf of the same storage; keep the handle's storage.
    if (req == GradReq::null) {
      s.data = s.data.detach();
    } else {
      s.data.attach_grad(req);
    }
  }
}

void Parameter::initialize(std::shared_ptr<const Initializer> default_init, Device device,
                           bool force_reinit) {
  // An initialized parameter stays where it is unless it is initialized again.
  if (!is_initialized() || force_reinit) reset_device(device);
  initialize(std::move(default_init), force_reinit);
}

Device Parameter::context() const { return state("Parameter::context").device; }

void Parameter::reset_device(Device device) {
  auto& s = state("Parameter::reset_device");
  s.device = device;
  if (!s.data.defined() || s.data.context() == device) return;
  autograd::pause no_record;
  s.data = s.data.detach().as_in_context(device);
  if (s.grad_req != GradReq::null) s.data.attach_grad(s.grad_req);
}

void Parameter::initialize(std::shared_ptr<const Initializer> default_init,
                           bool force_reinit) {
  auto& s = state("Parameter::initialize");
  if (s.data.defined() && !force_reinit) {
    std::clog << "Parameter '" << s.name << "' is already initialized, ignoring. "
              << "Pass force_reinit=true to initialize it again.\n";
    return;
  }
  s.deferred_init = s.own_init ? s.own_init : std::move(default_init);
  if (!s.deferred_init) s.deferred_init = std::make_shared<init::Uniform>();
  if (shape_known(s.shape)) finish_deferred_init(s.shape);
}

void Parameter::finish_deferred_init(const Shape& shape) {
  auto& s = state("Parameter::finish_deferred_init");
  set_shape(shape);
  if (!s.deferred_init) fail("Parameter", detail::why_not_initialized(*this));
  // Filling happens outside any recording: initialization is not learned.
  autograd::pause no_record;
  NDArray value = nd::zeros(s.shape);
  if (s.own_init) {
    s.own_init->init_weight(s.name, value);
  } else {
    s.deferred_init->fill(s.name, value);
  }
  // Initializers fill on the host; the array lives on the parameter's device.
  value = value.as_in_context(s.device);
  if (s.data.defined() && s.data.shape() == s.shape) {
    s.data.assign(value);  // re-initialization keeps the storage others hold
  } else {
    s.data = value;
    if (s.grad_req != GradReq::null) s.data.attach_grad(s.grad_req);
  }
  s.deferred_init.reset();
}

NDArray Parameter::data() const {
  auto& s = state("Parameter::data");
  if (s.data.defined()) return s.data;
  if (s.deferred_init) {
    fail("Parameter::data", "parameter '", s.name, "' of shape ", shape_str(s.shape),
         " has not been initialized yet because initialization was deferred: the "
         "unknown axes (0) are inferred from the input at the first forward pass. "
         "Pass one batch of data through the network first, or give the layer its "
         "input size (e.g. Dense({.units = 256, .in_units = 784})).");
  }
  fail("Parameter::data", detail::why_not_initialized(*this));
}

NDArray Parameter::grad() const {
  auto& s = state("Parameter::grad");
  if (s.grad_req == GradReq::null) {
    fail("Parameter::grad", "parameter '", s.name,
         "' has grad_req null, so it has no gradient");
  }
  return data().grad();
}

void Parameter::set_data(const NDArray& value) {
  auto& s = state("Parameter::set_data");
  if (s.data.defined()) {
    if (value.shape() != s.shape) {
      fail("Parameter::set_data", "parameter '", s.name, "' has shape ",
           shape_str(s.shape), " but the new value has shape ", shape_str(value.shape()));
    }
    autograd::pause no_record;
    s.data.assign(value.as_in_context(s.device));
    return;
  }
  set_shape(value.shape());
  s.data = value.detach().copyto(s.device);
  if (s.grad_req != GradReq::null) s.data.attach_grad(s.grad_req);
  s.deferred_init.reset();
}

void Parameter::zero_grad() {
  auto& s = state("Parameter::zero_grad");
  if (s.data.defined() && s.grad_req != GradReq::null) s.data.grad().assign(0);
}

std::ostream& operator<<(std::ostream& os, const Parameter& p) {
  if (!p.defined()) return os << "Parameter (empty)";
  return os << "Parameter " << p.name() << " (shape=" << shape_str(p.shape())
            << ", dtype=float32)";
}

// ---- ParameterDict ------------------------------------------------------------

int ParameterDict::find(const std::string& name) const {
  for (size_t i = 0; i < params_.size(); ++i) {
    if (params_[i].name() == name) return int(i);
  }
  return -1;
}

void ParameterDict::add(const Parameter& p) {
  if (!p.defined()) fail("ParameterDict::add", "cannot add an empty Parameter handle");
  int i = find(p.name());
  if (i < 0) {
    params_.push_back(p);
  } else if (!(params_[i] == p)) {
    // Same name, another parameter: two layers would fight over one name.
    fail("ParameterDict::add", "another parameter named '", p.name(),
         "' is already in this dictionary");
  }
}

void ParameterDict::initialize(std::shared_ptr<const Initializer> init, Device device,
                               bool force_reinit) {
  for (auto& p : params_) p.initialize(init, device, force_reinit);
}

void ParameterDict::reset_device(Device device) {
  for (auto& p : params_) p.reset_device(device);
}

void ParameterDict::update(const ParameterDict& other) {
  for (const auto& p : other) add(p);
}

Parameter& ParameterDict::operator[](const std::string& name) {
  int i = find(name);
  if (i < 0) {
    std::string known;
    for (const auto& p : params_) known += (known.empty() ? "" : ", ") + p.name();
    fail("ParameterDict", "no parameter named '", name,
         "' (known: ", known.empty() ? "none" : known, ")");
  }
  return params_[i];
}

const Parameter& ParameterDict::operator[](const std::string& name) const {
  return const_cast<ParameterDict&>(*this)[name];
}

bool ParameterDict::contains(const std::string& name) const { return find(name) >= 0; }

Parameter ParameterDict::get(const std::string& name, const Shape& shape) {
  const std::string full = prefix_ + name;
  const int i = find(full);
  if (i < 0) {
    params_.emplace_back(full, shape);
    return params_.back();
  }
  Parameter& p = params_[i];
  const Shape& have = p.shape();
  bool fits = have.size() == shape.size();
  for (size_t k = 0; fits && k < have.size(); ++k) {
    fits = have[k] == 0 || shape[k] == 0 || have[k] == shape[k];
  }
  if (!fits) {
    fail("ParameterDict::get", "parameter '", full, "' exists with shape ",
         shape_str(have), ", which does not match the shape asked for, ",
         shape_str(shape), " (0 stands for an axis not known yet)");
  }
  if (!p.is_initialized()) {
    Shape merged = have;
    for (size_t k = 0; k < merged.size(); ++k) {
      if (merged[k] == 0) merged[k] = shape[k];
    }
    p.set_shape(merged);
  }
  return p;
}

Parameter ParameterDict::get(const std::string& name) const {
  const int i = find(prefix_ + name);
  if (i < 0) {
    fail("ParameterDict::get", "no parameter named '", prefix_ + name,
         "'; give a shape to create it: get(\"", name, "\", {3, 4})");
  }
  return params_[i];
}

std::vector<std::string> ParameterDict::keys() const {
  std::vector<std::string> k;
  for (const auto& p : params_) k.push_back(p.name());
  return k;
}

ParameterDict ParameterDict::select(const std::string& regex) const {
  std::regex re;
  try {
    re = std::regex(regex);
  } catch (const std::regex_error& e) {
    fail("collect_params", "'", regex, "' is not a valid regular expression (", e.what(),
         ")");
  }
  ParameterDict out(prefix_);
  for (const auto& p : params_) {
    if (std::regex_search(p.name(), re, std::regex_constants::match_continuous)) {
      out.add(p);
    }
  }
  return out;
}

void ParameterDict::initialize(std::shared_ptr<const Initializer> init,
                               bool force_reinit) {
  for (auto& p : params_) p.initialize(init, force_reinit);
}

void ParameterDict::set_grad_req(GradReq req) {
  for (auto& p : params_) p.set_grad_req(req);
}

void ParameterDict::zero_grad() {
  for (auto& p : params_) p.zero_grad();
}

std::ostream& operator<<(std::ostream& os, const ParameterDict& d) {
  os << d.prefix() << " (\n";
  for (const auto& p : d) os << "  " << p << "\n";
  return os << ")";
}

}  // namespace d2l::gluon
