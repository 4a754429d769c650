// The rpc actor in virtual time over a real server and address manager: Core's method names,
// parameter handling (positional and named, missing, extra, wrong types), error codes, and the
// results of the ban, added-node, address and control methods.
#include "actors/rpc/rpc_service.hpp"

#include "actors/addr_manager/addr_manager.hpp"
#include "actors/server/server.hpp"
#include "tests/actors/support/actor_test_fixture.hpp"
#include "tests/actors/support/fake_conn_manager.hpp"

namespace btcnet::actors {
namespace {

using namespace std::chrono_literals;
using rpc::json;
namespace code = rpc::error_code;
constexpr std::int64_t t0 = 1'700'000'000;

struct RpcServiceTest : test::actor_test {
  std::shared_ptr<test::cm_log> cm_calls = std::make_shared<test::cm_log>();
  conn_manager_actor cm =
      caf::actor_cast<conn_manager_actor>(sys.spawn(test::fake_conn_manager, cm_calls));
  addr_manager_actor addresses;
  server_actor server;
  rpc_actor rpc;
  int stop_requests = 0;

  RpcServiceTest() {
    const auto clock = time_source::anchored(sys.clock(), t0);
    addr_manager_config ac;
    ac.clock = clock;
    ac.rng_seed = 7;
    addresses = spawn_addr_manager(sys, ac);
    server_config sc;
    sc.default_port = 18444;
    sc.peer.clock = clock;
    server = spawn_server(sys, sc, {addresses});
    caf::anon_send(server, set_conn_manager{cm});
    rpc_config rc;
    rc.clock = clock;
    rc.info.start_time = t0;
    rc.info.subversion = "/btcnet:test/";
    rc.request_stop = [this] { ++stop_requests; };
    rpc = spawn_rpc(sys, rc, {server, addresses, {}});
    sched.run();
  }
  ~RpcServiceTest() override {
    for (const caf::actor& a : {caf::actor_cast<caf::actor>(rpc), caf::actor_cast<caf::actor>(server),
                                caf::actor_cast<caf::actor>(addresses), caf::actor_cast<caf::actor>(cm)})
      caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
    sched.run();
  }

