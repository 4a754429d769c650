// The server's bookkeeping in virtual time (btcd server.go, btcd-reference §1.10 and §7.6): the
// reservation table, admission, bans at accept, add/done handling, the removed-permanent-peer
// fix, duplicate connections, nonces and address relay.
#include "actors/server/server.hpp"

#include "net/wire/header.hpp"
#include "net/wire/messages.hpp"
#include "tests/actors/support/actor_test_fixture.hpp"
#include "tests/actors/support/fake_conn_manager.hpp"
#include "tests/actors/support/fake_connection.hpp"

namespace btcnet::actors {
namespace {

using namespace std::chrono_literals;
using test::cm_log;
using test::fake_conn_manager;
using test::fake_connection;
constexpr std::uint32_t magic = 0xdab5bffa;

TEST(UserAgents, BlacklistThenWhitelist) {
  EXPECT_FALSE(undesired_user_agent("/Satoshi:27.0.0/", {}, {}));
  EXPECT_TRUE(undesired_user_agent("/Satoshi:27.0.0/", {"Satoshi"}, {}));
  EXPECT_TRUE(undesired_user_agent("/btcd:0.26/", {}, {"Satoshi"}));
  EXPECT_FALSE(undesired_user_agent("/Satoshi:27.0.0/", {"btcd"}, {"Satoshi"}));
  EXPECT_TRUE(undesired_user_agent("/Satoshi:27.0.0/", {"27.0"}, {"Satoshi"}));  // blacklist first
}

TEST(Admission, PrefixesAreSlash24AndSlash64) {
  // btcd internal/inbound admission_test.go.
  EXPECT_EQ(admission_prefix(*wire::endpoint::parse_host("192.0.2.99", 1)), "192.0.2.0/24");
  EXPECT_EQ(admission_prefix(*wire::endpoint::parse_host("::ffff:192.0.2.99", 1)), "192.0.2.0/24");
  EXPECT_EQ(admission_prefix(*wire::endpoint::parse_host("2001:db8:1:2:3:4:5:6", 1)),
            "2001:db8:1:2::/64");
}

TEST(Whitelist, SubnetsParseAndMatch) {
  const auto net = subnet::parse("10.1.0.0/16");
  ASSERT_TRUE(net);
  EXPECT_TRUE(net->contains(*wire::endpoint::parse_host("10.1.200.3", 1)));
  EXPECT_FALSE(net->contains(*wire::endpoint::parse_host("10.2.0.1", 1)));
  EXPECT_TRUE(subnet::parse("127.0.0.1")->contains(*wire::endpoint::parse_host("127.0.0.1", 5)));
  EXPECT_TRUE(
      subnet::parse("2001:db8::/33")->contains(*wire::endpoint::parse_host("2001:db8:7fff::1", 5)));
  EXPECT_FALSE(
      subnet::parse("2001:db8::/33")->contains(*wire::endpoint::parse_host("2001:db8:8000::1", 5)));
  for (const char* bad :
       {"10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/x", "nonsense/8", "10.0.0.0/-1"})
    EXPECT_FALSE(subnet::parse(bad)) << bad;
}

struct ServerTest : test::actor_test {
  std::shared_ptr<cm_log> cm_calls = std::make_shared<cm_log>();
  conn_manager_actor cm =
      caf::actor_cast<conn_manager_actor>(sys.spawn(fake_conn_manager, cm_calls));
  server_actor server;
  server_config config;

