// Exercise 3: Y = Y + X and Y = Y * 2 + X without allocating new storage.
#pragma once
#include "d2l/ndarray.hpp"

/// Y becomes Y + X, written into Y's own storage: afterwards `Y.storage_id()`
/// is what it was before, and every other handle to Y sees the new values.
void add_in_place(d2l::NDArray& Y, const d2l::NDArray& X);

/// Y becomes Y * 2 + X, again in Y's own storage.
void double_and_add_in_place(d2l::NDArray& Y, const d2l::NDArray& X);
