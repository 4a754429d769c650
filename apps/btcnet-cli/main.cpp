// btcnet-cli: sends one JSON-RPC call to a running btcnetd and prints the result, as bitcoin-cli
// does (strings raw, other values as indented JSON; errors on stderr with exit code 1).
#include <cstdlib>
#include <ctime>
#include <iostream>

#include "apps/btcnet-cli/cli_options.hpp"
#include "apps/btcnet-cli/netinfo.hpp"
#include "net/rpc/rpc_client.hpp"

namespace {

using btcnet::rpc::call_result;
using btcnet::rpc::node_location;
using nlohmann::json;

call_result call(const node_location& where, const std::string& method, const json& params,
                 int timeout_seconds) {
  return btcnet::rpc::call_node(where, method, params, std::chrono::seconds(timeout_seconds));
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
