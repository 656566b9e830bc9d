// The machine's single-precision GEMM rate: C = A B with 1024x1024 matrices,
// through OpenBLAS and through d2l's own GEMM (nd::dot), each repeated for
// about a second. Prints one JSON line with the median GFLOP/s of each over
// the repetitions (2 n^3 flops each).
//
//   gemm_rate [--threads T] [--n 1024] [--seconds 1]

#include <cblas.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <d2l/d2l.hpp>
#include <vector>

namespace {

// Median and best GFLOP/s of `gemm` over repeated runs lasting `budget` s.
template <class F>
std::pair<double, double> rates_of(F gemm, int n, double budget) {
  gemm();  // warm-up: threads started, pages touched
  using clock = std::chrono::steady_clock;
  std::vector<double> rates;
  auto begin = clock::now();
  while (rates.size() < 3 ||
         std::chrono::duration<double>(clock::now() - begin).count() < budget) {
    auto start = clock::now();
    gemm();
    double s = std::chrono::duration<double>(clock::now() - start).count();
    rates.push_back(2.0 * n * n * static_cast<double>(n) / s / 1e9);
  }
  std::sort(rates.begin(), rates.end());
  return {rates[rates.size() / 2], rates.back()};
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"sgemm rate: OpenBLAS and d2l"};
  int threads = 2;
  int n = 1024;
  double budget = 1.0;
  app.add_option("--threads", threads, "threads (OpenBLAS and d2l)")
      ->check(CLI::PositiveNumber);
  app.add_option("--n", n, "matrix size (n x n times n x n)")->check(CLI::PositiveNumber);
  app.add_option("--seconds", budget, "time to spend measuring");
  CLI11_PARSE(app, argc, argv);
  openblas_set_num_threads(threads);

  size_t count = static_cast<size_t>(n) * n;
  std::vector<float> A(count), B(count), C(count, 0.0f);
  for (size_t i = 0; i < count; ++i) {
    A[i] = static_cast<float>(i % 17) / 17.0f;
    B[i] = static_cast<float>(i % 13) / 13.0f;
  }
  auto blas = rates_of(
      [&] {
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, /*alpha=*/1.0f,
                    A.data(), n, B.data(), n, /*beta=*/0.0f, C.data(), n);
      },
      n, budget);

  d2l::set_num_threads(threads);
  d2l::NDArray a(A, {n, n}), b(B, {n, n});
  auto ours = rates_of([&] { d2l::nd::dot(a, b); }, n, budget);

  const char* coretype = std::getenv("OPENBLAS_CORETYPE");
  std::printf(
      "{\"n\": %d, \"threads\": %d, \"gflops\": %.1f, \"best_gflops\": %.1f, "
      "\"d2l_gflops\": %.1f, \"d2l_best_gflops\": %.1f, "
      "\"openblas_corename\": \"%s\", \"OPENBLAS_CORETYPE\": \"%s\"}\n",
      n, threads, blas.first, blas.second, ours.first, ours.second,
      openblas_get_corename(), coretype ? coretype : "");
  return 0;
}
