// Must NOT compile cleanly: `autograd::record();` is a temporary that ends at
// the semicolon, so nothing after it is recorded. The test expects the
// compiler's nodiscard diagnostic for it (see tests/CMakeLists.txt).
#include <d2l/autograd.hpp>

int main() {
  d2l::autograd::record();
  return 0;
}