  rpc::outcome call(const std::string& method, json params = json::array()) {
    rpc::request req;
    req.method = method;
    req.params = std::move(params);
    return ask<rpc::outcome>(rpc, req);
  }
  json result(const std::string& method, json params = json::array()) {
    auto o = call(method, std::move(params));
    EXPECT_FALSE(o.error) << method << ": " << (o.error ? o.error->message : "");
    return o.result;
  }
  int error(const std::string& method, json params = json::array()) {
    auto o = call(method, std::move(params));
    EXPECT_TRUE(o.error) << method << " succeeded: " << o.result.dump();
    return o.error ? o.error->code : 0;
  }
};

TEST_F(RpcServiceTest, UnknownMethodsAndBadParameters) {
  EXPECT_EQ(error("getblock"), code::method_not_found);
  EXPECT_EQ(error("getconnectioncount", {1}), code::misc_error);  // too many
  EXPECT_EQ(error("addnode", {"127.0.0.1"}), code::misc_error);   // missing "command"
  EXPECT_EQ(error("addnode", {1, "add"}), code::type_error);
  EXPECT_EQ(error("setban", {"1.2.3.4", "add", "soon"}), code::type_error);
  EXPECT_EQ(error("getnodeaddresses", json{{"cnt", 1}}), code::invalid_parameter);  // unknown name
  auto usage = call("addnode", {"127.0.0.1"});
  EXPECT_NE(usage.error->message.find("addnode node command"), std::string::npos)
      << usage.error->message;
}

TEST_F(RpcServiceTest, NamedParametersMapOntoPositions) {
  result("setban", json{{"command", "add"}, {"subnet", "127.0.0.9"}, {"bantime", 60}});
  const auto bans = result("listbanned");
  ASSERT_EQ(bans.size(), 1u);
  EXPECT_EQ(bans[0]["address"], "127.0.0.9/32");
  EXPECT_EQ(bans[0]["ban_duration"], 60);
}

TEST_F(RpcServiceTest, BansWithCoresErrors) {
  EXPECT_TRUE(result("setban", {"10.0.0.0/8", "add"}).is_null());
  EXPECT_EQ(error("setban", {"10.0.0.0/8", "add"}), code::client_node_already_added);
  EXPECT_EQ(error("setban", {"10.0.0.0/99", "add"}), code::client_invalid_ip_or_subnet);
  EXPECT_EQ(error("setban", {"10.1.0.0/16", "remove"}), code::client_invalid_ip_or_subnet);
  EXPECT_EQ(error("setban", {"10.0.0.0/8", "ban"}), code::misc_error);
  advance(100s, 10s);
  const auto bans = result("listbanned");
  ASSERT_EQ(bans.size(), 1u);
  EXPECT_EQ(bans[0]["ban_created"], t0);
  EXPECT_EQ(bans[0]["banned_until"], t0 + 24 * 3600);  // the default ban duration
  EXPECT_EQ(bans[0]["time_remaining"], 24 * 3600 - 100);
  result("clearbanned");
  EXPECT_TRUE(result("listbanned").empty());
}

TEST_F(RpcServiceTest, AddnodeAddRemoveAndAddedNodeInfo) {
  EXPECT_TRUE(result("addnode", {"127.0.0.7:18444", "add"}).is_null());
  EXPECT_EQ(cm_calls->calls.back(), "connect 127.0.0.7:18444");
  EXPECT_EQ(error("addnode", {"127.0.0.7:18444", "add"}), code::client_node_already_added);
  const auto info = result("getaddednodeinfo");
  ASSERT_EQ(info.size(), 1u);
  EXPECT_EQ(info[0]["addednode"], "127.0.0.7:18444");
  EXPECT_EQ(info[0]["connected"], false);
  EXPECT_EQ(error("getaddednodeinfo", {"127.0.0.8:18444"}), code::client_node_not_added);
  EXPECT_TRUE(result("addnode", {"127.0.0.7:18444", "remove"}).is_null());
  EXPECT_EQ(cm_calls->calls.back(), "remove 101");
  EXPECT_EQ(error("addnode", {"127.0.0.7:18444", "remove"}), code::client_node_not_added);
  EXPECT_TRUE(result("addnode", {"127.0.0.8", "onetry"}).is_null());
  EXPECT_TRUE(result("getaddednodeinfo").empty());  // onetry nodes are not listed
  EXPECT_EQ(error("addnode", {"127.0.0.8", "sometimes"}), code::misc_error);
}

TEST_F(RpcServiceTest, DisconnectnodeNeedsExactlyOneTarget) {
  EXPECT_EQ(error("disconnectnode"), code::invalid_params);
  EXPECT_EQ(error("disconnectnode", {"127.0.0.1:1", 5}), code::invalid_params);
  EXPECT_EQ(error("disconnectnode", {"127.0.0.1:1"}), code::client_node_not_connected);
  EXPECT_EQ(error("disconnectnode", {"", 5}), code::client_node_not_connected);
  EXPECT_EQ(error("disconnectnode", json{{"nodeid", 5}}), code::client_node_not_connected);
}

TEST_F(RpcServiceTest, AddressesFromTheAddressManager) {
  address_list announced;
  for (std::uint8_t i = 1; i <= 20; ++i)
    announced.push_back({static_cast<std::uint32_t>(t0 - 60), wire::node_network,
                         wire::endpoint::ipv4(8, i, 1, 1, 8333)});
  caf::anon_send(addresses, add_addresses{announced, wire::endpoint::ipv4(9, 9, 9, 9, 8333)});
  sched.run();
  EXPECT_EQ(result("getnodeaddresses").size(), 1u);  // count defaults to 1
  const auto all = result("getnodeaddresses", {0});
  EXPECT_EQ(all.size(), 20u);
  EXPECT_EQ(all[0]["network"], "ipv4");
  EXPECT_EQ(all[0]["port"], 8333);
  EXPECT_EQ(all[0]["services"], wire::node_network);
  EXPECT_TRUE(result("getnodeaddresses", {5, "ipv6"}).empty());
  EXPECT_EQ(error("getnodeaddresses", {-1}), code::invalid_parameter);
  EXPECT_EQ(error("getnodeaddresses", {1, "tor"}), code::invalid_parameter);
  const auto info = result("getaddrmaninfo");
  EXPECT_EQ(info["all_networks"]["new"], 20);
  EXPECT_EQ(info["all_networks"]["tried"], 0);
  EXPECT_EQ(info["ipv4"]["total"], 20);
  EXPECT_EQ(info["onion"]["total"], 0);
}

TEST_F(RpcServiceTest, NetworkSummaries) {
  EXPECT_EQ(result("getconnectioncount"), 0);
  const auto info = result("getnetworkinfo");
  EXPECT_EQ(info["subversion"], "/btcnet:test/");
  EXPECT_EQ(info["connections"], 0);
  EXPECT_EQ(info["localservices"], "0000000000000000");
  const auto totals = result("getnettotals");
  EXPECT_EQ(totals["totalbytesrecv"], 0);
  EXPECT_TRUE(totals.contains("timemillis"));
  EXPECT_TRUE(result("getpeerinfo").empty());
  EXPECT_TRUE(result("ping").is_null());
}

TEST_F(RpcServiceTest, ControlMethods) {
  advance(90s, 10s);
  EXPECT_EQ(result("uptime"), 90);
  const std::string all = result("help");
  for (const char* m : {"getpeerinfo", "addnode", "setban", "getnodeaddresses", "stop", "uptime"})
    EXPECT_NE(all.find(m), std::string::npos) << m;
  EXPECT_NE(result("help", {"setban"}).get<std::string>().find("absolute"), std::string::npos);
  EXPECT_EQ(result("stop"), "btcnetd stopping");
  result("stop");
  EXPECT_EQ(stop_requests, 1);  // asked once, however often it is called
}

}  // namespace
}  // namespace btcnet::actors
