// The dns_seeder actor: looks up the network's DNS seeds and gives the addresses to the address
// manager, as btcd's SeedFromDNS does — every seed at once, each address stamped 3 to 7 days old
// (so that it ranks below addresses learned from peers), the seed's first address as the source.
// The lookup is a seam: the node passes the system resolver, tests pass their own; nothing in
// tests ever asks real DNS.
#pragma once

#include <caf/fwd.hpp>
#include <functional>

#include "actors/addr_manager/protocol.hpp"
#include "actors/common/time_source.hpp"
#include "actors/dns_seeder/protocol.hpp"
#include "actors/registry/protocol.hpp"

namespace btcnet::actors {

// Starts a lookup of `host`; calls `done` once, from any thread.
using seed_lookup =
    std::function<void(const std::string& host,
                       std::function<void(std::error_code, std::vector<wire::endpoint>)> done)>;

struct dns_seeder_config {
  std::vector<std::string> seeds;  // host names (or address literals)
  std::uint16_t default_port = 8333;
  seed_lookup lookup;
  time_source clock;
  std::uint64_t rng_seed = 0;
  registry_actor registry;  // the node's; may be null
};

dns_seeder_actor spawn_dns_seeder(caf::actor_system& sys, dns_seeder_config config,
                                  addr_manager_actor addr_manager);

// btcd seed.go: addresses are dated now - 3 days - rand[0, 4 days).
inline constexpr std::int64_t seed_age_min = 3 * 24 * 3600;
inline constexpr std::int64_t seed_age_spread = 4 * 24 * 3600;

}  // namespace btcnet::actors
