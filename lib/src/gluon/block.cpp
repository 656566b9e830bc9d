// Block: naming (class name + per-class counter), children, parameter
// collection and initialization, and Gluon-style printing.
#include "d2l/gluon/block.hpp"

#include <cxxabi.h>

#include <cctype>
#include <cstdlib>
#include <map>
#include <mutex>
#include <ostream>
#include <typeinfo>

#include "core/error.hpp"

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

}  // namespace

std::string Block::class_name() const { return short_type_name(typeid(*this)); }

const std::string& Block::prefix() const {
  if (prefix_.empty()) {
    std::string hint = class_name();
    for (auto& c : hint) c = char(std::tolower(static_cast<unsigned char>(c)));
    std::lock_guard lock(counters_mutex);
    prefix_ = hint + std::to_string(counters()[hint]++) + "_";
  }
  return prefix_;
}

void Block::add_child(std::shared_ptr<Block> child, std::string name) {
  if (!child) detail::fail("register_child", "the child block is null");
  if (child.get() == this)
    detail::fail("register_child", "a block cannot contain itself");
  if (name.empty()) name = std::to_string(children_.size());
  children_.emplace_back(std::move(name), std::move(child));
}

Parameter Block::register_parameter(const std::string& name, const Shape& shape,
                                    GradReq grad_req,
                                    std::shared_ptr<const Initializer> init) {
  Parameter p(prefix() + name, shape, grad_req, std::move(init));
  params_.add(p);
  return p;
}

ParameterDict Block::collect_params(const std::string& regex) const {
  ParameterDict all(prefix());
  all.update(params_);
  for (const auto& [name, child] : children_) all.update(child->collect_params());
  return regex.empty() ? all : all.select(regex);
}

void Block::initialize(std::shared_ptr<const Initializer> init, bool force_reinit) {
  collect_params().initialize(std::move(init), force_reinit);
}

std::string Block::repr() const {
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