  ServerTest() {
    config.default_port = 18444;
    config.peer.magic = magic;
    config.peer.required_services = 0;
    config.peer.clock = time_source::anchored(sys.clock(), 1'700'000'000);
  }
  ~ServerTest() override {
    caf::anon_send_exit(server, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(cm, caf::exit_reason::user_shutdown);
    sched.run();
  }

  void make() {
    server = spawn_server(sys, config, {});
    caf::anon_send(server, set_conn_manager{cm});
    sched.run();
  }

  std::shared_ptr<fake_connection> outbound(std::uint64_t req_id, const std::string& host,
                                            bool permanent) {
    auto conn = std::make_shared<fake_connection>(*wire::endpoint::parse_host(host, 18444));
    conn_request_info req;
    req.id = req_id;
    req.target = {host, 18444};
    req.permanent = permanent;
    req.state = conn_state::established;
    caf::anon_send(server, on_connection{req, conn});
    sched.run();
    return conn;
  }
  std::shared_ptr<fake_connection> inbound(const std::string& host, std::uint16_t port) {
    auto conn = std::make_shared<fake_connection>(*wire::endpoint::parse_host(host, port));
    caf::anon_send(server, on_accept{conn});
    sched.run();
    return conn;
  }
  // Completes the remote side of a peer's handshake through its fake connection.
  void handshake(fake_connection& conn) {
    for (const wire::message& m :
         {wire::message{remote_version()}, wire::message{wire::msg::verack{}}}) {
      wire::bytes f;
      wire::encode_frame(f, magic, m, wire::protocol_version);
      conn.handler->on_frame(wire::command_of(m),
                             wire::byte_span(f).subspan(wire::message_header_size));
      conn.handler->on_read_end();
      sched.run();
    }
  }
  static wire::msg::version remote_version() {
    wire::msg::version v;
    v.services = wire::node_network;
    v.nonce = 77;
    v.user_agent = "/remote:1/";
    return v;
  }
  server_snapshot state() { return ask<server_snapshot>(server, get_server_state{}); }
};

TEST_F(ServerTest, DonePermanentPeerRetriesAndDoneAutomaticPeerIsReplaced) {
  make();
  auto p = outbound(7, "127.0.0.2", true);
  handshake(*p);
  auto a = outbound(8, "127.0.0.3", false);
  handshake(*a);
  EXPECT_EQ(state().persistent, 1u);
  EXPECT_EQ(state().outbound, 1u);
  p->handler->on_closed({});
  a->handler->on_closed({});
  sched.run();
  EXPECT_EQ(cm_calls->calls, (std::vector<std::string>{"disconnect 7", "remove 8", "new"}));
  EXPECT_EQ(state().persistent + state().outbound, 0u);
}

TEST_F(ServerTest, RemovedPermanentPeerIsNotRetried) {
  make();
  EXPECT_EQ(ask<std::string>(server, connect_node{"127.0.0.2", true}), "");
  sched.run();
  ASSERT_EQ(cm_calls->calls, std::vector<std::string>{"connect 127.0.0.2:18444"});
  auto p = outbound(101, "127.0.0.2", true);
  handshake(*p);
  EXPECT_TRUE(ask<added_node_list>(server, get_added_nodes{}).at(0).connected);
  EXPECT_EQ(ask<std::string>(server, remove_node{"127.0.0.2:18444"}), "");
  p->handler->on_closed({});  // the conn manager closed it
  sched.run();
  EXPECT_EQ(cm_calls->calls, (std::vector<std::string>{"connect 127.0.0.2:18444", "remove 101"}));
  EXPECT_EQ(ask<std::string>(server, remove_node{"127.0.0.2"}), "Error: Node has not been added.");
}

TEST_F(ServerTest, InboundHandshakesArePerPrefixLimited) {
  make();
  std::vector<std::shared_ptr<fake_connection>> conns;
  for (std::uint16_t i = 0; i < 9; ++i)
    conns.push_back(inbound("127.0.0." + std::to_string(i + 1), 5000 + i));
  for (int i = 0; i < 8; ++i) EXPECT_FALSE(conns[i]->closed());
  EXPECT_TRUE(conns[8]->closed());  // a ninth pending handshake from 127.0.0.0/24
  EXPECT_EQ(state().pending_handshakes, 8u);
  handshake(*conns[0]);  // completing one frees a slot
  EXPECT_FALSE(inbound("127.0.0.200", 6000)->closed());
  EXPECT_TRUE(inbound("127.0.0.201", 6001)->closed());
  EXPECT_FALSE(inbound("127.0.1.1", 6002)->closed());  // another /24
}

TEST_F(ServerTest, ASilentInboundPeerIsDroppedAtTheHandshakeTimeoutByTheServersTicks) {
  make();
  auto silent = inbound("127.0.0.9", 5000);
  auto talker = inbound("127.0.1.9", 5000);
  handshake(*talker);
  EXPECT_EQ(state().peer_deadlines, 2u);  // the handshake deadline; the talker's ping
  advance(29s, 1s);
  EXPECT_FALSE(silent->closed());
  advance(2s, 100ms);
  EXPECT_TRUE(silent->closed());  // btcd negotiateTimeout, 30 s
  EXPECT_FALSE(talker->closed());
  silent->handler->on_closed({});
  talker->handler->on_closed({});
  sched.run();
  EXPECT_EQ(state().peer_deadlines, 0u);  // closed peers leave nothing scheduled
}

TEST_F(ServerTest, BannedHostsAreRefusedAtAccept) {
  make();
  EXPECT_EQ(ask<std::string>(server, ban_host{"127.0.0.5", 60}), "");
  EXPECT_TRUE(inbound("127.0.0.5", 5000)->closed());
  EXPECT_FALSE(inbound("127.0.0.6", 5000)->closed());
  advance(61s, 1s);
  EXPECT_FALSE(inbound("127.0.0.5", 5001)->closed());  // expired
  EXPECT_TRUE(ask<ban_list>(server, list_bans{}).empty());
}

TEST_F(ServerTest, BanFromAPeerDisconnectsEveryConnectionOfThatHost) {
  make();
  auto a = inbound("127.0.0.9", 5000);
  handshake(*a);
  caf::anon_send(server, ban_peer{1, a->remote(), "test"});
  sched.run();
  EXPECT_TRUE(a->closed());
  const auto bans = ask<ban_list>(server, list_bans{});
  ASSERT_EQ(bans.size(), 1u);
  EXPECT_EQ(bans[0].banned_until - bans[0].ban_created, 24 * 3600);  // btcd default
}

TEST_F(ServerTest, SubnetBansCoverEveryHostInThem) {
  make();
  auto a = inbound("127.0.3.9", 5000);
  handshake(*a);
  EXPECT_EQ(ask<std::string>(server, ban_host{"127.0.3.0/24", 0}), "");
  EXPECT_TRUE(a->closed());  // the live peer inside the subnet goes
  EXPECT_TRUE(inbound("127.0.3.200", 5001)->closed());
  EXPECT_FALSE(inbound("127.0.4.1", 5002)->closed());
  EXPECT_EQ(ask<std::string>(server, ban_host{"127.0.3.0/24", 0}),
            "Error: IP/Subnet already banned");
  EXPECT_EQ(ask<std::string>(server, ban_host{"127.0.3.7", 0}),
            "Error: IP/Subnet already banned");  // a host inside a banned subnet
  EXPECT_EQ(ask<std::string>(server, ban_host{"not an address", 0}), "Error: Invalid IP/Subnet");
  EXPECT_EQ(ask<std::string>(server, ban_host{"127.0.9.9", 1'600'000'000, true}),
            "Error: Absolute timestamp is in the past");
  EXPECT_EQ(ask<std::string>(server, ban_host{"127.0.9.9", 1'700'000'500, true}), "");
  const auto bans = ask<ban_list>(server, list_bans{});
  ASSERT_EQ(bans.size(), 2u);
  EXPECT_EQ(bans[0].address, "127.0.3.0/24");
  EXPECT_EQ(bans[1].banned_until, 1'700'000'500);
  EXPECT_NE(ask<std::string>(server, unban_host{"127.0.5.0/24"}), "");
  EXPECT_EQ(ask<std::string>(server, unban_host{"127.0.3.0/24"}), "");
  EXPECT_FALSE(inbound("127.0.3.200", 5003)->closed());
}

TEST_F(ServerTest, BansPersistInTheBanFile) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("server-bans-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  config.ban_file = dir / "banlist.json";
  make();
  EXPECT_EQ(ask<std::string>(server, ban_host{"127.0.0.5", 600}), "");
  ASSERT_TRUE(std::filesystem::exists(config.ban_file));  // written at once, not at exit
  caf::anon_send_exit(server, caf::exit_reason::user_shutdown);
  sched.run();
  make();  // a new server, as after a restart
  const auto bans = ask<ban_list>(server, list_bans{});
  ASSERT_EQ(bans.size(), 1u);
  EXPECT_EQ(bans[0].address, "127.0.0.5/32");
  EXPECT_TRUE(inbound("127.0.0.5", 5000)->closed());
  caf::anon_send(server, clear_bans{});
  sched.run();
  caf::anon_send_exit(server, caf::exit_reason::user_shutdown);
  sched.run();
  make();
  EXPECT_TRUE(ask<ban_list>(server, list_bans{}).empty());  // clearing was saved too
  std::filesystem::remove_all(dir);
}

TEST_F(ServerTest, SecondConnectionToTheSameRemoteIsDropped) {
  make();
  auto first = outbound(1, "127.0.0.2", false);
  auto second = outbound(2, "127.0.0.2", false);
  EXPECT_FALSE(first->closed());
  EXPECT_TRUE(second->closed());
  EXPECT_EQ(cm_calls->calls, (std::vector<std::string>{"remove 2", "new"}));
}

TEST_F(ServerTest, MaxPeersIsEnforcedWhenThePeerIsAdded) {
  config.max_peers = 1;
  make();
  auto a = inbound("127.0.0.2", 5000);
  handshake(*a);
  auto b = inbound("127.0.1.2", 5000);
  handshake(*b);
  EXPECT_FALSE(a->closed());
  EXPECT_TRUE(b->closed());
  EXPECT_EQ(state().inbound, 1u);
}

TEST_F(ServerTest, UserAgentBlacklistRejectsAfterTheHandshake) {
  config.agent_blacklist = {"remote"};
  make();
  auto a = inbound("127.0.0.2", 5000);
  handshake(*a);
  EXPECT_TRUE(a->closed());
  EXPECT_EQ(state().inbound, 0u);
}

TEST_F(ServerTest, RecentVersionNoncesAreRecognised) {
  make();
  auto p = outbound(1, "127.0.0.2", false);
  ASSERT_FALSE(p->sent.empty());
  wire::message m;
  ASSERT_FALSE(wire::decode_payload(wire::command::version,
                                    wire::byte_span(p->sent[0]).subspan(wire::message_header_size),
                                    wire::protocol_version, m));
  EXPECT_TRUE(ask<bool>(server, check_nonce{std::get<wire::msg::version>(m).nonce}));
  EXPECT_FALSE(ask<bool>(server, check_nonce{12345}));
}

TEST_F(ServerTest, RoutableAddressesAreRelayedToTwoOtherPeers) {
  make();
  std::vector<std::shared_ptr<fake_connection>> conns;
  for (int i = 0; i < 4; ++i) {
    conns.push_back(inbound("127.0." + std::to_string(i) + ".2", 5000));
    handshake(*conns.back());
  }
  for (auto& c : conns) c->sent.clear();
  const wire::peer_address fresh{1'700'000'000, 1, wire::endpoint::ipv4(8, 8, 8, 8, 8333)};
  const wire::peer_address local{1'700'000'000, 1, wire::endpoint::ipv4(10, 0, 0, 1, 8333)};
  caf::anon_send(server, relay_addresses{1, {fresh, local}});
  advance(10min, 1s);
  int receivers = 0;
  for (std::size_t i = 0; i < conns.size(); ++i)
    for (const auto& f : conns[i]->sent)
      if (wire::message_header::decode(f.data()).command_text() == "addr") {
        ++receivers;
        EXPECT_NE(i, 0u) << "relayed back to its source";
        wire::message m;
        ASSERT_FALSE(
            wire::decode_payload(wire::command::addr, wire::byte_span(f).subspan(24), 70016, m));
        EXPECT_EQ(std::get<wire::msg::addr>(m).addresses.size(), 1u);  // 10.0.0.1 is not routable
      }
  EXPECT_EQ(receivers, 2);
}

}  // namespace
}  // namespace btcnet::actors
