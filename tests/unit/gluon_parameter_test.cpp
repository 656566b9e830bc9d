// Parameter and ParameterDict: handles, initialization (also deferred),
// errors before initialization, set_data, grad_req, regex selection, printing.
#include <catch2/catch.hpp>
#include <sstream>

#include "d2l/gluon.hpp"
#include "gradcheck.hpp"

using namespace d2l;
using gluon::Parameter;
using gluon::ParameterDict;

TEST_CASE("Parameter copies are handles to one parameter", "[gluon][parameter]") {
  Parameter p("w", {2, 3});
  Parameter q = p;
  CHECK(q == p);
  p.initialize(init::Constant(2));
  CHECK(q.is_initialized());
  q.data() += 1;
  check_values(p.data(), {3, 3, 3, 3, 3, 3}, {2, 3});
  CHECK_FALSE(Parameter("w", {2}) == p);
}

TEST_CASE("Parameter data before initialize says what to do", "[gluon][parameter]") {
  Parameter p("dense9_weight", {4, 2});
  CHECK_THROWS_WITH(p.data(),
                    Catch::Contains("dense9_weight") && Catch::Contains("initialize()"));
  Parameter deferred("dense8_weight", {4, 0});
  deferred.initialize(init::One());
  CHECK_FALSE(deferred.is_initialized());
  CHECK_THROWS_WITH(deferred.data(), Catch::Contains("dense8_weight") &&
                                         Catch::Contains("deferred") &&
                                         Catch::Contains("first forward"));
  deferred.finish_deferred_init({4, 3});
  CHECK(deferred.shape() == Shape{4, 3});
  check_values(deferred.data().sum(), {12}, {});
  CHECK_THROWS_WITH(deferred.set_shape({5, 3}), Catch::Contains("(4, 3)"));
}

TEST_CASE("Parameter own initializer wins and reinit needs force", "[gluon][parameter]") {
  Parameter b("x_bias", {2}, GradReq::write, std::make_shared<init::Constant>(7));
  b.initialize(init::One());
  check_values(b.data(), {7, 7}, {2});
  Parameter w("x_weight", {2});
  w.initialize(init::One());
  w.initialize(init::Constant(5));  // ignored with a note: already initialized
  check_values(w.data(), {1, 1}, {2});
  NDArray held = w.data();
  w.initialize(init::Constant(5), /*force_reinit=*/true);
  check_values(held, {5, 5}, {2});  // refilled in place
}

TEST_CASE("Parameter set_data grad and grad_req", "[gluon][parameter]") {
  Parameter p("p_weight", {0});
  p.set_data(NDArray{1, 2});
  CHECK(p.shape() == Shape{2});
  check_values(p.data(), {1, 2}, {2});
  p.set_data(NDArray{3, 4});
  check_values(p.data(), {3, 4}, {2});
  CHECK_THROWS_WITH(p.set_data(NDArray{1, 2, 3}),
                    Catch::Contains("p_weight") && Catch::Contains("(3,)"));
  NDArray loss;
  {
    autograd::record rec;
    loss = (p.data() * p.data()).sum();
  }
  loss.backward();
  check_values(p.grad(), {6, 8}, {2});
  p.zero_grad();
  check_values(p.grad(), {0, 0}, {2});
  p.set_grad_req(GradReq::null);
  CHECK_THROWS_WITH(p.grad(), Catch::Contains("null"));
}

TEST_CASE("ParameterDict keeps order selects by regex and prints", "[gluon][parameter]") {
  ParameterDict d("model0_");
  d.add(Parameter("dense0_weight", {2, 0}));
  d.add(Parameter("dense0_bias", {2}));
  d.add(Parameter("dense1_weight", {1, 2}));
  CHECK(d.keys() ==
        std::vector<std::string>{"dense0_weight", "dense0_bias", "dense1_weight"});
  CHECK(d.select(".*weight").keys() ==
        std::vector<std::string>{"dense0_weight", "dense1_weight"});
  CHECK(d.select("dense1").size() == 1);  // matched from the start
  CHECK(d.select("weight").size() == 0);  // re.match, not re.search
  CHECK(d["dense0_bias"].shape() == Shape{2});
  CHECK_THROWS_WITH(d["nope"], Catch::Contains("nope") && Catch::Contains("dense0_bias"));
  CHECK_THROWS_WITH(d.add(Parameter("dense0_bias", {2})), Catch::Contains("dense0_bias"));
  d.add(d["dense0_bias"]);  // the same parameter again: no change
  CHECK(d.size() == 3);
  CHECK_THROWS_WITH(d.select("(["), Catch::Contains("regular expression"));
  std::ostringstream os;
  os << d;
  CHECK(os.str() ==
        "model0_ (\n"
        "  Parameter dense0_weight (shape=(2, 0), dtype=float32)\n"
        "  Parameter dense0_bias (shape=(2,), dtype=float32)\n"
        "  Parameter dense1_weight (shape=(1, 2), dtype=float32)\n"
        ")");
  d.initialize(init::One());
  CHECK(d["dense1_weight"].is_initialized());
  CHECK_FALSE(d["dense0_weight"].is_initialized());  // waits for its input size
}
