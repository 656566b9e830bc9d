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
  std::vector<double> x{};
  std::vector<double> y{};
  std::string label{};
  std::string style = "-";
  std::string color{};
};

/// How a figure looks; use with designated initializers:
/// `{.xlabel = "epoch", .ylabel = "loss", .yscale = "log"}`.
struct PlotOptions {
  std::string title{};
  std::string xlabel{};
  std::string ylabel{};
  std::string xscale = "linear";                    ///< "linear" or "log"
  std::string yscale = "linear";                    ///< "linear" or "log" (ticks 10^k)
  std::optional<std::pair<double, double>> xlim{};  ///< default: the data's range
  std::optional<std::pair<double, double>> ylim{};
  int width = 480;  ///< pixels
  int height = 340;
  bool legend = true;  ///< shown when a series has a label
  bool grid = true;
};

/// A chart built series by series, then saved:
///
///     Figure fig({.xlabel = "epoch", .ylabel = "loss"});
///     fig.line(epochs, train_l, "train").line(epochs, test_l, "test", "--");
///     fig.set_yscale("log").save(chapter.path("loss.svg"));
class Figure {
 public:
  explicit Figure(PlotOptions options = {}) : options_(std::move(options)) {}

  Figure& add(Series series);
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
  Figure& scatter(const A& x, const A& y, std::string label = "") {
    return scatter(values(x), values(y), std::move(label));
  }

  Figure& set_title(std::string title);
  Figure& set_xlabel(std::string label);
  Figure& set_ylabel(std::string label);
  Figure& set_xscale(std::string scale);
  Figure& set_yscale(std::string scale);
  Figure& set_xlim(double lo, double hi);
  Figure& set_ylim(double lo, double hi);
  Figure& set_size(int width, int height);

  PlotOptions& options() { return options_; }
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
  std::vector<double> y{};
  std::string label{};
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
