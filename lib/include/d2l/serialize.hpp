#pragma once
/// @file serialize.hpp
/// Saving and loading arrays (MXNet's `nd.save` / `nd.load`) in NumPy's formats,
/// so that NumPy (`np.load`) and PyTorch users open our files without our code:
/// - one array is a `.npy` file (float32, C order);
/// - a list or a dict of arrays is a `.npz` file: a ZIP archive, stored
///   uncompressed, with one `.npy` entry per array. A list's entries are named
///   `arr_0`, `arr_1`, ... as `np.savez(path, *arrays)` names them.
///
/// Files are written to a temporary name and renamed, so a crash keeps the
/// previous file. Loading reads float32, and converts NumPy's float64,
/// integer and bool arrays to float32; `.npz` files from `np.savez_compressed`
/// are read too.

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "d2l/ndarray.hpp"

namespace d2l::nd {

/// Writes one array as `.npy`.
void save(const std::string& path, const NDArray& x);
/// Writes a list of arrays as `.npz` with entries `arr_0`, `arr_1`, ...
void save(const std::string& path, const std::vector<NDArray>& arrays);
/// Writes arrays by name as `.npz` (entry `name.npy` per array).
void save(const std::string& path, const std::map<std::string, NDArray>& arrays);

/// What a file held: one array (`.npy`), or named arrays (`.npz`).
struct Loaded {
  /// (name, array) in file order; a `.npy` file gives one entry named "".
  std::vector<std::pair<std::string, NDArray>> entries;
  /// True for a `.npz` file (a list or a dict), false for one `.npy` array.
  bool is_archive = false;
  /// The file it came from (named in error messages).
  std::string path;

  /// The single array of a `.npy` file (an error for an archive).
  NDArray array() const;
  /// The arrays of a list (`arr_0`, `arr_1`, ... in numeric order).
  std::vector<NDArray> list() const;
  /// The arrays by name.
  std::map<std::string, NDArray> dict() const;
};

/// Reads a `.npy` or `.npz` file (told apart by its first bytes, not its name).
/// A missing, truncated or corrupt file is an error naming the file and what
/// was wrong.
Loaded load(const std::string& path);
/// Shortcuts: `load(path).array()`, `.list()`, `.dict()`.
NDArray load_array(const std::string& path);
/// The arrays of a `.npz` list, in order: `load(path).list()`.
std::vector<NDArray> load_list(const std::string& path);
/// The arrays of a `.npz` file by name: `load(path).dict()`.
std::map<std::string, NDArray> load_dict(const std::string& path);

}  // namespace d2l::nd
