// The peer actor's typed messages (btcd peer.Peer + serverPeer): what its connection delivers,
// its timers, what the server asks of it, and what it tells the server.
#pragma once

#include <caf/typed_actor.hpp>
#include <string>
#include <vector>

#include "actors/addr_manager/protocol.hpp"
#include "actors/common/caf_types.hpp"
#include "net/wire/command.hpp"

namespace btcnet::actors {

// btcd's connection types as Bitcoin Core names them in getpeerinfo.
enum class connection_type : std::uint8_t { inbound, outbound_full_relay, manual, feeler };
const char* to_string(connection_type t);

// ---- from the connection (the bridge forwards the transport's events) ----
// The frames of one read, in stream order, their payloads back to back in one buffer: one message
// however many frames a read carries (a verack and a ping, 64 pipelined pings).
struct received_frame {
  wire::command cmd = wire::command::version;
  std::uint32_t size = 0;
};
struct frames_received {
  std::vector<received_frame> frames;
  wire::bytes payloads;
};
struct unknown_received {
  std::string command;
  std::uint32_t length = 0;
};
struct bad_frame_received {
  wire::command cmd = wire::command::version;
  std::error_code error;
};
struct connection_closed {
  std::error_code reason;
};

// ---- timers ----
// Time to look at the peer's deadlines (handshake, ping, idle, address trickle). The server sends
// it when the peer's requested deadline arrives (schedule_tick); a peer without a server ticks
// itself.
struct peer_tick {};

// ---- from the server ----
struct disconnect_peer {
  std::string reason;
};
struct send_getaddr {};
// Addresses to announce to this peer (relayed fresh addresses, our own address); filtered by
// what the peer already knows and sent on the next trickle.
struct push_addresses {
  address_list addresses;
};
struct get_peer_stats {};
// Ping now unless a ping is outstanding (the RPC "ping"); the regular schedule is unchanged.
struct ping_now {};

// Per-command traffic counters.
struct command_count {
  std::string command;
  std::uint64_t messages = 0;
  std::uint64_t bytes = 0;
};

// Everything getpeerinfo and the inspector show about a peer.
struct peer_stats {
  std::uint64_t id = 0;
  wire::endpoint where;    // the remote endpoint
  std::string addr;        // the same as text
  std::string addr_bind;   // our end of the socket (Core "addrbind")
  std::string addr_local;  // our address as the peer sees it, from its version (Core "addrlocal")
  bool inbound = false;
  connection_type type = connection_type::inbound;
  std::uint64_t services = 0;
  std::int32_t version = 0;  // the peer's advertised protocol version
  std::string user_agent;
  std::int32_t starting_height = 0;
  bool relay = false;
  std::int64_t time_offset = 0;
  std::int64_t conn_time = 0;  // unix seconds
  std::int64_t last_send = 0;
  std::int64_t last_recv = 0;
  std::uint64_t bytes_sent = 0;
  std::uint64_t bytes_received = 0;
  std::vector<command_count> sent_per_command;
  std::vector<command_count> received_per_command;
  double ping_seconds = -1;  // last round trip, -1 if none yet
  double min_ping_seconds = -1;
  double ping_wait_seconds = -1;  // age of the outstanding ping, -1 if none
  std::uint32_t ban_score = 0;
  bool wants_addrv2 = false;
  bool wants_headers = false;
  bool addr_relay = false;
  std::uint64_t addr_processed = 0;
  std::uint64_t addr_rate_limited = 0;
  bool handshake_done = false;
  bool whitelisted = false;
};

using peer_actor =
    caf::typed_actor<caf::reacts_to<frames_received>, caf::reacts_to<unknown_received>,
                     caf::reacts_to<bad_frame_received>, caf::reacts_to<connection_closed>,
                     caf::reacts_to<peer_tick>, caf::reacts_to<disconnect_peer>,
                     caf::reacts_to<send_getaddr>, caf::reacts_to<push_addresses>,
                     caf::replies_to<get_peer_stats>::with<peer_stats>, caf::reacts_to<ping_now>>;

// ---- what a peer tells the server (its part of the server's interface) ----
// The handshake completed (btcd peerAdd after verack). Always before peer_done.
struct peer_added {
  std::uint64_t id = 0;
  peer_stats stats;
};
// The peer is gone: its last message (btcd peerDone).
struct peer_done {
  std::uint64_t id = 0;
  std::string reason;
  std::uint64_t bytes_sent = 0;  // the connection's totals, for getnettotals
  std::uint64_t bytes_received = 0;
};
// Is this nonce one of our own recent version nonces? (self-connection detection)
struct check_nonce {
  std::uint64_t nonce = 0;
};
// The ban score passed the threshold: ban this host (btcd BanPeer).
struct ban_peer {
  std::uint64_t id = 0;
  wire::endpoint address;
  std::string reason;
};
// Tick this peer after `delay` (replacing the deadline it asked for before).
struct schedule_tick {
  std::uint64_t id = 0;
  caf::timespan delay{};
};
// Fresh addresses worth relaying to one or two other peers (Bitcoin Core RelayAddress).
struct relay_addresses {
  std::uint64_t from_id = 0;
  address_list addresses;
};

using peer_events_actor =
    caf::typed_actor<caf::reacts_to<peer_added>, caf::reacts_to<peer_done>,
                     caf::replies_to<check_nonce>::with<bool>, caf::reacts_to<ban_peer>,
                     caf::reacts_to<relay_addresses>, caf::reacts_to<schedule_tick>>;

BTCNET_INSPECT(received_frame, x.cmd, x.size)
BTCNET_INSPECT(frames_received, x.frames)
BTCNET_INSPECT(unknown_received, x.command, x.length)
BTCNET_INSPECT(bad_frame_received, x.cmd)
BTCNET_INSPECT(connection_closed)
BTCNET_INSPECT(peer_tick)
BTCNET_INSPECT(disconnect_peer, x.reason)
BTCNET_INSPECT(send_getaddr)
BTCNET_INSPECT(push_addresses, x.addresses)
BTCNET_INSPECT(get_peer_stats)
BTCNET_INSPECT(ping_now)
BTCNET_INSPECT(command_count, x.command, x.messages, x.bytes)
BTCNET_INSPECT(peer_stats, x.id, x.where, x.addr, x.addr_bind, x.addr_local, x.inbound, x.type,
               x.services, x.version, x.user_agent, x.starting_height, x.relay, x.time_offset,
               x.conn_time, x.last_send, x.last_recv, x.bytes_sent, x.bytes_received,
               x.sent_per_command, x.received_per_command, x.ping_seconds, x.min_ping_seconds,
               x.ping_wait_seconds, x.ban_score, x.wants_addrv2, x.wants_headers, x.addr_relay,
               x.addr_processed, x.addr_rate_limited, x.handshake_done, x.whitelisted)
BTCNET_INSPECT(peer_added, x.id, x.stats)
BTCNET_INSPECT(peer_done, x.id, x.reason, x.bytes_sent, x.bytes_received)
BTCNET_INSPECT(check_nonce, x.nonce)
BTCNET_INSPECT(ban_peer, x.id, x.address, x.reason)
BTCNET_INSPECT(relay_addresses, x.from_id, x.addresses)
BTCNET_INSPECT(schedule_tick, x.id, x.delay)

}  // namespace btcnet::actors
