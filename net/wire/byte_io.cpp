#include "net/wire/byte_io.hpp"

namespace btcnet::wire {

std::uint64_t byte_reader::compact_size() {
  const std::uint8_t tag = u8();
  std::uint64_t v = tag;
  std::uint64_t min = 0;
  switch (tag) {
    case 0xfd:
      v = u16(), min = 0xfd;
      break;
    case 0xfe:
      v = u32(), min = 0x10000;
      break;
    case 0xff:
      v = u64(), min = 0x100000000ULL;
      break;
    default:
      return v;
  }
  if (ok() && v < min) {
    fail(wire_errc::non_canonical_compact_size);
    return 0;
  }
  return v;
}

std::size_t byte_reader::count(std::size_t max) {
  const std::uint64_t n = compact_size();
  if (ok() && n > max) {
    fail(wire_errc::too_many_entries);
    return 0;
  }
  return ok() ? static_cast<std::size_t>(n) : 0;
}

std::string byte_reader::var_string(std::size_t max_len) {
  const std::uint64_t n = compact_size();
  if (ok() && n > max_len) {
    fail(wire_errc::string_too_long);
    return {};
  }
  auto s = take(static_cast<std::size_t>(n));
  return ok() ? std::string(s.begin(), s.end()) : std::string{};
}

void byte_writer::compact_size(std::uint64_t v) {
  if (v < 0xfd) {
    u8(static_cast<std::uint8_t>(v));
  } else if (v <= 0xffff) {
    u8(0xfd), u16(static_cast<std::uint16_t>(v));
  } else if (v <= 0xffffffff) {
    u8(0xfe), u32(static_cast<std::uint32_t>(v));
  } else {
    u8(0xff), u64(v);
  }
}

}  // namespace btcnet::wire
