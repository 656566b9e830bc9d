// The machine's single-precision GEMM rate through OpenBLAS: C = A B with
// 1024x1024 matrices, repeated for about a second. Prints one JSON line with
// the median GFLOP/s over the repetitions (2 n^3 flops each).
//
//   gemm_rate [--threads T] [--n 1024] [--seconds 1]

#include <cblas.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

int main(int argc, char** argv) {
  CLI::App app{"OpenBLAS sgemm rate"};
  int threads = 2;
  int n = 1024;
  double budget = 1.0;
  app.add_option("--threads", threads, "OpenBLAS threads")->check(CLI::PositiveNumber);
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
  auto gemm = [&] {
    cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, /*alpha=*/1.0f,
                A.data(), n, B.data(), n, /*beta=*/0.0f, C.data(), n);
  };
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
  const char* coretype = std::getenv("OPENBLAS_CORETYPE");
  std::printf(
      "{\"n\": %d, \"threads\": %d, \"gflops\": %.1f, \"best_gflops\": %.1f, "
      "\"repetitions\": %zu, \"openblas_corename\": \"%s\", "
      "\"OPENBLAS_CORETYPE\": \"%s\"}\n",
      n, threads, rates[rates.size() / 2], rates.back(), rates.size(),
      openblas_get_corename(), coretype ? coretype : "");
  return 0;
}
