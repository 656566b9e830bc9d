// Matrix multiplication on a GPU through cuBLAS. cuBLAS is column-major: a
// row-major (r, c) matrix is, read column-major, its (c, r) transpose, so the
// row-major C = op(A) op(B) is computed as the column-major C^T = op(B)^T op(A)^T
// with the operands swapped and no data moved.
#include <cublas_v2.h>

#include <mutex>
#include <vector>

#include "cuda/common.cuh"

namespace d2l::kernels::cuda {

using namespace detail;

namespace {

void check_cublas(cublasStatus_t status, const char* what) {
  if (status != CUBLAS_STATUS_SUCCESS) {
    throw d2l::Error(std::string("gpu: ") + what +
                     " failed: " + cublasGetStatusName(status) + " (" +
                     cublasGetStatusString(status) + ")");
  }
}

// One handle per device, created on first use (on that device, which the
// caller has made current). Handles are never destroyed: at exit the CUDA
// runtime may already be gone, and the driver frees them with the process.
cublasHandle_t handle_for(int id) {
  static std::mutex mutex;
  static std::vector<cublasHandle_t> handles;
  std::lock_guard<std::mutex> lock(mutex);
  if (id < 0) throw d2l::Error("gpu: gemm: bad device id " + std::to_string(id));
  if (size_t(id) >= handles.size()) handles.resize(size_t(id) + 1, nullptr);
  if (!handles[size_t(id)]) {
    cublasHandle_t h = nullptr;
    check_cublas(cublasCreate(&h), "cublasCreate");
    // Plain float32 arithmetic (no TF32 tensor cores), so results match the
    // CPU's to float rounding. The default stream is the handle's default.
    check_cublas(cublasSetMathMode(h, CUBLAS_DEFAULT_MATH), "cublasSetMathMode");
    handles[size_t(id)] = h;
  }
  return handles[size_t(id)];
}

// C = beta * C for an empty sum (k == 0); C is not read when beta is 0, so
// that NaNs or garbage in it do not survive, as in BLAS.
__global__ void scale_kernel(float* c, int64_t n, float beta) {
  for (int64_t i = thread_index(); i < n; i += grid_stride()) {
    c[i] = beta == 0.0f ? 0.0f : beta * c[i];
  }
}

}  // namespace

void gemm(Device d, bool trans_a, bool trans_b, int64_t m, int64_t n, int64_t k,
          float alpha, const float* a, const float* b, float beta, float* c) {
  if (m <= 0 || n <= 0) return;
  set_device(d);
  if (k <= 0) {
    scale_kernel<<<blocks_for(m * n), kThreads>>>(c, m * n, beta);
    check_launch("gemm");
    return;
  }
  // Row-major op(A) is (m, k): A is stored (m, k) with rows k apart, or (k, m)
  // with rows m apart when transposed; likewise B, (k, n) or (n, k).
  const int64_t lda = trans_a ? m : k, ldb = trans_b ? k : n;
  const cublasOperation_t op_a = trans_a ? CUBLAS_OP_T : CUBLAS_OP_N;
  const cublasOperation_t op_b = trans_b ? CUBLAS_OP_T : CUBLAS_OP_N;
  // The 64-bit interface: no dimension is cut to int.
  check_cublas(cublasSgemm_64(handle_for(d.id), op_b, op_a, n, m, k, &alpha, b, ldb, a,
                              lda, &beta, c, n),
               "cublasSgemm");
}

}  // namespace d2l::kernels::cuda
