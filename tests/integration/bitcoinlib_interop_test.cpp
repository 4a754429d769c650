// Interop with an independent implementation: a scripted peer built on Debian's python3-bitcoinlib
// (tests/integration/bitcoinlib_peer.py, run by /usr/bin/python3) against a whole node running in
// this process. Both directions of the handshake, ping/pong, an inbound getaddr answered from the
// address book, addresses the peer sends reaching the address manager (unsolicited: Core's token
// bucket; solicited by our getaddr: all of them), and old-version peers (70001, 70015) that must
// receive no message they do not know.
//
// Network safety: the tests that give the node routable-looking addresses (a seeded address book,
// addr entries from the peer) run in a private network namespace (tests/support/netns.hpp), and
// every node here is connect-only; everything else talks to 127.0.0.1 only.
#include <gtest/gtest.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "tests/integration/node_fixture.hpp"
#include "tests/support/netns.hpp"
#include "tests/support/python_peer.hpp"

namespace btcnet::actors {
namespace {

using json = nlohmann::json;
using namespace std::chrono_literals;

constexpr const char* bitcoinlib_agent = "/python-bitcoinlib:0.11.2/";
constexpr const char* our_agent = "/btcnet:test/";
// Commands a peer below protocol 70016 may not know; we must never send them to one.
const std::set<std::string> unknown_to_old_peers = {"sendaddrv2", "wtxidrelay", "sendheaders",
                                                    "feefilter", "sendcmpct"};

bool contains(const json& list, const std::string& s) {
  for (const auto& x : list)
    if (x == s) return true;
  return false;
}

// Messages of `command` the node received from a peer.
std::uint64_t received_count(const peer_stats& s, const std::string& command) {
  for (const auto& c : s.received_per_command)
    if (c.command == command) return c.messages;
  return 0;
}

std::string endpoint_text(const wire::endpoint& e) {
  return e.host() + ":" + std::to_string(e.port);
}

struct InteropTest : test::node_fixture {
  addr_manager_snapshot book(const node& n) {
    return ask<addr_manager_snapshot>(n.addr_manager(), get_addr_manager_state{});
  }

  // The python peer as the node sees it, once its handshake is done.
  std::optional<peer_stats> python_peer_stats(const node& n) {
    for (auto& p : peers(n))
      if (p.user_agent == bitcoinlib_agent) return p;
    return std::nullopt;
  }

  // Ends the script's "stay" early: once the node has received every command in `last` from the
  // python peer (so the script's scripted part is over and our answers are on the wire), the
  // node disconnects it.
  void disconnect_after(const node& n, std::initializer_list<const char*> last) {
    std::optional<peer_stats> s;
    ASSERT_TRUE(eventually([&] {
      s = python_peer_stats(n);
      if (!s) return false;
      for (const char* c : last)
        if (received_count(*s, c) == 0) return false;
      return true;
    })) << "the python peer did not get through its script";
    std::this_thread::sleep_for(300ms);
    EXPECT_EQ(ask<std::string>(n.server(), disconnect_node{"", s->id}), "");
  }

