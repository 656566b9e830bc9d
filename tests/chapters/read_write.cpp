// Checks of chapters/04_computation/read_write.cpp.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "chapters/results.hpp"

using chapter_test::entry;
using chapter_test::scalar;
using chapter_test::values;

namespace {
const char* const kName = "read_write";
}

TEST_CASE("arrays, lists and dicts come back as saved", "[read_write]") {
  CHECK(values(kName, "x_loaded") == std::vector<double>{0, 1, 2, 3});
  CHECK(scalar(kName, "list_size") == 2);
  CHECK(values(kName, "dict_y") == std::vector<double>{0, 0, 0, 0});
}

TEST_CASE("a loaded clone gives identical outputs", "[read_write]") {
  CHECK(scalar(kName, "identical_outputs") == 1);
}

TEST_CASE("a mismatched file is an error naming parameter and shapes", "[read_write]") {
  const std::string msg = entry(kName, "mismatch_error").get<std::string>();
  CHECK(msg.find("mlp.npz") != std::string::npos);
  CHECK(msg.find("hidden.weight") != std::string::npos);
  CHECK(msg.find("(256, 20)") != std::string::npos);
  CHECK(msg.find("(512, 0)") != std::string::npos);
}
