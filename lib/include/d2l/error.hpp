#pragma once
/// @file error.hpp
/// d2l::Error: what the library throws when it is used the wrong way.

#include <stdexcept>

namespace d2l {

/// The one exception type the library throws, for misuse and bad data alike:
/// mismatched shapes, a layer used before initialize(), a parameter that is
/// not there, a bad option or learning rate, an in-place write autograd cannot
/// follow, a missing, truncated, corrupt or lying file (IDX, .npy, .npz,
/// parameters), and host memory running out. The message names the operation
/// or file, the things involved and the fix (`nd::dot: shapes (2, 3) and (4, 5)
/// do not match ...`). It derives from std::runtime_error, so one handler
/// catches it with the standard library's own run-time errors:
///
///     try {
///       net(X);
///     } catch (const std::runtime_error& e) {  // or const d2l::Error&
///       std::cerr << e.what() << "\n";
///     }
///
/// tests/catalogue/ checks one case of each kind for this type and message.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace d2l
