// Helpers shared by the wire fuzz targets.
#pragma once

#include <cstdint>
#include <cstdlib>

#include "net/wire/messages.hpp"

namespace btcnet::wire::fuzz {

// Protocol versions at which message layouts change, chosen by one input byte.
inline std::uint32_t pick_protocol_version(std::uint8_t b) {
  static constexpr std::uint32_t versions[] = {209,   31401, 31402, 60000, 60001, 60002, 70001,
                                               70002, 70012, 70013, 70014, 70015, 70016};
  return versions[b % (sizeof versions / sizeof versions[0])];
}

// A payload that decodes must survive encode -> frame -> decode unchanged.
inline void check_round_trip(command cmd, byte_span payload, std::uint32_t pver) {
  message first;
  if (decode_payload(cmd, payload, pver, first)) return;
  if (auto* a = std::get_if<msg::addrv2>(&first)) a->skipped = 0;  // dropped entries stay dropped
  // A version message is encoded at our own version (it opens the negotiation), so a relay
  // byte that was on the wire stays on it.
  const std::uint32_t encode_pver = cmd == command::version ? protocol_version : pver;
  bytes frame;
  if (encode_frame(frame, 0, first, encode_pver)) std::abort();
  message second;
  if (decode_payload(cmd, byte_span(frame).subspan(message_header_size), pver, second))
    std::abort();
  if (!(first == second)) std::abort();
}

}  // namespace btcnet::wire::fuzz
