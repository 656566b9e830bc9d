#pragma once
// A minimal PNG encoder (8-bit gray or RGB, no filtering) for embedding
// images in SVG figures as data URIs.
#include <cstdint>
#include <string>
#include <vector>

namespace d2l::png {

/// `pixels` row-major, `channels` 1 (gray) or 3 (RGB) bytes per pixel.
std::string encode(const std::vector<uint8_t>& pixels, int width, int height,
                   int channels);

/// Standard base64 with padding.
std::string base64(const std::string& bytes);

}  // namespace d2l::png
