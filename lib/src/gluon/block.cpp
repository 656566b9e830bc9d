// Block: naming (class name + per-class counter), children, parameter
// collection and initialization, and Gluon-style printing.
#include "d2l/gluon/block.hpp"

#include <cxxabi.h>

#include <atomic>
#include <cctype>
#include <cstdlib>
#include <map>
#include <mutex>
#include <ostream>
#include <typeinfo>

#include "core/error.hpp"
#include "gluon/forward_scope.hpp"

namespace d2l::gluon {

namespace {

std::mutex counters_mutex;
std::map<std::string, int>& counters() {
  static std::map<std::string, int> c;
  return c;
}

// The unqualified class name of a type: "d2l::gluon::nn::Dense" -> "Dense".
std::string short_type_name(const std::type_info& t) {
  int status = 0;
  char* demangled = abi::__cxa_demangle(t.name(), nullptr, nullptr, &status);
  std::string name = status == 0 && demangled ? demangled : t.name();
  std::free(demangled);
  auto angle = name.find('<');
  if (angle != std::string::npos) name.resize(angle);
  auto colon = name.rfind("::");
  if (colon != std::string::npos) name = name.substr(colon + 2);
  return name;
}

// Indents every line after the first by two spaces (nested blocks).
std::string indent(const std::string& s) {
  std::string out;
  for (char c : s) {
    out += c;
    if (c == '\n') out += "  ";
  }
  return out;
}

std::atomic<uint64_t> blocks_made{0};

}  // namespace

Block::Block() : serial_(blocks_made++) {}

NDArray Block::operator()(const NDArray& x) {
  detail::ForwardScope running(*this);
  return forward(x);
}

std::string Block::class_name() const { return short_type_name(typeid(*this)); }

std::string Block::alias() const {
  std::string name = class_name();
  for (auto& c : name) c = char(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

const std::string& Block::prefix() const {
  if (prefix_.empty()) {
    const std::string hint = alias();
    std::lock_guard lock(counters_mutex);
    prefix_ = hint + std::to_string(counters()[hint]++) + "_";
  }
  return prefix_;
}

Block& Block::operator[](size_t i) const {
  if (i >= children_.size()) {
    if (children_.empty()) {
      detail::fail("Block::operator[]", "a ", class_name(),
                   " has no child blocks, so it has no block ", i);
    }
    detail::fail("Block::operator[]", "index ", i, " is out of range for the ",
                 children_.size(), " blocks of this ", class_name());
  }
  return *children_[i].second;
}

void Block::wrong_type(size_t i, const std::type_info& asked) const {
  const std::string is = (*this)[i].class_name();
  detail::fail("Block::at", "block ", i, " is a ", is, ", not a ", short_type_name(asked),
               ": write at<", is, ">(", i, "), or [", i,
               "] for what every block has (weight(), bias(), params())");
}

ParameterDict& Block::params() {
  if (params_.prefix().empty()) params_ = ParameterDict(prefix());
  return params_;
}

Parameter Block::own_parameter(const std::string& name) const {
  const auto own = own_params();
  for (const auto& [local, p] : own) {
    if (local == name) return p;
  }
  std::string known;
  for (const auto& [local, p] : own) known += (known.empty() ? "" : ", ") + local;
  std::string hint;
  if (!children_.empty()) {
    hint = detail::cat("; its parameters are in its ", children_.size(),
                       " child blocks: reach one with [i], as net[0][0].", name, "()");
  } else if (name == "bias" && own.size() == 1 && own[0].first == "weight") {
    hint = "; it was made without one (use_bias false)";
  }
  detail::fail(name == "weight" ? "Block::weight" : "Block::bias", "this ", class_name(),
               " has no parameter '", name,
               "' of its own (it has: ", known.empty() ? "none" : known, ")", hint);
}

void Block::add_child(std::shared_ptr<Block> child, std::string name) {
  if (!child) detail::fail("register_child", "the child block is null");
  if (child.get() == this)
    detail::fail("register_child", "a block cannot contain itself");
  if (name.empty()) name = std::to_string(children_.size());
  children_.emplace_back(std::move(name), std::move(child));
}

namespace {
// Known axes (not 0) must agree for `a` and `b` to describe one parameter.
bool compatible(const Shape& a, const Shape& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] != 0 && b[i] != 0 && a[i] != b[i]) return false;
  }
  return true;
}

// A constant's initializer: a copy of the value, whatever initialize() is told.
class CopyValue : public Initializer {
 public:
  explicit CopyValue(NDArray value) : value_(std::move(value)) {}
  void init_weight(const std::string&, NDArray& data) const override {
    data.assign(value_);
  }

