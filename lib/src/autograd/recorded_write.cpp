// Writes into part of an existing array (slice assignment, assign()) that
// autograd can follow. Learners build results element by element, as corr2d
// does with `Y[{i, j}] = (X_window * K).sum()`; without a node for each write,
// K's gradient would silently stay zero.
#include <memory>

#include "d2l/autograd.hpp"
#include "d2l/ops.hpp"
#include "ndarray/impl.hpp"

namespace d2l::detail {

namespace {

// Why a recorded write into `target` cannot be followed, or nullptr.
const char* unfollowable(const ArrayImpl& target) {
  if (target.grad_attached) {
    return "it is a variable (attach_grad() was called on it), and its gradient "
           "would lose its meaning; write into a copy (auto y = x.copy()) or do the "
           "write outside autograd::record";
  }
  if (target.node && !target.node->is_write) {
    return "it was computed by a recorded op whose gradient may need its current "
           "values; write into a fresh array instead (auto Y = nd::zeros(shape); "
           "Y[...] = ...) or compute the result without writing";
  }
  if (target.storage.use_count() > 1) {
    return "it shares its elements with another array (a reshape() or detach() "
           "view), which the write would change behind autograd's back; write into "
           "the original array, or into a copy";
  }
  return nullptr;
}

}  // namespace

void write_box(const NDArray& target, const Shape& begin, const Shape& box,
               const NDArray& value, const char* op) {
  ArrayImpl& t = *target.impl();
  const bool in_graph = t.requires_grad() || value.impl()->requires_grad();
  const bool record = autograd::is_recording() && in_graph;
  if (record) {
    if (const char* why = unfollowable(t)) {
      fail(op, "autograd cannot follow this write while recording: ", why);
    }
  }
  kernels::copy_box(device_of(target), ptr(value), box, Shape(box.size(), 0), ptr(target),
                    t.shape, begin, box);
  mark_written(target);
  if (!record) return;

  // `target` becomes the array after the write; the edge to the array before
  // it takes over its old node. Only shapes are needed to send gradients back,
  // so neither edge checks versions (the old values are gone anyway).
  Edge before;
  before.node = std::move(t.node);
  before.shape = t.shape;
  before.version = kUnread;
  // (No node: a constant before the write, which takes no gradient.)
  Edge written = edge_to(value);
  written.version = kUnread;
  auto node = std::make_shared<Node>();
  node->op = op;
  node->is_write = true;
  node->inputs = {std::move(before), std::move(written)};
  const Shape shape = t.shape;
  node->backward = [shape, begin, box](const NDArray& g) -> std::vector<NDArray> {
    // Outside the box the gradient goes to the old values, inside to `value`.
    NDArray d_before = g.copy();
    NDArray zeros = nd::zeros(box, g.context());
    kernels::copy_box(g.context(), ptr(zeros), box, Shape(box.size(), 0), ptr(d_before),
                      shape, begin, box);
    return {d_before, slice_box(g, begin, box)};
  };
  t.node = std::move(node);
}

}  // namespace d2l::detail
