#pragma once
/// @file xtensor.hpp
/// Opt-in conversion between NDArray and `xt::xarray<float>` (the book's
/// `asnumpy()` moment). This is the one public header that includes xtensor,
/// so only the programs that convert pay its compile time.

#include <xtensor/xadapt.hpp>
#include <xtensor/xarray.hpp>

#include "d2l/ndarray.hpp"

namespace d2l {

/// A copy of `x`'s values as an xtensor array (on the host).
inline xt::xarray<float> to_xarray(const NDArray& x) {
  std::vector<size_t> shape(x.shape().begin(), x.shape().end());
  xt::xarray<float> out(shape);
  auto values = x.to_vector();
  std::copy(values.begin(), values.end(), out.begin());
  return out;
}

/// A new NDArray holding a copy of an xtensor expression's values.
template <class E>
NDArray from_xarray(const xt::xexpression<E>& e, Device device = cpu()) {
  xt::xarray<float> a = e.derived_cast();  // materialize, row-major
  Shape shape(a.shape().begin(), a.shape().end());
  return NDArray(std::vector<float>(a.begin(), a.end()), shape, device);
}

}  // namespace d2l
