// btcnet-cli: sends one JSON-RPC call to a running btcnetd and prints the result, as bitcoin-cli
// does (strings raw, other values as indented JSON; errors on stderr with exit code 1).
#include <cstdlib>
#include <ctime>
#include <iostream>

#include "apps/btcnet-cli/cli_options.hpp"
#include "apps/btcnet-cli/netinfo.hpp"
#include "net/rpc/http_client.hpp"

namespace {

using btcnet::rpc::node_location;
using nlohmann::json;

struct call_result {
  json result;
  std::string error;  // transport problem or RPC error text, ready to print
  bool ok() const { return error.empty(); }
};

call_result call(const node_location& where, const std::string& method, const json& params,
                 int timeout_seconds) {
  const json request = {{"jsonrpc", "1.0"}, {"id", 1}, {"method", method}, {"params", params}};
  auto reply = btcnet::rpc::http_post(where.host_port, where.auth, request.dump(),
                                      std::chrono::seconds(timeout_seconds));
  if (reply.status == 0)
    return {nullptr, "error: " + reply.error + "\n\nMake sure btcnetd is running and that you "
                                               "are using the right --datadir and network."};
  if (reply.status == 401)
    return {nullptr, "error: Authorization failed: Incorrect rpcuser or rpcpassword"};
  auto body = json::parse(reply.body, nullptr, false);
  if (body.is_discarded() || !body.is_object())
    return {nullptr, "error: server returned HTTP " + std::to_string(reply.status) + ": " + reply.body};
  if (body.contains("error") && !body["error"].is_null()) {
    const auto& e = body["error"];
    return {nullptr, "error code: " + std::to_string(e.value("code", 0)) + "\nerror message:\n" +
                         e.value("message", "")};
  }
  return {body.value("result", json()), ""};
}

int fail(const std::string& message) {
  std::cerr << message << "\n";
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  const char* home = std::getenv("HOME");
  auto parsed = btcnet::cli::parse_cli(args, home ? home : "");
  if (!parsed.options) {
    if (parsed.exit_code != 0) return fail("error: " + parsed.error);
    std::cout << parsed.output;
    return 0;
  }
  const auto& o = *parsed.options;
  std::string error;
  auto where = btcnet::rpc::locate_node(o.locate, error);
  if (!where) return fail("error: " + error);
  if (o.netinfo) {
    auto network = call(*where, "getnetworkinfo", json::array(), o.timeout_seconds);
    if (!network.ok()) return fail(network.error);
    auto peers = call(*where, "getpeerinfo", json::array(), o.timeout_seconds);
    if (!peers.ok()) return fail(peers.error);
    std::cout << btcnet::cli::format_netinfo(network.result, peers.result, std::time(nullptr));
    return 0;
  }
  auto r = call(*where, o.method, o.params, o.timeout_seconds);
  if (!r.ok()) return fail(r.error);
  if (r.result.is_string())
    std::cout << r.result.get<std::string>() << "\n";
  else if (!r.result.is_null())
    std::cout << r.result.dump(2) << "\n";
  return 0;
}
