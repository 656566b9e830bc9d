// The emulated test device itself (D2L_EMULATE_GPU=1): host code that reads a
// gpu array's memory around the kernels must fault with a message, while the
// same array works through the ops. White-box: it reaches into the library.
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <string>

#include "core/gpu_emulator.hpp"
#include "d2l/ops.hpp"
#include "ndarray/impl.hpp"

using namespace d2l;

TEST_CASE("the emulated GPU's memory is unreadable outside kernels", "[gpu][emulator]") {
  if (!gpu_emulator::active()) {
    WARN("skipped: the emulated GPU is off (set D2L_EMULATE_GPU=1)");
    return;
  }
  auto x = nd::ones({4}, gpu(0));
  CHECK(nd::sum(x * 2).asscalar() == 8);  // through the kernels: fine
  int out[2];
  REQUIRE(pipe(out) == 0);
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {  // what an op that forgot the dispatch layer would do
    dup2(out[1], STDERR_FILENO);
    volatile float v = detail::ptr(x)[0];
    _exit(v == 1 ? 0 : 3);
  }
  close(out[1]);
  std::string message;
  char buf[256];
  for (ssize_t n; (n = read(out[0], buf, sizeof buf)) > 0;)
    message.append(buf, size_t(n));
  close(out[0]);
  int status = 0;
  waitpid(child, &status, 0);
  REQUIRE(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGSEGV);
  CHECK_THAT(message, Catch::Contains("outside a kernel"));
}
