#pragma once
/// @file parameter.hpp
/// Parameters of a network (weights, biases) and ordered collections of them,
/// as MXNet's `gluon.Parameter` and `gluon.ParameterDict`.

#include <concepts>
#include <iosfwd>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "d2l/gluon/init.hpp"
#include "d2l/ndarray.hpp"

namespace d2l::gluon {

/// A named array a network learns, with its gradient. A Parameter is a handle:
/// copies refer to the same parameter, so a layer and the ParameterDict from
/// `collect_params()` see one array. An axis of length 0 in the shape is not
/// known yet; the layer fills it in at its first forward (deferred
/// initialization).
class Parameter {
 public:
  /// An empty handle (`defined()` is false).
  Parameter() = default;
  /// `init`, when given, is this parameter's own initializer; it wins over
  /// the one passed to initialize() (Dense gives its bias init::Zero).
  Parameter(std::string name, Shape shape, GradReq grad_req = GradReq::write,
            std::shared_ptr<const Initializer> init = nullptr);

  /// False for an empty handle.
  bool defined() const { return state_ != nullptr; }
  /// The parameter itself: `layer.weight()` then reads the same on a Dense
  /// (whose `weight` is this member) as on any Block (`net[0].weight()`).
  Parameter& operator()() { return *this; }
  /// The same on a const parameter.
  const Parameter& operator()() const { return *this; }
  /// True when both handles refer to the same parameter.
  bool operator==(const Parameter& other) const { return state_ == other.state_; }
  /// The full name: `dense0_weight`.
  const std::string& name() const;
  /// The shape, with 0 for axes not known yet.
  const Shape& shape() const;
  /// Fills in unknown (0) axes; known axes must not change.
  void set_shape(const Shape& shape);
  /// How backward() stores the gradient; `null`: frozen.
  GradReq grad_req() const;
  /// `null` freezes the parameter: no gradient, and Trainer skips it.
  void set_grad_req(GradReq req);
  /// Multipliers of the Trainer's learning rate and weight decay for this
  /// parameter (1 by default).
  float lr_mult() const;
  /// The multiplier of the Trainer's weight decay (see lr_mult()).
  float wd_mult() const;
  /// Sets lr_mult(): 0 freezes the parameter for the Trainer.
  void set_lr_mult(float m);
  /// Sets wd_mult(): 0 exempts it from weight decay (as biases often are).
  void set_wd_mult(float m);

  /// Allocates the array and fills it with this parameter's own initializer,
  /// or else `default_init`. With unknown axes in the shape, remembers the
  /// initializer and finishes at the first forward. An initialized parameter
  /// is left alone unless `force_reinit`.
  template <std::derived_from<Initializer> Init = init::Uniform>
  void initialize(const Init& default_init = Init(), bool force_reinit = false) {
    initialize(std::make_shared<Init>(default_init), force_reinit);
  }
  /// The same, with the array created on `device` (MXNet's `ctx=`):
  /// `initialize(init::Xavier(), gpu())`.
  template <std::derived_from<Initializer> Init>
  void initialize(const Init& default_init, Device device, bool force_reinit = false) {
    initialize(std::make_shared<Init>(default_init), device, force_reinit);
  }
  /// The same with an initializer already in a shared_ptr.
  void initialize(std::shared_ptr<const Initializer> default_init, bool force_reinit);
  /// The same on `device`.
  void initialize(std::shared_ptr<const Initializer> default_init, Device device,
                  bool force_reinit);
  /// The device the array lives (or will live) on; cpu() unless told otherwise.
  Device context() const;
  /// Moves the array and its gradient to `device` (MXNet's `reset_ctx`); before
  /// initialization, only where they will be created.
  void reset_device(Device device);
  /// MXNet's spelling of reset_device().
  void reset_ctx(Device device) { reset_device(device); }
  /// True once data() is available.
  bool is_initialized() const;
  /// Ends a deferred initialization once the layer knows the full shape.
  void finish_deferred_init(const Shape& shape);

  /// The array (an error before initialization that says why and what to do).
  NDArray data() const;
  /// The gradient written by the last backward() (an error for grad_req null).
  NDArray grad() const;
  /// Copies `value` into the array; before initialization, it becomes the
  /// array (and fixes the shape).
  void set_data(const NDArray& value);
  /// Sets the gradient to zero (needed with grad_req add).
  void zero_grad();

