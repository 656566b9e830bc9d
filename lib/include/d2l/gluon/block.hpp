#pragma once
/// @file block.hpp
/// Block: the base class of layers and networks (MXNet's `gluon.Block`).

#include <concepts>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <typeinfo>
#include <utility>
#include <vector>

#include "d2l/gluon/init.hpp"
#include "d2l/gluon/parameter.hpp"
#include "d2l/ndarray.hpp"

namespace d2l::gluon {

/// Options of Block::load_parameters, for designated initializers:
/// `net.load_parameters("mlp.npz", {.allow_missing = true})`.
struct LoadParametersOptions {
  /// Leave the network's parameters that the file lacks as they are (instead of
  /// an error).
  bool allow_missing = false;
  /// Skip the file's parameters that the network lacks (instead of an error).
  bool ignore_extra = false;
};

/// A piece of a network: it owns parameters, may contain child blocks, and
/// maps an input to an output in forward(). Subclass it for your own layers:
///
///     class MLP : public gluon::Block {
///      public:
///       MLP() {
///         hidden_ = register_child(std::make_shared<nn::Dense>(256, "relu"));
///         out_ = register_child(std::make_shared<nn::Dense>(10));
///       }
///       NDArray forward(const NDArray& x) override { return (*out_)((*hidden_)(x)); }
///      private:
///       std::shared_ptr<nn::Dense> hidden_, out_;
///     };
///
/// Parameters are named after the class and a per-class counter, as Gluon
/// names them: the first Dense's weight is `dense0_weight`, the next Dense's
/// bias `dense1_bias`.
///
/// A layer held as a member without register_child is invisible to
/// initialize(), collect_params() and save_parameters(); its first forward
/// fails with an error that says it was not registered and how to register it.
class Block {
 public:
  /// A block with no parameters and no children yet.
  Block();
  virtual ~Block() = default;

  /// The computation: input -> output.
  virtual NDArray forward(const NDArray& x) = 0;
  /// Runs forward(x). Call blocks this way (`net(X)`, `(*dense_)(x)`): while
  /// it runs, an error about an uninitialized parameter can tell a network
  /// that was never initialized from a layer that was never registered.
  NDArray operator()(const NDArray& x);

  /// The class name and counter, with an underscore: `dense0_`.
  const std::string& prefix() const;
  /// The class name as printed: `Dense`, `Sequential`, `MLP`.
  std::string class_name() const;
  /// What parameter names start with, before the counter (Gluon's alias):
  /// the class name in lower case unless a layer says otherwise (Conv2D's
  /// parameters are `conv0_weight`, as in Gluon).
  virtual std::string alias() const;

  /// Adds `child` (its parameters become part of this block's); `name` is
  /// how printing shows it (its position by default). Returns `child`.
  template <std::derived_from<Block> B>
  std::shared_ptr<B> register_child(std::shared_ptr<B> child, std::string name = "") {
    add_child(child, std::move(name));
    return child;
  }
  /// This block's child blocks, in the order they were registered.
  const std::vector<std::pair<std::string, std::shared_ptr<Block>>>& children() const {
    return children_;
  }
  /// The i-th child block (an nn::Sequential's i-th layer), as MXNet's
  /// `net[0]`; nested blocks chain: `net[0][1].bias()`. An error past the end.
  Block& operator[](size_t i) const;
  /// The i-th child as its own type, to reach what only that type has:
  /// `net.at<nn::Dense>(0).options()`. An error names the type it really is.
  template <std::derived_from<Block> B>
  B& at(size_t i) const {
    auto* b = dynamic_cast<B*>(&(*this)[i]);
    if (!b) wrong_type(i, typeid(B));
    return *b;
  }

  /// Creates a parameter named prefix() + name (`dense0_` + `weight`) owned by
  /// this block. Axes of length 0 in `shape` are inferred later.
  Parameter register_parameter(const std::string& name, const Shape& shape,
                               GradReq grad_req = GradReq::write,
                               std::shared_ptr<const Initializer> init = nullptr);
  /// A parameter that is never trained (grad_req null), set to a copy of
  /// `value` whenever the block is initialized: Gluon's `params.get_constant`.
  Parameter register_constant(const std::string& name, const NDArray& value);
  /// Only this block's own parameters (not its children's).
  const ParameterDict& params() const { return params_; }
  /// The same, open to additions, with the prefix set (it fixes this block's
  /// number): in a constructor, `weight = params().get("weight", {in, units});`
  /// creates `mydense0_weight`, as MXNet's `self.params.get('weight', shape=...)`.
  ParameterDict& params();
  /// This block's own parameter `weight` or `bias`, for any layer that has one,
  /// as MXNet's `net[0].weight`: `net[0].weight().data()`. A block without it
  /// is an error that lists the parameters it does have.
  Parameter weight() const { return own_parameter("weight"); }
  /// This block's own parameter `bias` (see weight()).
  Parameter bias() const { return own_parameter("bias"); }
  /// This block's parameters and all its descendants', optionally only those
  /// whose names match `regex` from the start: `collect_params(".*weight")`.
  ParameterDict collect_params(const std::string& regex = "") const;

