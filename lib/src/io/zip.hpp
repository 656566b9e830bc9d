#pragma once
// A minimal ZIP archive: writing stored (uncompressed) entries, as np.savez
// does, and reading stored or deflated ones (np.savez_compressed).

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace d2l::io {

using ZipEntries = std::vector<std::pair<std::string, std::string>>;  // name, bytes

/// The bytes of a ZIP archive holding `entries` uncompressed, in order.
std::string write_zip(const ZipEntries& entries);

/// The entries of the ZIP archive `bytes`, in the order of its central
/// directory. `where` names the file in error messages.
ZipEntries read_zip(std::string_view bytes, const std::string& where);

}  // namespace d2l::io
