// The catalogue's own checks must be able to fail: an allocation past the bound
// and an exception of another type are both caught (Catch2 expects these cases
// to fail, so the suite passes only when they do).
#include <stdexcept>

#include "catalogue.hpp"

using namespace catalogue;

TEST_CASE("the memory bound notices 200 MB", "[catalogue][self][!shouldfail]") {
  expect_named_error_within(100,
                            [] {
                              std::vector<char> big(size_t(200) << 20, 1);
                              throw d2l::Error("big: " + std::to_string(big[7]));
                            },
                            {"big"});
}

TEST_CASE("another exception type is not a named error",
          "[catalogue][self][!shouldfail]") {
  expect_named_error([] { throw std::out_of_range("vector::at"); }, {"vector"});
}
