// SHA-256 and double SHA-256 (Bitcoin's checksum and hash), backed by OpenSSL's libcrypto, which
// uses the CPU's SHA extensions where present.
#pragma once

#include <array>
#include <cstdint>
#include <span>

namespace btcnet::wire {

using hash256 = std::array<std::uint8_t, 32>;

hash256 sha256(std::span<const std::uint8_t> data);
// SHA-256(SHA-256(data)).
hash256 sha256d(std::span<const std::uint8_t> data);
// The first four bytes of sha256d(payload) as the little-endian u32 a message header carries.
std::uint32_t checksum(std::span<const std::uint8_t> payload);

}  // namespace btcnet::wire
