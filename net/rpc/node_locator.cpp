#include "net/rpc/node_locator.hpp"

namespace btcnet::rpc {

std::optional<node_location> locate_node(const locate_request& req, std::string& error) {
  node_location out;
  out.host_port = req.rpc_server;
  if (out.host_port.empty()) {
    std::string ignored;
    auto recorded = read_endpoint(endpoint_path(req.data_dir), ignored);
    out.host_port = recorded ? *recorded : req.default_server;
  }
  if (out.host_port.empty()) {
    error = "no running node found in " + req.data_dir.string() +
            " (no rpc.endpoint file); is btcnetd running with this --datadir and network?";
    return std::nullopt;
  }
  if (!req.user.empty() || !req.pass.empty()) {
    out.auth = {req.user, req.pass};
    return out;
  }
  std::string cookie_error;
  auto cookie = read_cookie(cookie_path(req.data_dir), cookie_error);
  if (!cookie) {
    error = "no RPC credentials: " + cookie_error +
            " (give --rpcuser and --rpcpass, or run on the node's machine with its --datadir)";
    return std::nullopt;
  }
  out.auth = *cookie;
  return out;
}

}  // namespace btcnet::rpc
