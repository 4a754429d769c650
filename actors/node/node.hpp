// A whole node's actors wired together (btcd newServer + server.Start/Stop): address manager,
// server, dialer, conn manager and listeners, on a network given from outside (TCP, or the
// simulation's). btcnetd, the integration tests and the simulation build nodes with this; none of
// it is specific to a process or to sockets.
#pragma once

#include <caf/fwd.hpp>
#include <system_error>
#include <vector>

#include "actors/addr_manager/addr_manager.hpp"
#include "actors/conn_manager/conn_manager.hpp"
#include "actors/dialer/dialer.hpp"
#include "actors/dns_seeder/dns_seeder.hpp"
#include "actors/listener/listener.hpp"
#include "actors/registry/registry.hpp"
#include "actors/server/server.hpp"

namespace btcnet::actors {

struct node_options {
  std::vector<wire::endpoint> listen;             // empty: not listening
  std::vector<transport::dial_target> connect;    // btcd --connect: only these, no automatic
  std::vector<transport::dial_target> add_peers;  // btcd --addpeer: these plus automatic
  bool automatic = true;                          // automatic outbound (off on simnet)
  std::optional<std::uint32_t> target_outbound;   // default: btcd's reservation maths
  caf::timespan retry_duration = default_retry_duration;
  server_config server;
  addr_manager_config addresses;
  // DNS seeding at start when `seeding.seeds` is not empty (btcd peerHandler). An empty lookup
  // means the system resolver on the node's I/O runtime.
  dns_seeder_config seeding;
};

class node {
 public:
  // `net` must outlive the node's actors.
  node(caf::actor_system& sys, transport::network& net, node_options options);
  ~node();
  node(const node&) = delete;
  node& operator=(const node&) = delete;

  // Binds the listeners (an error names the address), then starts connecting.
  std::error_code start(std::string& failed_address);
  // Ordered shutdown: listeners close, the conn manager stops, peers are disconnected, the
  // address book is saved. Idempotent; the destructor calls it.
  void stop();

  const server_actor& server() const { return server_; }
  const conn_manager_actor& conn_manager() const { return conn_manager_; }
  const addr_manager_actor& addr_manager() const { return addr_manager_; }
  const dialer_actor& dialer() const { return dialer_; }
  const dns_seeder_actor& dns_seeder() const { return dns_seeder_; }  // null when not seeding
  const registry_actor& registry() const { return intro_.registry; }
  const std::vector<listener_actor>& listeners() const { return listeners_; }
  // The ports the listeners actually bound (useful with port 0).
  std::vector<std::uint16_t> listen_ports() const;
  peer_limits limits() const { return limits_; }

 private:
  caf::actor_system& sys_;
  transport::network& net_;
  node_options options_;
  peer_limits limits_;
  introspection intro_;
  addr_manager_actor addr_manager_;
  server_actor server_;
  dialer_actor dialer_;
  conn_manager_actor conn_manager_;
  dns_seeder_actor dns_seeder_;
  std::vector<listener_actor> listeners_;
  bool stopped_ = false;
};

}  // namespace btcnet::actors
