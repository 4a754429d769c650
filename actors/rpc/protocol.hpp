// The rpc actor's typed messages: one JSON-RPC call in, its outcome out. The HTTP side
// (net/rpc) parses envelopes; this actor knows the methods and asks the other actors.
#pragma once

#include <caf/allowed_unsafe_message_type.hpp>
#include <caf/typed_actor.hpp>

#include "net/rpc/jsonrpc.hpp"

// JSON values stay inside the process: no serialization needed.
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(btcnet::rpc::request)
CAF_ALLOW_UNSAFE_MESSAGE_TYPE(btcnet::rpc::outcome)

namespace btcnet::rpc {
// How the instrumentation names and summarises a call.
constexpr const char* message_name(const request*) {
  return "rpc_request";
}
inline std::string trace_summary(const request& r) {
  return r.method + " " + r.params.dump();
}
}  // namespace btcnet::rpc

namespace btcnet::actors {

using rpc_actor = caf::typed_actor<caf::replies_to<rpc::request>::with<rpc::outcome>>;

}  // namespace btcnet::actors
