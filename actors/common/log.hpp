// Per-subsystem loggers in btcd's style (CMGR, PEER, AMGR, SRVR, plus DIAL and LSTN for our
// dialer and listener actors, RPCS for the RPC server). Levels follow btcd's --debuglevel syntax
// through set_levels().
#pragma once

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <string>
#include <string_view>

#include "net/wire/net_address.hpp"

namespace btcnet::log {

// The logger of a subsystem, created on first use (thread-safe).
spdlog::logger& subsystem(std::string_view name);

// One accessor per subsystem; the logger is looked up once.
#define BTCNET_LOG_SUBSYSTEM(accessor, tag)    \
  inline spdlog::logger& accessor() {          \
    static spdlog::logger& l = subsystem(tag); \
    return l;                                  \
  }

BTCNET_LOG_SUBSYSTEM(cmgr, "CMGR")
BTCNET_LOG_SUBSYSTEM(dial, "DIAL")
BTCNET_LOG_SUBSYSTEM(peer, "PEER")
BTCNET_LOG_SUBSYSTEM(srvr, "SRVR")
BTCNET_LOG_SUBSYSTEM(amgr, "AMGR")
BTCNET_LOG_SUBSYSTEM(lstn, "LSTN")
BTCNET_LOG_SUBSYSTEM(rpc, "RPCS")  // btcd's RPC server subsystem
BTCNET_LOG_SUBSYSTEM(node, "NODE")

#undef BTCNET_LOG_SUBSYSTEM

// Adds a rotating log file to every subsystem's output (btcd's log directory).
void add_file(const std::filesystem::path& file, std::size_t max_bytes = 10 << 20,
              std::size_t max_files = 3);

// "info" or "CMGR=debug,PEER=trace" (btcd --debuglevel); returns false on a bad level name.
bool set_levels(const std::string& spec);

}  // namespace btcnet::log

// An endpoint in a log line is formatted only if the line is written: a node at the info level
// skips the debug lines of every handshake without building their strings.
template <>
struct fmt::formatter<btcnet::wire::endpoint> : fmt::formatter<std::string_view> {
  auto format(const btcnet::wire::endpoint& e, fmt::format_context& ctx) const {
    return fmt::formatter<std::string_view>::format(e.to_string(), ctx);
  }
};
