// The version handshake, rule by rule (btcd peer.go, btcd-reference §1.9 and §5), in virtual time.
#include "peer_harness.hpp"

namespace btcnet::actors {
namespace {

using namespace std::chrono_literals;
using strings = std::vector<std::string>;
struct PeerHandshake : test::PeerTest {};

TEST_F(PeerHandshake, OutboundSendsItsVersionFirst) {
  spawn(/*inbound=*/false);
  const auto out = sent();
  ASSERT_EQ(out.size(), 1u);
  const auto& v = std::get<wire::msg::version>(out[0]);
  EXPECT_EQ(v.protocol, 70016);
  EXPECT_EQ(v.nonce, our_nonce);
  EXPECT_EQ(v.user_agent, "/btcnet:test/");
  EXPECT_EQ(v.timestamp, test::test_unix_start);
  EXPECT_EQ(v.receiver.where, conn->remote());
  EXPECT_FALSE(v.relay);
}

TEST_F(PeerHandshake, InboundWaitsThenAnswersInBtcdsOrder) {
  spawn(/*inbound=*/true);
  EXPECT_TRUE(sent().empty());
  auto v = remote_version();
  v.receiver.where = wire::endpoint::ipv4(127, 0, 0, 9, 18444);  // how the remote sees us
  deliver(v);
  EXPECT_EQ(sent_commands(), (strings{"version", "wtxidrelay", "sendaddrv2", "verack"}));
  deliver(wire::msg::verack{});
  ASSERT_EQ(server_events->added.size(), 1u);
  EXPECT_EQ(server_events->added[0].stats.user_agent, "/Satoshi:27.0.0/");
  EXPECT_EQ(server_events->added[0].stats.version, 70016);
  EXPECT_TRUE(server_events->added[0].stats.handshake_done);
  EXPECT_EQ(server_events->added[0].stats.addr_local, "127.0.0.9:18444");  // Core "addrlocal"
}

TEST_F(PeerHandshake, TheAnswerToAVersionIsOneWrite) {
  spawn(/*inbound=*/true);
  deliver(remote_version());
  EXPECT_EQ(conn->sent.size(), 1u);  // four frames, one send
  EXPECT_EQ(sent_commands(), (strings{"version", "wtxidrelay", "sendaddrv2", "verack"}));
}

// A remote may pipeline: version, verack and a ping in one read. The frames after the version
// wait for the server's nonce check, then are handled in order.
TEST_F(PeerHandshake, FramesReadWithTheVersionWaitForTheNonceCheck) {
  spawn(/*inbound=*/true);
  deliver_together(remote_version(), wire::msg::verack{}, wire::msg::ping{77});
  EXPECT_EQ(sent_commands(),
            (strings{"version", "wtxidrelay", "sendaddrv2", "verack", "ping", "pong"}));
  EXPECT_EQ(server_events->added.size(), 1u);
  EXPECT_FALSE(done());
  EXPECT_EQ(conn->consumed_bytes,
            transport::frame_cost(encoded(remote_version()).size() - wire::message_header_size) +
                transport::frame_cost(0) + transport::frame_cost(8));
}

TEST_F(PeerHandshake, FramesReadAfterASelfConnectionAreDropped) {
  server_events->our_nonces.insert(0xfeedface);
  spawn(/*inbound=*/true);
  deliver_together(remote_version(), wire::msg::verack{}, wire::msg::ping{77});
  EXPECT_TRUE(sent().empty());
  EXPECT_TRUE(server_events->added.empty());
  EXPECT_EQ(server_events->events, strings{"done 1: disconnecting peer connected to self"});
}

TEST_F(PeerHandshake, NegotiatedVersionIsTheMinimumAndGatesAnnouncements) {
  remote_pver = 70015;
  spawn(true);
  deliver(remote_version());
  EXPECT_EQ(sent_commands(), (strings{"version", "verack"}));  // no BIP155/BIP339 below 70016
}

TEST_F(PeerHandshake, OldPeersReceiveNothingTheyDoNotKnow) {
  for (std::uint32_t pver : {70001u, 70015u}) {
    remote_pver = pver;
    seen = 0;
    handshake(/*inbound=*/false);
    deliver(wire::msg::ping{5});
    advance(3min, 1s);
    for (const auto& c : sent_commands())
      EXPECT_TRUE(c == "ping" || c == "pong") << c << " sent to a " << pver << " peer";
    anon_send_exit(peer, caf::exit_reason::user_shutdown);
    sched.run();
  }
}

TEST_F(PeerHandshake, FirstMessageMustBeVersion) {
  spawn(true);
  deliver(wire::msg::ping{1});
  const auto out = sent();
  ASSERT_EQ(out.size(), 1u);
  const auto& r = std::get<wire::msg::reject>(out[0]);
  EXPECT_EQ(r.message, "ping");
  EXPECT_EQ(r.code, wire::reject_code::malformed);
  EXPECT_EQ(r.reason, "a version message must precede all others");
  EXPECT_TRUE(done());
  EXPECT_TRUE(conn->closed());
}

TEST_F(PeerHandshake, OutboundSelfConnectionIsDropped) {
  spawn(false);
  auto v = remote_version();
  v.nonce = our_nonce;
  deliver(v);
  EXPECT_EQ(sent_commands(), strings{"version"});  // no verack
  EXPECT_TRUE(done());
}

TEST_F(PeerHandshake, InboundSelfConnectionIsDetectedThroughTheServer) {
  server_events->our_nonces.insert(0xfeedface);  // another of our peers sent this nonce
  spawn(true);
  deliver(remote_version());
  EXPECT_TRUE(sent().empty());
  EXPECT_EQ(server_events->events, strings{"done 1: disconnecting peer connected to self"});
}

TEST_F(PeerHandshake, ProtocolBelowTheMinimumIsDisconnectedSilently) {
  remote_pver = 208;
  spawn(true);
  deliver(remote_version());
  EXPECT_TRUE(sent().empty());  // the obsolete reject cannot be encoded at 208 (btcd)
  EXPECT_TRUE(done());
  remote_pver = 209;
  seen = 0;
  server_events->events.clear();
  spawn(true);
  deliver(remote_version());
  EXPECT_FALSE(done());
}

TEST_F(PeerHandshake, MinimumIsConfigurable) {
  config.min_protocol_version = 70001;
  remote_pver = 60002;
  spawn(true);
  deliver(remote_version());
  EXPECT_TRUE(done());
}

TEST_F(PeerHandshake, OutboundPeersMustOfferNodeNetwork) {
  spawn(false);
  sent();
  deliver(remote_version(wire::node_witness));
  const auto out = sent();
  ASSERT_EQ(out.size(), 1u);
  const auto& r = std::get<wire::msg::reject>(out[0]);
  EXPECT_EQ(r.code, wire::reject_code::nonstandard);
  EXPECT_EQ(r.reason, "required services 0x1 not offered");
  EXPECT_TRUE(done());
}

TEST_F(PeerHandshake, ManualConnectionsNeedNoServices) {
  spawn(false);
  anon_send_exit(peer, caf::exit_reason::user_shutdown);
  sched.run();
  // Respawn as a manual (--connect / addnode) outbound peer.
  conn = std::make_shared<test::fake_connection>(wire::endpoint::ipv4(127, 0, 0, 2, 18444));
  peer_identity id;
  id.id = 2;
  id.address = conn->remote();
  id.type = connection_type::manual;
  id.version_nonce = our_nonce;
  peer = spawn_peer(sys, conn, std::make_shared<const actors::peer_config>(config), id,
                    {server, addr_sink});
  sched.run();
  seen = 0;
  deliver(remote_version(0));
  deliver(wire::msg::verack{});
  EXPECT_EQ(server_events->added.size(), 1u);
}

TEST_F(PeerHandshake, RequiredServicesAreConfigurable) {
  config.required_services = 0;
  spawn(false);
  deliver(remote_version(0));
  deliver(wire::msg::verack{});
  EXPECT_EQ(server_events->added.size(), 1u);
}

TEST_F(PeerHandshake, BeforeVerackOnlyHandshakeAnnouncementsAndUnknownsAreAccepted) {
  spawn(true);
  deliver(remote_version());
  deliver(wire::msg::sendaddrv2{});
  deliver(wire::msg::wtxidrelay{});
  conn->handler->on_unknown("sendtxrcncl", 8);
  sched.run();
  EXPECT_FALSE(done());
  deliver(wire::msg::ping{1});
  EXPECT_TRUE(done());
  EXPECT_EQ(server_events->events, strings{"done 1: invalid message during handshake: ping"});
}

TEST_F(PeerHandshake, SendAddrV2BeforeVerackMeansAddrV2) {
  spawn(true);
  deliver(remote_version());
  deliver(wire::msg::sendaddrv2{});
  deliver(wire::msg::verack{});
  EXPECT_TRUE(server_events->added.at(0).stats.wants_addrv2);
}

TEST_F(PeerHandshake, DuplicateVersionAfterHandshakeIsRejectedAndDisconnected) {
  handshake(true);
  deliver(remote_version());
  const auto out = sent();
  ASSERT_FALSE(out.empty());
  const auto& r = std::get<wire::msg::reject>(out.back());
  EXPECT_EQ(r.code, wire::reject_code::duplicate);
  EXPECT_EQ(r.reason, "duplicate version message");
  EXPECT_TRUE(done());
}

TEST_F(PeerHandshake, DuplicateVerackIsRejectedAndDisconnected) {
  handshake(true);
  deliver(wire::msg::verack{});
  const auto out = sent();
  ASSERT_FALSE(out.empty());
  EXPECT_EQ(std::get<wire::msg::reject>(out.back()).reason, "duplicate verack message");
  EXPECT_TRUE(done());
}

TEST_F(PeerHandshake, SendAddrV2AfterVerackDisconnects) {
  handshake(true);
  deliver(wire::msg::sendaddrv2{});
  EXPECT_TRUE(done());
}

TEST_F(PeerHandshake, HandshakeMustFinishWithin30Seconds) {
  spawn(true);
  deliver(remote_version());
  advance(29s, 1s);
  EXPECT_FALSE(done());
  advance(1s, 1s);
  EXPECT_EQ(server_events->events, strings{"done 1: protocol negotiation timeout"});
}

TEST_F(PeerHandshake, AddedAlwaysPrecedesDoneAndEachComesOnce) {
  handshake(false);
  anon_send(peer, disconnect_peer{"test"});
  sched.run();
  anon_send(peer, disconnect_peer{"again"});
  sched.run();
  EXPECT_EQ(server_events->events, (strings{"added 1", "done 1: test"}));
}

TEST_F(PeerHandshake, PeerThatNeverCompletesIsDoneWithoutAdded) {
  spawn(true);
  conn->handler->on_closed({});
  sched.run();
  EXPECT_EQ(server_events->events, strings{"done 1: connection closed"});
}

}  // namespace
}  // namespace btcnet::actors
