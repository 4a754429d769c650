// How a client finds a running node: from its network data directory (the rpc.endpoint and
// .cookie files the node writes at startup), unless an address or credentials are given.
// btcnet-cli, btcnet-inspect and btcnet-cluster all use this.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "net/rpc/auth.hpp"

namespace btcnet::rpc {

struct node_location {
  std::string host_port;
  credentials auth;
};

struct locate_request {
  std::filesystem::path data_dir;  // <datadir>/<network dir>
  std::string rpc_server;          // overrides rpc.endpoint when set
  std::string default_server;      // used when neither rpc_server nor rpc.endpoint exist
  std::string user;                // with pass, overrides the cookie
  std::string pass;
};

// nullopt with `error` set when no address or credentials can be found.
std::optional<node_location> locate_node(const locate_request& req, std::string& error);

}  // namespace btcnet::rpc
