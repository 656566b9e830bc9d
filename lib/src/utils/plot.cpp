// The book's one-call plotting helpers, on top of Figure.
#include "d2l/utils/plot.hpp"

namespace d2l::book {

void plot(const std::string& path, const std::vector<double>& x,
          const std::vector<Curve>& curves, const PlotOptions& options) {
  Figure fig(options);
  for (const auto& c : curves) fig.line(x, c.y, c.label, c.style);
  fig.save(path);
}

void semilogy(const std::string& path, const std::vector<double>& x_vals,
              const std::vector<double>& y_vals, const std::string& x_label,
              const std::string& y_label, const std::vector<double>& x2_vals,
              const std::vector<double>& y2_vals,
              const std::vector<std::string>& legend) {
  Figure fig({.xlabel = x_label, .ylabel = y_label, .yscale = "log"});
  fig.line(x_vals, y_vals, legend.size() > 0 ? legend[0] : "");
  if (!x2_vals.empty())
    fig.line(x2_vals, y2_vals, legend.size() > 1 ? legend[1] : "", "--");
  fig.save(path);
}

void xyplot(const std::string& path, const NDArray& x, const NDArray& y,
            const std::string& name) {
  Figure fig({.xlabel = "x", .ylabel = name + "(x)"});
  fig.line(x, y);
  fig.save(path);
}

}  // namespace d2l::book
