// The listener actor's messages: state queries for the inspector.
#pragma once

#include <caf/typed_actor.hpp>
#include <string>

#include "actors/common/caf_types.hpp"

namespace btcnet::actors {

struct get_listener_state {};
struct listener_snapshot {
  std::string address;  // host:port actually bound
  std::uint64_t accepted = 0;
  std::uint64_t accept_errors = 0;
};

using listener_actor =
    caf::typed_actor<caf::replies_to<get_listener_state>::with<listener_snapshot>>;

BTCNET_INSPECT(get_listener_state)
BTCNET_INSPECT(listener_snapshot, x.address, x.accepted, x.accept_errors)

}  // namespace btcnet::actors
