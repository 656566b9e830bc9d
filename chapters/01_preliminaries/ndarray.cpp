//! # Data Manipulation
//!
//! Every model in this book, from a two-parameter line to a ResNet, reads its
//! inputs, keeps its parameters and writes its outputs as n-dimensional arrays of
//! numbers. Before any learning happens we need to be fluent with that one data
//! structure: how to make arrays, combine them, pick pieces out of them and change
//! them without wasting memory.
//!
//! Our library calls the structure `NDArray`, after MXNet's, and keeps MXNet's
//! names for almost every function, so a line of the Python original usually maps
//! to one line here. Two things are specific to C++ and worth keeping in mind from
//! the start:
//!
//! * every element is a 32-bit `float`; one element type keeps the library small,
//!   and it is what deep learning uses almost everywhere;
//! * an `NDArray` variable is a *handle* to storage, like a Python name or a
//!   `std::shared_ptr`: copying the variable does not copy the numbers.
//!
//! The program starts by including the library. The next two headers are optional:
//! they convert arrays to and from [xtensor](https://xtensor.readthedocs.io) and
//! print xtensor arrays, which we only need in the last section. `Chapter` is the
//! small helper that every page of this book uses: it parses command-line flags,
//! seeds the random generator (so the numbers you see are the numbers you get), and
//! keeps values for the tests. The source file has lines `chapter.result(...)` that
//! do only that; the pages of this book leave them out.
#include <d2l/d2l.hpp>
#include <d2l/xtensor.hpp>
#include <iostream>
#include <xtensor/xio.hpp>

using namespace d2l;

