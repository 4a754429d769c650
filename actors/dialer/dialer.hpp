// The dialer actor (btcd btcdDial): dials through the node's network (TCP with its proxy
// settings, or the simulation's), and reports handle_connected / handle_failed to whoever asked.
// It owns the dials in flight and can cancel them.
#pragma once

#include <caf/fwd.hpp>

#include "actors/dialer/protocol.hpp"
#include "actors/registry/protocol.hpp"
#include "net/transport/network.hpp"

namespace btcnet::actors {

struct dialer_config {
  registry_actor registry;  // the node's; may be null
};

// `net` must outlive the actor.
dialer_actor spawn_dialer(caf::actor_system& sys, transport::network& net, dialer_config config);

}  // namespace btcnet::actors
