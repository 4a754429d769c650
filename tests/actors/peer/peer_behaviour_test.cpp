// After the handshake: ping/pong and the timeouts, address exchange, misbehaviour, and the
// messages a non-serving node answers or ignores. Virtual time throughout.
#include "peer_harness.hpp"

namespace btcnet::actors {
namespace {

using namespace std::chrono_literals;
using strings = std::vector<std::string>;
struct PeerBehaviour : test::PeerTest {
  std::uint64_t last_ping_nonce() {
    std::uint64_t nonce = 0;
    for (const auto& m : sent())
      if (auto p = std::get_if<wire::msg::ping>(&m)) nonce = p->nonce;
    return nonce;
  }
  peer_stats stats() { return ask<peer_stats>(peer, get_peer_stats{}); }

  wire::peer_address address(std::uint8_t a, std::uint32_t time = test::test_unix_start) {
    return {time, wire::node_network, wire::endpoint::ipv4(8, 8, a, 1, 8333)};
  }
};

TEST_F(PeerBehaviour, PingsAtOnceThenEveryTwoMinutesAndMeasuresTheRoundTrip) {
  // The first ping goes out with the handshake; answer it after 250 ms.
  spawn(false);
  deliver(remote_version());
  deliver(wire::msg::verack{});
  const auto nonce = last_ping_nonce();
  ASSERT_NE(nonce, 0u);
  advance(250ms, 50ms);
  deliver(wire::msg::pong{nonce});
  const auto s = stats();
  EXPECT_NEAR(s.ping_seconds, 0.25, 0.051);
  EXPECT_NEAR(s.min_ping_seconds, 0.25, 0.051);
  EXPECT_EQ(s.ping_wait_seconds, -1);
  advance(2min - 1s, 1s);
  EXPECT_EQ(last_ping_nonce(), 0u);
  advance(2s, 1s);
  EXPECT_NE(last_ping_nonce(), 0u);
}

TEST_F(PeerBehaviour, AnswersPingWithTheSameNonce) {
  handshake(true);
  deliver(wire::msg::ping{0xabcdef});
  bool answered = false;
  for (const auto& m : sent())
    if (auto p = std::get_if<wire::msg::pong>(&m)) answered = p->nonce == 0xabcdef;
  EXPECT_TRUE(answered);
}

TEST_F(PeerBehaviour, PingsReadTogetherAreAnsweredInOrderInOneWrite) {
  handshake(true);
  const std::size_t writes = conn->sent.size();
  const std::size_t consumed = conn->consumed_bytes;
  deliver_together(wire::msg::ping{1}, wire::msg::ping{2}, wire::msg::ping{3});
  ASSERT_EQ(conn->sent.size(), writes + 1);
  std::vector<std::uint64_t> nonces;
  for (const auto& m : sent())
    if (auto p = std::get_if<wire::msg::pong>(&m)) nonces.push_back(p->nonce);
  EXPECT_EQ(nonces, (std::vector<std::uint64_t>{1, 2, 3}));
  EXPECT_EQ(conn->consumed_bytes - consumed, 3 * transport::frame_cost(8));
}

TEST_F(PeerBehaviour, FramesReadAfterOneThatEndsThePeerAreNotHandled) {
  handshake(true);
  deliver_together(wire::msg::verack{}, wire::msg::ping{1});  // a duplicate verack disconnects
  EXPECT_TRUE(conn->closed());
  for (const auto& m : sent()) EXPECT_FALSE(std::holds_alternative<wire::msg::pong>(m));
}

TEST_F(PeerBehaviour, StalePongIsIgnored) {
  handshake(true);
  deliver(wire::msg::pong{12345});
  EXPECT_EQ(stats().ping_seconds, -1);
  EXPECT_FALSE(done());
}

TEST_F(PeerBehaviour, SilentPeerIsDisconnectedAfterFiveMinutes) {
  handshake(true);
  advance(4min, 1s);
  deliver(wire::msg::ping{1});  // activity moves the deadline
  advance(4min + 59s, 1s);
  EXPECT_FALSE(done());
  advance(2s, 1s);
  EXPECT_EQ(server_events->events.back(), "done 1: idle timeout");
}

TEST_F(PeerBehaviour, PongOverdueByTwentyMinutesDisconnects) {
  handshake(true);
  // The remote keeps talking (so it is not idle) but never answers our ping.
  for (int minute = 0; minute < 19; ++minute) {
    advance(1min, 1s);
    deliver(wire::msg::inv{});
  }
  EXPECT_FALSE(done());
  for (int minute = 0; minute < 4 && !done(); ++minute) {
    advance(1min, 1s);
    deliver(wire::msg::inv{});
  }
  EXPECT_EQ(server_events->events.back(), "done 1: ping timeout");
}

TEST_F(PeerBehaviour, GetaddrIsAnsweredOnceAndOnlyForInboundPeers) {
  addresses->cache = {address(1), address(2)};
  handshake(true);
  deliver(wire::msg::getaddr{});
  deliver(wire::msg::getaddr{});
  const auto out = sent();
  std::size_t replies = 0;
  for (const auto& m : out)
    if (auto a = std::get_if<wire::msg::addr>(&m)) {
      ++replies;
      EXPECT_EQ(a->addresses.size(), 2u);
    }
  EXPECT_EQ(replies, 1u);
  EXPECT_EQ(addresses->cache_requests, 1);
}

TEST_F(PeerBehaviour, OutboundGetaddrIsIgnored) {
  addresses->cache = {address(1)};
  handshake(false);
  deliver(wire::msg::getaddr{});
  EXPECT_EQ(addresses->cache_requests, 0);
}

TEST_F(PeerBehaviour, GetaddrReplyUsesAddrV2WhenAskedAndNeverPutsTorInLegacyAddr) {
  auto tor = address(3);
  tor.where = *wire::endpoint::parse_host(
      "zljnhsg4ttcng4btgdcshlyc5xcj36ggwbhhi3j3kfl2ofp6ta26jlid.onion", 8333);
  addresses->cache = {address(1), tor};
  handshake(true);  // no sendaddrv2: legacy addr
  deliver(wire::msg::getaddr{});
  auto out = sent();
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(std::get<wire::msg::addr>(out[0]).addresses.size(), 1u);

  seen = 0;
  spawn(true);
  deliver(remote_version());
  deliver(wire::msg::sendaddrv2{});
  deliver(wire::msg::verack{});
  sent();
  deliver(wire::msg::getaddr{});
  out = sent();
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(std::get<wire::msg::addrv2>(out[0]).addresses.size(), 2u);
}

TEST_F(PeerBehaviour, ReceivedAddressesGoToTheAddressManagerWithThePeerAsSource) {
  handshake(false);
  anon_send(peer, send_getaddr{});  // makes room for a full reply in the token bucket
  sched.run();
  EXPECT_EQ(sent_commands(), strings{"getaddr"});
  deliver(wire::msg::addr{{address(1), address(2, test::test_unix_start + 3600)}});
  ASSERT_EQ(addresses->added.size(), 1u);
  const auto& added = addresses->added[0];
  EXPECT_EQ(added.source, conn->remote());
  ASSERT_EQ(added.addresses.size(), 2u);
  // More than 10 minutes in the future: now − 5 days.
  EXPECT_EQ(added.addresses[1].time, test::test_unix_start - 5 * 24 * 3600);
}

TEST_F(PeerBehaviour, AddressProcessingIsRateLimited) {
  handshake(true);
  wire::msg::addr flood;
  for (int i = 0; i < 100; ++i) flood.addresses.push_back(address(static_cast<std::uint8_t>(i)));
  deliver(flood);
  auto s = stats();
  EXPECT_EQ(s.addr_processed, 1u);  // the bucket starts with one token
  EXPECT_EQ(s.addr_rate_limited, 99u);
  advance(100s, 1s);  // 0.1 token per second
  deliver(flood);
  s = stats();
  EXPECT_EQ(s.addr_processed, 11u);
  EXPECT_EQ(s.addr_rate_limited, 189u);
}

TEST_F(PeerBehaviour, FreshAddressesFromSmallMessagesAreOfferedForRelay) {
  handshake(true);
  advance(20s, 1s);  // two tokens
  deliver(wire::msg::addr{{address(1, test::test_unix_start + 20)}});
  ASSERT_EQ(server_events->relays.size(), 1u);
  deliver(wire::msg::addr{{address(2, test::test_unix_start - 3600)}});  // an hour old
  EXPECT_EQ(server_events->relays.size(), 1u);
}

TEST_F(PeerBehaviour, PushedAddressesTrickleOutOnceAndNeverBackToTheirSource) {
  handshake(true);
  advance(10s, 1s);
  deliver(wire::msg::addr{{address(7)}});  // the peer knows 8.8.7.1 now
  anon_send(peer, push_addresses{{address(7), address(8)}});
  anon_send(peer, push_addresses{{address(8), address(9)}});
  advance(10min, 1s);
  address_list announced;
  for (const auto& m : sent())
    if (auto a = std::get_if<wire::msg::addr>(&m))
      announced.insert(announced.end(), a->addresses.begin(), a->addresses.end());
  ASSERT_EQ(announced.size(), 2u);
  EXPECT_EQ(announced[0].where, address(8).where);
  EXPECT_EQ(announced[1].where, address(9).where);
}

TEST_F(PeerBehaviour, GetdataIsAnsweredWithNotfound) {
  handshake(true);
  wire::msg::getdata g;
  g.entries.push_back({wire::inv_tx, {}});
  g.entries[0].hash[0] = 0x42;
  deliver(g);
  const auto out = sent();
  ASSERT_EQ(out.size(), 1u);
  const auto& nf = std::get<wire::msg::notfound>(out[0]);
  ASSERT_EQ(nf.entries.size(), 1u);
  EXPECT_EQ(nf.entries[0].hash[0], 0x42);
  EXPECT_EQ(stats().ban_score, 0u);
}

TEST_F(PeerBehaviour, ServedNothingMessagesAreIgnoredWithoutPenalty) {
  handshake(true);
  deliver(wire::msg::inv{});
  deliver(wire::msg::getheaders{});
  deliver(wire::msg::sendheaders{});
  deliver(wire::msg::sendcmpct{false, 2});
  deliver(wire::msg::feefilter{1000});
  deliver(wire::msg::raw{wire::command::tx, {1, 2, 3}});
  EXPECT_TRUE(sent().empty());
  EXPECT_FALSE(done());
  EXPECT_EQ(stats().ban_score, 0u);
  EXPECT_TRUE(stats().wants_headers);
}

TEST_F(PeerBehaviour, InvalidFeefilterDisconnects) {
  handshake(true);
  deliver(wire::msg::feefilter{-1});
  EXPECT_TRUE(done());
}

TEST_F(PeerBehaviour, MalformedPayloadsRaiseTheBanScoreUntilBanned) {
  handshake(true);
  const wire::bytes garbage_ping = [] {
    wire::bytes f;
    wire::encode_frame(f, test::regtest_magic, wire::msg::raw{wire::command::ping, {1, 2, 3}},
                       70016);
    return f;
  }();
  for (int i = 0; i < 5; ++i) deliver_frame(garbage_ping);  // 5 × 20 = 100: not above 100
  EXPECT_FALSE(done());
  EXPECT_EQ(stats().ban_score, 100u);
  const auto out = sent();
  ASSERT_FALSE(out.empty());
  EXPECT_EQ(std::get<wire::msg::reject>(out[0]).message, "malformed");
  deliver_frame(garbage_ping);
  ASSERT_EQ(server_events->bans.size(), 1u);
  EXPECT_EQ(server_events->bans[0].address, conn->remote());
  EXPECT_TRUE(done());
}

TEST_F(PeerBehaviour, WhitelistedPeersAreNeverScored) {
  spawn(true, /*whitelisted=*/true);
  deliver(remote_version());
  deliver(wire::msg::verack{});
  for (int i = 0; i < 20; ++i) {
    conn->handler->on_bad_frame(wire::command::ping, wire::wire_errc::bad_checksum);
    sched.run();
  }
  EXPECT_FALSE(done());
  EXPECT_TRUE(server_events->bans.empty());
}

TEST_F(PeerBehaviour, BadChecksumsCostTenPointsEach) {
  handshake(true);
  for (int i = 0; i < 3; ++i)
    conn->handler->on_bad_frame(wire::command::ping, wire::wire_errc::bad_checksum);
  sched.run();
  EXPECT_EQ(stats().ban_score, 30u);
}

TEST_F(PeerBehaviour, MalformedVersionEndsTheHandshake) {
  spawn(true);
  wire::bytes f;
  wire::encode_frame(f, test::regtest_magic, wire::msg::raw{wire::command::version, {1, 2}}, 70016);
  deliver_frame(f);
  EXPECT_TRUE(done());
}

TEST_F(PeerBehaviour, StatsCountTrafficPerCommand) {
  handshake(true);
  deliver(wire::msg::ping{1});
  const auto s = stats();
  std::uint64_t pings = 0;
  for (const auto& c : s.received_per_command)
    if (c.command == "ping") pings = c.messages;
  EXPECT_EQ(pings, 1u);
  EXPECT_GT(s.bytes_sent, 0u);
  EXPECT_EQ(s.conn_time, test::test_unix_start);
  EXPECT_EQ(s.addr, "127.0.0.2:18444");
}

}  // namespace
}  // namespace btcnet::actors
