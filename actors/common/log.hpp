// Per-subsystem loggers in btcd's style (CMGR, PEER, AMGR, SRVR, plus DIAL and LSTN for our
// dialer and listener actors). Levels follow btcd's --debuglevel syntax through set_levels().
#pragma once

#include <spdlog/spdlog.h>

#include <filesystem>
#include <string>
#include <string_view>

namespace btcnet::log {

// The logger of a subsystem, created on first use (thread-safe).
spdlog::logger& subsystem(std::string_view name);

inline spdlog::logger& cmgr() {
  static spdlog::logger& l = subsystem("CMGR");
  return l;
}
inline spdlog::logger& dial() {
  static spdlog::logger& l = subsystem("DIAL");
  return l;
}
inline spdlog::logger& peer() {
  static spdlog::logger& l = subsystem("PEER");
  return l;
}
inline spdlog::logger& srvr() {
  static spdlog::logger& l = subsystem("SRVR");
  return l;
}
inline spdlog::logger& amgr() {
  static spdlog::logger& l = subsystem("AMGR");
  return l;
}
inline spdlog::logger& lstn() {
  static spdlog::logger& l = subsystem("LSTN");
  return l;
}

inline spdlog::logger& node() {
  static spdlog::logger& l = subsystem("NODE");
  return l;
}

// Adds a rotating log file to every subsystem's output (btcd's log directory).
void add_file(const std::filesystem::path& file, std::size_t max_bytes = 10 << 20,
              std::size_t max_files = 3);

// "info" or "CMGR=debug,PEER=trace" (btcd --debuglevel); returns false on a bad level name.
bool set_levels(const std::string& spec);

}  // namespace btcnet::log
