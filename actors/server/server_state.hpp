// The server actor's state. Split over server.cpp (connections, peer lifecycle, addresses) and
// server_operator.cpp (the operator's commands).
#pragma once

#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <unordered_map>

#include "actors/common/fast_rng.hpp"
#include "actors/common/instrument.hpp"
#include "actors/server/ban_table.hpp"
#include "actors/server/server.hpp"
#include "actors/server/tick_schedule.hpp"

namespace btcnet::actors {

struct server_state;
// The server's own wake-up for its peers' deadlines.
struct server_wakeup {};
BTCNET_INSPECT(server_wakeup)
using server_impl = instrumented<server_actor>::extend<caf::reacts_to<server_wakeup>>;
using server_pointer = server_impl::stateful_pointer<server_state>;

// btcd serverPeer, as the server keeps it.
struct server_peer {
  peer_actor handle;
  peer_identity identity;
  std::optional<conn_request_info> request;  // outbound peers: their conn manager request
  bool added = false;                        // peer_added seen (btcd peerAdded)
  std::string group;                         // outbound group key, counted while added
  std::string prefix;                        // inbound admission prefix while handshaking
  std::string user_agent;
};

struct server_state {
  static inline const char* name = "server";

  server_pointer self = nullptr;
  actors::probe probe;
  server_config config;
  std::shared_ptr<const peer_config> shared_peer_config;  // config.peer, one copy for all peers
  server_links links;
  conn_manager_actor conn_manager;
  std::map<std::uint64_t, server_peer> peers;  // every live peer actor, by peer id
  std::unordered_map<caf::actor_id, std::uint64_t> peer_of_actor;  // for down messages
  std::uint32_t added_inbound = 0, added_outbound = 0;             // peers past their handshake
  tick_schedule ticks;                                             // the peers' next deadlines
  std::optional<caf::actor_clock::time_point> wakeup_at;           // the earliest wake-up asked for
  ban_table banned;
  std::map<std::string, int> outbound_groups;
  std::map<std::string, std::uint32_t> pending_by_prefix;
  std::deque<std::uint64_t> recent_nonces;
  std::map<std::uint64_t, transport::dial_target> added_nodes;  // permanent requests by id
  std::set<std::uint64_t> removed_requests;  // removed by the operator: never retried
  std::set<std::uint64_t> onetry_requests;   // addnode onetry: manual, never retried
  std::uint64_t last_peer_id = 0;
  std::uint64_t closed_bytes_sent = 0;  // traffic of peers that are gone (getnettotals)
  std::uint64_t closed_bytes_received = 0;
  fast_rng rng;

  ~server_state() {  // the server is going: so are its peers (btcd peerHandler's quit path)
    for (auto& [id, p] : peers) caf::anon_send(p.handle, disconnect_peer{"server shutting down"});
  }

  // --- server.cpp ---
  void outbound_connected(const on_connection& e);
  void inbound_accepted(const transport::connection_ptr& conn);
  server_peer& spawn(transport::connection_ptr conn, peer_identity identity);
  void on_added(const peer_added& a);
  void on_done(std::uint64_t id, const std::string& reason);
  void release_request(const conn_request_info& request);
  bool reject_added(server_peer& p, const peer_stats& s);
  void relay(const relay_addresses& r);
  caf::result<address_candidate> select_address();
  void ban_misbehaving(const ban_peer& b);
  void on_ban(const subnet& net, const std::string& reason, std::int64_t until);
  std::string operator_ban(const ban_host& b);
  std::string operator_unban(const unban_host& u);
  void clear_all_bans();
  void load_bans();
  void save_bans();
  bool is_banned(const wire::endpoint& address);
  std::uint32_t count_added(bool inbound) const { return inbound ? added_inbound : added_outbound; }
  void schedule_peer_tick(const schedule_tick& s);
  void arm_wakeup(caf::actor_clock::time_point when);
  void on_wakeup();
  std::int64_t ban_seconds() const {
    return std::chrono::duration_cast<std::chrono::seconds>(config.ban_duration).count();
  }
  std::int64_t unix_now() const { return config.peer.clock.unix_now(self->clock()); }

  // --- server_operator.cpp ---
  std::string connect(const connect_node& c);
  std::string remove(const remove_node& r);
  std::string disconnect(const disconnect_node& d);
  caf::result<peer_list> all_peer_stats();
  added_node_list added() const;
  ban_list bans();
  server_snapshot snapshot() const;
  nlohmann::json summary();
};

}  // namespace btcnet::actors
