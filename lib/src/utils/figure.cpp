// Figure: series -> an SVG line chart (axes, ticks, grid, legend, title).
#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

#include "axis.hpp"
#include "d2l/error.hpp"
#include "d2l/utils/plot.hpp"
#include "svg.hpp"

namespace d2l::book {

namespace {

// Matplotlib's "tab10", so figures look like the book's.
const char* const kPalette[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                                "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};

std::string dash_of(const std::string& style) {
  if (style == "--") return " stroke-dasharray=\"7,4\"";
  if (style == ":") return " stroke-dasharray=\"2,3\"";
  if (style == "-.") return " stroke-dasharray=\"7,3,2,3\"";
  return "";
}

void check_scale(const std::string& scale) {
  if (scale != "linear" && scale != "log") {
    throw d2l::Error("plot: scale must be \"linear\" or \"log\", got \"" + scale + "\"");
  }
}

}  // namespace

std::vector<double> Figure::values(const NDArray& a) {
  auto v = a.to_vector();
  return {v.begin(), v.end()};
}

Figure& Figure::add(Series s) {
  if (s.x.size() != s.y.size()) {
    throw d2l::Error("plot: series \"" + s.label + "\" has " +
                     std::to_string(s.x.size()) + " x values and " +
                     std::to_string(s.y.size()) + " y values");
  }
  if (s.color.empty()) s.color = kPalette[series_.size() % std::size(kPalette)];
  series_.push_back(std::move(s));
  return *this;
}

Figure& Figure::line(std::vector<double> x, std::vector<double> y, std::string label,
                     std::string style) {
  return add({std::move(x), std::move(y), std::move(label), std::move(style), ""});
}
Figure& Figure::scatter(std::vector<double> x, std::vector<double> y, std::string label) {
  return add({std::move(x), std::move(y), std::move(label), "o", ""});
}
Figure& Figure::set_title(std::string t) { return options_.title = std::move(t), *this; }
Figure& Figure::set_xlabel(std::string l) {
  return options_.xlabel = std::move(l), *this;
}
Figure& Figure::set_ylabel(std::string l) {
  return options_.ylabel = std::move(l), *this;
}
Figure& Figure::set_xscale(std::string s) {
  check_scale(s);
  return options_.xscale = std::move(s), *this;
}
Figure& Figure::set_yscale(std::string s) {
  check_scale(s);
  return options_.yscale = std::move(s), *this;
}
Figure& Figure::set_xlim(double lo, double hi) {
  return options_.xlim = std::pair{lo, hi}, *this;
}
Figure& Figure::set_ylim(double lo, double hi) {
  return options_.ylim = std::pair{lo, hi}, *this;
}
Figure& Figure::set_size(int w, int h) {
  options_.width = w;
  options_.height = h;
  return *this;
}

std::string Figure::svg() const {
  using svg::num;
  const auto& o = options_;
  check_scale(o.xscale);
  check_scale(o.yscale);
  std::vector<double> xs, ys;
  for (const auto& s : series_) {
    xs.insert(xs.end(), s.x.begin(), s.x.end());
    ys.insert(ys.end(), s.y.begin(), s.y.end());
  }
  const auto X = svg::make_axis(xs, o.xscale == "log", o.xlim.has_value(),
                                o.xlim ? o.xlim->first : 0, o.xlim ? o.xlim->second : 0);
  const auto Y = svg::make_axis(ys, o.yscale == "log", o.ylim.has_value(),
                                o.ylim ? o.ylim->first : 0, o.ylim ? o.ylim->second : 0);
  const bool legend = o.legend && std::any_of(series_.begin(), series_.end(),
                                              [](auto& s) { return !s.label.empty(); });
  // Margins: title and legend above the plot, tick labels and axis labels
  // below and to the left.
  const double top = 12 + (o.title.empty() ? 0 : 22) + (legend ? 22 : 0);
  const double left = o.ylabel.empty() ? 52 : 70;
  const double bottom = o.xlabel.empty() ? 30 : 48;
  const double right = 18;
  const double pw = o.width - left - right, ph = o.height - top - bottom;
  auto px = [&](double v) { return left + X.fraction(v) * pw; };
  auto py = [&](double v) { return top + (1 - Y.fraction(v)) * ph; };

  std::ostringstream out;
  out << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << o.width << "\" height=\""
      << o.height << "\" viewBox=\"0 0 " << o.width << ' ' << o.height << "\" "
      << svg::kFont << " font-size=\"12\">\n";
  out << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  out << "<defs><clipPath id=\"plot\"><rect x=\"" << num(left) << "\" y=\"" << num(top)
      << "\" width=\"" << num(pw) << "\" height=\"" << num(ph)
      << "\"/></clipPath></defs>\n";
  if (!o.title.empty()) {
    out << "<text x=\"" << num(left + pw / 2) << "\" y=\"20\" text-anchor=\"middle\" "
        << "font-size=\"14\" font-weight=\"bold\">" << svg::escape(o.title)
        << "</text>\n";
  }
  // Grid and ticks.
  out << "<g stroke=\"#e6e6e6\" stroke-width=\"1\">\n";
  const auto xticks = X.ticks(), yticks = Y.ticks();
  for (const auto& t : xticks) {
    out << "<line x1=\"" << num(px(t.value)) << "\" y1=\"" << num(top) << "\" x2=\""
        << num(px(t.value)) << "\" y2=\"" << num(top + ph) << "\"/>\n";
  }
  for (const auto& t : yticks) {
    out << "<line x1=\"" << num(left) << "\" y1=\"" << num(py(t.value)) << "\" x2=\""
        << num(left + pw) << "\" y2=\"" << num(py(t.value)) << "\"/>\n";
  }
  out << "</g>\n<g fill=\"#333\">\n";
  for (const auto& t : xticks) {
    out << "<text x=\"" << num(px(t.value)) << "\" y=\"" << num(top + ph + 17)
        << "\" text-anchor=\"middle\">" << t.label << "</text>\n";
  }
  for (const auto& t : yticks) {
    out << "<text x=\"" << num(left - 6) << "\" y=\"" << num(py(t.value) + 4)
        << "\" text-anchor=\"end\">" << t.label << "</text>\n";
  }
  out << "</g>\n";
  out << "<rect x=\"" << num(left) << "\" y=\"" << num(top) << "\" width=\"" << num(pw)
      << "\" height=\"" << num(ph) << "\" fill=\"none\" stroke=\"#444\"/>\n";
  if (!o.xlabel.empty()) {
    out << "<text x=\"" << num(left + pw / 2) << "\" y=\"" << num(o.height - 10)
        << "\" text-anchor=\"middle\" font-size=\"13\">" << svg::escape(o.xlabel)
        << "</text>\n";
  }
  if (!o.ylabel.empty()) {
    const double cy = top + ph / 2;
    out << "<text x=\"16\" y=\"" << num(cy) << "\" text-anchor=\"middle\" "
        << "font-size=\"13\" transform=\"rotate(-90 16 " << num(cy) << ")\">"
        << svg::escape(o.ylabel) << "</text>\n";
  }
  // The data, clipped to the plot area; gaps where values cannot be drawn.
  out << "<g clip-path=\"url(#plot)\" fill=\"none\">\n";
  for (const auto& s : series_) {
    auto drawable = [&](size_t i) {
      return std::isfinite(s.x[i]) && std::isfinite(s.y[i]) && (!X.log || s.x[i] > 0) &&
             (!Y.log || s.y[i] > 0);
    };
    if (s.style == "o") {
      out << "<g fill=\"" << s.color << "\" fill-opacity=\"0.75\">";
      for (size_t i = 0; i < s.x.size(); ++i) {
        if (!drawable(i)) continue;
        out << "<circle cx=\"" << num(px(s.x[i])) << "\" cy=\"" << num(py(s.y[i]))
            << "\" r=\"2.5\"/>";
      }
      out << "</g>\n";
      continue;
    }
    std::string points;
    auto flush = [&] {
      if (points.empty()) return;
      out << "<polyline stroke=\"" << s.color << "\" stroke-width=\"2\""
          << dash_of(s.style) << " stroke-linejoin=\"round\" points=\"" << points
          << "\"/>\n";
      points.clear();
    };
    for (size_t i = 0; i < s.x.size(); ++i) {
      if (!drawable(i)) {
        flush();
        continue;
      }
      if (!points.empty()) points += ' ';
      points += num(px(s.x[i])) + "," + num(py(s.y[i]));
    }
    flush();
  }
  out << "</g>\n";
  if (legend) {
    // One row above the plot; about 7 px per character of label.
    double x = left;
    const double y = top - 12;
    out << "<g font-size=\"12\">\n";
    for (const auto& s : series_) {
      if (s.label.empty()) continue;
      if (s.style == "o") {
        out << "<circle cx=\"" << num(x + 11) << "\" cy=\"" << num(y)
            << "\" r=\"3\" fill=\"" << s.color << "\"/>";
      } else {
        out << "<line x1=\"" << num(x) << "\" y1=\"" << num(y) << "\" x2=\""
            << num(x + 22) << "\" y2=\"" << num(y) << "\" stroke=\"" << s.color
            << "\" stroke-width=\"2\"" << dash_of(s.style) << "/>";
      }
      out << "<text x=\"" << num(x + 27) << "\" y=\"" << num(y + 4) << "\">"
          << svg::escape(s.label) << "</text>\n";
      x += 27 + 7.0 * s.label.size() + 16;
    }
    out << "</g>\n";
  }
  out << "</svg>\n";
  return out.str();
}

void Figure::save(const std::string& path) const { write_file_atomic(path, svg()); }

}  // namespace d2l::book
