#pragma once
// Building error messages that name the operation, the shapes and the fix.

#include <sstream>
#include <string>

#include "d2l/error.hpp"

namespace d2l::detail {

/// Concatenates the arguments with operator<< into one string.
template <class... Args>
std::string cat(const Args&... args) {
  std::ostringstream os;
  (os << ... << args);
  return os.str();
}

/// Throws d2l::Error("<op>: <message>").
template <class... Args>
[[noreturn]] void fail(const char* op, const Args&... args) {
  throw Error(cat(op, ": ", args...));
}

/// Normalizes a possibly negative axis for an array of `ndim` axes.
int normalize_axis(int axis, int ndim, const char* op);

}  // namespace d2l::detail
