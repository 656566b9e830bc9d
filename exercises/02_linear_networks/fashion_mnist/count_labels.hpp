// Exercise 3: how many examples of each class a data set holds.
#pragma once
#include <cstdint>
#include <vector>

#include "d2l/d2l.hpp"

/// counts[c] = how many examples of `data` have label c, for c = 0..9
/// (read them from `data.labels()`); a vector of 10 numbers.
std::vector<int64_t> count_labels(const d2l::gluon::data::vision::FashionMNIST& data);
