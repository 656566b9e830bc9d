//! # Multilayer Perceptrons
//!
//! Softmax regression maps the 784 pixels of an image straight to 10 class
//! scores with one affine function. Such a model can only learn that a score rises
//! or falls steadily with each pixel: it cannot express "this pixel matters only
//! when that one is dark", and no amount of training changes that. To lift the
//! limit we put one or more *hidden layers* between the input and the output.
//!
//! A network with one hidden layer of $h$ units computes, for a minibatch
//! $\mathbf{X}$ of $n$ examples with $d$ features,
//!
//! $$\mathbf{H} = \phi(\mathbf{X}\mathbf{W}_1 + \mathbf{b}_1), \qquad
//!   \mathbf{O} = \mathbf{H}\mathbf{W}_2 + \mathbf{b}_2,$$
//!
//! with $\mathbf{W}_1$ of shape $d \times h$ and $\mathbf{W}_2$ of shape
//! $h \times q$ for $q$ outputs. The function $\phi$ is applied to every element
//! and is the whole point. Without it, the two layers collapse into one:
//! $(\mathbf{X}\mathbf{W}_1 + \mathbf{b}_1)\mathbf{W}_2 + \mathbf{b}_2$ is again
//! $\mathbf{X}\mathbf{W} + \mathbf{b}$ with $\mathbf{W} = \mathbf{W}_1\mathbf{W}_2$,
//! and nothing was gained. With a nonlinear $\phi$, called the *activation
//! function*, a wide enough hidden layer can approximate any continuous function
//! on a bounded region; in practice, deeper networks often need far fewer units
//! than one wide layer would.
//!
//! This section draws the three classic activation functions and their
//! derivatives. We let autograd compute the derivatives: it is how training will
//! see them, and it is a check on the library.
#include <d2l/d2l.hpp>
#include <iomanip>
#include <iostream>
#include <string>

using namespace d2l;

