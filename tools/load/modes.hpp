// btcnet-load's modes. Each runs against the context's target and returns its JSON result (the
// one object printed on stdout); `ok` in it decides the exit code.
#pragma once

#include "tools/load/load_context.hpp"

namespace btcnet::load {

struct handshake_settings {
  std::uint64_t total = 1000;
  std::uint32_t concurrency = 64;
};
struct hold_settings {
  std::uint32_t peers = 1000;
  std::uint32_t concurrency = 200;  // handshakes in progress while connecting
  double seconds = 30;
  double ping_interval = 5;
  double round_spread = 0;  // seconds over which a round's pings are spread; 0: all at once
};
struct flood_settings {
  std::uint32_t peers = 10;
  std::string message = "ping";  // ping, addr or inv
  double rate = 0;               // messages per second in all; 0: as fast as the target answers
  std::uint32_t window = 64;     // pings in flight per peer when the rate is 0
  double seconds = 10;
};
struct hostile_settings {
  bool short_form = false;
  long rss_limit_mib = 512;
  std::vector<std::string> cases;  // empty: all
};
struct connflood_settings {
  double rate = 10000;  // connection attempts per second
  double seconds = 10;
  std::uint32_t max_open = 2000;  // attempts in flight at most
};

nlohmann::json run_handshake(load_context& ctx, const handshake_settings& s);
nlohmann::json run_hold(load_context& ctx, const hold_settings& s);
nlohmann::json run_flood(load_context& ctx, const flood_settings& s);
nlohmann::json run_hostile(load_context& ctx, const hostile_settings& s);
nlohmann::json run_connflood(load_context& ctx, const connflood_settings& s);

// The hostile catalogue's case names, in the order they run.
std::vector<std::string> hostile_cases();

}  // namespace btcnet::load
