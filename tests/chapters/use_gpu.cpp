// Checks of chapters/04_computation/use_gpu.cpp.
#include <catch2/catch.hpp>

#include "chapters/results.hpp"

using chapter_test::scalar;

namespace {
const char* const kName = "use_gpu";
}

TEST_CASE("arrays and networks go to the device they are sent to", "[use_gpu]") {
  CHECK(scalar(kName, "as_in_context_shares") == 1);
  CHECK(scalar(kName, "copyto_copies") == 1);
  CHECK(scalar(kName, "missing_gpu_fails") == 1);
  CHECK(scalar(kName, "net_output_on_device") == 1);
  // Mixing devices is an error wherever a GPU exists (none: nothing to mix).
  CHECK(scalar(kName, "mixed_devices_fail") == (scalar(kName, "num_gpus") > 0 ? 1 : 0));
  CHECK(scalar(kName, "small_cpu_ms") > 0);
  CHECK(scalar(kName, "large_cpu_ms") > scalar(kName, "small_cpu_ms"));
}
