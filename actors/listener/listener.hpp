// A listener actor per bound address (btcd connmgr listenHandler): owns an acceptor; every
// accepted socket becomes a connection handed to the conn manager, which applies the inbound cap
// and passes it on to the server (on_accept).
#pragma once

#include <caf/fwd.hpp>
#include <system_error>

#include "actors/conn_manager/protocol.hpp"
#include "actors/listener/protocol.hpp"
#include "actors/registry/protocol.hpp"
#include "net/transport/io_runtime.hpp"
#include "net/transport/tcp_connection.hpp"

namespace btcnet::actors {

struct listener_config {
  wire::endpoint address;  // IPv4 or IPv6 address and port; port 0 picks a free one
  std::uint32_t magic = 0;
  transport::tcp_limits limits;
  registry_actor registry;  // the node's; may be null
};

// Binds and starts accepting. On failure returns a null handle and sets `ec`; the caller reports
// it naming the address. `io` must outlive the actor.
listener_actor spawn_listener(caf::actor_system& sys, transport::io_runtime& io,
                              const listener_config& config, conn_manager_actor conn_manager,
                              std::error_code& ec);

}  // namespace btcnet::actors
