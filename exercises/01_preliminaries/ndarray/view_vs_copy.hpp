// Exercise 4: reshape shares storage while indexing copies, shown by writing through each
// result.
#pragma once
#include "d2l/ndarray.hpp"

/// All of X's elements as one axis (shape (X.size())) that shares X's storage:
/// writing into the result changes X.
d2l::NDArray flat_view(const d2l::NDArray& X);

/// Row 0 of X read by indexing, X[{0}]: its own storage, so writing into the
/// result leaves X unchanged.
d2l::NDArray first_row(const d2l::NDArray& X);
