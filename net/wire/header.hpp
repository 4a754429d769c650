// The 24-byte message header: magic (u32 LE) · command (12 bytes, NUL padded) · payload length
// (u32 LE) · checksum (first 4 bytes of SHA-256d(payload), as a u32 LE).
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <system_error>

#include "net/wire/byte_io.hpp"
#include "net/wire/command.hpp"

namespace btcnet::wire {

struct message_header {
  std::uint32_t magic = 0;
  std::array<char, command_size> command_bytes{};
  std::uint32_t length = 0;
  std::uint32_t checksum = 0;

  // The command without its NUL padding.
  std::string_view command_text() const;
  void encode(std::uint8_t* out) const;
  static message_header decode(const std::uint8_t* in);
};

// True when the command is printable ASCII followed only by NUL padding, as Core requires
// (CMessageHeader::IsCommandValid).
bool is_valid_command(const std::array<char, command_size>& bytes);

void set_command(message_header& h, std::string_view name);

// A frame with whatever header fields it is given, `payload` after it as it is: how hostile
// tests and the load tool make wrong magics, lengths and checksums.
bytes make_raw_frame(std::uint32_t magic, std::string_view command, std::uint32_t length,
                     std::uint32_t checksum, byte_span payload = {});

}  // namespace btcnet::wire
