// What the RPC port serves besides JSON-RPC, behind the same credentials: GET /metrics
// (Prometheus text, from the getmetrics method) and GET /inspector (the web inspector's page and
// assets, compiled into btcnetd).
#pragma once

#include "net/rpc/jsonrpc_handler.hpp"

namespace btcnet::node {

rpc::handler_fn make_http_routes(rpc::call_fn call);

}  // namespace btcnet::node
