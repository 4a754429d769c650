// A peer actor under the test coordinator, wired to a fake connection (the test plays the remote
// node by injecting frames through the connection's handler and decoding what the peer sent),
// a recording server and a recording address manager.
#pragma once

#include <set>

#include "actors/peer/peer.hpp"
#include "net/wire/header.hpp"
#include "net/wire/messages.hpp"
#include "tests/actors/support/actor_test_fixture.hpp"
#include "tests/actors/support/fake_connection.hpp"

namespace btcnet::test {

inline constexpr std::uint32_t regtest_magic = 0xdab5bffa;
inline constexpr std::int64_t test_unix_start = 1'700'000'000;

struct server_log {
  std::vector<std::string> events;  // "added 1", "done 1: reason", "ban 1", "relay 1"
  std::vector<actors::peer_added> added;
  std::vector<actors::relay_addresses> relays;
  std::vector<actors::ban_peer> bans;
  std::set<std::uint64_t> our_nonces;
};

// Records what a peer tells its server; ticks the peer when it asks, as the real server does.
inline actors::peer_events_actor::behavior_type fake_server(actors::peer_events_actor::pointer self,
                                                            std::shared_ptr<server_log> log) {
  return {
      [self](const actors::schedule_tick& t) {
        self->delayed_send(caf::actor_cast<actors::peer_actor>(self->current_sender()), t.delay,
                           actors::peer_tick{});
      },
      [log](const actors::peer_added& a) {
        log->events.push_back("added " + std::to_string(a.id));
        log->added.push_back(a);
      },
      [log](const actors::peer_done& d) {
        log->events.push_back("done " + std::to_string(d.id) + ": " + d.reason);
      },
      [log](const actors::check_nonce& c) { return log->our_nonces.count(c.nonce) > 0; },
      [log](const actors::ban_peer& b) {
        log->events.push_back("ban " + std::to_string(b.id));
        log->bans.push_back(b);
      },
      [log](const actors::relay_addresses& r) { log->relays.push_back(r); },
  };
}

struct addr_log {
  std::vector<actors::add_addresses> added;
  actors::address_list cache;
  int cache_requests = 0;
};

inline actors::address_sink_actor::behavior_type fake_addresses(std::shared_ptr<addr_log> log) {
  return {
      [log](const actors::add_addresses& a) { log->added.push_back(a); },
      [log](actors::get_address_cache) {
        ++log->cache_requests;
        return log->cache;
      },
  };
}

struct PeerTest : actor_test {
  std::shared_ptr<server_log> server_events = std::make_shared<server_log>();
  std::shared_ptr<addr_log> addresses = std::make_shared<addr_log>();
  actors::peer_events_actor server = sys.spawn(fake_server, server_events);
  actors::address_sink_actor addr_sink = sys.spawn(fake_addresses, addresses);
  std::shared_ptr<fake_connection> conn;
  actors::peer_actor peer;
  actors::peer_config config;
  std::uint64_t our_nonce = 0x0102030405060708;
  std::uint32_t remote_pver = wire::protocol_version;  // what the remote speaks
  std::size_t seen = 0;                                // sent frames already inspected

  PeerTest() {
    config.magic = regtest_magic;
    config.user_agent = "/btcnet:test/";
    config.clock = actors::time_source::anchored(sys.clock(), test_unix_start);
  }

  ~PeerTest() override {
    for (const caf::actor& a :
         {caf::actor_cast<caf::actor>(peer), caf::actor_cast<caf::actor>(server),
          caf::actor_cast<caf::actor>(addr_sink)})
      if (a) caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
    sched.run();
  }

  void spawn(bool inbound, bool whitelisted = false) {
    if (peer) {  // a test's second peer replaces the first; the first must not outlive the test
      caf::anon_send_exit(peer, caf::exit_reason::user_shutdown);
      sched.run();
    }
    conn = std::make_shared<fake_connection>(wire::endpoint::ipv4(127, 0, 0, 2, 18444));
    actors::peer_identity id;
    id.id = 1;
    id.address = conn->remote();
    id.inbound = inbound;
    id.type =
        inbound ? actors::connection_type::inbound : actors::connection_type::outbound_full_relay;
    id.version_nonce = our_nonce;
    id.whitelisted = whitelisted;
    peer = actors::spawn_peer(sys, conn, std::make_shared<const actors::peer_config>(config), id,
                              {server, addr_sink});
    sched.run();
  }

  // The remote sends `m` (encoded at the remote's version).
  template <class M>
  void deliver(const M& m) {
    deliver_together(m);
  }
  // The remote's messages, arriving in one read: the peer gets them as one batch.
  template <class... M>
  void deliver_together(const M&... ms) {
    ASSERT_TRUE(conn->handler) << "peer did not start its connection";
    (pass_frame(encoded(ms)), ...);
    end_read();
  }
  void deliver_frame(const wire::bytes& frame) {
    ASSERT_TRUE(conn->handler) << "peer did not start its connection";
    pass_frame(frame);
    end_read();
  }
  template <class M>
  wire::bytes encoded(const M& m) {
    wire::bytes frame;
    EXPECT_FALSE(wire::encode_frame(frame, regtest_magic, m, remote_pver));
    return frame;
  }
  void end_read() {
    conn->handler->on_read_end();
    sched.run();
  }
  void pass_frame(const wire::bytes& frame) {
    conn->handler->on_frame(static_cast<wire::command>(*wire::find_command(
                                wire::message_header::decode(frame.data()).command_text())),
                            wire::byte_span(frame).subspan(wire::message_header_size));
  }

  wire::msg::version remote_version(std::uint64_t services = wire::node_network |
                                                             wire::node_witness) {
    wire::msg::version v;
    v.protocol = static_cast<std::int32_t>(remote_pver);
    v.services = services;
    v.timestamp = test_unix_start;
    v.nonce = 0xfeedface;
    v.user_agent = "/Satoshi:27.0.0/";
    v.start_height = 100;
    return v;
  }

  // Messages the peer sent since the last call, decoded at the negotiated version. One write may
  // carry several frames.
  std::vector<wire::message> sent() {
    std::vector<wire::message> out;
    for (; seen < conn->sent.size(); ++seen) {
      for (wire::byte_span rest(conn->sent[seen]); !rest.empty();) {
        const auto h = wire::message_header::decode(rest.data());
        wire::message m;
        EXPECT_FALSE(wire::decode_payload(*wire::find_command(h.command_text()),
                                          rest.subspan(wire::message_header_size, h.length),
                                          std::min(remote_pver, wire::protocol_version), m));
        out.push_back(std::move(m));
        rest = rest.subspan(wire::message_header_size + h.length);
      }
    }
    return out;
  }
  std::vector<std::string> sent_commands() {
    std::vector<std::string> out;
    for (const auto& m : sent()) out.emplace_back(wire::command_name(wire::command_of(m)));
    return out;
  }

  // Runs the handshake to completion as the remote side.
  void handshake(bool inbound) {
    spawn(inbound);
    deliver(remote_version());
    deliver(wire::msg::verack{});
    sent();  // forget the handshake traffic
  }

  bool done() const {
    for (const auto& e : server_events->events)
      if (e.rfind("done", 0) == 0) return true;
    return false;
  }
};

}  // namespace btcnet::test
