// Little-endian byte reading and writing plus Bitcoin's CompactSize and var-string encodings.
// The reader never reads past its span and records the first error it meets ("sticky"), so a
// decoder can read a whole structure and check once at the end.
#pragma once

#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "net/wire/errors.hpp"

namespace btcnet::wire {

using bytes = std::vector<std::uint8_t>;
using byte_span = std::span<const std::uint8_t>;

class byte_reader {
 public:
  explicit byte_reader(byte_span data) : data_(data) {}

  std::size_t remaining() const { return data_.size() - pos_; }
  bool empty() const { return remaining() == 0; }
  std::error_code error() const { return error_; }
  bool ok() const { return !error_; }
  void fail(std::error_code ec) {
    if (!error_) error_ = ec;
  }

  // Reads n raw bytes; an empty span (and `truncated`) if fewer remain.
  byte_span take(std::size_t n) {
    if (error_ || n > remaining()) {
      fail(wire_errc::truncated);
      return {};
    }
    auto out = data_.subspan(pos_, n);
    pos_ += n;
    return out;
  }
  void read_into(void* dst, std::size_t n) {
    auto s = take(n);
    if (!s.empty()) std::memcpy(dst, s.data(), n);
  }

  std::uint8_t u8() { return static_cast<std::uint8_t>(read_le(1)); }
  std::uint16_t u16() { return static_cast<std::uint16_t>(read_le(2)); }
  std::uint32_t u32() { return static_cast<std::uint32_t>(read_le(4)); }
  std::uint64_t u64() { return read_le(8); }
  std::int32_t i32() { return static_cast<std::int32_t>(u32()); }
  std::int64_t i64() { return static_cast<std::int64_t>(u64()); }
  std::uint16_t u16_be() {
    auto s = take(2);
    return s.empty() ? 0 : static_cast<std::uint16_t>((s[0] << 8) | s[1]);
  }
  // A bool byte: any non-zero value is true, as Bitcoin Core reads it.
  bool bool_byte() { return u8() != 0; }

  // CompactSize with canonical encoding enforced (btcd ReadVarInt, Core ReadCompactSize).
  std::uint64_t compact_size();
  // A CompactSize used as an element count, checked against `max` before anything is allocated.
  std::size_t count(std::size_t max);
  // var-string of at most max_len bytes.
  std::string var_string(std::size_t max_len);

 private:
  std::uint64_t read_le(std::size_t n) {
    auto s = take(n);
    std::uint64_t v = 0;
    for (std::size_t i = s.size(); i-- > 0;) v = (v << 8) | s[i];
    return v;
  }

  byte_span data_;
  std::size_t pos_ = 0;
  std::error_code error_;
};

class byte_writer {
 public:
  explicit byte_writer(bytes& out) : out_(out) {}

  void raw(const void* p, std::size_t n) {
    auto b = static_cast<const std::uint8_t*>(p);
    out_.insert(out_.end(), b, b + n);
  }
  void raw(byte_span s) { raw(s.data(), s.size()); }
  void u8(std::uint8_t v) { out_.push_back(v); }
  void u16(std::uint16_t v) { write_le(v, 2); }
  void u32(std::uint32_t v) { write_le(v, 4); }
  void u64(std::uint64_t v) { write_le(v, 8); }
  void i32(std::int32_t v) { u32(static_cast<std::uint32_t>(v)); }
  void i64(std::int64_t v) { u64(static_cast<std::uint64_t>(v)); }
  void u16_be(std::uint16_t v) {
    u8(static_cast<std::uint8_t>(v >> 8));
    u8(static_cast<std::uint8_t>(v));
  }
  void compact_size(std::uint64_t v);
  void var_string(std::string_view s) {
    compact_size(s.size());
    raw(s.data(), s.size());
  }
  std::size_t size() const { return out_.size(); }

 private:
  void write_le(std::uint64_t v, std::size_t n) {
    std::uint8_t b[8];
    for (std::size_t i = 0; i < n; ++i) b[i] = static_cast<std::uint8_t>(v >> (8 * i));
    raw(b, n);
  }

  bytes& out_;
};

// Number of bytes the CompactSize encoding of v takes.
constexpr std::size_t compact_size_length(std::uint64_t v) {
  return v < 0xfd ? 1 : v <= 0xffff ? 3 : v <= 0xffffffff ? 5 : 9;
}

}  // namespace btcnet::wire