 private:
  NDArray value_;
};
}  // namespace

void Block::share_parameters(const ParameterDict& shared) { shared_ = shared; }

void Block::unregister_parameter(Parameter& p) {
  if (!p.defined()) return;
  std::erase_if(named_, [&](const auto& entry) { return entry.second == p; });
  ParameterDict kept(params_.prefix());
  for (const auto& q : params_) {
    if (!(q == p)) kept.add(q);
  }
  params_ = kept;
  p = Parameter();
}

Parameter Block::register_parameter(const std::string& name, const Shape& shape,
                                    GradReq grad_req,
                                    std::shared_ptr<const Initializer> init) {
  if (params_.prefix().empty()) params_ = ParameterDict(prefix());
  Parameter p;
  if (!shared_.empty()) {
    const std::string wanted = shared_.prefix() + name;
    if (!shared_.contains(wanted)) {
      detail::fail("register_parameter", "block '", prefix(), "' was told to share the ",
                   "parameters of '", shared_.prefix(), "', which has no '", wanted, "'");
    }
    p = shared_[wanted];
    if (!compatible(p.shape(), shape)) {
      detail::fail("register_parameter", "block '", prefix(), "' cannot share '", wanted,
                   "' of shape ", shape_str(p.shape()), ": it needs shape ",
                   shape_str(shape));
    }
    if (p.shape() != shape && !p.is_initialized()) {
      // Each side may know axes the other does not: keep what both know.
      Shape merged = p.shape();
      for (size_t i = 0; i < merged.size(); ++i) {
        if (merged[i] == 0) merged[i] = shape[i];
      }
      p.set_shape(merged);
    }
  } else {
    p = Parameter(prefix() + name, shape, grad_req, std::move(init));
  }
  params_.add(p);
  named_.emplace_back(name, p);
  return p;
}

Parameter Block::register_constant(const std::string& name, const NDArray& value) {
  return register_parameter(name, value.shape(), GradReq::null,
                            std::make_shared<CopyValue>(value.detach().copy()));
}

std::vector<std::pair<std::string, Parameter>> Block::own_params() const {
  std::vector<std::pair<std::string, Parameter>> out = named_;
  // Parameters made through params().get(...) have no local name: strip the prefix.
  for (const auto& p : params_) {
    bool listed = false;
    for (const auto& [local, q] : named_) listed = listed || q == p;
    if (listed) continue;
    const std::string& full = p.name();
    const std::string& pre = params_.prefix();
    out.emplace_back(full.rfind(pre, 0) == 0 ? full.substr(pre.size()) : full, p);
  }
  return out;
}

std::vector<std::pair<std::string, Parameter>> Block::structural_params() const {
  std::vector<std::pair<std::string, Parameter>> out = own_params();
  for (const auto& [child_name, child] : children_) {
    for (auto& [name, p] : child->structural_params()) {
      out.emplace_back(child_name + "." + name, p);
    }
  }
  return out;
}

ParameterDict Block::collect_params(const std::string& regex) const {
  ParameterDict all(prefix());
  all.update(params_);
  for (const auto& [name, child] : children_) all.update(child->collect_params());
  return regex.empty() ? all : all.select(regex);
}

void Block::initialize(std::shared_ptr<const Initializer> init, Device device,
                       bool force_reinit) {
  collect_params().initialize(std::move(init), device, force_reinit);
}

void Block::initialize(std::shared_ptr<const Initializer> init, bool force_reinit) {
  collect_params().initialize(std::move(init), force_reinit);
}

std::string Block::repr() const {
  if (children_.empty()) return class_name() + "()";
  std::string s = class_name() + "(\n";
  for (const auto& [name, child] : children_) {
    s += "  (" + name + "): " + indent(child->repr()) + "\n";
  }
  return s + ")";
}

std::ostream& operator<<(std::ostream& os, const Block& block) {
  return os << block.repr();
}

NameManager::NameManager() {
  std::lock_guard lock(counters_mutex);
  saved_.assign(counters().begin(), counters().end());
  counters().clear();
}

NameManager::~NameManager() {
  std::lock_guard lock(counters_mutex);
  counters() = std::map<std::string, int>(saved_.begin(), saved_.end());
}

}  // namespace d2l::gluon
