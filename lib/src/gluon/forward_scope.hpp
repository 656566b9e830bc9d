#pragma once
// Which blocks are running their forward on this thread, so that an error
// about a parameter without a value can say why: the network was never
// initialized, or the layer was never registered in it.

#include <string>

#include "d2l/gluon/block.hpp"

namespace d2l::detail {

/// While alive, `block` counts as running its forward (Block::operator()).
class ForwardScope {
 public:
  explicit ForwardScope(const gluon::Block& block);
  ~ForwardScope();
  ForwardScope(const ForwardScope&) = delete;
  ForwardScope& operator=(const ForwardScope&) = delete;
};

/// Why `p`, which no initialize() reached, has no value, and what to do. Inside
/// a forward called as `net(X)`, with the layer that owns `p` below `net`:
/// either "call initialize()" (the network holds `p`) or "register the layer"
/// (it does not). Otherwise (a layer called alone, or `net.forward(X)`) both
/// causes are named.
std::string why_not_initialized(const gluon::Parameter& p);

}  // namespace d2l::detail