int main(int argc, char** argv) {
  auto chapter = Chapter(argc, argv, {});

  //! ## Inputs and a Helper
  //!
  //! Every function is evaluated on the same grid, $-8, -7.9, \ldots, 7.9$. The
  //! helper `activate` records `f(x)` and back-propagates, so that `x.grad()`
  //! holds $f'(x)$ at every grid point: the output is elementwise, so the
  //! derivative of the sum with respect to $x_i$ is just $f'(x_i)$. It returns the
  //! values and a *copy* of the gradient, since the next `backward()` overwrites
  //! the buffer behind `x.grad()`.
  //!
  //! `probe` holds five points where we print and keep exact values. Two more
  //! helpers do the bookkeeping: `draw` puts a function and its derivative on one
  //! chart, and `report` prints both at the probe points.
  chapter.section("Inputs and a Helper");
  auto x = nd::arange(-8.0, 8.0, 0.1);
  x.attach_grad();
  auto activate = [](NDArray& in, NDArray (*f)(const NDArray&)) {
    NDArray y;
    {
      autograd::record rec;
      y = f(in);
    }
    y.backward();
    return std::pair{y, in.grad().copy()};
  };
  NDArray probe{-2, -0.5f, 0, 0.5f, 2};
  probe.attach_grad();
  auto grid = x.to_vector();
  std::cout << grid.size() << " grid points from " << grid.front() << " to "
            << grid.back() << "\nprobe points:\n"
            << probe << "\n";

  // One figure per activation: the function and its derivative on one chart.
  auto draw = [&](const std::string& name, const NDArray& y, const NDArray& dy) {
    book::Figure fig({.xlabel = "x", .ylabel = name + "(x)", .height = 300});
    fig.line(x, y, name + "(x)").line(x, dy, "derivative", "--");
    fig.save(chapter.path(name + ".svg"));
    chapter.figure(name + ".svg",
                   name + " (solid) and its derivative from autograd (dashed)");
  };
  // Prints f and f' at the probe points and records f'.
  auto report = [&](const std::string& name, NDArray (*f)(const NDArray&)) {
    auto [py, pdy] = activate(probe, f);
    std::cout << std::fixed << std::setprecision(4);
    std::cout << std::setw(6) << "x" << std::setw(12) << name + "(x)" << std::setw(12)
              << "derivative" << '\n';
    auto xs = probe.to_vector(), ys = py.to_vector(), ds = pdy.to_vector();
    for (size_t i = 0; i < xs.size(); ++i) {
      std::cout << std::setprecision(1) << std::setw(6) << xs[i] << std::setprecision(4)
                << std::setw(12) << ys[i] << std::setw(12) << ds[i] << "\n";
    }
    std::cout << std::defaultfloat;
    chapter.result(name + "_at_probe", py);
    chapter.result(name + "_grad_at_probe", pdy);
  };

  //! ## The ReLU Function
  //!
  //! The rectified linear unit keeps positive inputs and replaces negative ones by
  //! zero: $\operatorname{ReLU}(x) = \max(x, 0)$. It is cheap, and its derivative
  //! is as simple as a derivative can be: 0 for negative inputs and 1 for positive
  //! ones. At exactly $x = 0$ the function has a kink and no derivative; the
  //! library, like MXNet, uses 0 there, and since an input is almost never exactly
  //! zero this choice does not matter in practice. For positive inputs the
  //! gradient passes through unchanged, which is a large part of why ReLU networks
  //! train well even when they are deep.
  chapter.section("The ReLU Function");
  auto [relu_y, relu_dy] = activate(x, nd::relu);
  draw("relu", relu_y, relu_dy);
  report("relu", nd::relu);

  //! ## The Sigmoid Function
  //!
  //! The sigmoid $\sigma(x) = 1 / (1 + e^{-x})$ squashes any real number into the
  //! interval $(0, 1)$. It was the standard choice when networks were seen as
  //! models of neurons that fire or stay silent, and it is still how we turn a
  //! score into a probability for a yes/no question. Its derivative has a neat
  //! form,
  //!
  //! $$\sigma'(x) = \sigma(x)\,(1 - \sigma(x)),$$
  //!
  //! largest at $x = 0$, where it is $0.5 \cdot 0.5 = 0.25$, and close to zero
  //! once $|x|$ is more than a few units. A unit pushed far into either flat end
  //! therefore passes back almost no gradient, and learning in the layers below it
  //! stalls.
  chapter.section("The Sigmoid Function");
  auto [sigmoid_y, sigmoid_dy] = activate(x, nd::sigmoid);
  draw("sigmoid", sigmoid_y, sigmoid_dy);
  report("sigmoid", nd::sigmoid);

  //! ## The Tanh Function
  //!
  //! The hyperbolic tangent $\tanh(x) = (1 - e^{-2x}) / (1 + e^{-2x})$ also
  //! squashes, but into $(-1, 1)$, and it is symmetric about the origin. Its
  //! derivative is $1 - \tanh^2(x)$: 1 at the origin and, like the sigmoid's,
  //! vanishing in the flat tails. (In fact $\tanh(x) = 2\sigma(2x) - 1$, so the two
  //! differ only by a change of scale.)
  chapter.section("The Tanh Function");
  auto [tanh_y, tanh_dy] = activate(x, nd::tanh);
  draw("tanh", tanh_y, tanh_dy);
  report("tanh", nd::tanh);

  //! ## Checking the Derivatives
  //!
  //! Over the whole grid we compare autograd's results with the formulas above.
  //! The largest absolute difference should be at the level of float rounding.
  //! For ReLU we compare away from the kink only.
  chapter.section("Checking the Derivatives");
  auto s = nd::sigmoid(x);
  auto t = nd::tanh(x);
  float sigmoid_err = nd::abs(sigmoid_dy - s * (1 - s)).max().asscalar();
  float tanh_err = nd::abs(tanh_dy - (1 - t * t)).max().asscalar();
  auto away = nd::abs(x) > 0.05f;  // 1 away from the kink
  float relu_err = (nd::abs(relu_dy - (x > 0.0f)) * away).max().asscalar();
  std::cout << "max |autograd - formula|: relu " << relu_err << ", sigmoid "
            << sigmoid_err << ", tanh " << tanh_err << "\n";
  chapter.result("relu_max_error", relu_err);
  chapter.result("sigmoid_max_error", sigmoid_err);
  chapter.result("tanh_max_error", tanh_err);
  chapter.result("sigmoid_grad_max", sigmoid_dy.max().asscalar());
  chapter.result("tanh_grad_max", tanh_dy.max().asscalar());

  //! ## Exercises
  //!
  //! 1. Show by hand that $\tanh(x) = 2\sigma(2x) - 1$, and check it numerically
  //!    on the grid `x` of this section.
  //! 2. The *pReLU* is $\max(x, 0) + \alpha \min(x, 0)$ with a small $\alpha$,
  //!    for example 0.1. Write it with `nd::maximum` and `nd::minimum`, plot it and
  //!    its derivative from autograd. What problem of the plain ReLU does it avoid?
  //! 3. Why does the probe table show a ReLU derivative of 0 at $x = 0$? Look up
  //!    what a *subgradient* is and list every value that would be a valid choice.
  //! 4. A network stacks 10 sigmoid layers. Bound from above how much the gradient
  //!    that reaches the first layer can be scaled by the ten activation
  //!    derivatives alone. What does this suggest about deep sigmoid networks?
  //! 5. Compose two layers without an activation, with random $\mathbf{W}_1$,
  //!    $\mathbf{W}_2$, $\mathbf{b}_1$, $\mathbf{b}_2$, and check numerically that
  //!    the result equals one affine layer with $\mathbf{W} = \mathbf{W}_1
  //!    \mathbf{W}_2$. What is the matching $\mathbf{b}$?
}
