#pragma once
/// @file images.hpp
/// Grids of grayscale images as SVG figures: the book's `show_images` and
/// `show_fashion_mnist`.

#include <string>
#include <vector>

#include "d2l/ndarray.hpp"

namespace d2l::book {

/// Writes a `num_rows x num_cols` grid of the images in `imgs` — `(N, H, W)`,
/// `(N, 1, H, W)` or `(N, H, W, 1)`, values in [0, 1] or 0..255 (any maximum
/// above 1 is read as 0..255) — with `titles[i]` under image i (a `\n` in a
/// title makes two lines). Images are embedded as PNGs scaled up `scale`
/// times without smoothing. Extra cells stay empty; extra images are left out.
void show_images(const std::string& path, const NDArray& imgs, int num_rows, int num_cols,
                 const std::vector<std::string>& titles = {}, double scale = 2.0);

/// One row of images with their labels (the book's `show_fashion_mnist`).
void show_fashion_mnist(const std::string& path, const NDArray& images,
                        const std::vector<std::string>& labels);

}  // namespace d2l::book
