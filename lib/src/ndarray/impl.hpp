#pragma once
// What an NDArray handle points to, and the pieces every op implementation
// uses: allocation, raw pointers, and recording an op for autograd.

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/storage.hpp"
#include "d2l/ndarray.hpp"
#include "kernels/kernels.hpp"

namespace d2l::detail {

/// Given the gradient of an op's output, the gradients of its inputs (one per
/// input, in order; an undefined NDArray means "no gradient").
using BackwardFn = std::function<std::vector<NDArray>(const NDArray& grad_out)>;

struct Node;
struct ArrayImpl;

/// Where a recorded op's input came from, as backward() needs it: the node that
/// computed it, or the variable itself. An edge never owns an intermediate
/// array's elements (the backward closures keep what they read), so an
/// activation no gradient formula needs is freed as soon as the forward pass
/// drops it, as MXNet's and PyTorch's graphs do.
struct Edge {
  std::shared_ptr<Node> node;       // the input was computed by a recorded op
  std::shared_ptr<ArrayImpl> leaf;  // or a variable or constant (a node it gets
                                    // later, from a recorded write, is not followed)
  Shape shape;
  std::weak_ptr<Storage> storage;  // to notice in-place writes, while alive
  uint64_t version = 0;            // storage version when the op ran
  /// The identity backward() sums gradients under (a node or a leaf).
  const void* key() const;
  /// True when a gradient has to be sent along this edge.
  bool requires_grad() const;
};

/// One recorded operation: its inputs and how to send a gradient back to them.
struct Node {
  std::string op;
  std::vector<Edge> inputs;
  BackwardFn backward;
  bool freed = false;  // set after backward() unless the graph was retained
  // The output's storage and version when the op ran: a backward closure may
  // read the output, so backward() refuses to run once it changed.
  std::weak_ptr<Storage> output;
  uint64_t output_version = 0;
  // A recorded write into an existing array (slice assignment, assign): its
  // backward needs only shapes, so later writes into the same array are fine.
  bool is_write = false;
};
/// Edge::version of an input whose values the backward never reads.
inline constexpr uint64_t kUnread = ~uint64_t{0};

struct ArrayImpl {
  std::shared_ptr<Storage> storage;
  Shape shape;
  std::shared_ptr<Node> node;  // how this array was computed, while recording
  bool grad_attached = false;
  GradReq grad_req = GradReq::write;
  NDArray grad;

  /// True when backward() has to reach this array: it was computed by a
  /// recorded op, or it is a variable with a gradient buffer.
  bool requires_grad() const {
    return node != nullptr || (grad_attached && grad_req != GradReq::null);
  }
};

/// In a backward closure: true when nothing else refers to the incoming
/// gradient `g` (backward() hands each one over and keeps no copy), so the
/// input's gradient may be written over it instead of into a new buffer. An
/// elementwise gradient (ReLU's, batch norm's) then needs no memory of its own.
inline bool sole_owner(const NDArray& g) {
  return g.impl().use_count() == 1 && g.impl()->storage.use_count() == 1;
}

/// The edge from a recorded op to its input x.
Edge edge_to(const NDArray& x);
inline const void* Edge::key() const {
  return node ? static_cast<const void*>(node.get()) : leaf.get();
}
inline bool Edge::requires_grad() const {
  return node != nullptr ||
         (leaf && leaf->grad_attached && leaf->grad_req != GradReq::null);
}

/// A new array of `shape` on `device` with undefined contents.
NDArray empty(const Shape& shape, Device device);
/// The first element of x's storage (on x's device).
inline float* ptr(const NDArray& x) { return x.impl()->storage->ptr; }
inline Device device_of(const NDArray& x) { return x.impl()->storage->device; }
/// Throws unless x is a defined array (a default-constructed handle is not).
const NDArray& defined(const NDArray& x, const char* op);
/// The first entry of `index` that is not an integer in [0, n) (position -1
/// when all are): ops check indices with it before a gather, on any device.
struct BadIndex {
  int64_t position = -1;
  float value = 0;
};
BadIndex first_bad_index(const NDArray& index, int64_t n);
/// Throws, naming op, the bad index and its position, unless all index [0, n).
void check_indices(const char* op, const NDArray& index, int64_t n);
/// Throws unless all arrays live on one device, naming the op and the devices.
Device common_device(const char* op, const std::vector<NDArray>& arrays);

/// True when autograd must remember how `out` was computed from `inputs`.
bool should_record(const std::vector<NDArray>& inputs);
/// Attaches a graph node to `out` when should_record(inputs); returns `out`.
NDArray record_op(const char* op, NDArray out, std::vector<NDArray> inputs,
                  BackwardFn backward);
/// True when the gradient for input `x` of an op is needed by backward().
inline bool wants_grad(const NDArray& x) { return x.impl()->requires_grad(); }
/// Before an in-place update of `target` from `operands` (`+=`, `out=`): refuses
/// it while recording when any of them takes part in the graph (the update
/// could not be differentiated), and marks target's storage as changed so that
/// a graph that already used the old values refuses backward().
void prepare_inplace_write(const NDArray& target, const std::vector<NDArray>& operands,
                           const char* op);
/// Marks x's storage as changed (see Storage::version).
inline void mark_written(const NDArray& x) { ++x.impl()->storage->version; }
/// Writes `value` (with the box's shape, on target's device) into the box
/// `[begin, begin + box)` of `target`, as slice assignment and assign() do.
/// While recording, the write becomes a graph node: `target` then stands for
/// the array after the write, its gradient flows to `value` inside the box and
/// to the array before the write outside it. A write autograd cannot follow
/// (into a variable, into a view, into a value a recorded op saved) is refused.
void write_box(const NDArray& target, const Shape& begin, const Shape& box,
               const NDArray& value, const char* op);

/// An array seen as (outer, n, inner) around one axis of length n: the view
/// that the reduce, gather and pick kernels work on.
struct AxisView {
  int64_t outer = 1, n = 1, inner = 1;
};
inline AxisView view_around(const Shape& shape, int axis) {
  AxisView v;
  for (int i = 0; i < axis; ++i) v.outer *= shape[i];
  v.n = shape[axis];
  for (size_t i = axis + 1; i < shape.size(); ++i) v.inner *= shape[i];
  return v;
}

/// Sums a broadcast gradient back down to `shape` (the inverse of broadcasting).
NDArray sum_to(const NDArray& grad, const Shape& shape);

/// Slice of x: the box `[begin, begin + box)`; recorded.
NDArray slice_box(const NDArray& x, const Shape& begin, const Shape& box);

}  // namespace d2l::detail
