// Arrays from nested braced literals of any rank: NDArray{{1, 2}, {3, 4}}.
#include <string>

#include "d2l/ops.hpp"
#include "ndarray/impl.hpp"

namespace d2l {

using detail::fail;

namespace {

// The position of an entry, written as Python indexes nested lists: `[1][0]`.
std::string path_str(const std::vector<size_t>& path) {
  std::string s;
  for (size_t i : path) s += detail::cat('[', i, ']');
  return s;
}

// "a list of 3 entries", "a list of 1 entry".
std::string list_of(size_t n) {
  return detail::cat("a list of ", n, n == 1 ? " entry" : " entries");
}
// What an entry is, for messages: "a number" or "a list of 3 entries".
std::string what(const NestedList& e) {
  return e.is_list() ? list_of(e.items().size()) : "a number";
}

// The shape implied by the first entry at every level: {{1, 2}, ...} -> (., 2).
Shape first_path_shape(std::initializer_list<NestedList> values) {
  Shape shape{int64_t(values.size())};
  const NestedList* e = values.size() ? values.begin() : nullptr;
  while (e && e->is_list()) {
    shape.push_back(int64_t(e->items().size()));
    e = e->items().empty() ? nullptr : &e->items()[0];
  }
  return shape;
}

// Checks that `e`, found at `path`, fits `shape` from axis `depth` on, and
// appends its numbers to `out` in row-major order.
void flatten(const NestedList& e, const Shape& shape, std::vector<size_t>& path,
             std::vector<float>& out) {
  const size_t depth = path.size();
  const bool want_list = depth < shape.size();
  if (e.is_list() != want_list ||
      (want_list && int64_t(e.items().size()) != shape[depth])) {
    std::vector<size_t> first(path.size(), 0);
    std::string expected = want_list ? list_of(size_t(shape[depth])) : "a number";
    fail("array", "the nested list is ragged: entry ", path_str(path), " is ", what(e),
         " but entry ", path_str(first), " is ", expected,
         "; every entry at one level needs the same length (an array is a box)");
  }
  if (!want_list) {
    out.push_back(e.value());
    return;
  }
  for (size_t i = 0; i < e.items().size(); ++i) {
    path.push_back(i);
    flatten(e.items()[i], shape, path, out);
    path.pop_back();
  }
}

}  // namespace

NDArray::NDArray(std::initializer_list<NestedList> values) : NDArray(nd::array(values)) {}

namespace nd {

NDArray array(std::initializer_list<NestedList> values, Device device) {
  Shape shape = first_path_shape(values);
  std::vector<float> flat;
  flat.reserve(size_t(shape_size(shape)));
  std::vector<size_t> path;
  for (size_t i = 0; i < values.size(); ++i) {
    path.assign(1, i);
    flatten(values.begin()[i], shape, path, flat);
  }
  return NDArray(flat, shape, device);
}

}  // namespace nd
}  // namespace d2l
