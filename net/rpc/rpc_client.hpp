// One JSON-RPC call to a located node, with the error texts bitcoin-cli prints: what btcnet-cli
// and btcnet-inspect use.
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

#include "net/rpc/node_locator.hpp"

namespace btcnet::rpc {

struct call_result {
  nlohmann::json result;
  std::string error;  // transport problem or RPC error text, ready to print
  bool ok() const { return error.empty(); }
};

call_result call_node(const node_location& where, const std::string& method,
                      const nlohmann::json& params, std::chrono::milliseconds timeout);

}  // namespace btcnet::rpc
