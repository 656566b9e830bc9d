// Must NOT compile: NDArray holds float32 only, so astype to another element
// type is refused at compile time with a message that says so (see
// tests/CMakeLists.txt).
#include <d2l/ndarray.hpp>

int main() {
  d2l::NDArray x{1, 2};
  auto y = x.astype(d2l::nd::int32);
  return 0;
}
