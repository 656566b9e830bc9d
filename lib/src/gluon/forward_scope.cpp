// The blocks running their forward on this thread, and the message for a
// parameter that no initialize() reached.
#include "gluon/forward_scope.hpp"

#include <vector>

#include "core/error.hpp"

namespace d2l::detail {

namespace {

thread_local std::vector<const gluon::Block*> running;  // outermost first

// True when `p` is among the parameters of `b` or of its descendants.
// (collect_params() would do, but it would also number unnamed blocks.)
bool owns(const gluon::Block& b, const gluon::Parameter& p);

bool reaches(const gluon::Block& b, const gluon::Parameter& p) {
  if (owns(b, p)) return true;
  for (const auto& [name, child] : b.children()) {
    if (reaches(*child, p)) return true;
  }
  return false;
}

bool owns(const gluon::Block& b, const gluon::Parameter& p) {
  for (const auto& q : b.params()) {
    if (q == p) return true;
  }
  return false;
}

}  // namespace

ForwardScope::ForwardScope(const gluon::Block& block) { running.push_back(&block); }
ForwardScope::~ForwardScope() { running.pop_back(); }

std::string why_not_initialized(const gluon::Parameter& p) {
  const std::string what =
      cat("parameter '", p.name(), "' of shape ", shape_str(p.shape()));
  const char* how_to_register =
      "hold the layer as a std::shared_ptr member and make it in the constructor "
      "with register_child: `layer_ = register_child(std::make_shared<nn::Dense>(20));` "
      "(nn::Sequential::add registers for you)";
  // Nothing is known above the layer that owns `p` (a layer called alone, or
  // a network called as net.forward(X)): name both causes.
  if (running.empty() || owns(*running.front(), p)) {
    return cat(what,
               " has not been initialized; call initialize() on the network (or on "
               "collect_params()) before the first forward. If you did, the layer that "
               "owns it is not registered as a child of the network, so initialize() "
               "does not reach it: ",
               how_to_register);
  }
  const gluon::Block& net = *running.front();
  if (reaches(net, p)) {
    return cat(
        what, " has not been initialized; call initialize() on the network (the ",
        net.class_name(), " you called) before the first forward: ",
        "net.initialize(), or net.initialize(init::Normal(0.01)), as the book does");
  }
  // The innermost running block that does not hold `p` uses a layer it never
  // registered; the layer itself is on the stack if it was called as layer(x).
  const gluon::Block* user = nullptr;
  const gluon::Block* layer = nullptr;
  for (auto it = running.rbegin(); it != running.rend() && !user; ++it) {
    if (reaches(**it, p)) {
      layer = *it;
    } else {
      user = *it;
    }
  }
  return cat(what, " belongs to ", layer ? "a " + layer->class_name() : "a layer",
             " that the forward of ", user->class_name(),
             " uses but that is not registered as its child, so initialize() on the ",
             "network never reaches it (calling initialize() again will not help). In ",
             user->class_name(), ", ", how_to_register);
}

}  // namespace d2l::detail