 private:
  friend class Block;  // renames parameters when it renumbers blocks
  struct State;
  std::shared_ptr<State> state_;
  State& state(const char* op) const;
  void rename(std::string name);
};

/// Prints `Parameter dense0_weight (shape=(256, 784), dtype=float32)`.
std::ostream& operator<<(std::ostream& os, const Parameter& p);

/// Parameters by name, in the order they were added (MXNet's ParameterDict).
class ParameterDict {
 public:
  /// An empty dict with no prefix.
  ParameterDict() = default;
  /// An empty dict whose get() names parameters `prefix` + name.
  explicit ParameterDict(std::string prefix) : prefix_(std::move(prefix)) {}

  /// Adds `p`; adding the same parameter again is a no-op, while another
  /// parameter with the same name is an error.
  void add(const Parameter& p);
  /// Adds every parameter of `other`.
  void update(const ParameterDict& other);
  /// The parameter called `name` (an error naming the known ones otherwise).
  Parameter& operator[](const std::string& name);
  /// The parameter called `name`, read-only.
  const Parameter& operator[](const std::string& name) const;
  /// True when a parameter called `name` is in the dict.
  bool contains(const std::string& name) const;
  /// The parameter named prefix() + name, made with `shape` if there is none
  /// yet, as MXNet's `params.get('weight', shape=(3, 4))`. An existing one must
  /// agree on the known axes (0: not known yet); unknown ones are filled in.
  Parameter get(const std::string& name, const Shape& shape);
  /// The parameter named prefix() + name, which must exist.
  Parameter get(const std::string& name) const;
  /// Number of parameters.
  size_t size() const { return params_.size(); }
  /// True with no parameters.
  bool empty() const { return params_.empty(); }
  /// The names, in the order they were added.
  std::vector<std::string> keys() const;
  /// The parameters whose names match `regex` from their start (Python's
  /// re.match): `select(".*weight")`.
  ParameterDict select(const std::string& regex) const;
  /// What get() puts before a name (`dense0_`).
  const std::string& prefix() const { return prefix_; }

  /// Initializes every parameter (see Parameter::initialize).
  template <std::derived_from<Initializer> Init = init::Uniform>
  void initialize(const Init& init = Init(), bool force_reinit = false) {
    initialize(std::make_shared<Init>(init), force_reinit);
  }
  /// The same, with every array on `device`: `initialize(init::Normal(0.01), gpu())`.
  template <std::derived_from<Initializer> Init>
  void initialize(const Init& init, Device device, bool force_reinit = false) {
    initialize(std::make_shared<Init>(init), device, force_reinit);
  }
  /// The same with an initializer already in a shared_ptr.
  void initialize(std::shared_ptr<const Initializer> init, bool force_reinit);
  /// The same on `device`.
  void initialize(std::shared_ptr<const Initializer> init, Device device,
                  bool force_reinit);
  /// Moves every parameter to `device` (MXNet's `reset_ctx`).
  void reset_device(Device device);
  /// MXNet's spelling of reset_device().
  void reset_ctx(Device device) { reset_device(device); }
  /// Sets grad_req of every parameter (MXNet's `setattr('grad_req', ...)`).
  void set_grad_req(GradReq req);
  /// Sets every parameter's gradient to zero.
  void zero_grad();

  /// The first parameter: `for (auto& p : params)`.
  std::vector<Parameter>::iterator begin() { return params_.begin(); }
  /// Past the last parameter.
  std::vector<Parameter>::iterator end() { return params_.end(); }
  /// The first parameter of a const dict.
  std::vector<Parameter>::const_iterator begin() const { return params_.begin(); }
  /// Past the last parameter of a const dict.
  std::vector<Parameter>::const_iterator end() const { return params_.end(); }

 private:
  std::string prefix_;
  std::vector<Parameter> params_;
  int find(const std::string& name) const;
};

/// Prints the prefix and one Parameter per line, as Gluon does.
std::ostream& operator<<(std::ostream& os, const ParameterDict& d);

}  // namespace d2l::gluon
