// The commands of the P2P protocol this layer knows, their names on the wire and the largest
// payload each may have.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

#include "net/wire/protocol.hpp"

namespace btcnet::wire {

enum class command : std::uint8_t {
  // Decoded into typed messages.
  version,
  verack,
  ping,
  pong,
  getaddr,
  addr,
  addrv2,
  sendaddrv2,
  sendheaders,
  feefilter,
  wtxidrelay,
  sendcmpct,
  reject,
  inv,
  getdata,
  notfound,
  getheaders,
  getblocks,
  mempool,
  // Known, passed through as raw payload bytes (the network layer does not validate them).
  block,
  tx,
  headers,
  merkleblock,
  filterload,
  filteradd,
  filterclear,
  getcfilters,
  getcfheaders,
  getcfcheckpt,
  cfilter,
  cfheaders,
  cfcheckpt,
  cmpctblock,
  getblocktxn,
  blocktxn,
};

inline constexpr std::size_t command_count = static_cast<std::size_t>(command::blocktxn) + 1;

std::string_view command_name(command c);
// Looks a command up by its name (without NUL padding).
std::optional<command> find_command(std::string_view name);
// The largest payload the command may have at the current protocol version; the frame decoder
// rejects longer ones before reading them (btcd MaxPayloadLength).
std::uint32_t max_payload_length(command c);
// True for commands decoded into typed messages, false for pass-through ones.
bool is_typed(command c);

}  // namespace btcnet::wire
