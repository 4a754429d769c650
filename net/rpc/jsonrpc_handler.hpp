// Turns HTTP requests into JSON-RPC calls and their outcomes back into replies, single or batch,
// with Bitcoin Core's status codes. The calls themselves are made through `call_fn`, which the
// node connects to its RPC actor.
#pragma once

#include "net/rpc/http_server.hpp"
#include "net/rpc/jsonrpc.hpp"

namespace btcnet::rpc {

// Runs one call; `done` may be called from any thread, exactly once.
using call_fn = std::function<void(request, std::function<void(outcome)>)>;

// JSON-RPC on POST to "/" (and "/wallet/..." as Core accepts); other requests go to `other`
// (404 when it is empty).
handler_fn make_jsonrpc_handler(call_fn call, handler_fn other = {});

}  // namespace btcnet::rpc
