// Elementwise kernels on a GPU: fill, copy, unary math and binary ops with
// NumPy broadcasting. Each formula is the CPU's (src/cpu/elementwise.cpp),
// written the same way so that NaNs and ties come out the same.
#include "cuda/common.cuh"

namespace d2l::kernels::cuda {

using namespace detail;

namespace {

__global__ void fill_kernel(float* y, int64_t n, float value) {
  for (int64_t i = thread_index(); i < n; i += grid_stride()) y[i] = value;
}

template <Unary op>
__device__ inline float apply_unary(float x) {
  if constexpr (op == Unary::neg) return -x;
  if constexpr (op == Unary::exp) return expf(x);
  if constexpr (op == Unary::log) return logf(x);
  if constexpr (op == Unary::sqrt) return sqrtf(x);
  if constexpr (op == Unary::square) return x * x;
  if constexpr (op == Unary::abs) return fabsf(x);
  // xt::maximum(x, 0) is (x > 0 ? x : 0): NaN gives 0.
  if constexpr (op == Unary::relu) return x > 0.0f ? x : 0.0f;
  // exp(-x) overflows to inf for x < -88, which still gives the right 0.
  if constexpr (op == Unary::sigmoid) return 1.0f / (1.0f + expf(-x));
  if constexpr (op == Unary::tanh) return tanhf(x);
  if constexpr (op == Unary::step) return x > 0.0f ? 1.0f : 0.0f;
  return x;
}

template <Unary op>
__global__ void unary_kernel(const float* x, float* y, int64_t n) {
  for (int64_t i = thread_index(); i < n; i += grid_stride()) {
    y[i] = apply_unary<op>(x[i]);
  }
}

template <Unary op>
void launch_unary(const float* x, float* y, int64_t n) {
  unary_kernel<op><<<blocks_for(n), kThreads>>>(x, y, n);
  check_launch("unary");
}

template <Binary op>
__device__ inline float apply_binary(float u, float v) {
  if constexpr (op == Binary::add) return u + v;
  if constexpr (op == Binary::sub) return u - v;
  if constexpr (op == Binary::mul) return u * v;
  if constexpr (op == Binary::div) return u / v;
  if constexpr (op == Binary::pow) return powf(u, v);
  // Not fmaxf/fminf: the CPU's ternaries, whose NaN handling depends on the side.
  if constexpr (op == Binary::max) return u > v ? u : v;
  if constexpr (op == Binary::min) return u < v ? u : v;
  if constexpr (op == Binary::eq) return float(u == v);
  if constexpr (op == Binary::ne) return float(u != v);
  if constexpr (op == Binary::gt) return float(u > v);
  if constexpr (op == Binary::ge) return float(u >= v);
  if constexpr (op == Binary::lt) return float(u < v);
  if constexpr (op == Binary::le) return float(u <= v);
  // u = the incoming gradient, v = the saved output (or relu's input).
  if constexpr (op == Binary::sigmoid_grad) return u * v * (1.0f - v);
  if constexpr (op == Binary::tanh_grad) return u * (1.0f - v * v);
  if constexpr (op == Binary::relu_grad) return v > 0.0f ? u : 0.0f;
  return u;
}

// The common cases as one flat loop: each input either of the output's shape
// (full, element i) or one value for all (single, element 0). Thread i reads
// only element i (or 0) of each input before writing y[i], so y may alias an
// input of the output's shape.
template <Binary op, bool a_full, bool b_full>
__global__ void binary_flat_kernel(const float* a, const float* b, float* y, int64_t n) {
  for (int64_t i = thread_index(); i < n; i += grid_stride()) {
    y[i] = apply_binary<op>(a[a_full ? i : 0], b[b_full ? i : 0]);
  }
}

// The general broadcast: output index i split into its multi-index over the
// (folded) output shape, each input's offset from its own strides (0 along a
// broadcast axis). An input that aliases y has the output's shape, so its
// offset is i itself: the alias is read before it is written, as above.
template <Binary op>
__global__ void binary_strided_kernel(const float* a, const float* b, float* y, int64_t n,
                                      Dims shape, Dims as, Dims bs) {
  for (int64_t i = thread_index(); i < n; i += grid_stride()) {
    int64_t rest = i, ao = 0, bo = 0;
    for (int ax = shape.n - 1; ax >= 0; --ax) {
      const int64_t q = rest % shape.v[ax];
      rest /= shape.v[ax];
      ao += q * as.v[ax];
      bo += q * bs.v[ax];
    }
    y[i] = apply_binary<op>(a[ao], b[bo]);
  }
}

template <Binary op>
void launch_binary(const float* a, const float* b, float* y, const BroadcastPlan& p) {
  const int64_t n = product(p.out);
  const unsigned blocks = blocks_for(n);
  const InputLayout la = layout_of(p.a_strides, p.out),
                    lb = layout_of(p.b_strides, p.out);
  if (la != InputLayout::other && lb != InputLayout::other) {
    const bool af = la == InputLayout::full, bf = lb == InputLayout::full;
    if (af && bf) {
      binary_flat_kernel<op, true, true><<<blocks, kThreads>>>(a, b, y, n);
    } else if (af) {
      binary_flat_kernel<op, true, false><<<blocks, kThreads>>>(a, b, y, n);
    } else if (bf) {
      binary_flat_kernel<op, false, true><<<blocks, kThreads>>>(a, b, y, n);
    } else {
      binary_flat_kernel<op, false, false><<<blocks, kThreads>>>(a, b, y, n);
    }
    check_launch("binary");
    return;
  }
  std::vector<int64_t> shape = p.out, as = p.a_strides, bs = p.b_strides;
  fold_axes(shape, {&as, &bs});
  binary_strided_kernel<op><<<blocks, kThreads>>>(
      a, b, y, n, to_dims(shape, "binary"), to_dims(as, "binary"), to_dims(bs, "binary"));
  check_launch("binary");
}

}  // namespace

void fill(Device d, float* y, int64_t n, float value) {
  if (n <= 0) return;
  set_device(d);
  fill_kernel<<<blocks_for(n), kThreads>>>(y, n, value);
  check_launch("fill");
}

void copy(Device d, const float* x, float* y, int64_t n) {
  if (n <= 0 || x == y) return;
  set_device(d);
  // Asynchronous on the default stream: ordered with the kernels around it.
  check(cudaMemcpyAsync(y, x, size_t(n) * sizeof(float), cudaMemcpyDeviceToDevice, 0),
        "copy");
}

void unary(Device d, Unary op, const float* x, float* y, int64_t n) {
  if (n <= 0) return;
  set_device(d);
  switch (op) {
    case Unary::neg:
      return launch_unary<Unary::neg>(x, y, n);
    case Unary::exp:
      return launch_unary<Unary::exp>(x, y, n);
    case Unary::log:
      return launch_unary<Unary::log>(x, y, n);
    case Unary::sqrt:
      return launch_unary<Unary::sqrt>(x, y, n);
    case Unary::square:
      return launch_unary<Unary::square>(x, y, n);
    case Unary::abs:
      return launch_unary<Unary::abs>(x, y, n);
    case Unary::relu:
      return launch_unary<Unary::relu>(x, y, n);
    case Unary::sigmoid:
      return launch_unary<Unary::sigmoid>(x, y, n);
    case Unary::tanh:
      return launch_unary<Unary::tanh>(x, y, n);
    case Unary::step:
      return launch_unary<Unary::step>(x, y, n);
  }
  throw d2l::Error("gpu: unary: unknown operation");
}

void binary(Device d, Binary op, const float* a, const float* b, float* y,
            const BroadcastPlan& plan) {
  if (product(plan.out) <= 0) return;
  set_device(d);
  switch (op) {
    case Binary::add:
      return launch_binary<Binary::add>(a, b, y, plan);
    case Binary::sub:
      return launch_binary<Binary::sub>(a, b, y, plan);
    case Binary::mul:
      return launch_binary<Binary::mul>(a, b, y, plan);
    case Binary::div:
      return launch_binary<Binary::div>(a, b, y, plan);
    case Binary::pow:
      return launch_binary<Binary::pow>(a, b, y, plan);
    case Binary::max:
      return launch_binary<Binary::max>(a, b, y, plan);
    case Binary::min:
      return launch_binary<Binary::min>(a, b, y, plan);
    case Binary::eq:
      return launch_binary<Binary::eq>(a, b, y, plan);
    case Binary::ne:
      return launch_binary<Binary::ne>(a, b, y, plan);
    case Binary::gt:
      return launch_binary<Binary::gt>(a, b, y, plan);
    case Binary::ge:
      return launch_binary<Binary::ge>(a, b, y, plan);
    case Binary::lt:
      return launch_binary<Binary::lt>(a, b, y, plan);
    case Binary::le:
      return launch_binary<Binary::le>(a, b, y, plan);
    case Binary::sigmoid_grad:
      return launch_binary<Binary::sigmoid_grad>(a, b, y, plan);
    case Binary::tanh_grad:
      return launch_binary<Binary::tanh_grad>(a, b, y, plan);
    case Binary::relu_grad:
      return launch_binary<Binary::relu_grad>(a, b, y, plan);
  }
  throw d2l::Error("gpu: binary: unknown operation");
}

}  // namespace d2l::kernels::cuda
