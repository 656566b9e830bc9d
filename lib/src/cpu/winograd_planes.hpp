#pragma once
// Winograd's transforms one (H, W) plane at a time, for F(2x2, RxR) with R =
// 3 or 5 (winograd_matrices.hpp). Tile (th, tw) of the output covers rows
// 2th, 2th+1 and columns 2tw, 2tw+1; its input patch starts R/2 rows and
// columns before them (zeros outside the plane). A transformed tile's value
// at position xi goes to [xi * stride + th * TW + tw].

#include <cstdint>

#include "kernels/kernels.hpp"

namespace d2l::kernels::winograd {

/// The AVX-512 forms (winograd_avx512.cpp): a row of tiles at a time, one
/// tile per vector lane. Defined for R = 3 and 5 when the build has AVX-512.
template <int R>
void input_plane_vector(const float* x, float* v, int64_t stride, const WinogradTiles& t);
template <int R>
void output_plane_vector(const float* m, float bias, float* y, int64_t stride,
                         const WinogradTiles& t);
template <int R>
void output_grad_plane_vector(const float* gy, float* m, int64_t stride,
                              const WinogradTiles& t);

}  // namespace d2l::kernels::winograd
