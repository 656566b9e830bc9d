#pragma once
// A minimal ZIP archive: writing stored (uncompressed) entries, as np.savez
// does, and reading stored or deflated ones (np.savez_compressed).

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace d2l::io {

using ZipEntries = std::vector<std::pair<std::string, std::string>>;  // name, bytes

/// The bytes of a ZIP archive holding `entries` uncompressed, in order.
std::string write_zip(const ZipEntries& entries);

/// Asked about each member, with the uncompressed size it claims, before its
/// bytes are read: it returns false to skip the member, and throws for a size
/// the reader cannot expect (so a lying header costs no memory).
using ZipMemberFilter = std::function<bool(const std::string& name, uint64_t size)>;

/// The entries of the ZIP archive `bytes`, in the order of its central
/// directory, less those `filter` skips. `where` names the file in errors.
ZipEntries read_zip(std::string_view bytes, const std::string& where,
                    const ZipMemberFilter& filter = {});

}  // namespace d2l::io
