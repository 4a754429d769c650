// Connects the HTTP side (net/rpc, Asio threads) to the rpc actor without blocking an I/O thread:
// each call is a short-lived actor that asks the rpc actor and hands the outcome back.
#pragma once

#include <caf/fwd.hpp>

#include "actors/rpc/protocol.hpp"
#include "net/rpc/jsonrpc_handler.hpp"

namespace btcnet::actors {

rpc::call_fn make_rpc_caller(caf::actor_system& sys, rpc_actor rpc,
                             caf::timespan timeout = std::chrono::seconds(30));

}  // namespace btcnet::actors
