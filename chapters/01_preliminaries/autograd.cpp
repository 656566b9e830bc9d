//! # Automatic Differentiation
//!
//! Training a model means nudging its parameters in the direction that lowers a
//! loss, and that direction is given by derivatives. Working them out by hand is
//! slow and error-prone for anything bigger than a line. Our library does it for
//! us: while we compute, it can *record* which operations produced which arrays,
//! and afterwards walk that record backwards, applying the chain rule at every
//! step, to obtain the derivative of a result with respect to each input we asked
//! about. This is automatic differentiation, and the backwards walk is called
//! back-propagation.
//!
//! The names follow MXNet's `autograd` module: `attach_grad`, `record`,
//! `backward` and `grad`.
#include <d2l/d2l.hpp>
#include <iostream>
#include <string>

using namespace d2l;

int main(int argc, char** argv) {
  auto chapter = Chapter(argc, argv, {});

  //! ## A First Example
  //!
  //! We differentiate $y = 2\mathbf{x}^\top\mathbf{x}$ with respect to the column
  //! vector $\mathbf{x}$. By hand, $\partial y / \partial \mathbf{x} = 4\mathbf{x}$,
  //! so we know what to expect. The input is a $4 \times 1$ column.
  //!
  //! `attach_grad()` tells the library that we want the derivative with respect
  //! to `x`. It allocates a buffer of `x`'s shape where `backward()` will put the
  //! gradient, readable as `x.grad()`.
  chapter.section("A First Example");
  auto x = nd::arange(4).reshape({4, 1});
  x.attach_grad();
  std::cout << x << "\n";
  chapter.result("x", x);

  //! ## Recording a Computation
  //!
  //! Recording is switched on by an object, `autograd::record`. It records for as
  //! long as it lives and stops in its destructor, so a pair of braces delimits
  //! exactly what is recorded, even if an exception leaves the block early. This is
  //! the C++ idiom RAII ("resource acquisition is initialization"), playing the part
  //! of Python's `with autograd.record():`. We declare `y` before the block so that
  //! it outlives the block. `x.T()` is $1 \times 4$, so `y` is a $1 \times 1$ array.
  chapter.section("Recording a Computation");
  NDArray y;
  {
    autograd::record rec;
    y = 2 * nd::dot(x.T(), x);
  }
  std::cout << y << "\n";
  chapter.result("y", y);

  //! ## Back-propagation
  //!
  //! Calling `y.backward()` walks the record from `y` back to `x` and fills
  //! `x.grad()`. Each entry should be four times the matching entry of `x`; the
  //! comparison `x.grad() == 4 * x` gives 1 wherever that holds, and its smallest
  //! element is 1 only if it holds everywhere.
  chapter.section("Back-propagation");
  y.backward();
  std::cout << x.grad() << "\n";
  auto check = x.grad() == 4 * x;
  bool grad_ok = check.min().asscalar() == 1;
  std::cout << "x.grad() equals 4x: " << std::boolalpha << grad_ok << "\n";
  chapter.result("x_grad", x.grad());
  chapter.result("x_grad_equals_4x", grad_ok ? 1.0 : 0.0);

  //! ## Training Mode and Prediction Mode
  //!
  //! Some layers, such as dropout (which we meet later), behave differently while
  //! a model is trained and while it predicts. `autograd::is_training()` says which
  //! mode is active. Inside a `record` scope it is true, outside false; a layer
  //! asks this function instead of taking an extra argument.
  chapter.section("Training Mode and Prediction Mode");
  bool outside = autograd::is_training();
  bool inside = false;
  {
    autograd::record rec;
    inside = autograd::is_training();
  }
  bool after = autograd::is_training();
  std::cout << std::boolalpha << "is_training() outside record: " << outside
            << "\nis_training() inside record:  " << inside
            << "\nis_training() after record:   " << after << "\n";
  chapter.result("is_training_outside", outside ? 1.0 : 0.0);
  chapter.result("is_training_inside", inside ? 1.0 : 0.0);
  chapter.result("is_training_after", after ? 1.0 : 0.0);

  //! ## Backward from a Non-scalar
  //!
  //! A gradient is easiest to picture when the result is a single number. When
  //! the result holds several values, `backward()` first adds them up and
  //! differentiates the sum, as MXNet does. For `sq = v * v`, that is
  //! $s_i = v_i^2$, this gives $\partial (\sum_i s_i) / \partial v_i = 2v_i$. We
  //! compare it with an explicit `sum()`. By default every `backward()`
  //! *overwrites* `v.grad()` rather than adding to it, so the second call does not
  //! see the first one's result. (We keep a `copy()` of the first gradient: the
  //! handle `v.grad()` alone would show the buffer's latest contents.)
  chapter.section("Backward from a Non-scalar");
  auto v = nd::arange(4);
  v.attach_grad();
  NDArray sq;
  {
    autograd::record rec;
    sq = v * v;
  }
  sq.backward();
  auto implicit_sum = v.grad().copy();
  {
    autograd::record rec;
    sq = (v * v).sum();
  }
  sq.backward();
  std::cout << "gradient from v * v:\n" << implicit_sum << "\n";
  std::cout << "gradient from (v * v).sum():\n" << v.grad() << "\n";
  chapter.result("nonscalar_grad", implicit_sum);
  chapter.result("explicit_sum_grad", v.grad());

  //! ## Gradients through Control Flow
  //!
  //! The record is made while the program runs, one operation at a time. The
  //! library never sees our `while` or `if`; it only sees the arithmetic that
  //! actually happened. So an ordinary C++ function with loops and branches whose
  //! path depends on the data can still be differentiated.
  //!
  //! In `f` below the loop doubles `b` until its norm reaches 1000, and the
  //! branch depends on the sign of the sum, so the number of doublings and the
  //! branch taken both depend on `a`. Note `asscalar()`: a condition needs a plain
  //! `float`, not an array.
  chapter.section("Gradients through Control Flow");
  auto f = [](const NDArray& a) {
    NDArray b = a * 2;
    while (b.norm().asscalar() < 1000) {
      b = b * 2;
    }
    NDArray c = b.sum().asscalar() > 0 ? b : 100 * b;
    return c;
  };

  //! ## Checking the Gradient
  //!
  //! For any fixed input, `f` is linear in `a`: $f(a) = k a$ for some constant $k$
  //! (a power of 2, maybe times 100) chosen by the path taken. Its derivative at
  //! that input is therefore $k = f(a)/a$, and we can compare the gradient with
  //! `c / a`. We try a random `a` and then its negative, which takes the other
  //! branch of the `if`. The loop body records, differentiates and compares; a new
  //! `a` gets its own `attach_grad()`.
  chapter.section("Checking the Gradient");
  auto a0 = nd::random::normal(0, 1, {1});
  for (const char* which : {"random", "negated"}) {
    auto a = std::string(which) == "random" ? a0.copy() : -a0;
    a.attach_grad();
    NDArray c;
    {
      autograd::record rec;
      c = f(a);
    }
    c.backward();
    float grad = a.grad().asscalar();
    float ratio = (c / a).asscalar();
    std::cout << which << " a = " << a.asscalar() << ", f(a) = " << c.asscalar()
              << "\n  a.grad() = " << grad << ", c / a = " << ratio
              << ", equal: " << (grad == ratio) << "\n";
    std::string key = "control_";
    key += which;
    chapter.result(key + "_a", a.asscalar());
    chapter.result(key + "_c", c.asscalar());
    chapter.result(key + "_grad", grad);
    chapter.result(key + "_c_over_a", ratio);
  }

  //! ## Head Gradients
  //!
  //! `backward()` can also take an array of the same shape as the result, a *head
  //! gradient* $\mathbf{v}$. Then it differentiates the weighted sum
  //! $\sum_i v_i z_i$ instead of the plain sum. This is how the chain rule
  //! continues when `z` is only the middle of a longer computation: $\mathbf{v}$
  //! is the gradient that arrived from the later part. Below, `z = (u * 2) * u`,
  //! so $\partial z_i / \partial u_i = 4 u_i$ and the weighted gradient is
  //! $4 u_i v_i$: with $\mathbf{u} = (1, 2, 3, 4)$ and
  //! $\mathbf{v} = (10, 1, 0.1, 0.01)$ we expect $(40, 8, 1.2, 0.16)$.
  chapter.section("Head Gradients");
  NDArray u{1, 2, 3, 4};
  u.attach_grad();
  NDArray z;
  {
    autograd::record rec;
    auto twice = u * 2;
    z = twice * u;
  }
  NDArray head{10, 1, 0.1f, 0.01f};
  z.backward(head);
  std::cout << u.grad() << "\n";
  chapter.result("head_grad", u.grad());

  //! ## Exercises
  //!
  //! 1. Call `y.backward()` a second time in the first example. What happens, and
  //!    why? Look at the `retain_graph` argument of `backward()`.
  //! 2. Change the loop in `f` so that it runs until the norm passes 10 instead of
  //!    1000. Is the gradient still `c / a`? Why does the argument in the text not
  //!    depend on the loop's bound?
  //! 3. Write a function with an `if` whose two branches are different nonlinear
  //!    functions of `a` (say $a^2$ and $\exp(a)$), and check its gradient against
  //!    the derivative you work out by hand for a few values of `a`.
  //! 4. Attach the gradient with `x.attach_grad(GradReq::add)` and call
  //!    `backward()` twice on freshly recorded results. What does `x.grad()` hold
  //!    now, and when could accumulating be useful?
  //! 5. Use autograd to compute the derivative of `nd::sigmoid` at 13 points
  //!    `nd::arange(-6, 7)`, and compare it with $\sigma(x)(1 - \sigma(x))$.
  //!    Where is the derivative largest?
}
