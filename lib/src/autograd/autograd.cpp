// Recording scopes, attach_grad, and backward(): a reverse topological walk of
// the graph that recorded ops left behind, from the heads to the variables.
#include "d2l/autograd.hpp"

#include <unordered_map>
#include <unordered_set>

#include "d2l/ops.hpp"
#include "ndarray/impl.hpp"

namespace d2l {

namespace autograd {

namespace {
thread_local bool recording = false;
thread_local bool training = false;
}  // namespace

bool is_recording() { return recording; }
bool is_training() { return training; }

record::record(bool train) : was_recording_(recording), was_training_(training) {
  recording = true;
  training = train;
}
record::~record() {
  recording = was_recording_;
  training = was_training_;
}

pause::pause(bool train) : was_recording_(recording), was_training_(training) {
  recording = false;
  training = train;
}
pause::~pause() {
  recording = was_recording_;
  training = was_training_;
}

train_mode::train_mode() : was_training_(training) { training = true; }
train_mode::~train_mode() { training = was_training_; }
predict_mode::predict_mode() : was_training_(training) { training = false; }
predict_mode::~predict_mode() { training = was_training_; }

namespace {

using detail::ArrayImpl;
using detail::Edge;
using detail::fail;
using detail::Node;

// Post-order over the graph: every edge comes after the edges of the arrays it
// was computed from, so walking the list backwards visits consumers first. The
// list holds copies of the edges: a node's own edges are released as soon as
// its backward has run.
std::vector<Edge> topological_order(const std::vector<Edge>& heads) {
  std::vector<Edge> order;
  std::unordered_set<const void*> seen;
  std::vector<std::pair<const Edge*, size_t>> stack;
  for (const auto& h : heads) {
    if (!seen.insert(h.key()).second) continue;
    stack.push_back({&h, 0});
    while (!stack.empty()) {
      auto& [edge, next] = stack.back();
      const Node* node = edge->node.get();
      if (node && node->freed) {
        fail("backward", "the graph was freed by an earlier backward() (op '", node->op,
             "'); record the computation again, or pass retain_graph=true to the "
             "first backward()");
      }
      if (node && next < node->inputs.size()) {
        const Edge& child = node->inputs[next++];
        if (child.requires_grad() && seen.insert(child.key()).second) {
          stack.push_back({&child, 0});
        }
      } else {
        order.push_back(*edge);
        stack.pop_back();
      }
    }
  }
  return order;
}

// A backward closure reads the values its op saw: refuse to run it when an
// in-place write has changed them since (the gradient would be silently wrong).
// An input or output that no longer exists cannot have been read or changed.
void check_unchanged(const Node& node, const Shape& output_shape) {
  for (size_t k = 0; k < node.inputs.size(); ++k) {
    const Edge& input = node.inputs[k];
    if (input.version == detail::kUnread) continue;
    auto storage = input.storage.lock();
    if (!storage || storage->version == input.version) continue;
    fail("backward", "input ", k + 1, " (shape ", shape_str(input.shape), ") of '",
         node.op,
         "' was written in place after the op was recorded and before backward(), so "
         "its gradient would be wrong. Call backward() before changing it, or "
         "change a copy (x.copy()) instead");
  }
  auto output = node.output.lock();
  if (!node.is_write && output && output->version != node.output_version) {
    fail("backward", "the result of '", node.op, "' (shape ", shape_str(output_shape),
         ") was written in place after it was recorded and before backward(); its "
         "gradient needs the original values. Write into a copy instead");
  }
}

void store_leaf_gradient(ArrayImpl* leaf, const NDArray& g) {
  if (leaf->grad_req == GradReq::write) {
    kernels::copy(detail::device_of(g), detail::ptr(g), detail::ptr(leaf->grad),
                  g.size());
    detail::mark_written(leaf->grad);  // a fresh gradient (Trainer::step looks for one)
  } else if (leaf->grad_req == GradReq::add) {
    leaf->grad += g;
  }
}

// Ends a node's part in the graph: what its closure saved and its edges go, so
// that activations are freed while backward() is still running.
void release(Node& node) {
  node.freed = true;
  node.inputs.clear();
  node.backward = nullptr;
}

}  // namespace

void backward(const std::vector<NDArray>& heads, const std::vector<NDArray>& head_grads,
              bool retain_graph) {
  if (!head_grads.empty() && head_grads.size() != heads.size()) {
    fail("backward", "got ", heads.size(), " heads but ", head_grads.size(),
         " head gradients");
  }
  for (const auto& h : heads) {
    if (!detail::defined(h, "backward").impl()->requires_grad()) {
      fail("backward",
           "this array does not depend on any variable with a gradient. The usual "
           "causes: attach_grad() was not called on the inputs (x.attach_grad()); "
           "the computation ran outside autograd::record (keep the record object "
           "alive: `autograd::record rec;`, not `autograd::record();`); or the "
           "result was written into an array created outside the graph in a way "
           "autograd could not follow");
    }
  }
  pause no_recording(is_training());  // the gradient computations are not recorded

  std::unordered_map<const void*, NDArray> grads;
  std::vector<Edge> head_edges;
  for (size_t i = 0; i < heads.size(); ++i) {
    const NDArray& h = heads[i];
    NDArray g = head_grads.empty() || !head_grads[i].defined()
                    ? nd::ones_like(h)
                    : head_grads[i].as_in_context(h.context());
    if (g.shape() != h.shape()) {
      fail("backward", "head gradient has shape ", shape_str(g.shape()),
           " but the head has shape ", shape_str(h.shape()));
    }
    head_edges.push_back(detail::edge_to(h));
    auto& slot = grads[head_edges.back().key()];
    slot = slot.defined() ? slot + g : g;
  }

  std::vector<Edge> order = topological_order(head_edges);
  head_edges.clear();
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    const Edge& edge = *it;
    auto found = grads.find(edge.key());
    if (found == grads.end()) continue;
    NDArray g = found->second;
    grads.erase(found);  // free gradients as soon as they are passed on
    if (edge.leaf) {
      if (edge.leaf->grad_attached) store_leaf_gradient(edge.leaf.get(), g);
      continue;
    }
    Node& node = *edge.node;
    check_unchanged(node, edge.shape);
    std::vector<NDArray> input_grads = node.backward(g);
    g = NDArray();
    for (size_t k = 0; k < node.inputs.size() && k < input_grads.size(); ++k) {
      const Edge& in = node.inputs[k];
      if (!input_grads[k].defined() || !in.requires_grad()) continue;
      if (input_grads[k].shape() != in.shape) {
        fail("backward", "internal error in the gradient of '", node.op,
             "': gradient shape ", shape_str(input_grads[k].shape()),
             " for an input of shape ", shape_str(in.shape));
      }
      auto& slot = grads[in.key()];
      slot = slot.defined() ? slot + input_grads[k] : input_grads[k];
    }
    if (!retain_graph) release(node);
  }
  if (!retain_graph) {  // nodes that got no gradient (a branch cut off by pick)
    for (const Edge& edge : order) {
      if (edge.node) release(*edge.node);
    }
  }
}

}  // namespace autograd

