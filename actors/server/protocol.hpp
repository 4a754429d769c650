// The server actor's typed messages (btcd server.go peerHandler): it receives the conn manager's
// events, the peers' lifecycle events, address requests, and the operator's commands (RPC).
#pragma once

#include <caf/typed_actor.hpp>
#include <string>
#include <vector>

#include "actors/conn_manager/protocol.hpp"
#include "actors/peer/protocol.hpp"

namespace btcnet::actors {

// ---- operator commands (Bitcoin Core RPC semantics) ----
// addnode add (permanent) / onetry; replies "" or the error text.
struct connect_node {
  std::string address;  // host[:port]
  bool permanent = true;
};
// addnode remove: by address or request id. A removed permanent peer is not reconnected.
struct remove_node {
  std::string address;
};
// disconnectnode: by address, or by peer id when `address` is empty.
struct disconnect_node {
  std::string address;
  std::uint64_t id = 0;
};
// setban add: a host or a subnet ("1.2.3.0/24"). Replies "" or the error text.
struct ban_host {
  std::string host;
  std::int64_t seconds = 0;  // 0: the configured ban duration
  bool absolute = false;     // `seconds` is the unix time the ban ends (Core's "absolute")
};
struct unban_host {
  std::string host;
};
struct list_bans {};
struct clear_bans {};
struct ban_entry {
  std::string address;            // canonical subnet, "1.2.3.4/32" for one host
  std::int64_t banned_until = 0;  // unix seconds
  std::int64_t ban_created = 0;
};
using ban_list = std::vector<ban_entry>;
struct get_peers {};
using peer_list = std::vector<peer_stats>;
struct get_added_nodes {};
struct added_node {
  std::string address;
  std::uint64_t request_id = 0;
  bool connected = false;
};
using added_node_list = std::vector<added_node>;
struct get_server_state {};
struct server_snapshot {
  std::uint32_t inbound = 0;
  std::uint32_t outbound = 0;
  std::uint32_t persistent = 0;
  std::uint32_t pending_handshakes = 0;
  std::uint32_t max_peers = 0;
  std::uint32_t banned = 0;
  std::vector<std::string> outbound_groups;  // "group=count"
  std::uint64_t closed_bytes_sent = 0;       // traffic of peers already gone
  std::uint64_t closed_bytes_received = 0;
  std::uint32_t peer_deadlines = 0;  // peers with a tick scheduled (tick_schedule.hpp)
};
// The RPC "ping": every peer pings now.
struct ping_peers {};
// The conn manager to use (set once, after both are spawned).
struct set_conn_manager {
  conn_manager_actor conn_manager;
};

using server_actor = caf::typed_actor<
    // conn manager events and address source
    caf::reacts_to<on_connection>, caf::reacts_to<on_disconnection>, caf::reacts_to<on_accept>,
    caf::replies_to<get_address>::with<address_candidate>,
    // peers
    caf::reacts_to<peer_added>, caf::reacts_to<peer_done>, caf::replies_to<check_nonce>::with<bool>,
    caf::reacts_to<ban_peer>, caf::reacts_to<relay_addresses>, caf::reacts_to<schedule_tick>,
    // operator
    caf::replies_to<connect_node>::with<std::string>,
    caf::replies_to<remove_node>::with<std::string>,
    caf::replies_to<disconnect_node>::with<std::string>,
    caf::replies_to<ban_host>::with<std::string>, caf::replies_to<unban_host>::with<std::string>,
    caf::replies_to<list_bans>::with<ban_list>, caf::reacts_to<clear_bans>,
    caf::replies_to<get_peers>::with<peer_list>,
    caf::replies_to<get_added_nodes>::with<added_node_list>,
    caf::replies_to<get_server_state>::with<server_snapshot>, caf::reacts_to<set_conn_manager>,
    caf::reacts_to<ping_peers>>;

BTCNET_INSPECT(connect_node, x.address, x.permanent)
BTCNET_INSPECT(remove_node, x.address)
BTCNET_INSPECT(disconnect_node, x.address, x.id)
BTCNET_INSPECT(ban_host, x.host, x.seconds, x.absolute)
BTCNET_INSPECT(unban_host, x.host)
BTCNET_INSPECT(list_bans)
BTCNET_INSPECT(clear_bans)
BTCNET_INSPECT(ban_entry, x.address, x.banned_until, x.ban_created)
BTCNET_INSPECT(get_peers)
BTCNET_INSPECT(get_added_nodes)
BTCNET_INSPECT(added_node, x.address, x.request_id, x.connected)
BTCNET_INSPECT(get_server_state)
BTCNET_INSPECT(server_snapshot, x.inbound, x.outbound, x.persistent, x.pending_handshakes,
               x.max_peers, x.banned, x.outbound_groups, x.closed_bytes_sent,
               x.closed_bytes_received, x.peer_deadlines)
BTCNET_INSPECT(ping_peers)
BTCNET_INSPECT(set_conn_manager)

}  // namespace btcnet::actors
