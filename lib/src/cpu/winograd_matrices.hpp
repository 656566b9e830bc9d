#pragma once
// The matrices of Winograd's F(2, r) minimal filtering algorithm, derived at
// compile time (Lavin and Gray, "Fast Algorithms for Convolutional Neural
// Networks", 2015). Two outputs of a correlation with an r-tap kernel g over
// a = r + 1 inputs d are
//   y = A^T [(G g) . (B^T d)],
// and in two dimensions, on a 2x2 output tile with an a x a input patch,
//   Y = A^T [(G g G^T) . (B^T d B)] A.
// They come from the Toom-Cook algorithm for the linear convolution of
// polynomials (evaluate both factors at a - 1 points and at infinity,
// multiply, interpolate), transposed: with V the matrix that evaluates a
// polynomial of degree a - 1 at the points, E and F those of g's and the
// output's degrees, G = E, A^T = F^T and B^T = (V^-1)^T. The points 0, 1, -1
// (and 2, -2 for r = 5) keep float rounding near that of a direct sum
// (measured: 5e-7 for r = 3, 6e-6 for r = 5 on values in [-1, 1]).

#include <cstdint>

namespace d2l::kernels::winograd {

template <int R>
struct Matrices {
  static constexpr int kA = R + 1;  // inputs per output pair
  float at[2][kA];                  // A^T
  float g[kA][R];                   // G
  float bt[kA][kA];                 // B^T
};

template <int R>
constexpr Matrices<R> derive() {
  constexpr int a = R + 1;
  const double points[5] = {0, 1, -1, 2, -2};
  auto power = [](double x, int k) {
    double p = 1;
    for (int i = 0; i < k; ++i) p *= x;
    return p;
  };
  // V: coefficients of a degree a-1 polynomial -> its values at the points
  // and its leading coefficient (the value "at infinity").
  double v[a][a] = {}, inverse[a][a] = {};
  for (int j = 0; j < a; ++j) {
    for (int l = 0; l < a; ++l) {
      v[j][l] = j < a - 1 ? power(points[j], l) : (l == a - 1 ? 1 : 0);
      inverse[j][l] = j == l ? 1 : 0;
    }
  }
  // Gauss-Jordan with partial pivoting.
  auto magnitude = [](double x) { return x < 0 ? -x : x; };
  for (int col = 0; col < a; ++col) {
    int pivot = col;
    for (int r = col + 1; r < a; ++r) {
      if (magnitude(v[r][col]) > magnitude(v[pivot][col])) pivot = r;
    }
    for (int l = 0; l < a; ++l) {
      double t = v[col][l];
      v[col][l] = v[pivot][l];
      v[pivot][l] = t;
      t = inverse[col][l];
      inverse[col][l] = inverse[pivot][l];
      inverse[pivot][l] = t;
    }
    const double p = v[col][col];
    for (int l = 0; l < a; ++l) {
      v[col][l] /= p;
      inverse[col][l] /= p;
    }
    for (int r = 0; r < a; ++r) {
      if (r == col) continue;
      const double f = v[r][col];
      for (int l = 0; l < a; ++l) {
        v[r][l] -= f * v[col][l];
        inverse[r][l] -= f * inverse[col][l];
      }
    }
  }
  Matrices<R> m{};
  for (int j = 0; j < a; ++j) {
    for (int k = 0; k < R; ++k) {
      m.g[j][k] = float(j < a - 1 ? power(points[j], k) : (k == R - 1 ? 1 : 0));
    }
    for (int i = 0; i < 2; ++i) {
      m.at[i][j] = float(j < a - 1 ? power(points[j], i) : (i == 1 ? 1 : 0));
    }
    for (int k = 0; k < a; ++k) m.bt[k][j] = float(inverse[j][k]);
  }
  return m;
}

template <int R>
inline constexpr Matrices<R> kMatrices = derive<R>();

}  // namespace d2l::kernels::winograd
