#include "net/rpc/rpc_client.hpp"

#include "net/rpc/http_client.hpp"

namespace btcnet::rpc {

using nlohmann::json;

call_result call_node(const node_location& where, const std::string& method, const json& params,
                      std::chrono::milliseconds timeout) {
  const json request = {{"jsonrpc", "1.0"}, {"id", 1}, {"method", method}, {"params", params}};
  auto reply = http_post(where.host_port, where.auth, request.dump(), timeout);
  if (reply.status == 0)
    return {nullptr, "error: " + reply.error +
                         "\n\nMake sure btcnetd is running and that you are using the right "
                         "--datadir and network."};
  if (reply.status == 401)
    return {nullptr, "error: Authorization failed: Incorrect rpcuser or rpcpassword"};
  auto body = json::parse(reply.body, nullptr, false);
  if (body.is_discarded() || !body.is_object())
    return {nullptr,
            "error: server returned HTTP " + std::to_string(reply.status) + ": " + reply.body};
  if (body.contains("error") && !body["error"].is_null()) {
    const auto& e = body["error"];
    return {nullptr, "error code: " + std::to_string(e.value("code", 0)) + "\nerror message:\n" +
                         e.value("message", "")};
  }
  return {body.value("result", json()), ""};
}

}  // namespace btcnet::rpc
