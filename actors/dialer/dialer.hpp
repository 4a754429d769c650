// The dialer actor (btcd btcdDial with its proxy settings): dials TCP through Boost.Asio, turns a
// connected socket into a connection, and reports handle_connected / handle_failed to whoever
// asked. It owns the dials in flight and can cancel them.
#pragma once

#include <caf/fwd.hpp>

#include "actors/dialer/protocol.hpp"
#include "actors/registry/protocol.hpp"
#include "net/transport/dial.hpp"
#include "net/transport/io_runtime.hpp"
#include "net/transport/tcp_connection.hpp"

namespace btcnet::actors {

struct dialer_config {
  std::uint32_t magic = 0;  // the network's, for the connections' frame decoders
  transport::dial_settings settings;
  transport::tcp_limits limits;
  registry_actor registry;  // the node's; may be null
};

// `io` must outlive the actor.
dialer_actor spawn_dialer(caf::actor_system& sys, transport::io_runtime& io, dialer_config config);

}  // namespace btcnet::actors
