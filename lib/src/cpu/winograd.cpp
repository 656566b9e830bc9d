// Winograd's F(2x2, 3x3) and F(2x2, 5x5) transforms on the host (Lavin and
// Gray, 2015; the matrices in winograd_matrices.hpp). A convolution with
// stride 1 and "same" padding is computed on 2x2 tiles of its output: each
// tile's a x a input patch d (a = kernel + 1) and each kernel g are
// transformed, multiplied elementwise (a^2 products where a direct 2x2 tile
// needs 4 k^2: 16 for 36, 36 for 100) and transformed back:
//   Y = A^T [(G g G^T) . (B^T d B)] A.
// The products summed over channels are a^2 matrix products, one per
// position of the patch; the GEMM does those. Here are the transforms: the
// kernels' (portable, vectorized by the compiler), and the planes', with
// AVX-512 (winograd_avx512.cpp) or one tile at a time elsewhere.
#include <algorithm>
#include <vector>

#include "core/parallel.hpp"
#include "cpu/winograd_matrices.hpp"
#include "cpu/winograd_planes.hpp"
#include "kernels/host_only.hpp"
#include "kernels/kernels.hpp"

namespace d2l::kernels {

namespace {

using winograd::kMatrices;

// One tile at a time, for builds without AVX-512.
template <int R>
void input_plane_scalar(const float* x, float* v, int64_t stride,
                        const WinogradTiles& t) {
  constexpr auto& M = kMatrices<R>;
  constexpr int A = R + 1, P = R / 2;
  for (int64_t th = 0; th < t.tiles_h; ++th) {
    for (int64_t tw = 0; tw < t.tiles_w; ++tw) {
      float d[A][A], rows[A][A];
      for (int i = 0; i < A; ++i) {
        for (int j = 0; j < A; ++j) {
          const int64_t r = 2 * th - P + i, c = 2 * tw - P + j;
          d[i][j] =
              r >= 0 && r < t.height && c >= 0 && c < t.width ? x[r * t.width + c] : 0.0f;
        }
      }
      for (int k = 0; k < A; ++k) {  // B^T d
        for (int j = 0; j < A; ++j) {
          float s = 0;
          for (int i = 0; i < A; ++i) s += M.bt[k][i] * d[i][j];
          rows[k][j] = s;
        }
      }
      for (int k = 0; k < A; ++k) {  // ... times B
        for (int l = 0; l < A; ++l) {
          float s = 0;
          for (int j = 0; j < A; ++j) s += M.bt[l][j] * rows[k][j];
          v[(k * A + l) * stride + th * t.tiles_w + tw] = s;
        }
      }
    }
  }
}

template <int R>
void output_plane_scalar(const float* m, float bias, float* y, int64_t stride,
                         const WinogradTiles& t) {
  constexpr auto& M = kMatrices<R>;
  constexpr int A = R + 1;
  for (int64_t th = 0; th < t.tiles_h; ++th) {
    for (int64_t tw = 0; tw < t.tiles_w; ++tw) {
      float rows[2][A] = {};  // A^T m
      for (int i = 0; i < A; ++i) {
        for (int j = 0; j < A; ++j) {
          const float value = m[(i * A + j) * stride + th * t.tiles_w + tw];
          rows[0][j] += M.at[0][i] * value;
          rows[1][j] += M.at[1][i] * value;
        }
      }
      for (int p = 0; p < 2 && 2 * th + p < t.height; ++p) {  // ... times A
        for (int q = 0; q < 2 && 2 * tw + q < t.width; ++q) {
          float s = bias;
          for (int j = 0; j < A; ++j) s += M.at[q][j] * rows[p][j];
          y[(2 * th + p) * t.width + 2 * tw + q] = s;
        }
      }
    }
  }
}

template <int R>
void output_grad_plane_scalar(const float* gy, float* m, int64_t stride,
                              const WinogradTiles& t) {
  constexpr auto& M = kMatrices<R>;
  constexpr int A = R + 1;
  for (int64_t th = 0; th < t.tiles_h; ++th) {
    for (int64_t tw = 0; tw < t.tiles_w; ++tw) {
      float z[2][2];
      for (int p = 0; p < 2; ++p) {
        for (int s = 0; s < 2; ++s) {
          const int64_t r = 2 * th + p, c = 2 * tw + s;
          z[p][s] = r < t.height && c < t.width ? gy[r * t.width + c] : 0.0f;
        }
      }
      for (int i = 0; i < A; ++i) {  // (A z A^T)[i][j]
        const float a0 = M.at[0][i] * z[0][0] + M.at[1][i] * z[1][0];
        const float a1 = M.at[0][i] * z[0][1] + M.at[1][i] * z[1][1];
        for (int j = 0; j < A; ++j) {
          m[(i * A + j) * stride + th * t.tiles_w + tw] =
              a0 * M.at[0][j] + a1 * M.at[1][j];
        }
      }
    }
  }
}

// The plane transforms for kernel size R: AVX-512 where the build has it.
template <int R>
struct Planes {
#ifdef __AVX512F__
  static constexpr auto input = winograd::input_plane_vector<R>;
  static constexpr auto output = winograd::output_plane_vector<R>;
  static constexpr auto output_grad = winograd::output_grad_plane_vector<R>;
#else
  static constexpr auto input = input_plane_scalar<R>;
  static constexpr auto output = output_plane_scalar<R>;
  static constexpr auto output_grad = output_grad_plane_scalar<R>;
#endif
};

// Runs body.template operator()<R>() for the tiles' kernel size.
template <typename Body>
void for_kernel(const WinogradTiles& t, const char* what, Body&& body) {
  if (t.kernel == 3) return body.template operator()<3>();
  if (t.kernel == 5) return body.template operator()<5>();
  throw d2l::Error(std::string(what) + ": Winograd kernels are 3x3 or 5x5, got " +
                   std::to_string(t.kernel));
}

// coef[i a + j][p R + q] = G[i][p] G[j][q]: how much tap (p, q) of a kernel
// adds to entry (i, j) of G g G^T. With `adjoint`, of the kernel rotated by
// 180 degrees (tap (p, q) of the rotated kernel is (R-1-p, R-1-q)).
template <int R>
std::vector<float> tap_coefficients(bool adjoint) {
  constexpr auto& M = kMatrices<R>;
  constexpr int A = R + 1;
  std::vector<float> coef(A * A * R * R);
  for (int i = 0; i < A; ++i) {
    for (int j = 0; j < A; ++j) {
      for (int p = 0; p < R; ++p) {
        for (int q = 0; q < R; ++q) {
          coef[((i * A + j) * R + p) * R + q] =
              adjoint ? M.g[i][R - 1 - p] * M.g[j][R - 1 - q] : M.g[i][p] * M.g[j][q];
        }
      }
    }
  }
  return coef;
}

// Kernels are transformed in blocks small enough for L1.
constexpr int64_t kKernelBlock = 128;

}  // namespace

WinogradTiles winograd_tiles(int64_t height, int64_t width, int64_t kernel) {
  return {height, width, (height + 1) / 2, (width + 1) / 2, kernel};
}

bool winograd_vectorized() {
#ifdef __AVX512F__
  return true;
#else
  return false;
#endif
}

void winograd_input(Device d, const float* x, float* v, int64_t n, int64_t c,
                    const WinogradTiles& t) {
  require_host(d, "winograd_input");
  const int64_t per_image = t.tiles_h * t.tiles_w, stride = c * n * per_image;
  for_kernel(t, "winograd_input", [&]<int R>() {
    detail::parallel_for(n * c, [&](int64_t task) {
      const int64_t b = task / c, ci = task % c;
      Planes<R>::input(x + task * t.height * t.width, v + (ci * n + b) * per_image,
                       stride, t);
    });
  });
}

void winograd_output(Device d, const float* m, const float* bias, float* y, int64_t n,
                     int64_t f, const WinogradTiles& t) {
  require_host(d, "winograd_output");
  const int64_t per_image = t.tiles_h * t.tiles_w, stride = f * n * per_image;
  for_kernel(t, "winograd_output", [&]<int R>() {
    detail::parallel_for(n * f, [&](int64_t task) {
      const int64_t b = task / f, fi = task % f;
      Planes<R>::output(m + (fi * n + b) * per_image, bias ? bias[fi] : 0.0f,
                        y + task * t.height * t.width, stride, t);
    });
  });
}

void winograd_output_grad(Device d, const float* gy, float* m, int64_t n, int64_t f,
                          const WinogradTiles& t) {
  require_host(d, "winograd_output_grad");
  const int64_t per_image = t.tiles_h * t.tiles_w, stride = f * n * per_image;
  for_kernel(t, "winograd_output_grad", [&]<int R>() {
    detail::parallel_for(n * f, [&](int64_t task) {
      const int64_t b = task / f, fi = task % f;
      Planes<R>::output_grad(gy + task * t.height * t.width, m + (fi * n + b) * per_image,
                             stride, t);
    });
  });
}

void winograd_weights(Device d, const float* w, float* u, int64_t f, int64_t c,
                      const WinogradTiles& t, bool adjoint) {
  require_host(d, "winograd_weights");
  for_kernel(t, "winograd_weights", [&]<int R>() {
    constexpr int64_t taps = R * R, positions = (R + 1) * (R + 1);
    const std::vector<float> coef = tap_coefficients<R>(adjoint);
    const int64_t count = f * c;
    // Blocks of kernels, copied tap-major (each tap a contiguous row) so that
    // each output position is one vectorized loop over the block. Kernel k of
    // u is (f, c) = (k / C, k % C), or (k % F, k / F) for the adjoint.
    detail::parallel_for((count + kKernelBlock - 1) / kKernelBlock, [&](int64_t block) {
      const int64_t k0 = block * kKernelBlock, size = std::min(count - k0, kKernelBlock);
      alignas(64) float g[taps][kKernelBlock];
      for (int64_t k = 0; k < size; ++k) {
        const int64_t at = adjoint ? (k0 + k) % f * c + (k0 + k) / f : k0 + k;
        for (int e = 0; e < taps; ++e) g[e][k] = w[at * taps + e];
      }
      for (int64_t xi = 0; xi < positions; ++xi) {
        const float* a = coef.data() + xi * taps;
        float* __restrict out = u + xi * count + k0;
        std::fill(out, out + size, 0.0f);
        for (int e = 0; e < taps; ++e) {
          if (a[e] == 0.0f) continue;
          const float* __restrict tap = g[e];
          for (int64_t k = 0; k < size; ++k) out[k] += a[e] * tap[k];
        }
      }
    });
  });
}

void winograd_weights_grad(Device d, const float* du, float* dw, int64_t f, int64_t c,
                           const WinogradTiles& t) {
  require_host(d, "winograd_weights_grad");
  for_kernel(t, "winograd_weights_grad", [&]<int R>() {
    constexpr int64_t taps = R * R, positions = (R + 1) * (R + 1);
    const std::vector<float> coef = tap_coefficients<R>(false);
    const int64_t count = f * c;
    // The adjoint of winograd_weights: tap e of kernel k gets the sum over
    // positions xi of coef[xi][e] du[xi][k].
    detail::parallel_for((count + kKernelBlock - 1) / kKernelBlock, [&](int64_t block) {
      const int64_t k0 = block * kKernelBlock, size = std::min(count - k0, kKernelBlock);
      alignas(64) float g[taps][kKernelBlock] = {};
      for (int64_t xi = 0; xi < positions; ++xi) {
        const float* __restrict in = du + xi * count + k0;
        for (int e = 0; e < taps; ++e) {
          const float a = coef[xi * taps + e];
          if (a == 0.0f) continue;
          float* __restrict tap = g[e];
          for (int64_t k = 0; k < size; ++k) tap[k] += a * in[k];
        }
      }
      for (int64_t k = 0; k < size; ++k) {
        for (int e = 0; e < taps; ++e) dw[(k0 + k) * taps + e] = g[e][k];
      }
    });
  });
}

}  // namespace d2l::kernels