  // Checks shared by every run: the script ran, the handshake completed both ways, its ping was
  // answered with its own nonce, and the node's version passed its checks.
  static void expect_sound_run(const json& r, const test::python_peer& p) {
    ASSERT_TRUE(r.is_object()) << "no result from " << p.command();
    EXPECT_TRUE(r["error"].is_null()) << r.dump();
    EXPECT_EQ(p.status(), 0) << r.dump();
    EXPECT_TRUE(r["handshake"].get<bool>()) << r.dump();
    EXPECT_EQ(r["pong_ok"], true) << r.dump();
    for (const auto& [check, ok] : r["version_checks"].items())
      EXPECT_TRUE(ok.get<bool>()) << "our version failed the peer's check " << check << ": "
                                  << r["their_version"].dump();
    EXPECT_EQ(r["version_checks"].size(), 4u) << r.dump();
    EXPECT_EQ(r["their_version"]["user_agent"], our_agent);
    EXPECT_EQ(r["their_version"]["version"], 70016);
    EXPECT_TRUE(r["rejects"].empty()) << r.dump();
  }
};

TEST_F(InteropTest, InboundPeerHandshakesPingsGetsAddressesAndDeliversAddr) {
  if (!test::in_private_netns()) return;  // routable-looking addresses below
  auto& n = start(options());
  const auto port = n.listen_ports().at(0);

  // 100 addresses in distinct /16 groups: a getaddr reply carries 23% of them (btcd, Core).
  std::set<std::string> seeded;
  address_list list;
  const auto now = static_cast<std::uint32_t>(time_source::system_unix_now());
  for (std::uint8_t i = 0; i < 100; ++i) {
    const auto where = wire::endpoint::ipv4(12, i, 7, 1, 18444);
    list.push_back({now - 600, wire::node_network, where});
    seeded.insert(endpoint_text(where));
  }
  caf::anon_send(n.addr_manager(), add_addresses{list, wire::endpoint::ipv4(12, 200, 0, 1, 18444)});
  ASSERT_TRUE(eventually([&] { return book(n).new_entries == 100; }));

  test::python_peer py("connect --port " + std::to_string(port) +
                       " --version 70016 --seconds 8 --getaddr-wait 3 --expect-agent " + our_agent +
                       " --addr 13.1.2.3:18444 --addr 13.2.3.4:8333");

  // Handshake: the node lists the python peer with its user agent.
  std::optional<peer_stats> seen;
  ASSERT_TRUE(eventually([&] { return (seen = python_peer_stats(n)).has_value(); }));
  EXPECT_TRUE(seen->inbound);
  EXPECT_EQ(seen->type, connection_type::inbound);
  EXPECT_EQ(seen->version, 70016);
  EXPECT_EQ(seen->services, wire::node_network);
  EXPECT_TRUE(seen->handshake_done);
  EXPECT_FALSE(seen->wants_addrv2);  // bitcoinlib knows no sendaddrv2

  // The two addresses arrive in one unsolicited addr. Core's token bucket starts an inbound peer
  // with one token (0.1 more per second), so the first is processed and the second dropped.
  ASSERT_TRUE(eventually([&] {
    seen = python_peer_stats(n);
    return seen && seen->addr_processed + seen->addr_rate_limited == 2;
  }));
  EXPECT_EQ(seen->addr_processed, 1u);
  EXPECT_EQ(seen->addr_rate_limited, 1u);
  EXPECT_TRUE(eventually([&] { return book(n).new_entries == 101; }))
      << "the processed address did not reach the address manager";
  // Our pings reached it and its pongs came back.
  EXPECT_TRUE(eventually([&] {
    seen = python_peer_stats(n);
    return seen && seen->ping_seconds >= 0;
  }));
  disconnect_after(n, {"ping", "getaddr", "addr"});

  const json r = py.finish();
  expect_sound_run(r, py);
  ASSERT_GE(r["received"].size(), 4u) << r.dump();
  // btcd's order for an inbound peer at 70016: version, then BIP339/BIP155 before verack.
  EXPECT_EQ(r["received"][0], "version");
  EXPECT_EQ(r["received"][1], "wtxidrelay");
  EXPECT_EQ(r["received"][2], "sendaddrv2");
  EXPECT_EQ(r["received"][3], "verack");
  EXPECT_EQ(r["unparsed"], json::array({"wtxidrelay", "sendaddrv2"})) << r.dump();
  EXPECT_GE(r["pings_answered"].get<int>(), 1);
  EXPECT_EQ(r["their_version"]["relay"], 0);  // we relay no transactions
  EXPECT_EQ(r["their_version"]["services"], 0);
  EXPECT_TRUE(r["closed_by_peer"].get<bool>());

  // getaddr → one legacy addr of 23 distinct addresses, all from our book.
  const auto& got = r["addr_received"];
  EXPECT_EQ(got.size(), 23u) << r.dump();
  std::set<std::string> distinct;
  for (const auto& a : got) {
    const std::string text =
        a["ip"].get<std::string>() + ":" + std::to_string(a["port"].get<int>());
    EXPECT_TRUE(seeded.count(text)) << text << " is not in our address book";
    EXPECT_EQ(a["services"], wire::node_network);
    distinct.insert(text);
  }
  EXPECT_EQ(distinct.size(), got.size());
  EXPECT_EQ(std::count(r["received"].begin(), r["received"].end(), "addr"), 1);
}

TEST_F(InteropTest, OutboundConnectionToPythonListenerAndSolicitedAddresses) {
  if (!test::in_private_netns()) return;  // routable-looking addresses below
  test::python_peer py(std::string("listen --version 70016 --seconds 8 --expect-agent ") +
                       our_agent +
                       " --addr 14.1.0.1:18444 --addr 14.2.0.1:18444 --addr 14.3.0.1:8333");
  const auto first = py.next_line();
  ASSERT_TRUE(first && first->contains("listening")) << "the script did not start listening";
  const auto port = (*first)["listening"].get<std::uint16_t>();

  auto o = options({});
  o.connect = {{"127.0.0.1", port}};
  auto& n = start(o);

  std::optional<peer_stats> seen;
  ASSERT_TRUE(eventually([&] { return (seen = python_peer_stats(n)).has_value(); }));
  EXPECT_FALSE(seen->inbound);
  EXPECT_EQ(seen->type, connection_type::manual);
  EXPECT_EQ(seen->version, 70016);
  EXPECT_EQ(seen->addr, "127.0.0.1:" + std::to_string(port));
  // Our getaddr (the book needs addresses) is answered with three addresses; a solicited reply
  // is not rate-limited, so all of them reach the address manager.
  EXPECT_TRUE(eventually([&] { return book(n).new_entries == 3; }))
      << "new entries: " << book(n).new_entries;
  seen = python_peer_stats(n);
  ASSERT_TRUE(seen);
  EXPECT_EQ(seen->addr_processed, 3u);
  EXPECT_EQ(seen->addr_rate_limited, 0u);
  disconnect_after(n, {"ping", "addr"});

  const json r = py.finish();
  expect_sound_run(r, py);
  EXPECT_TRUE(r["getaddr_received"].get<bool>()) << r.dump();
  ASSERT_GE(r["received"].size(), 4u) << r.dump();
  // Outbound: our version first, then (after theirs) BIP339/BIP155, then verack.
  EXPECT_EQ(r["received"][0], "version");
  EXPECT_EQ(r["received"][1], "wtxidrelay");
  EXPECT_EQ(r["received"][2], "sendaddrv2");
  EXPECT_EQ(r["received"][3], "verack");
  EXPECT_EQ(r["unparsed"], json::array({"wtxidrelay", "sendaddrv2"})) << r.dump();
  EXPECT_EQ(r["addr_sent"].size(), 3u);
}

// Loopback only: an empty address book and no addr entries, so no namespace is needed.
TEST_F(InteropTest, OldVersionInboundPeersReceiveOnlyMessagesTheyKnow) {
  auto& n = start(options());
  const auto port = n.listen_ports().at(0);
  for (const int version : {70001, 70015}) {
    SCOPED_TRACE("protocol " + std::to_string(version));
    test::python_peer py("connect --port " + std::to_string(port) + " --version " +
                         std::to_string(version) +
                         " --seconds 8 --getaddr-wait 0.5 --expect-agent " + our_agent);
    std::optional<peer_stats> seen;
    ASSERT_TRUE(eventually([&] { return (seen = python_peer_stats(n)).has_value(); }));
    EXPECT_EQ(seen->version, version);
    EXPECT_FALSE(seen->wants_addrv2);
    EXPECT_TRUE(eventually([&] {
      seen = python_peer_stats(n);
      return seen && seen->ping_seconds >= 0 && received_count(*seen, "getaddr") == 1;
    }));
    std::this_thread::sleep_for(1200ms);  // the script waits 0.5 s for an addr reply
    seen = python_peer_stats(n);
    ASSERT_TRUE(seen);
    for (const auto& c : seen->sent_per_command)
      EXPECT_FALSE(unknown_to_old_peers.count(c.command)) << "sent " << c.command;
    disconnect_after(n, {"ping", "getaddr"});

    const json r = py.finish();
    expect_sound_run(r, py);
    for (const auto& cmd : r["received"])
      EXPECT_FALSE(unknown_to_old_peers.count(cmd.get<std::string>()))
          << "a " << version << " peer received " << cmd;
    EXPECT_TRUE(r["unparsed"].empty()) << "bitcoinlib met commands it does not know: " << r.dump();
    ASSERT_GE(r["received"].size(), 2u) << r.dump();
    EXPECT_EQ(r["received"][0], "version");
    EXPECT_EQ(r["received"][1], "verack");
    EXPECT_TRUE(contains(r["received"], "ping")) << r.dump();
    EXPECT_TRUE(contains(r["received"], "pong")) << r.dump();
    EXPECT_TRUE(r["addr_received"].empty());  // the book is empty: nothing to answer with
    ASSERT_TRUE(eventually([&] { return peers(n).empty(); }));
  }
}

// Our outbound connection to a 70015 listener: our version goes out before theirs is known, and
// after it nothing a 70015 peer does not know.
TEST_F(InteropTest, OldVersionOutboundPeerReceivesOnlyMessagesItKnows) {
  test::python_peer py(std::string("listen --version 70015 --seconds 8 --expect-agent ") +
                       our_agent);
  const auto first = py.next_line();
  ASSERT_TRUE(first && first->contains("listening")) << "the script did not start listening";
  const auto port = (*first)["listening"].get<std::uint16_t>();
  auto o = options({});
  o.connect = {{"127.0.0.1", port}};
  auto& n = start(o);

  std::optional<peer_stats> seen;
  ASSERT_TRUE(eventually([&] {
    seen = python_peer_stats(n);
    return seen && seen->ping_seconds >= 0;
  }));
  EXPECT_EQ(seen->version, 70015);
  EXPECT_FALSE(seen->inbound);
  // The getaddr we send an outbound peer is answered (with an empty addr) before we hang up.
  disconnect_after(n, {"ping", "addr"});

  const json r = py.finish();
  expect_sound_run(r, py);
  for (const auto& cmd : r["received"])
    EXPECT_FALSE(unknown_to_old_peers.count(cmd.get<std::string>())) << "received " << cmd;
  EXPECT_TRUE(r["unparsed"].empty()) << r.dump();
  ASSERT_GE(r["received"].size(), 2u) << r.dump();
  EXPECT_EQ(r["received"][0], "version");
  EXPECT_EQ(r["received"][1], "verack");
  EXPECT_TRUE(r["getaddr_received"].get<bool>());
}

}  // namespace
}  // namespace btcnet::actors
