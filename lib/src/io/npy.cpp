// Encoding and decoding NumPy's .npy format (version 1.0, also reads 2.0/3.0).
#include "io/npy.hpp"

#include <bit>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "core/error.hpp"
#include "core/shape_check.hpp"

namespace d2l::io {

static_assert(std::endian::native == std::endian::little,
              ".npy files are written little-endian; this build assumes a "
              "little-endian machine");

namespace {

constexpr std::string_view kMagic = "\x93NUMPY";

[[noreturn]] void corrupt(const std::string& where, const std::string& what) {
  throw d2l::Error(where + ": not a valid .npy array (" + what + ")");
}

// The value of `key` in the header dict, up to the next top-level comma.
std::string header_value(const std::string& h, const std::string& key,
                         const std::string& where) {
  auto k = h.find("'" + key + "'");
  if (k == std::string::npos) corrupt(where, "the header has no '" + key + "'");
  auto colon = h.find(':', k);
  if (colon == std::string::npos) corrupt(where, "bad header: " + h);
  size_t i = colon + 1;
  while (i < h.size() && h[i] == ' ') ++i;
  size_t end = i;
  if (i < h.size() && h[i] == '(') {
    end = h.find(')', i);
    if (end == std::string::npos) corrupt(where, "bad shape in header: " + h);
    ++end;
  } else {
    while (end < h.size() && h[end] != ',' && h[end] != '}') ++end;
  }
  return h.substr(i, end - i);
}

Shape parse_shape(const std::string& tuple, const std::string& where) {
  Shape s;
  size_t i = 1;  // after '('
  while (i < tuple.size()) {
    while (i < tuple.size() && (tuple[i] == ' ' || tuple[i] == ',')) ++i;
    if (i >= tuple.size() || tuple[i] == ')') break;
    size_t used = 0;
    int64_t n = -1;
    try {
      n = std::stoll(tuple.substr(i), &used);
    } catch (const std::exception&) {
      corrupt(where, "bad shape " + tuple);
    }
    if (n < 0) corrupt(where, "negative axis in shape " + tuple);
    s.push_back(n);
    i += used;
  }
  return s;
}

template <class T>
void convert(const char* src, float* dst, int64_t n) {
  for (int64_t i = 0; i < n; ++i) {
    T v;
    std::memcpy(&v, src + i * sizeof(T), sizeof(T));
    dst[i] = static_cast<float>(v);
  }
}

// numpy's bool is a byte; any byte but 0 is true (a bool object holding another
// byte would be undefined behaviour).
void convert_bool(const char* src, float* dst, int64_t n) {
  for (int64_t i = 0; i < n; ++i) dst[i] = src[i] != 0 ? 1.0f : 0.0f;
}

}  // namespace

std::string encode_npy(const NDArray& x) {
  std::string shape = "(";
  for (auto n : x.shape()) shape += std::to_string(n) + ", ";
  if (x.ndim() > 1) shape.resize(shape.size() - 2);
  if (x.ndim() == 1) shape.resize(shape.size() - 1);  // "(3,)"
  shape += ")";
  std::string header =
      "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
  // Magic (6) + version (2) + length (2) + header + '\n', padded to 64 bytes.
  size_t total = 10 + header.size() + 1;
  header.append((64 - total % 64) % 64, ' ');
  header += '\n';
  std::string out(kMagic);
  out += char(1);
  out += char(0);
  out += char(header.size() & 0xff);
  out += char(header.size() >> 8);
  out += header;
  std::vector<float> values = x.to_vector();
  out.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(float));
  return out;
}

NDArray decode_npy(std::string_view bytes, const std::string& where) {
  if (bytes.size() < 10 || bytes.substr(0, 6) != kMagic) {
    corrupt(where, "it does not start with the .npy magic \\x93NUMPY");
  }
  const int major = static_cast<unsigned char>(bytes[6]);
  size_t header_len = 0, offset = 0;
  if (major == 1) {
    header_len = size_t(uint8_t(bytes[8])) | size_t(uint8_t(bytes[9])) << 8;
    offset = 10;
  } else if (major == 2 || major == 3) {
    if (bytes.size() < 12) corrupt(where, "truncated header");
    for (int i = 0; i < 4; ++i) header_len |= size_t(uint8_t(bytes[8 + i])) << (8 * i);
    offset = 12;
  } else {
    corrupt(where, "unknown format version " + std::to_string(major));
  }
  if (bytes.size() < offset + header_len) corrupt(where, "truncated header");
  const std::string h(bytes.substr(offset, header_len));
  const std::string descr = header_value(h, "descr", where);
  if (header_value(h, "fortran_order", where) != "False") {
    corrupt(where,
            "Fortran-ordered arrays are not supported; save "
            "np.ascontiguousarray(x) instead");
  }
  const Shape shape = parse_shape(header_value(h, "shape", where), where);
  // Negative axes, a product past 2^63, or more than any machine holds, refused
  // with the file named.
  const int64_t n = d2l::detail::checked_size(shape, where.c_str());

  struct Kind {
    const char* descr;
    size_t size;
    void (*convert)(const char*, float*, int64_t);
  };
  static const Kind kinds[] = {
      {"'<f4'", 4, convert<float>},    {"'<f8'", 8, convert<double>},
      {"'|i1'", 1, convert<int8_t>},   {"'<i2'", 2, convert<int16_t>},
      {"'<i4'", 4, convert<int32_t>},  {"'<i8'", 8, convert<int64_t>},
      {"'|u1'", 1, convert<uint8_t>},  {"'<u2'", 2, convert<uint16_t>},
      {"'<u4'", 4, convert<uint32_t>}, {"'<u8'", 8, convert<uint64_t>},
      {"'|b1'", 1, convert_bool}};
  const Kind* kind = nullptr;
  for (const auto& k : kinds) {
    if (descr == k.descr) kind = &k;
  }
  if (!kind) {
    corrupt(where, "dtype " + descr +
                       " is not supported (float32 is; float64, "
                       "little-endian integers and bool are converted to float32)");
  }
  const size_t data_at = offset + header_len;
  const size_t need = size_t(n) * kind->size;
  if (bytes.size() - data_at < need) {
    corrupt(where, "truncated data: shape " + shape_str(shape) + " needs " +
                       std::to_string(need) + " bytes, the file has " +
                       std::to_string(bytes.size() - data_at));
  }
  std::vector<float> values(static_cast<size_t>(n));
  kind->convert(bytes.data() + data_at, values.data(), n);
  return NDArray(values, shape);
}

}  // namespace d2l::io
