// A listener actor per bound address (btcd connmgr listenHandler): owns what the node's network
// bound there; every accepted connection is handed to the conn manager, which applies the inbound
// cap and passes it on to the server (on_accept).
#pragma once

#include <caf/fwd.hpp>
#include <system_error>

#include "actors/conn_manager/protocol.hpp"
#include "actors/listener/protocol.hpp"
#include "actors/registry/protocol.hpp"
#include "net/transport/network.hpp"

namespace btcnet::actors {

struct listener_config {
  wire::endpoint address;   // IPv4 or IPv6 address and port; port 0 picks a free one
  registry_actor registry;  // the node's; may be null
};

// Binds and starts accepting. On failure returns a null handle and sets `ec`; the caller reports
// it naming the address. `net` must outlive the actor.
listener_actor spawn_listener(caf::actor_system& sys, transport::network& net,
                              const listener_config& config, conn_manager_actor conn_manager,
                              std::error_code& ec);

}  // namespace btcnet::actors
