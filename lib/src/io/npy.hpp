#pragma once
// The .npy format of NumPy (version 1.0): a magic string, a Python dict
// literal describing dtype, order and shape, then the raw little-endian data.

#include <string>
#include <string_view>

#include "d2l/ndarray.hpp"

namespace d2l::io {

/// One array as the bytes of a .npy file ('<f4', C order).
std::string encode_npy(const NDArray& x);

/// Reads a .npy file's bytes. float32 is read as is; float64, int8/16/32/64,
/// uint8/16/32/64 and bool are converted to float32. `where` names the file
/// (and the entry inside an .npz) in error messages.
NDArray decode_npy(std::string_view bytes, const std::string& where);

}  // namespace d2l::io
