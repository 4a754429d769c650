#include "apps/btcnet-inspect/node_client.hpp"

namespace btcnet::inspect {

namespace {
constexpr std::chrono::seconds call_timeout{30};
}

node_client::node_client(const apps::node_target& target) {
  std::string error;
  auto where = rpc::locate_node(target.locate, error);
  if (!where) throw call_error("error: " + error);
  where_ = std::move(*where);
}

nlohmann::json node_client::call(const std::string& method, nlohmann::json params) {
  auto r = rpc::call_node(where_, method, params, call_timeout);
  if (!r.ok()) throw call_error(r.error);
  return std::move(r.result);
}

}  // namespace btcnet::inspect
