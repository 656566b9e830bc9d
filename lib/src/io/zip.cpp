// ZIP archives, just enough for .npz files: the local headers, the central
// directory and its end record (PKWARE APPNOTE 6.3), with ZIP64 sizes read from
// the extra fields (numpy writes them); a ZIP64 end record (over 65535 members or
// 4 GiB) is refused. Every size and offset is checked against the file first.
#include "io/zip.hpp"

#include <zlib.h>

#include <algorithm>
#include <cstdint>
#include <set>
#include <stdexcept>
#include <string>

#include "d2l/error.hpp"

namespace d2l::io {

namespace {

constexpr uint32_t kLocal = 0x04034b50, kCentral = 0x02014b50, kEnd = 0x06054b50;
constexpr uint32_t kZip64Locator = 0x07064b50;

void put16(std::string& s, uint32_t v) {
  s += char(v & 0xff);
  s += char((v >> 8) & 0xff);
}
void put32(std::string& s, uint32_t v) {
  put16(s, v & 0xffff);
  put16(s, v >> 16);
}

uint64_t get(std::string_view b, size_t at, int bytes) {
  uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v |= uint64_t(uint8_t(b[at + i])) << (8 * i);
  return v;
}

[[noreturn]] void corrupt(const std::string& where, const std::string& what) {
  throw d2l::Error(where + ": not a valid .npz (ZIP) archive (" + what + ")");
}

// Inflates `data`, which must give exactly `size` bytes. The output grows with
// what the stream really produces (a chunk at a time), so that a member that
// claims gigabytes costs no more than what it holds.
std::string inflate_raw(std::string_view data, uint64_t size, const std::string& where,
                        const std::string& name) {
  // Deflate cannot expand more than about 1032:1; a larger claim is a lie.
  if (size > uint64_t(data.size()) * 1032 + 1024) {
    corrupt(where, "'" + name + "' claims " + std::to_string(size) + " bytes from " +
                       std::to_string(data.size()) +
                       " compressed, more than deflate can produce");
  }
  z_stream z{};
  if (inflateInit2(&z, -MAX_WBITS) != Z_OK) corrupt(where, "zlib init failed");
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = uInt(data.size());
  constexpr uint64_t kChunk = uint64_t(16) << 20;
  std::string out;
  int rc = Z_OK;
  while (rc == Z_OK && out.size() < size) {
    const size_t have = out.size();
    const size_t more = size_t(std::min(kChunk, size - have));
    out.resize(have + more);
    z.next_out = reinterpret_cast<Bytef*>(out.data() + have);
    z.avail_out = uInt(more);
    rc = inflate(&z, Z_NO_FLUSH);
    out.resize(have + more - z.avail_out);
  }
  if (rc == Z_OK) {  // all `size` bytes out: the stream must end here
    unsigned char extra;
    z.next_out = &extra;
    z.avail_out = 1;
    rc = inflate(&z, Z_FINISH);
    if (z.avail_out == 0) rc = Z_DATA_ERROR;  // more than it claimed
  }
  inflateEnd(&z);
  if (rc != Z_STREAM_END || out.size() != size) {
    corrupt(where, "bad deflate data in '" + name + "'");
  }
  return out;
}

}  // namespace

std::string write_zip(const ZipEntries& entries) {
  std::string out, central;
  for (const auto& [name, bytes] : entries) {
    if (bytes.size() >= 0xffffffffu || out.size() >= 0xffffffffu) {
      throw d2l::Error(
          "write_zip: entries over 4 GiB need ZIP64, which this "
          "writer does not produce");
    }
    const uint32_t crc = uint32_t(
        crc32(0L, reinterpret_cast<const Bytef*>(bytes.data()), uInt(bytes.size())));
    const uint32_t offset = uint32_t(out.size());
    // Local file header: version 2.0, no flags, stored, time/date 1980-01-01.
    put32(out, kLocal);
    put16(out, 20), put16(out, 0), put16(out, 0), put16(out, 0), put16(out, 0x21);
    put32(out, crc), put32(out, uint32_t(bytes.size())),
        put32(out, uint32_t(bytes.size()));
    put16(out, uint32_t(name.size())), put16(out, 0);
    out += name;
    out += bytes;
    // Its central directory record.
    put32(central, kCentral);
    put16(central, 20), put16(central, 20), put16(central, 0), put16(central, 0);
    put16(central, 0), put16(central, 0x21);
    put32(central, crc), put32(central, uint32_t(bytes.size()));
    put32(central, uint32_t(bytes.size()));
    put16(central, uint32_t(name.size())), put16(central, 0), put16(central, 0);
    put16(central, 0), put16(central, 0), put32(central, 0), put32(central, offset);
    central += name;
  }
  const uint32_t central_at = uint32_t(out.size());
  out += central;
  put32(out, kEnd);
  put16(out, 0), put16(out, 0);
  put16(out, uint32_t(entries.size())), put16(out, uint32_t(entries.size()));
  put32(out, uint32_t(central.size())), put32(out, central_at), put16(out, 0);
  return out;
}

ZipEntries read_zip(std::string_view b, const std::string& where,
                    const ZipMemberFilter& filter) {
  // The end record is within the last 22 + 65535 bytes (its comment).
  if (b.size() < 22) corrupt(where, "too short: " + std::to_string(b.size()) + " bytes");
  size_t end = std::string_view::npos;
  for (size_t i = b.size() - 22;; --i) {
    if (get(b, i, 4) == kEnd) {
      end = i;
      break;
    }
    if (i == 0 || b.size() - i > 22 + 65535) break;
  }
  if (end == std::string_view::npos) {
    corrupt(where,
            "no end-of-central-directory record; the file is truncated or "
            "not a ZIP archive");
  }
  uint64_t count = get(b, end + 10, 2), at = get(b, end + 16, 4);
  const bool zip64_locator = end >= 20 && get(b, end - 20, 4) == kZip64Locator;
  if (zip64_locator || count == 0xffff || at == 0xffffffff) {
    corrupt(where,
            "a ZIP64 archive (over 65535 members or 4 GiB); save_parameters writes "
            "plain ZIP, and only that is read");
  }
  ZipEntries entries;
  std::set<std::string> seen;
  for (uint64_t e = 0; e < count; ++e) {
    if (at + 46 > b.size() || get(b, at, 4) != kCentral) {
      corrupt(where, "bad central directory record " + std::to_string(e));
    }
    const uint64_t method = get(b, at + 10, 2), crc = get(b, at + 16, 4);
    uint64_t csize = get(b, at + 20, 4), usize = get(b, at + 24, 4);
    const uint64_t name_len = get(b, at + 28, 2), extra_len = get(b, at + 30, 2);
    const uint64_t comment_len = get(b, at + 32, 2);
    uint64_t local = get(b, at + 42, 4);
    if (at + 46 + name_len + extra_len > b.size()) corrupt(where, "truncated directory");
    std::string name(b.substr(at + 46, name_len));
    // ZIP64 extra field: the 64-bit values of the fields set to 0xffffffff.
    const uint64_t extra_end = at + 46 + name_len + extra_len;
    for (uint64_t x = at + 46 + name_len; x + 4 <= extra_end;) {
      const uint64_t id = get(b, x, 2), len = get(b, x + 2, 2);
      if (id == 1) {
        uint64_t p = x + 4;
        auto next = [&](uint64_t& field) {  // a 64-bit value inside this field
          if (p + 8 > x + 4 + len || p + 8 > extra_end) {
            corrupt(where, "ZIP64 field of '" + name + "' is too short");
          }
          field = get(b, p, 8), p += 8;
        };
        if (usize == 0xffffffff) next(usize);
        if (csize == 0xffffffff) next(csize);
        if (local == 0xffffffff) next(local);
      }
      x += 4 + len;
    }
    if (!seen.insert(name).second) {
      corrupt(where, "two members are named '" + name + "'; which one to load?");
    }
    // Sizes and offsets come from the file: compare without sums that can wrap.
    if (local > b.size() || b.size() - local < 30 || get(b, local, 4) != kLocal) {
      corrupt(where, "bad local header of '" + name + "'");
    }
    const uint64_t data_at = local + 30 + get(b, local + 26, 2) + get(b, local + 28, 2);
    if (data_at > b.size() || csize > b.size() - data_at) {
      corrupt(where,
              "'" + name + "' is truncated: it needs " + std::to_string(csize) +
                  " bytes, the file ends after " +
                  std::to_string(b.size() - std::min<uint64_t>(data_at, b.size())));
    }
    at += 46 + name_len + extra_len + comment_len;
    if (method == 0 && usize != csize) {
      corrupt(where, "stored member '" + name + "' claims " + std::to_string(usize) +
                         " bytes but holds " + std::to_string(csize));
    }
    if (filter && !filter(name, usize)) continue;
    std::string_view raw = b.substr(data_at, csize);
    std::string bytes;
    if (method == 0) {
      bytes = std::string(raw);
    } else if (method == 8) {
      bytes = inflate_raw(raw, usize, where, name);
    } else {
      corrupt(where, "'" + name + "' uses compression method " + std::to_string(method) +
                         " (only stored and deflate are read)");
    }
    const uint32_t actual = uint32_t(
        crc32(0L, reinterpret_cast<const Bytef*>(bytes.data()), uInt(bytes.size())));
    if (actual != crc) corrupt(where, "CRC mismatch in '" + name + "': corrupt data");
    entries.emplace_back(std::move(name), std::move(bytes));
  }
  return entries;
}

}  // namespace d2l::io
