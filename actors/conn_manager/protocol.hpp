// The conn_manager actor's typed messages (btcd connmgr.ConnManager as an actor), and the
// interfaces of the actors it talks to: the dialer, the address source and the event sink (the
// server).
#pragma once

#include <caf/atom.hpp>
#include <caf/typed_actor.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "actors/common/caf_types.hpp"

namespace btcnet::actors {

using start_atom = caf::atom_constant<caf::atom("start")>;
using stop_atom = caf::atom_constant<caf::atom("stop")>;

// btcd connmgr.ConnState.
enum class conn_state : std::uint8_t { pending, failing, canceled, established, disconnected };
const char* to_string(conn_state s);

// A snapshot of one connection request (btcd ConnReq), for events and queries.
struct conn_request_info {
  std::uint64_t id = 0;
  transport::dial_target target;
  bool permanent = false;
  conn_state state = conn_state::pending;
  std::uint32_t retry_count = 0;
};

// ---- API ----
// Connect to an address; replies with the request id (btcd Connect). Permanent requests are
// retried with back-off and come on top of the automatic target.
struct connect_request {
  transport::dial_target target;
  bool permanent = false;
};
// Start one automatic request with an address from the address source (btcd NewConnReq).
struct new_conn_req {};
// Close an established connection; permanent ones (or any while below target) reconnect.
struct disconnect_request {
  std::uint64_t id = 0;
  bool trigger_reconnect = false;  // retry the same address with back-off (BIP324 fallback)
};
// Forget a request: disconnect for good, or cancel a dial in progress.
struct remove_request {
  std::uint64_t id = 0;
};
struct get_conn_manager_state {};
struct conn_manager_snapshot {
  std::vector<conn_request_info> requests;  // pending, established, then recently ended
  std::uint32_t target_outbound = 0;
  std::uint32_t failed_attempts = 0;
  std::uint32_t inbound_live = 0;
  std::uint64_t inbound_rejected = 0;
  bool started = false;
  bool stopped = false;
};

// ---- the connHandler loop's events ----
struct register_pending {
  std::uint64_t id = 0;
  transport::dial_target target;  // empty host: an automatic request still needing an address
  bool permanent = false;
};
struct handle_connected {
  std::uint64_t id = 0;
  transport::connection_ptr conn;
};
struct handle_failed {
  std::uint64_t id = 0;
  std::error_code error;
};
struct handle_disconnected {
  std::uint64_t id = 0;
  bool retry = false;
  bool trigger_reconnect = false;
};
// Timers.
struct retry_connect {
  std::uint64_t id = 0;
};
struct delayed_new_conn_req {
  std::uint64_t failed_id = 0;  // removed before the new request starts
};
// Inbound sockets from the listeners, and their release.
struct inbound_accepted {
  transport::connection_ptr conn;
};
struct inbound_released {};

using conn_manager_actor = caf::typed_actor<
    caf::replies_to<connect_request>::with<std::uint64_t>, caf::reacts_to<new_conn_req>,
    caf::reacts_to<disconnect_request>, caf::reacts_to<remove_request>, caf::reacts_to<start_atom>,
    caf::reacts_to<stop_atom>, caf::replies_to<get_conn_manager_state>::with<conn_manager_snapshot>,
    caf::reacts_to<register_pending>, caf::reacts_to<handle_connected>,
    caf::reacts_to<handle_failed>, caf::reacts_to<handle_disconnected>,
    caf::reacts_to<retry_connect>, caf::reacts_to<delayed_new_conn_req>,
    caf::reacts_to<inbound_accepted>, caf::reacts_to<inbound_released>>;

// ---- the dialer, as the conn manager uses it ----
using dial_result_sink =
    caf::typed_actor<caf::reacts_to<handle_connected>, caf::reacts_to<handle_failed>>;
struct dial_request {
  std::uint64_t id = 0;
  transport::dial_target target;
  dial_result_sink reply_to;
};
struct cancel_dial {
  std::uint64_t id = 0;
};
using dial_service_actor =
    caf::typed_actor<caf::reacts_to<dial_request>, caf::reacts_to<cancel_dial>>;

// ---- the address source (the server, backed by the address manager) ----
struct get_address {};
struct address_candidate {
  bool found = false;
  transport::dial_target target;
};
using address_source_actor =
    caf::typed_actor<caf::replies_to<get_address>::with<address_candidate>>;

// ---- the event sink: btcd's OnConnection / OnDisconnection / OnAccept ----
struct on_connection {
  conn_request_info request;
  transport::connection_ptr conn;
};
struct on_disconnection {
  conn_request_info request;
};
struct on_accept {
  transport::connection_ptr conn;
};
using conn_events_actor =
    caf::typed_actor<caf::reacts_to<on_connection>, caf::reacts_to<on_disconnection>,
                     caf::reacts_to<on_accept>>;

// ---- inspect() for traces and deep_to_string ----

BTCNET_INSPECT(conn_request_info, x.id, x.target, x.permanent, x.state, x.retry_count)
BTCNET_INSPECT(connect_request, x.target, x.permanent)
BTCNET_INSPECT(new_conn_req)
BTCNET_INSPECT(disconnect_request, x.id, x.trigger_reconnect)
BTCNET_INSPECT(remove_request, x.id)
BTCNET_INSPECT(get_conn_manager_state)
BTCNET_INSPECT(conn_manager_snapshot, x.requests, x.target_outbound, x.failed_attempts,
               x.inbound_live, x.inbound_rejected, x.started, x.stopped)
BTCNET_INSPECT(register_pending, x.id, x.target, x.permanent)
BTCNET_INSPECT(handle_connected, x.id)
BTCNET_INSPECT(handle_failed, x.id)
BTCNET_INSPECT(handle_disconnected, x.id, x.retry, x.trigger_reconnect)
BTCNET_INSPECT(retry_connect, x.id)
BTCNET_INSPECT(delayed_new_conn_req, x.failed_id)
BTCNET_INSPECT(inbound_accepted)
BTCNET_INSPECT(inbound_released)
BTCNET_INSPECT(dial_request, x.id, x.target)
BTCNET_INSPECT(cancel_dial, x.id)
BTCNET_INSPECT(get_address)
BTCNET_INSPECT(address_candidate, x.found, x.target)
BTCNET_INSPECT(on_connection, x.request)
BTCNET_INSPECT(on_disconnection, x.request)
BTCNET_INSPECT(on_accept)

}  // namespace btcnet::actors