void NDArray::attach_grad(GradReq req) {
  auto& impl = *detail::defined(*this, "attach_grad").impl();
  impl.node.reset();  // a variable is a leaf: forget how it was computed
  impl.grad_attached = true;
  impl.grad_req = req;
  impl.grad = nd::zeros(shape(), context());
}

NDArray NDArray::grad() const {
  const auto& impl = *detail::defined(*this, "grad").impl();
  if (!impl.grad_attached) {
    detail::fail("grad",
                 "this array has no gradient buffer; call attach_grad() before "
                 "autograd::record and backward()");
  }
  return impl.grad;
}

GradReq NDArray::grad_req() const {
  return detail::defined(*this, "grad_req").impl()->grad_req;
}

void NDArray::backward(const NDArray& head_grad, bool retain_graph) const {
  autograd::backward({*this}, {head_grad}, retain_graph);
}

namespace detail {

bool should_record(const std::vector<NDArray>& inputs) {
  if (!autograd::is_recording()) return false;
  for (const auto& x : inputs) {
    if (x.defined() && x.impl()->requires_grad()) return true;
  }
  return false;
}

Edge edge_to(const NDArray& x) {
  Edge e;
  if (!x.defined()) return e;
  const auto& impl = x.impl();
  if (impl->node) {
    e.node = impl->node;
  } else {
    e.leaf = impl;
  }
  e.shape = impl->shape;
  e.storage = impl->storage;
  e.version = impl->storage ? impl->storage->version : kUnread;
  return e;
}

NDArray record_op(const char* op, NDArray out, std::vector<NDArray> inputs,
                  BackwardFn backward) {
  if (should_record(inputs)) {
    auto node = std::make_shared<Node>();
    node->op = op;
    for (const auto& x : inputs) node->inputs.push_back(edge_to(x));
    node->output = out.impl()->storage;
    node->output_version = out.impl()->storage->version;
    node->backward = std::move(backward);
    out.impl()->node = std::move(node);
  }
  return out;
}

void prepare_inplace_write(const NDArray& target, const std::vector<NDArray>& operands,
                           const char* op) {
  bool in_graph = defined(target, op).impl()->requires_grad();
  for (const auto& x : operands)
    in_graph = in_graph || defined(x, op).impl()->requires_grad();
  if (autograd::is_recording() && in_graph) {
    fail(op,
         "in-place updates cannot be recorded by autograd (as in MXNet); compute a "
         "new array instead (y = y + x rather than y += x, Z = X + Y rather than "
         "out=), or do the update outside autograd::record");
  }
  mark_written(target);
}

}  // namespace detail

}  // namespace d2l
