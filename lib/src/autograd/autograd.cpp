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
using detail::fail;

// Post-order over the graph: every array comes after the arrays it was
// computed from, so walking the list backwards visits consumers first.
std::vector<ArrayImpl*> topological_order(const std::vector<NDArray>& heads) {
  std::vector<ArrayImpl*> order;
  std::unordered_set<ArrayImpl*> seen;
  std::vector<std::pair<ArrayImpl*, size_t>> stack;
  for (const auto& h : heads) {
    if (!seen.insert(h.impl().get()).second) continue;
    stack.push_back({h.impl().get(), 0});
    while (!stack.empty()) {
      auto& [impl, next] = stack.back();
      const auto& node = impl->node;
      if (node && node->freed) {
        fail("backward", "the graph was freed by an earlier backward() (op '", node->op,
             "'); record the computation again, or pass retain_graph=true to the "
             "first backward()");
      }
      if (node && next < node->inputs.size()) {
        ArrayImpl* child = node->inputs[next++].impl().get();
        if (child->requires_grad() && seen.insert(child).second) {
          stack.push_back({child, 0});
        }
      } else {
        order.push_back(impl);
        stack.pop_back();
      }
    }
  }
  return order;
}

// A backward closure reads the values its op saw: refuse to run it when an
// in-place write has changed them since (the gradient would be silently wrong).
void check_unchanged(const ArrayImpl& impl) {
  const detail::Node& node = *impl.node;
  for (size_t k = 0; k < node.inputs.size() && k < node.input_versions.size(); ++k) {
    const auto& input = node.inputs[k].impl();
    if (node.input_versions[k] == detail::kUnread ||
        input->storage->version == node.input_versions[k]) {
      continue;
    }
    fail("backward", "input ", k + 1, " (shape ", shape_str(input->shape), ") of '",
         node.op,
         "' was written in place after the op was recorded and before backward(), so "
         "its gradient would be wrong. Call backward() before changing it, or "
         "change a copy (x.copy()) instead");
  }
  if (!node.is_write && impl.storage && impl.storage->version != node.output_version) {
    fail("backward", "the result of '", node.op, "' (shape ", shape_str(impl.shape),
         ") was written in place after it was recorded and before backward(); its "
         "gradient needs the original values. Write into a copy instead");
  }
}

void store_leaf_gradient(ArrayImpl* leaf, const NDArray& g) {
  if (leaf->grad_req == GradReq::write) {
    kernels::copy(detail::device_of(g), detail::ptr(g), detail::ptr(leaf->grad),
                  g.size());
  } else if (leaf->grad_req == GradReq::add) {
    leaf->grad += g;
  }
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

  std::unordered_map<ArrayImpl*, NDArray> grads;
  for (size_t i = 0; i < heads.size(); ++i) {
    const NDArray& h = heads[i];
    NDArray g = head_grads.empty() || !head_grads[i].defined()
                    ? nd::ones_like(h)
                    : head_grads[i].as_in_context(h.context());
    if (g.shape() != h.shape()) {
      fail("backward", "head gradient has shape ", shape_str(g.shape()),
           " but the head has shape ", shape_str(h.shape()));
    }
    auto& slot = grads[h.impl().get()];
    slot = slot.defined() ? slot + g : g;
  }

  std::vector<ArrayImpl*> order = topological_order(heads);
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    ArrayImpl* impl = *it;
    auto found = grads.find(impl);
    if (found == grads.end()) continue;
    NDArray g = found->second;
    grads.erase(found);  // free gradients as soon as they are passed on
    if (impl->grad_attached) store_leaf_gradient(impl, g);
    if (!impl->node) continue;
    auto& node = *impl->node;
    check_unchanged(*impl);
    std::vector<NDArray> input_grads = node.backward(g);
    for (size_t k = 0; k < node.inputs.size() && k < input_grads.size(); ++k) {
      const NDArray& in = node.inputs[k];
      if (!input_grads[k].defined() || !in.impl()->requires_grad()) continue;
      if (input_grads[k].shape() != in.shape()) {
        fail("backward", "internal error in the gradient of '", node.op,
             "': gradient shape ", shape_str(input_grads[k].shape()),
             " for an input of shape ", shape_str(in.shape()));
      }
      auto& slot = grads[in.impl().get()];
      slot = slot.defined() ? slot + input_grads[k] : input_grads[k];
    }
  }

  if (!retain_graph) {
    for (ArrayImpl* impl : order) {
      if (!impl->node) continue;
      impl->node->freed = true;
      impl->node->inputs.clear();  // releases the intermediate arrays
      impl->node->backward = nullptr;
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

NDArray record_op(const char* op, NDArray out, std::vector<NDArray> inputs,
                  BackwardFn backward) {
  if (should_record(inputs)) {
    auto node = std::make_shared<Node>();
    node->op = op;
    for (const auto& x : inputs) {
      node->input_versions.push_back(x.defined() ? x.impl()->storage->version : kUnread);
    }
    node->output_version = out.impl()->storage->version;
    node->inputs = std::move(inputs);
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
