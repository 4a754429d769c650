// The addr_manager actor (btcd addrmgr.AddrManager's goroutine): owns the address book, loads it
// from peers.json at start, saves it every 10 minutes and when it stops, and answers the rest of
// the node by message only.
#pragma once

#include <caf/fwd.hpp>
#include <chrono>
#include <filesystem>
#include <optional>

#include "actors/addr_manager/bucket_hash.hpp"
#include "actors/addr_manager/protocol.hpp"
#include "actors/common/time_source.hpp"
#include "actors/registry/protocol.hpp"

namespace btcnet::actors {

inline constexpr caf::timespan dump_address_interval = std::chrono::minutes(10);  // btcd
// btcd newAddressFunc: tries per selection, and until which try recent attempts and
// non-default ports are skipped.
inline constexpr int select_tries = 100;
inline constexpr int skip_recent_until_try = 30;
inline constexpr int skip_other_port_until_try = 50;

struct addr_manager_config {
  std::filesystem::path file;  // peers.json; empty: nothing is loaded or saved
  time_source clock;
  std::uint64_t rng_seed = 0;
  // The bucket key of a new book (no file, or a bad one): random unless given (the simulation
  // derives it from its seed, so that runs repeat).
  std::optional<addr_manager::book_key> key;
  caf::timespan dump_interval = dump_address_interval;
  registry_actor registry;  // the node's; may be null
};

addr_manager_actor spawn_addr_manager(caf::actor_system& sys, addr_manager_config config);

}  // namespace btcnet::actors
