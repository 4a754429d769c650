#include "net/wire/command.hpp"

namespace btcnet::wire {
namespace {

struct command_info {
  std::string_view name;
  std::uint32_t max_payload;
};

// Per-entry maxima behind the list maxima (btcd wire/*.go MaxPayloadLength):
constexpr std::uint32_t version_max = 358;  // 33 + 2 × 30 + 9 + 256, btcd's bound
constexpr std::uint32_t addr_entry_max = 30;
constexpr std::uint32_t addrv2_entry_max = 4 + 9 + 1 + 3 + max_addrv2_address_size + 2;
constexpr std::uint32_t inv_entry_max = 36;
constexpr std::uint32_t reject_max = 1 + command_size + 1 + 3 + max_reject_reason_length + 32;
constexpr std::uint32_t locator_max = 4 + max_compact_size_length + max_locator_hashes * 32 + 32;
// Pass-through commands are bounded by the protocol limit alone: their contents are not the
// network layer's to judge.
constexpr std::uint32_t opaque_max = max_protocol_message_length;

constexpr std::array<command_info, command_count> commands{{
    {"version", version_max},
    {"verack", 0},
    {"ping", 8},
    {"pong", 8},
    {"getaddr", 0},
    {"addr", max_compact_size_length + max_addr_per_message* addr_entry_max},
    {"addrv2", 3 + max_addr_per_message* addrv2_entry_max},
    {"sendaddrv2", 0},
    {"sendheaders", 0},
    {"feefilter", 8},
    {"wtxidrelay", 0},
    {"sendcmpct", 9},
    {"reject", reject_max},
    {"inv", max_compact_size_length + max_inv_per_message* inv_entry_max},
    {"getdata", max_compact_size_length + max_inv_per_message* inv_entry_max},
    {"notfound", max_compact_size_length + max_inv_per_message* inv_entry_max},
    {"getheaders", locator_max},
    {"getblocks", locator_max},
    {"mempool", 0},
    {"block", opaque_max},
    {"tx", opaque_max},
    {"headers", opaque_max},
    {"merkleblock", opaque_max},
    {"filterload", opaque_max},
    {"filteradd", opaque_max},
    {"filterclear", opaque_max},
    {"getcfilters", opaque_max},
    {"getcfheaders", opaque_max},
    {"getcfcheckpt", opaque_max},
    {"cfilter", opaque_max},
    {"cfheaders", opaque_max},
    {"cfcheckpt", opaque_max},
    {"cmpctblock", opaque_max},
    {"getblocktxn", opaque_max},
    {"blocktxn", opaque_max},
}};

const command_info& info(command c) {
  return commands[static_cast<std::size_t>(c)];
}

}  // namespace

std::string_view command_name(command c) {
  return info(c).name;
}

std::optional<command> find_command(std::string_view name) {
  for (std::size_t i = 0; i < commands.size(); ++i)
    if (commands[i].name == name) return static_cast<command>(i);
  return std::nullopt;
}

std::uint32_t max_payload_length(command c) {
  return info(c).max_payload;
}

bool is_typed(command c) {
  return c <= command::mempool;
}

}  // namespace btcnet::wire
