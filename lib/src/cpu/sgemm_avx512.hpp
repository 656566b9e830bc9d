#pragma once
// Our AVX-512 SGEMM (see sgemm_avx512.cpp). Every matrix is given by a pointer
// and a row and column stride, so transposes cost nothing:
// C(i, j) = alpha * sum_p A(i, p) B(p, j) + beta * C(i, j).
#include <cstdint>

namespace d2l::kernels::avx512 {

void sgemm(int64_t m, int64_t n, int64_t k, float alpha, const float* a, int64_t rsa,
           int64_t csa, const float* b, int64_t rsb, int64_t csb, float beta, float* c,
           int64_t rsc, int64_t csc);

/// One of sgemm's paths (sgemm_dot_tiles_avx512.cpp), for m <= 16 with A's
/// rows and B's columns contiguous along k: A(i, p) = a[i * rsa + p] and
/// B(p, j) = b[j * csb + p].
void sgemm_dot_tiles(int64_t m, int64_t n, int64_t k, float alpha, const float* a,
                     int64_t rsa, const float* b, int64_t csb, float beta, float* c,
                     int64_t rsc, int64_t csc);

}  // namespace d2l::kernels::avx512
