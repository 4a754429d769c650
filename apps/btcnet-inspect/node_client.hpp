// The node as btcnet-inspect talks to it: found once from the flags, then called by method name.
#pragma once

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "apps/common/node_flags.hpp"
#include "net/rpc/rpc_client.hpp"

namespace btcnet::inspect {

struct call_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class node_client {
 public:
  // Throws call_error when the node cannot be located (no endpoint or credentials).
  explicit node_client(const apps::node_target& target);

  // The call's result; throws call_error with bitcoin-cli's error text.
  nlohmann::json call(const std::string& method, nlohmann::json params = nlohmann::json::array());

  const std::string& host_port() const { return where_.host_port; }

 private:
  rpc::node_location where_;
};

}  // namespace btcnet::inspect
