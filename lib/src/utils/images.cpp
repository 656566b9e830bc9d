// show_images: a grid of images with titles, as one SVG file.
#include "d2l/utils/images.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

#include "d2l/error.hpp"
#include "d2l/utils/plot.hpp"
#include "png.hpp"
#include "svg.hpp"

namespace d2l::book {

namespace {

struct Layout {
  int64_t n, h, w, c;
  bool channels_last;
};

// Accepts (H, W), (N, H, W), (N, C, H, W) and (N, H, W, C), C 1 or 3.
Layout layout_of(const Shape& s) {
  auto bad = [&] {
    std::ostringstream msg;
    msg << "show_images: expected images (N, H, W), (N, 1|3, H, W) or "
           "(N, H, W, 1|3), got shape (";
    for (size_t i = 0; i < s.size(); ++i) msg << (i ? ", " : "") << s[i];
    msg << ")";
    return d2l::Error(msg.str());
  };
  if (s.size() == 2) return {1, s[0], s[1], 1, false};
  if (s.size() == 3) return {s[0], s[1], s[2], 1, false};
  if (s.size() != 4) throw bad();
  if (s[1] == 1 || s[1] == 3) return {s[0], s[2], s[3], s[1], false};
  if (s[3] == 1 || s[3] == 3) return {s[0], s[1], s[2], s[3], true};
  throw bad();
}

std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> out(1);
  for (char ch : s) {
    if (ch == '\n') {
      out.emplace_back();
    } else {
      out.back().push_back(ch);
    }
  }
  return out;
}

}  // namespace

void show_images(const std::string& path, const NDArray& imgs, int num_rows, int num_cols,
                 const std::vector<std::string>& titles, double scale) {
  if (num_rows < 1 || num_cols < 1) {
    throw d2l::Error("show_images: num_rows and num_cols must be positive");
  }
  const auto L = layout_of(imgs.shape());
  const auto values = imgs.to_vector();
  const float top = values.empty() ? 1 : *std::max_element(values.begin(), values.end());
  const float unit = top > 1 ? 1.0f / 255 : 1.0f;  // 0..255 or [0, 1]
  const int64_t count = std::min<int64_t>(L.n, int64_t{num_rows} * num_cols);
  size_t title_lines = 0;
  for (int64_t i = 0; i < count && i < static_cast<int64_t>(titles.size()); ++i) {
    title_lines = std::max(title_lines, lines_of(titles[i]).size());
  }
  // A cell: the image, centered, and its title lines below.
  const double img_w = L.w * scale, img_h = L.h * scale;
  const double cell_w = std::max(img_w, 72.0) + 10;
  const double cell_h = img_h + 8 + 14.0 * title_lines + 4;
  const double width = cell_w * num_cols + 8, height = cell_h * num_rows + 8;
  using svg::num;
  std::ostringstream out;
  out << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << num(width)
      << "\" height=\"" << num(height) << "\" viewBox=\"0 0 " << num(width) << ' '
      << num(height) << "\" " << svg::kFont << " font-size=\"11\">\n"
      << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n";
  const int64_t plane = L.h * L.w;
  for (int64_t i = 0; i < count; ++i) {
    std::vector<uint8_t> pixels(static_cast<size_t>(plane * L.c));
    for (int64_t p = 0; p < plane; ++p) {
      for (int64_t ch = 0; ch < L.c; ++ch) {
        const int64_t src =
            L.channels_last ? (i * plane + p) * L.c + ch : (i * L.c + ch) * plane + p;
        const float v = std::clamp(values[src] * unit, 0.0f, 1.0f);
        pixels[p * L.c + ch] = static_cast<uint8_t>(std::lround(v * 255));
      }
    }
    const auto data = png::base64(png::encode(
        pixels, static_cast<int>(L.w), static_cast<int>(L.h), static_cast<int>(L.c)));
    const double cx = 4 + (i % num_cols) * cell_w + cell_w / 2;
    const double y0 = 4 + (i / num_cols) * cell_h + 4;
    out << "<image x=\"" << num(cx - img_w / 2) << "\" y=\"" << num(y0) << "\" width=\""
        << num(img_w) << "\" height=\"" << num(img_h)
        << "\" style=\"image-rendering:pixelated\" preserveAspectRatio=\"none\" "
        << "href=\"data:image/png;base64," << data << "\"/>\n";
    if (i < static_cast<int64_t>(titles.size())) {
      const auto lines = lines_of(titles[i]);
      for (size_t k = 0; k < lines.size(); ++k) {
        out << "<text x=\"" << num(cx) << "\" y=\"" << num(y0 + img_h + 14 + 14.0 * k)
            << "\" text-anchor=\"middle\"" << (k > 0 ? " fill=\"#555\"" : "") << ">"
            << svg::escape(lines[k]) << "</text>\n";
      }
    }
  }
  out << "</svg>\n";
  write_file_atomic(path, out.str());
}

void show_fashion_mnist(const std::string& path, const NDArray& images,
                        const std::vector<std::string>& labels) {
  const int n = static_cast<int>(images.ndim() == 2 ? 1 : images.shape()[0]);
  show_images(path, images, /*num_rows=*/1, n, labels);
}

}  // namespace d2l::book
