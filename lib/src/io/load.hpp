#pragma once
// nd::load with a say over an archive's members: load_parameters uses it to skip
// or refuse members by name and claimed size before any of them is decompressed.

#include <string>

#include "d2l/serialize.hpp"
#include "io/zip.hpp"

namespace d2l::io {

/// nd::load(path), with `filter` asked about each member of a .npz archive (its
/// ZIP name, `0.weight.npy`, and uncompressed size) before it is read.
nd::Loaded load_file(const std::string& path, const ZipMemberFilter& filter);

}  // namespace d2l::io