int main(int argc, char** argv) {
  auto chapter = Chapter(argc, argv, {});

  //! ## Getting Started
  //!
  //! `nd::arange(12)` makes a vector (an array with one axis) holding
  //! $0, 1, \ldots, 11$. Printing an array shows its values followed by a footer
  //! with its shape and the device its memory lives on; `cpu(0)` is main memory.
  //! `shape()` lists the length of each axis, `size()` counts the elements, and
  //! `shape_str` writes a shape the way NumPy does.
  chapter.section("Getting Started");
  auto x = nd::arange(12);
  std::cout << x << "\n";
  std::cout << "shape: " << shape_str(x.shape()) << ", size: " << x.size() << "\n";

  //! ## Changing the Shape
  //!
  //! `reshape` views the same twelve numbers as 3 rows of 4 columns. The C++ brace
  //! list `{3, 4}` plays the role of the Python tuple `(3, 4)`. One axis may be
  //! given as `-1`, and the library works it out from the size: `{-1, 4}` and
  //! `{3, -1}` both mean $3 \times 4$ here.
  //!
  //! Reshaping copies nothing: `X` and `x` are two handles on one block of memory,
  //! seen with different shapes. `storage_id()` returns the address of that block,
  //! so two handles share their elements exactly when their ids are equal. We will
  //! use it again when we talk about memory.
  chapter.section("Changing the Shape");
  auto X = x.reshape({3, 4});
  std::cout << X << "\n";
  Shape inferred = x.reshape({-1, 4}).shape();
  std::cout << "x.reshape({-1, 4}) has shape " << shape_str(inferred)
            << ", x.reshape({3, -1}) has shape " << shape_str(x.reshape({3, -1}).shape())
            << "\n";
  bool reshape_shares = X.storage_id() == x.storage_id();
  std::cout << "X and x share storage: " << std::boolalpha << reshape_shares << "\n";
  chapter.result("X", X);
  chapter.result("X_size", static_cast<double>(X.size()));
  chapter.result("reshape_inferred_shape",
                 std::vector<double>(inferred.begin(), inferred.end()));
  chapter.result("reshape_same_storage", reshape_shares ? 1.0 : 0.0);

  //! ## Zeros, Ones and Given Values
  //!
  //! Arrays of zeros and ones are common starting points, for instance for biases;
  //! their shape is again a brace list, here first with three axes. To write the
  //! values down ourselves, we nest brace lists: the outer list holds the rows and
  //! each inner list one row. (A third level of braces gives a 3-D array.)
  chapter.section("Zeros, Ones and Given Values");
  std::cout << nd::zeros({2, 3, 4}) << "\n";
  std::cout << nd::ones({3, 4}) << "\n";
  NDArray Y{{2, 1, 4, 3}, {1, 2, 3, 4}, {4, 3, 2, 1}};
  std::cout << Y << "\n";
  chapter.result("Y", Y);

  //! ## Random Values
  //!
  //! Parameters are usually initialized at random. `nd::random::normal(0, 1,
  //! {3, 4})` samples each element independently from a normal distribution with
  //! mean 0 and standard deviation 1. The generator is seeded by `Chapter`
  //! (`--seed N` changes it), so every run of this program prints the same values.
  chapter.section("Random Values");
  auto R = nd::random::normal(0, 1, {3, 4});
  std::cout << R << "\n";
  chapter.result("random_shape", std::vector<double>(R.shape().begin(), R.shape().end()));

  //! ## Elementwise Operations
  //!
  //! The arithmetic operators work *elementwise*: on two arrays of the same shape,
  //! `a + b` adds the elements at equal positions. The same goes for `-`, `*`,
  //! `/`, and for functions of one array such as `exp`. Each result is a new array.
  //! A number mixed with an array, as in `nd::ones_like(a) * 2`, applies to every
  //! element.
  chapter.section("Elementwise Operations");
  NDArray a{1, 2, 4, 8};
  auto b = nd::ones_like(a) * 2;
  std::cout << "a + b = " << a + b << "\n";
  std::cout << "a - b = " << a - b << "\n";
  std::cout << "a * b = " << a * b << "\n";
  std::cout << "a / b = " << a / b << "\n";
  std::cout << "exp(a) = " << nd::exp(a) << "\n";
  chapter.result("a_plus_b", a + b);
  chapter.result("a_minus_b", a - b);
  chapter.result("a_times_b", a * b);
  chapter.result("a_div_b", a / b);
  chapter.result("exp_a", nd::exp(a));

  //! ## Matrix Products and Concatenation
  //!
  //! `nd::dot` is the matrix product, not an elementwise one. `Y.T()` is the
  //! transpose of `Y`, so `dot(X, Y.T())` multiplies a $3 \times 4$ matrix by a
  //! $4 \times 3$ one and gives $3 \times 3$: entry $(i, j)$ is the inner product
  //! of row $i$ of `X` with row $j$ of `Y`.
  //!
  //! `nd::concat` joins arrays along an existing axis. Along axis 0 the rows of `Y`
  //! go below those of `X` ($6 \times 4$); along axis 1 its columns go to the
  //! right ($3 \times 8$). All other axes must have equal lengths.
  chapter.section("Matrix Products and Concatenation");
  auto XYt = nd::dot(X, Y.T());
  std::cout << XYt << "\n";
  auto C0 = nd::concat({X, Y}, /*dim=*/0);
  auto C1 = nd::concat({X, Y}, /*dim=*/1);
  std::cout << C0 << "\n" << C1 << "\n";
  chapter.result("dot_X_Yt", XYt);
  chapter.result("concat_axis0", C0);
  chapter.result("concat_axis1", C1);

  //! ## Comparisons and Reductions
  //!
  //! Comparisons are elementwise too. For two `int`s, `==` answers one yes or no;
  //! for arrays it gives an array of the same shape holding 1 where the elements
  //! are equal and 0 where they differ, as in NumPy and MXNet.
  //!
  //! Reductions summarize an array. `sum()` adds all elements and `norm()` gives
  //! the Euclidean ($L_2$) norm $\sqrt{\sum_i x_i^2}$. Both return an array with a
  //! single element; `asscalar()` takes that element out as a plain `float`, which
  //! is what we need to print a number, compare it or use it in an `if`.
  chapter.section("Comparisons and Reductions");
  auto eq = X == Y;
  std::cout << eq << "\n";
  auto total = X.sum();
  std::cout << total << "\n";
  float total_value = total.asscalar();
  float norm_value = X.norm().asscalar();
  std::cout << "sum as a float: " << total_value << ", L2 norm: " << norm_value << "\n";
  chapter.result("X_eq_Y", eq);
  chapter.result("X_sum", total_value);
  chapter.result("X_norm", norm_value);

  //! ## Broadcasting
  //!
  //! Elementwise operations also accept arrays of different shapes when the
  //! shapes are compatible. The rule is NumPy's: line the shapes up from the last
  //! axis; two lengths are compatible when they are equal or one of them is 1, and
  //! an axis of length 1 is repeated (conceptually; nothing is copied) to match the
  //! other. Below, a column of 3 and a row of 2 both stretch to $3 \times 2$.
  //!
  //! Shapes that cannot be lined up, such as $(3, 4)$ and $(3,)$, are an error,
  //! and the message names the operation and both shapes. We catch the exception
  //! to print it.
  chapter.section("Broadcasting");
  auto A = nd::arange(3).reshape({3, 1});
  auto B = nd::arange(2).reshape({1, 2});
  std::cout << A << "\n" << B << "\n";
  auto AB = A + B;
  std::cout << "A + B:\n" << AB << "\n";
  chapter.result("broadcast_sum", AB);
  try {
    auto bad = X + nd::arange(3);
    std::cout << bad << "\n";
  } catch (const std::exception& e) {
    std::cout << "error: " << e.what() << "\n";
  }

  //! ## Indexing and Slicing
  //!
  //! Indices start at 0. Inside `X[{...}]` each entry picks along one axis, first
  //! axis first. An integer picks one position and drops that axis;
  //! `nd::slice(1, 3)` keeps the positions $1 \le i < 3$, like Python's `1:3`, and
  //! `nd::all` keeps the whole axis, like a bare `:`. Axes that are not mentioned
  //! are kept whole, so `X[{nd::slice(1, 3)}]` is rows 1 and 2. Reading a selection
  //! gives a new array with its own storage.
  chapter.section("Indexing and Slicing");
  NDArray rows = X[{nd::slice(1, 3)}];
  std::cout << rows << "\n";
  float x12 = X[{1, 2}].get().asscalar();
  std::cout << "X[1, 2] = " << x12 << "\n";
  chapter.result("slice_rows_1_3", rows);
  chapter.result("X_1_2", x12);

  //! ## Writing into Selections
  //!
  //! Assigning to a selection writes into `X` itself. An integer index on every
  //! axis selects one element; a slice selects a block, and a single value is
  //! written to each element of the block: `X[{nd::slice(0, 2), nd::all}] = 12` is
  //! Python's `X[0:2, :] = 12`.
  //!
  //! Remember that `X` was made by reshaping `x`. Both handles see one storage, so
  //! the writes show up in `x` as well.
  chapter.section("Writing into Selections");
  X[{1, 2}] = 9;
  std::cout << X << "\n";
  chapter.result("after_write_9", X);
  X[{nd::slice(0, 2), nd::all}] = 12;
  std::cout << X << "\n";
  std::cout << "x after the writes:\n" << x << "\n";
  chapter.result("after_write_12", X);
  chapter.result("x_after_writes", x);

  //! ## Saving Memory
  //!
  //! With big arrays it matters whether an operation fills existing memory or
  //! allocates new memory. `Y = Y + X` computes `Y + X` into a fresh array and then
  //! makes the handle `Y` point at it; the old storage is released once no handle
  //! refers to it. `storage_id()` shows the switch, like Python's `id()` in the
  //! original book.
  //!
  //! In a training loop that updates the parameters many times per second, we
  //! would rather overwrite them. Two ways never allocate a result. The compound
  //! operators `+=`, `-=`, `*=` and `/=` write into the left operand's storage.
  //! And `nd::elemwise_add(X, Y, Z)` writes the sum into an existing array `Z` of
  //! the right shape (MXNet's `out=` argument). Operators such as `+` cannot do
  //! that: the expression `X + Y` does not know where its result will be kept, so
  //! it must make a new array.
  chapter.section("Saving Memory");
  const void* before = Y.storage_id();
  Y = Y + X;
  bool rebind_same = Y.storage_id() == before;
  std::cout << std::boolalpha;
  std::cout << "after Y = Y + X,             same storage: " << rebind_same << "\n";

  before = Y.storage_id();
  Y += X;
  bool inplace_same = Y.storage_id() == before;
  std::cout << "after Y += X,                same storage: " << inplace_same << "\n";

  auto Z = nd::zeros_like(Y);
  before = Z.storage_id();
  nd::elemwise_add(X, Y, Z);
  bool out_same = Z.storage_id() == before;
  std::cout << "after elemwise_add(X, Y, Z), same storage: " << out_same << "\n";
  std::cout << Z << "\n";
  chapter.result("rebind_same_storage", rebind_same ? 1.0 : 0.0);
  chapter.result("inplace_same_storage", inplace_same ? 1.0 : 0.0);
  chapter.result("elemwise_add_same_storage", out_same ? 1.0 : 0.0);
  chapter.result("elemwise_add_Z", Z);

  //! ## Handles and Copies
  //!
  //! Handles make one more C++ point. `auto W = Z;` copies the handle, not the
  //! numbers: `W` and `Z` then share storage, and a write through one is seen
  //! through the other. When you really want a second set of numbers, ask for it
  //! with `copy()`. (Passing an `NDArray` to a function by value therefore costs
  //! next to nothing, and the function can change the caller's elements.)
  chapter.section("Handles and Copies");
  auto W = Z;
  auto V = Z.copy();
  W += 1;
  bool alias_same = W.storage_id() == Z.storage_id();
  bool copy_same = V.storage_id() == Z.storage_id();
  float z00 = Z[{0, 0}].get().asscalar();
  float v00 = V[{0, 0}].get().asscalar();
  std::cout << "W shares Z's storage: " << alias_same << "\n";
  std::cout << "V shares Z's storage: " << copy_same << "\n";
  std::cout << "after W += 1: Z[0, 0] = " << z00 << ", V[0, 0] = " << v00 << "\n";
  chapter.result("alias_same_storage", alias_same ? 1.0 : 0.0);
  chapter.result("copy_same_storage", copy_same ? 1.0 : 0.0);
  chapter.result("alias_Z_0_0", z00);
  chapter.result("copy_V_0_0", v00);

  //! ## Conversion to and from xtensor
  //!
  //! Python users move between MXNet and NumPy with `asnumpy()` and `nd.array()`.
  //! In C++ the closest thing to NumPy is xtensor, a header-only library of
  //! n-dimensional arrays. The optional header `<d2l/xtensor.hpp>` included at the
  //! top converts in both directions: `to_xarray` copies an array into an
  //! `xt::xarray<float>`, and `from_xarray` copies any xtensor expression, here
  //! `P * 0.5f`, into a new `NDArray`. (xtensor prints an array with braces, the
  //! way one would write it in C++.) Both directions copy, so the two arrays are
  //! independent afterwards: changing `P` leaves `X` as it was.
  //!
  //! Why is this a separate header? xtensor is heavy: including it adds seconds of
  //! compile time to every file. The library's own headers therefore never
  //! include it, so a program that does not convert (most of this book) compiles
  //! quickly, and xtensor stays an implementation detail that we can change without
  //! breaking your code. Only a program that asks for the conversion pays for it.
  chapter.section("Conversion to and from xtensor");
  xt::xarray<float> P = to_xarray(X);
  std::cout << P << "\n";
  NDArray Q = from_xarray(P * 0.5f);
  std::cout << Q << "\n";
  P(0, 0) = -1;
  float p00 = P(0, 0);
  float x00 = X[{0, 0}].get().asscalar();
  std::cout << "after P(0, 0) = -1: P(0, 0) = " << p00 << ", X[0, 0] = " << x00 << "\n";
  chapter.result("from_xarray_half", Q);
  chapter.result("xarray_P_0_0", p00);
  chapter.result("xarray_X_0_0", x00);

  //! ## Exercises
  //!
  //! 1. Replace `X == Y` with `X < Y` and `X > Y`. Predict the 0/1 pattern
  //!    before you run the program.
  //! 2. Broadcast two arrays with three axes, for example of shapes $(2, 1, 3)$
  //!    and $(4, 1)$. What is the shape of the sum? Try a pair that fails and
  //!    read the error message.
  //! 3. Rewrite `Y = Y + X` from the memory section so that it allocates nothing,
  //!    and confirm it with `storage_id()`. Can you do the same for
  //!    `Y = Y * 2 + X`?
  //! 4. `reshape` shares storage with its input, while reading `X[{...}]` copies.
  //!    Write a short program that shows both facts, then explain why reshape can
  //!    share (hint: think about the order of the elements in memory).
  //! 5. Use `to_xarray` to compute the column means of `X` with `xt::mean`, and
  //!    compare them with `X.mean(0)`.
}
