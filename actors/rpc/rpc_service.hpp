// The rpc actor: Bitcoin Core's P2P RPC methods (names, parameters, result fields, error codes)
// answered from the server and address manager actors.
#pragma once

#include <caf/fwd.hpp>
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "actors/addr_manager/protocol.hpp"
#include "actors/common/time_source.hpp"
#include "actors/registry/protocol.hpp"
#include "actors/rpc/protocol.hpp"
#include "actors/server/protocol.hpp"

namespace btcnet::actors {

// How one network can be reached (getnetworkinfo "networks").
struct network_reach {
  std::string name;  // ipv4, ipv6, onion, i2p, cjdns
  bool reachable = false;
  std::string proxy;  // "host:port" or ""
  bool proxy_randomize_credentials = false;
};

// What the node tells about itself (getnetworkinfo), fixed at start.
struct node_info {
  std::int32_t version = 0;  // Core style: major * 10000 + minor * 100 + patch
  std::string subversion;    // our user agent
  std::int32_t protocol_version = 0;
  std::uint64_t services = 0;
  bool relay = false;
  std::vector<network_reach> networks;
  std::int64_t start_time = 0;  // unix seconds
};

struct rpc_config {
  node_info info;
  std::function<void()> request_stop;                // the "stop" method; called once
  caf::timespan timeout = std::chrono::seconds(10);  // for the other actors' replies
  time_source clock;  // the node's (anchored at start), so virtual time moves it in tests
};

struct rpc_links {
  server_actor server;
  addr_manager_actor addr_manager;  // may be null
  registry_actor registry;          // the node's introspection point; may be null
};

rpc_actor spawn_rpc(caf::actor_system& sys, rpc_config config, rpc_links links);

}  // namespace btcnet::actors
