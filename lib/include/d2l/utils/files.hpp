#pragma once
/// @file files.hpp
/// Writing files so that a crash never leaves a half-written one.

#include <string>

namespace d2l {

/// Writes `content` to `path` through a temporary file in the same folder and
/// a rename, so that a reader never sees a half-written file and a crash keeps
/// the previous version. The temporary (`PATH.tmp.PID.N`) that a killed
/// process leaves behind is removed at the next write of `path`.
void write_file_atomic(const std::string& path, const std::string& content);

}  // namespace d2l
