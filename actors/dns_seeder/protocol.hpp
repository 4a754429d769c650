// The dns_seeder actor's typed messages (btcd connmgr SeedFromDNS as an actor).
#pragma once

#include <caf/typed_actor.hpp>
#include <string>
#include <vector>

#include "actors/common/caf_types.hpp"

namespace btcnet::actors {

// Look up every seed now; addresses go to the address manager as they arrive.
struct seed_now {};
// One seed's answer, delivered by the resolver (from an I/O thread, as a message).
struct seed_resolved {
  std::string host;
  std::error_code error;
  std::vector<wire::endpoint> addresses;
};
// What seeding found so far, for the log, the inspector and tests.
struct get_seed_state {};
struct seed_snapshot {
  std::uint32_t pending = 0;    // lookups under way
  std::uint32_t succeeded = 0;  // seeds that answered with addresses
  std::uint32_t failed = 0;     // seeds that failed or answered with none
  std::uint64_t addresses = 0;  // addresses handed to the address manager
};

using dns_seeder_actor = caf::typed_actor<caf::reacts_to<seed_now>, caf::reacts_to<seed_resolved>,
                                          caf::replies_to<get_seed_state>::with<seed_snapshot>>;

BTCNET_INSPECT(seed_now)
BTCNET_INSPECT(seed_resolved, x.host, x.addresses)
BTCNET_INSPECT(get_seed_state)
BTCNET_INSPECT(seed_snapshot, x.pending, x.succeeded, x.failed, x.addresses)

}  // namespace btcnet::actors
