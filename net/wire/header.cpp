#include "net/wire/header.hpp"

#include <algorithm>
#include <cstring>

namespace btcnet::wire {
namespace {

void put_u32(std::uint8_t* p, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<std::uint8_t>(v >> (8 * i));
}
std::uint32_t get_u32(const std::uint8_t* p) {
  return std::uint32_t{p[0]} | std::uint32_t{p[1]} << 8 | std::uint32_t{p[2]} << 16 |
         std::uint32_t{p[3]} << 24;
}

}  // namespace

std::string_view message_header::command_text() const {
  const auto end = std::find(command_bytes.begin(), command_bytes.end(), '\0');
  return {command_bytes.data(), static_cast<std::size_t>(end - command_bytes.begin())};
}

void message_header::encode(std::uint8_t* out) const {
  put_u32(out, magic);
  std::memcpy(out + 4, command_bytes.data(), command_size);
  put_u32(out + 16, length);
  put_u32(out + 20, checksum);
}

message_header message_header::decode(const std::uint8_t* in) {
  message_header h;
  h.magic = get_u32(in);
  std::memcpy(h.command_bytes.data(), in + 4, command_size);
  h.length = get_u32(in + 16);
  h.checksum = get_u32(in + 20);
  return h;
}

bool is_valid_command(const std::array<char, command_size>& bytes) {
  std::size_t i = 0;
  for (; i < bytes.size() && bytes[i] != '\0'; ++i)
    if (bytes[i] < 0x20 || bytes[i] > 0x7e) return false;
  for (; i < bytes.size(); ++i)
    if (bytes[i] != '\0') return false;
  return true;
}

void set_command(message_header& h, std::string_view name) {
  h.command_bytes.fill('\0');
  std::copy_n(name.begin(), std::min(name.size(), command_size), h.command_bytes.begin());
}

bytes make_raw_frame(std::uint32_t magic, std::string_view command, std::uint32_t length,
                     std::uint32_t checksum, byte_span payload) {
  message_header h;
  h.magic = magic;
  set_command(h, command);
  h.length = length;
  h.checksum = checksum;
  bytes out(message_header_size + payload.size());
  h.encode(out.data());
  std::copy(payload.begin(), payload.end(), out.begin() + message_header_size);
  return out;
}

}  // namespace btcnet::wire
