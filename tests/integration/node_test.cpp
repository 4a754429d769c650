// Whole nodes (every actor, real sockets, CAF's real scheduler) in one process: handshakes
// between nodes, operator commands, the outbound target kept filled from the address manager
// (inside a private network namespace, since those addresses are routable-looking), and btcd's
// 167-byte handshake accounting.
#include <gtest/gtest.h>

#include <caf/all.hpp>
#include <thread>

#include "actors/node/node.hpp"
#include "actors/peer/peer.hpp"
#include "tests/integration/node_fixture.hpp"
#include "tests/support/loopback.hpp"
#include "tests/support/netns.hpp"

namespace btcnet::actors {
namespace {

using namespace std::chrono_literals;

struct NodeTest : test::node_fixture {};

TEST_F(NodeTest, TwoNodesHandshakeAndSeeEachOther) {
  auto& a = start(options());
  const auto port = a.listen_ports().at(0);
  auto ob = options({});
  ob.connect = {{"127.0.0.1", port}};
  auto& b = start(ob);
  ASSERT_TRUE(eventually([&] { return peers(a).size() == 1 && peers(b).size() == 1; }));
  const auto pb = peers(b).at(0);
  EXPECT_FALSE(pb.inbound);
  EXPECT_EQ(pb.type, connection_type::manual);
  EXPECT_EQ(pb.user_agent, "/btcnet:test/");
  EXPECT_EQ(pb.version, 70016);
  EXPECT_TRUE(pb.wants_addrv2);
  EXPECT_TRUE(peers(a).at(0).inbound);
  // Both sides pinged at once after the handshake; the round trip shows up.
  ASSERT_TRUE(eventually([&] { return peers(b).at(0).ping_seconds >= 0; }));
  const auto added = ask<added_node_list>(b.server(), get_added_nodes{});
  ASSERT_EQ(added.size(), 0u);  // --connect peers are not "added nodes" (addnode)
}

TEST_F(NodeTest, RemovedPermanentPeerIsNotReconnected) {
  auto& a = start(options());
  const auto port = a.listen_ports().at(0);
  auto& b = start(options({}));
  const std::string target = "127.0.0.1:" + std::to_string(port);
  EXPECT_EQ(ask<std::string>(b.server(), connect_node{target, true}), "");
  ASSERT_TRUE(eventually([&] { return peers(b).size() == 1; }));
  EXPECT_EQ(ask<std::string>(b.server(), connect_node{target, true}), "Error: Node already added");
  ASSERT_EQ(ask<added_node_list>(b.server(), get_added_nodes{}).size(), 1u);
  EXPECT_EQ(ask<std::string>(b.server(), remove_node{target}), "");
  ASSERT_TRUE(eventually([&] { return peers(b).empty() && peers(a).empty(); }));
  std::this_thread::sleep_for(3s);  // three retry periods
  EXPECT_TRUE(peers(b).empty());
  EXPECT_TRUE(peers(a).empty());
}

TEST_F(NodeTest, DisconnectedPermanentPeerReconnects) {
  auto& a = start(options());
  auto ob = options({});
  ob.add_peers = {{"127.0.0.1", a.listen_ports().at(0)}};
  auto& b = start(ob);
  ASSERT_TRUE(eventually([&] { return peers(b).size() == 1; }));
  const auto first_id = peers(b).at(0).id;
  EXPECT_EQ(ask<std::string>(b.server(), disconnect_node{"", first_id}), "");
  ASSERT_TRUE(eventually([&] { return peers(b).size() == 1 && peers(b).at(0).id != first_id; }));
}

TEST_F(NodeTest, BannedHostIsDisconnectedAndRefused) {
  auto& a = start(options());
  auto ob = options({});
  ob.add_peers = {{"127.0.0.1", a.listen_ports().at(0)}};
  auto& b = start(ob);
  ASSERT_TRUE(eventually([&] { return peers(a).size() == 1; }));
  EXPECT_EQ(ask<std::string>(a.server(), ban_host{"127.0.0.1", 3600}), "");
  ASSERT_TRUE(eventually([&] { return peers(a).empty(); }));
  std::this_thread::sleep_for(2500ms);  // b keeps retrying; a refuses at accept
  EXPECT_TRUE(peers(a).empty());
  const auto bans = ask<ban_list>(a.server(), list_bans{});
  ASSERT_EQ(bans.size(), 1u);
  EXPECT_EQ(bans[0].address, "127.0.0.1/32");
  EXPECT_EQ(ask<std::string>(a.server(), unban_host{"127.0.0.1"}), "");
  EXPECT_TRUE(eventually([&] { return peers(a).size() == 1; }));
  (void)b;
}

TEST_F(NodeTest, HandshakeAt70002CountsExactly167BytesEachWay) {
  // btcd peer_test.go TestPeerConnection: a 143-byte version and a 24-byte verack each way.
  auto oa = options();
  oa.server.peer.protocol_version = 70002;
  oa.server.peer.user_agent = "/btcwire:0.5.0/peer:1.0(comment)/";
  auto& a = start(oa);
  auto ob = options({});
  ob.server.peer.user_agent = "/btcwire:0.5.0/peer:1.0(comment)/";
  ob.connect = {{"127.0.0.1", a.listen_ports().at(0)}};
  auto& b = start(ob);
  ASSERT_TRUE(eventually([&] { return peers(a).size() == 1 && peers(b).size() == 1; }));
  for (const auto& p : {peers(a).at(0), peers(b).at(0)}) {
    std::uint64_t handshake_sent = 0, handshake_received = 0;
    for (const auto& c : p.sent_per_command)
      if (c.command == "version" || c.command == "verack") handshake_sent += c.bytes;
    for (const auto& c : p.received_per_command)
      if (c.command == "version" || c.command == "verack") handshake_received += c.bytes;
    EXPECT_EQ(handshake_sent, 167u);
    EXPECT_EQ(handshake_received, 167u);
    EXPECT_EQ(p.version == 70002 || p.version == 70016, true);
    for (const auto& c : p.sent_per_command) EXPECT_NE(c.command, "sendaddrv2");
  }
}

TEST_F(NodeTest, ListeningNodeAdvertisesItsAddressToOutboundPeers) {
  if (!test::in_private_netns()) return;
  const auto a_addr = wire::endpoint::ipv4(11, 7, 0, 1, 18444);
  const auto b_addr = wire::endpoint::ipv4(11, 8, 0, 1, 18444);
  test::add_loopback_address(a_addr.host());
  test::add_loopback_address(b_addr.host());
  auto& b = start(options({b_addr}));
  auto oa = options({a_addr});
  oa.connect = {{b_addr.host(), b_addr.port}};
  oa.server.peer.addr_broadcast_interval = 100ms;
  start(oa);
  // b learns where a listens (btcd pushes the best local address to outbound peers).
  EXPECT_TRUE(eventually([&] {
    return ask<addr_manager_snapshot>(b.addr_manager(), get_addr_manager_state{}).new_entries == 1;
  }));
}

TEST_F(NodeTest, OutboundTargetIsKeptFilledFromTheAddressBook) {
  if (!test::in_private_netns()) return;
  // Five listening nodes in distinct /16 groups, on routable-looking addresses that exist only
  // inside this namespace.
  std::vector<wire::endpoint> targets;
  for (std::uint8_t g = 1; g <= 5; ++g) {
    const auto where = wire::endpoint::ipv4(11, g, 0, 1, 18444);
    test::add_loopback_address(where.host());
    start(options({where}));
    targets.push_back(where);
  }
  auto ox = options({});
  ox.automatic = true;
  ox.target_outbound = 3;
  auto& x = start(ox);
  address_list book;
  for (const auto& t : targets)
    book.push_back({static_cast<std::uint32_t>(time_source::system_unix_now()), 1, t});
  caf::anon_send(x.addr_manager(), add_addresses{book, wire::endpoint::ipv4(11, 9, 0, 1, 18444)});
  auto outbound = [&] { return ask<server_snapshot>(x.server(), get_server_state{}).outbound; };
  ASSERT_TRUE(eventually([&] { return outbound() == 3; }, 20s));
  const auto connected = peers(x);
  std::string stopped;
  for (std::size_t i = 0; i < targets.size() && stopped.empty(); ++i) {
    const bool reached = std::any_of(connected.begin(), connected.end(), [&](const peer_stats& s) {
      return s.addr == targets[i].to_string();
    });
    if (!reached) continue;
    nodes[i]->stop();
    stopped = targets[i].to_string();
  }
  ASSERT_FALSE(stopped.empty());
  auto refilled = [&] {
    const auto now = peers(x);
    return outbound() == 3 && std::none_of(now.begin(), now.end(),
                                           [&](const peer_stats& s) { return s.addr == stopped; });
  };
  EXPECT_TRUE(eventually(refilled, 20s));
  const auto state = ask<server_snapshot>(x.server(), get_server_state{});
  EXPECT_EQ(state.outbound_groups.size(), 3u);  // one per /16 group
}

}  // namespace
}  // namespace btcnet::actors
