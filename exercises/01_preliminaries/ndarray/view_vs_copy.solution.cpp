// The reference answer to view_vs_copy.cpp.
#include "view_vs_copy.hpp"

#include "d2l/d2l.hpp"

using namespace d2l;

NDArray flat_view(const NDArray& X) {
  return X.reshape({-1});  // same elements, same order: a view
}

NDArray first_row(const NDArray& X) {
  return X[{0}];  // reading a selection copies it
}
