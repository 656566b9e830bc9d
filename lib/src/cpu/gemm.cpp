// Matrix multiplication on the host: our AVX-512 kernel where the CPU has it,
// OpenBLAS otherwise.
#include <cblas.h>

#include "cpu/sgemm_avx512.hpp"
#include "d2l/error.hpp"
#include "kernels/backends.hpp"

namespace d2l::kernels::cpu {

void gemm(Device d, bool trans_a, bool trans_b, int64_t m, int64_t n, int64_t k,
          float alpha, const float* a, const float* b, float beta, float* c) {
  if (m == 0 || n == 0) return;
  if (k == 0) {  // an empty sum: C = beta * C (BLAS rejects a zero leading dim)
    for (int64_t i = 0; i < m * n; ++i) c[i] = beta == 0 ? 0.0f : beta * c[i];
    return;
  }
#ifdef __AVX512F__
  // Row-major op(A) is (m, k): element (i, p) sits at i*k + p, or at p*m + i
  // when A is stored transposed; likewise for B.
  avx512::sgemm(m, n, k, alpha, a, trans_a ? 1 : k, trans_a ? m : 1, b, trans_b ? 1 : n,
                trans_b ? k : 1, beta, c, n, 1);
  return;
#endif
  const blasint lda = blasint(trans_a ? m : k);
  const blasint ldb = blasint(trans_b ? k : n);
  cblas_sgemm(CblasRowMajor, trans_a ? CblasTrans : CblasNoTrans,
              trans_b ? CblasTrans : CblasNoTrans, blasint(m), blasint(n), blasint(k),
              alpha, a, lda, b, ldb, beta, c, blasint(n));
}

}  // namespace d2l::kernels::cpu
