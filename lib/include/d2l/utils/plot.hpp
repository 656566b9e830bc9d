#pragma once
/// @file plot.hpp
/// Line plots written as plain SVG files (no plotting library): the book's
/// matplotlib figures, `plot`, `semilogy` and `xyplot`.

#include <concepts>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "d2l/ndarray.hpp"
#include "d2l/utils/files.hpp"

namespace d2l::book {

/// One curve: y against x, drawn as a line (`"-"`), a dashed line (`"--"`),
/// a dotted line (`":"`) or points (`"o"`). An empty color picks the next of
/// the palette.
struct Series {
  /// The x values.
  std::vector<double> x{};
  /// The y values, one per x.
  std::vector<double> y{};
  /// The legend entry; empty: none.
  std::string label{};
  /// "-", "--", ":" or "o".
  std::string style = "-";
  /// An SVG color (`#1f77b4`); empty: the next of the palette.
  std::string color{};
};

/// How a figure looks; use with designated initializers:
/// `{.xlabel = "epoch", .ylabel = "loss", .yscale = "log"}`.
struct PlotOptions {
  /// Printed above the chart; empty: none.
  std::string title{};
  /// The x axis's label.
  std::string xlabel{};
  /// The y axis's label.
  std::string ylabel{};
  std::string xscale = "linear";                    ///< "linear" or "log"
  std::string yscale = "linear";                    ///< "linear" or "log" (ticks 10^k)
  std::optional<std::pair<double, double>> xlim{};  ///< default: the data's range
  /// Default: the data's range.
  std::optional<std::pair<double, double>> ylim{};
  int width = 480;  ///< pixels
  /// Pixels.
  int height = 340;
  bool legend = true;  ///< shown when a series has a label
  /// Light grid lines at the ticks.
  bool grid = true;
};

/// A chart built series by series, then saved:
///
///     Figure fig({.xlabel = "epoch", .ylabel = "loss"});
///     fig.line(epochs, train_l, "train").line(epochs, test_l, "test", "--");
///     fig.set_yscale("log").save(chapter.path("loss.svg"));
class Figure {
 public:
  /// An empty chart that looks as `options` say.
  explicit Figure(PlotOptions options = {}) : options_(std::move(options)) {}

  /// Adds a curve given as a Series.
  Figure& add(Series series);
  /// Adds y against x as a line (`style` "-", "--" or ":").
  Figure& line(std::vector<double> x, std::vector<double> y, std::string label = "",
               std::string style = "-");
  /// 1-D arrays (any array is flattened). A template only so that braced
  /// lists, `line({1, 2}, {3, 4})`, pick the vector overload.
  template <std::same_as<NDArray> A>
  Figure& line(const A& x, const A& y, std::string label = "", std::string style = "-") {
    return line(values(x), values(y), std::move(label), std::move(style));
  }
  /// Points instead of a line.
  Figure& scatter(std::vector<double> x, std::vector<double> y, std::string label = "");
  template <std::same_as<NDArray> A>
  /// Points from 1-D arrays (a template for the same reason as line()).
  Figure& scatter(const A& x, const A& y, std::string label = "") {
    return scatter(values(x), values(y), std::move(label));
  }

  /// Sets the title; each setter returns the figure, for chaining.
  Figure& set_title(std::string title);
  /// Sets the x axis's label.
  Figure& set_xlabel(std::string label);
  /// Sets the y axis's label.
  Figure& set_ylabel(std::string label);
  /// "linear" or "log" for x.
  Figure& set_xscale(std::string scale);
  /// "linear" or "log" for y.
  Figure& set_yscale(std::string scale);
  /// The x range shown.
  Figure& set_xlim(double lo, double hi);
  /// The y range shown.
  Figure& set_ylim(double lo, double hi);
  /// The size in pixels.
  Figure& set_size(int width, int height);

  /// The options, open to changes.
  PlotOptions& options() { return options_; }
  /// The curves added so far.
  const std::vector<Series>& series() const { return series_; }
  /// The SVG document.
  std::string svg() const;
  /// Writes svg() to `path` atomically (a temporary file, then a rename).
  void save(const std::string& path) const;

 private:
  static std::vector<double> values(const NDArray& a);
  PlotOptions options_;
  std::vector<Series> series_;
};

/// A curve for plot(): its y values (one per x) and legend label.
struct Curve {
  /// The y values, one per x of plot().
  std::vector<double> y{};
  /// The legend entry; empty: none.
  std::string label{};
  /// "-", "--", ":" or "o".
  std::string style = "-";
};

/// One call for a whole chart: `plot(path, epochs, {{train_l, "train"},
/// {test_l, "test", "--"}}, {.xlabel = "epoch", .yscale = "log"})`.
void plot(const std::string& path, const std::vector<double>& x,
          const std::vector<Curve>& curves, const PlotOptions& options = {});

/// The book's `semilogy`: y on a log scale; a second curve is drawn dashed
/// when x2/y2 are given; `legend` names the curves.
void semilogy(const std::string& path, const std::vector<double>& x_vals,
              const std::vector<double>& y_vals, const std::string& x_label,
              const std::string& y_label, const std::vector<double>& x2_vals = {},
              const std::vector<double>& y2_vals = {},
              const std::vector<std::string>& legend = {});

/// The book's `xyplot`: y against x, labelled `x` and `name(x)`.
void xyplot(const std::string& path, const NDArray& x, const NDArray& y,
            const std::string& name);

}  // namespace d2l::book
