// Matrix multiplication on the host through OpenBLAS.
#include <cblas.h>

#include "kernels/host_only.hpp"
#include "kernels/kernels.hpp"

namespace d2l::kernels {

void gemm(Device d, bool trans_a, bool trans_b, int64_t m, int64_t n, int64_t k,
          float alpha, const float* a, const float* b, float beta, float* c) {
  require_host(d, "gemm");
  if (m == 0 || n == 0) return;
  if (k == 0) {  // an empty sum: C = beta * C (BLAS rejects a zero leading dim)
    for (int64_t i = 0; i < m * n; ++i) c[i] = beta == 0 ? 0.0f : beta * c[i];
    return;
  }
  const blasint lda = blasint(trans_a ? m : k);
  const blasint ldb = blasint(trans_b ? k : n);
  cblas_sgemm(CblasRowMajor, trans_a ? CblasTrans : CblasNoTrans,
              trans_b ? CblasTrans : CblasNoTrans, blasint(m), blasint(n), blasint(k),
              alpha, a, lda, b, ldb, beta, c, blasint(n));
}

}  // namespace d2l::kernels