  /// Every parameter under its structural name: the path of child names and
  /// the parameter's own name, `0.weight`, `1.bias`, `hidden.weight`. Unlike
  /// `dense0_weight`, these names do not depend on how many blocks the program
  /// made before, so a fresh instance of the same network has the same ones. A
  /// parameter reached along two paths (a shared layer) is listed under both.
  std::vector<std::pair<std::string, Parameter>> structural_params() const;

  /// Writes every parameter to `path` as a `.npz` archive (one `.npy` per
  /// parameter, named by structural_params()), readable by `np.load`. The
  /// file is written under a temporary name and renamed.
  void save_parameters(const std::string& path) const;
  /// Reads parameters saved by save_parameters() (or any `.npz` with those
  /// names) into this network, which may be uninitialized (the file then
  /// fixes the shapes). Everything is checked before anything is assigned:
  /// a missing or extra parameter, or a shape mismatch, is an error naming
  /// the file, the parameter and the shapes, and the network is unchanged.
  void load_parameters(const std::string& path,
                       const LoadParametersOptions& options = {});

  /// Initializes every parameter (see Parameter::initialize); layers whose
  /// input size is unknown finish at their first forward.
  template <std::derived_from<Initializer> Init = init::Uniform>
  void initialize(const Init& init = Init(), bool force_reinit = false) {
    initialize(std::make_shared<Init>(init), force_reinit);
  }
  /// The same, with every parameter on `device` (MXNet's `ctx=`):
  /// `net.initialize(init::Xavier(), gpu())`.
  template <std::derived_from<Initializer> Init>
  void initialize(const Init& init, Device device, bool force_reinit = false) {
    initialize(std::make_shared<Init>(init), device, force_reinit);
  }
  /// The same with an initializer already in a shared_ptr.
  void initialize(std::shared_ptr<const Initializer> init, bool force_reinit);
  /// The same on `device`.
  void initialize(std::shared_ptr<const Initializer> init, Device device,
                  bool force_reinit);

  /// The structure as Gluon prints it: `Sequential(\n  (0): Dense(...)\n)`.
  /// Layers override it with a one-line description.
  virtual std::string repr() const;

 protected:
  /// Makes register_parameter() reuse the parameters of `shared` instead of
  /// creating new ones: a parameter registered as `weight` becomes the one
  /// named shared.prefix() + `weight` (Gluon's `params=other.params`). Call it
  /// in the constructor, before registering parameters.
  void share_parameters(const ParameterDict& shared);
  /// Removes `p` from this block's parameters and empties the handle (a layer
  /// told `use_bias(false)` after it registered its bias).
  void unregister_parameter(Parameter& p);
  /// Renumbers the blocks made while evaluating the arguments of one call
  /// (`net.add(a, b, c)`, given in argument order) and their descendants made
  /// with them, as if the arguments had been evaluated left to right: C++
  /// leaves that order unspecified (GCC goes right to left), which would name
  /// the first layer `dense1_` and the second `dense0_`. Each class keeps the
  /// same set of numbers; only who has which changes, parameters included.
  static void number_in_order(const std::vector<Block*>& made_in_call);

 private:
  void add_child(std::shared_ptr<Block> child, std::string name);
  Parameter own_parameter(const std::string& name) const;
  // This block's own parameters under their local names (`weight`).
  std::vector<std::pair<std::string, Parameter>> own_params() const;
  [[noreturn]] void wrong_type(size_t i, const std::type_info& asked) const;
  mutable std::string prefix_;  // assigned at first use, from the class name
  uint64_t serial_;             // order of creation (copies keep it)
  ParameterDict params_;
  ParameterDict shared_;                                  // see share_parameters
  std::vector<std::pair<std::string, Parameter>> named_;  // own, by local name
  std::vector<std::pair<std::string, std::shared_ptr<Block>>> children_;
};

/// Prints the block's repr(), as `print(net)` does in Gluon.
std::ostream& operator<<(std::ostream& os, const Block& block);

/// While alive, layer names count from 0 again (`dense0_`), as MXNet's
/// `with mx.name.NameManager():`; the previous counters come back after.
class NameManager {
 public:
  /// Saves the current counters and starts new ones from 0.
  NameManager();
  /// Restores the counters saved at construction.
  ~NameManager();
  NameManager(const NameManager&) = delete;
  NameManager& operator=(const NameManager&) = delete;

 private:
  std::vector<std::pair<std::string, int>> saved_;
};

}  // namespace d2l::gluon
