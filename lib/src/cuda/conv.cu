// im2col and col2im on a GPU, as in src/cpu/conv.cpp: the copies that turn a
// convolution into one cuBLAS product. im2col has one thread per entry of
// cols; col2im one thread per pixel, which gathers the entries that came from
// it instead of scattering them, so it needs no atomics and sums in the CPU's
// order (tap by tap), giving the same floats on every run.
#include "cuda/common.cuh"

namespace d2l::kernels::cuda {

using namespace detail;

namespace {

// cols (c*KH*KW, n*OH*OW): entry (row, col) with row = (ci, i, j) and col =
// b*OH*OW + oh*OW + ow holds pixel (oh*SH - PH + i*DH, ow*SW - PW + j*DW) of
// plane (b, ci), or 0 where that falls in the padding.
__global__ void im2col_kernel(const float* x, float* cols, Window2D g, int64_t c,
                              int64_t n) {
  const int64_t taps = g.kernel_h * g.kernel_w, p = g.out_h * g.out_w;
  const int64_t width = n * p, total = c * taps * width;
  for (int64_t t = thread_index(); t < total; t += grid_stride()) {
    const int64_t row = t / width, col = t % width;
    const int64_t b = col / p, pos = col % p, oh = pos / g.out_w, ow = pos % g.out_w;
    const int64_t ci = row / taps, tap = row % taps;
    const int64_t i = tap / g.kernel_w, j = tap % g.kernel_w;
    const int64_t ih = oh * g.stride_h - g.pad_h + i * g.dilate_h;
    const int64_t iw = ow * g.stride_w - g.pad_w + j * g.dilate_w;
    const bool inside = ih >= 0 && ih < g.height && iw >= 0 && iw < g.width;
    cols[t] = inside ? x[((b * c + ci) * g.height + ih) * g.width + iw] : 0.0f;
  }
}

// The output position along one axis at which tap offset `tap` (i * dilation)
// reads input position `in`, or -1 when none does: in = o * stride - pad + tap.
__device__ inline int64_t output_reading(int64_t in, int64_t tap, int64_t stride,
                                         int64_t pad, int64_t out) {
  const int64_t q = in + pad - tap;
  if (q < 0 || q % stride != 0) return -1;
  const int64_t o = q / stride;
  return o < out ? o : -1;
}

// x (n, c, H, W): each pixel the sum, over taps in order, of the one cols entry
// (if any) that each tap took from it. Overwrites x.
__global__ void col2im_kernel(const float* cols, float* x, Window2D g, int64_t c,
                              int64_t n) {
  const int64_t taps = g.kernel_h * g.kernel_w, p = g.out_h * g.out_w;
  const int64_t total = n * c * g.height * g.width;
  for (int64_t t = thread_index(); t < total; t += grid_stride()) {
    const int64_t iw = t % g.width, ih = (t / g.width) % g.height;
    const int64_t plane = t / (g.height * g.width), ci = plane % c, b = plane / c;
    float s = 0.0f;
    for (int64_t tap = 0; tap < taps; ++tap) {
      const int64_t i = tap / g.kernel_w, j = tap % g.kernel_w;
      const int64_t oh = output_reading(ih, i * g.dilate_h, g.stride_h, g.pad_h, g.out_h);
      if (oh < 0) continue;
      const int64_t ow = output_reading(iw, j * g.dilate_w, g.stride_w, g.pad_w, g.out_w);
      if (ow < 0) continue;
      s += cols[(ci * taps + tap) * n * p + b * p + oh * g.out_w + ow];
    }
    x[t] = s;
  }
}

}  // namespace

void im2col(Device d, const float* x, float* cols, const Window2D& g, int64_t c,
            int64_t n) {
  const int64_t total = c * g.kernel_h * g.kernel_w * n * g.out_h * g.out_w;
  if (total <= 0) return;
  set_device(d);
  im2col_kernel<<<blocks_for(total), kThreads>>>(x, cols, g, c, n);
  check_launch("im2col");
}

void col2im(Device d, const float* cols, float* x, const Window2D& g, int64_t c,
            int64_t n) {
  const int64_t total = n * c * g.height * g.width;
  if (total <= 0) return;
  set_device(d);
  col2im_kernel<<<blocks_for(total), kThreads>>>(cols, x, g, c, n);
  check_launch("col2im");
}

}  // namespace d2l::kernels::cuda
