// btcnetd processes driven through their JSON-RPC servers, the way users and btcnet-cli do:
// two nodes connected with --connect see each other in getpeerinfo; addnode remove disconnects
// for good; setban closes and refuses a peer, and bans survive a restart; stop exits cleanly and
// saves; bad credentials and bodies get HTTP's answers; SIGKILL while saving loses nothing.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "net/rpc/http_client.hpp"
#include "net/rpc/jsonrpc.hpp"
#include "net/rpc/node_locator.hpp"
#include "tests/support/btcnetd_process.hpp"

namespace btcnet::node {
namespace {

using test::eventually;
using test::node_process;

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using rpc::json;

struct BtcnetdRpc : ::testing::Test {
  fs::path dir = fs::temp_directory_path() / ("btcnetd-rpc-" + std::to_string(::getpid()));
  void SetUp() override { fs::remove_all(dir); }
  void TearDown() override { fs::remove_all(dir); }
};

bool plausible_time(const json& t) {
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  return t.is_number_integer() && std::abs(t.get<std::int64_t>() - now) < 120;
}

TEST_F(BtcnetdRpc, TwoConnectedNodesSeeEachOtherInGetpeerinfo) {
  node_process a(dir / "a", {});
  a.start();
  node_process b(dir / "b", {"--connect=" + a.p2p()});
  b.start();
  ASSERT_TRUE(eventually([&] { return a.peer_count() == 1 && b.peer_count() == 1; }));
  b.call("ping");
  ASSERT_TRUE(eventually([&] { return b.call("getpeerinfo")[0].contains("pingtime"); }));
  const json in = a.call("getpeerinfo")[0];
  const json out = b.call("getpeerinfo")[0];
  for (const char* field : {"id",
                            "addr",
                            "addrbind",
                            "network",
                            "services",
                            "servicesnames",
                            "relaytxes",
                            "lastsend",
                            "lastrecv",
                            "bytessent",
                            "bytesrecv",
                            "conntime",
                            "timeoffset",
                            "version",
                            "subver",
                            "inbound",
                            "startingheight",
                            "connection_type",
                            "bytessent_per_msg",
                            "bytesrecv_per_msg",
                            "addr_relay_enabled",
                            "addr_processed",
                            "addr_rate_limited",
                            "permissions",
                            "transport_protocol_type"}) {
    EXPECT_TRUE(in.contains(field)) << field;
    EXPECT_TRUE(out.contains(field)) << field;
  }
  EXPECT_TRUE(in["inbound"]);
  EXPECT_EQ(in["connection_type"], "inbound");
  EXPECT_FALSE(out["inbound"]);
  EXPECT_EQ(out["connection_type"], "manual");  // --connect peers are manual, as in Core
  EXPECT_EQ(out["addr"], a.p2p());
  EXPECT_EQ(in["addrbind"], a.p2p());
  EXPECT_EQ(out["network"], "not_publicly_routable");
  EXPECT_EQ(out["version"], 70016);
  EXPECT_EQ(out["subver"].get<std::string>().rfind("/btcnet:", 0), 0u);
  EXPECT_EQ(out["transport_protocol_type"], "v1");
  EXPECT_GE(out["bytessent_per_msg"]["version"], 24 + 86);
  EXPECT_GT(out["bytessent"], 0);
  EXPECT_GT(out["bytesrecv"], 0);
  EXPECT_TRUE(plausible_time(out["conntime"]));
  EXPECT_TRUE(plausible_time(out["lastrecv"]));
  EXPECT_GE(out["pingtime"].get<double>(), 0.0);
  EXPECT_LT(out["pingtime"].get<double>(), 5.0);
  EXPECT_EQ(a.call("getconnectioncount"), 1);
  const json info = b.call("getnetworkinfo");
  EXPECT_EQ(info["connections_out"], 1);
  EXPECT_EQ(info["protocolversion"], 70016);
  const json totals = a.call("getnettotals");
  EXPECT_EQ(totals["totalbytesrecv"], in["bytesrecv"]);
  EXPECT_EQ(b.call("getaddednodeinfo").size(), 0u);  // --connect peers are not addnode peers
}

TEST_F(BtcnetdRpc, AddnodeRemoveDisconnectsAndDoesNotReconnect) {
  node_process a(dir / "a", {});
  a.start();
  node_process b(dir / "b", {});
  b.start();
  b.call("addnode", {a.p2p(), "add"});
  ASSERT_TRUE(eventually([&] { return a.peer_count() == 1; }));
  const json added = b.call("getaddednodeinfo");
  ASSERT_EQ(added.size(), 1u);
  EXPECT_TRUE(added[0]["connected"]);
  b.call("addnode", {a.p2p(), "remove"});
  ASSERT_TRUE(eventually([&] { return a.peer_count() == 0 && b.peer_count() == 0; }));
  std::this_thread::sleep_for(6s);  // longer than the retry interval
  EXPECT_EQ(a.peer_count(), 0u);
  EXPECT_TRUE(b.call("getaddednodeinfo").empty());
  // disconnectnode by id ends a onetry connection the same way.
  b.call("addnode", {a.p2p(), "onetry"});
  ASSERT_TRUE(eventually([&] { return b.peer_count() == 1; }));
  b.call("disconnectnode", {"", b.call("getpeerinfo")[0]["id"]});
  EXPECT_TRUE(eventually([&] { return a.peer_count() == 0; }));
}

TEST_F(BtcnetdRpc, SetbanClosesRefusesAndSurvivesARestart) {
  node_process a(dir / "a", {});
  a.start();
  node_process b(dir / "b", {"--addpeer=" + a.p2p()});  // keeps retrying
  b.start();
  ASSERT_TRUE(eventually([&] { return a.peer_count() == 1; }));
  a.call("setban", {"127.0.0.1", "add", 3600});
  ASSERT_TRUE(eventually([&] { return a.peer_count() == 0; }));
  std::this_thread::sleep_for(3s);  // b retries; a refuses at accept
  EXPECT_EQ(a.peer_count(), 0u);
  ASSERT_EQ(a.stop_and_wait(), 0);
  EXPECT_TRUE(fs::exists(a.data_dir() / "banlist.json"));
  a.start();
  const json bans = a.call("listbanned");
  ASSERT_EQ(bans.size(), 1u);
  EXPECT_EQ(bans[0]["address"], "127.0.0.1/32");
  EXPECT_GT(bans[0]["time_remaining"], 3500);
  std::this_thread::sleep_for(3s);
  EXPECT_EQ(a.peer_count(), 0u);  // still refused after the restart
  a.call("setban", {"127.0.0.1", "remove"});
  EXPECT_TRUE(eventually([&] { return a.peer_count() == 1; }));
}

TEST_F(BtcnetdRpc, StopExitsCleanlyAndSavesTheAddressBook) {
  node_process a(dir / "a", {});
  a.start();
  EXPECT_TRUE(fs::exists(a.data_dir() / ".cookie"));
  EXPECT_EQ(a.call("uptime").is_number_integer(), true);
  EXPECT_EQ(a.stop_and_wait(), 0);
  EXPECT_TRUE(fs::exists(a.data_dir() / "peers.json"));
  EXPECT_FALSE(fs::exists(a.data_dir() / ".cookie"));  // deleted at shutdown, as Core does
  EXPECT_FALSE(fs::exists(a.data_dir() / "rpc.endpoint"));
}

TEST_F(BtcnetdRpc, BadCredentialsAndBodiesGetHttpAnswers) {
  node_process a(dir / "a", {});
  a.start();
  auto where = *a.locate();
  const std::string ok = R"({"method":"uptime","id":1})";
  EXPECT_EQ(rpc::http_post(where.host_port, {"__cookie__", "wrong"}, ok, 5s).status, 401u);
  EXPECT_EQ(rpc::http_post(where.host_port, {}, ok, 5s).status, 401u);
  EXPECT_EQ(rpc::http_post(where.host_port, where.auth, std::string(2 << 20, ' '), 10s).status,
            413u);
  auto bad = rpc::http_post(where.host_port, where.auth, "{\"method\":", 5s);
  EXPECT_EQ(bad.status, 500u);
  EXPECT_EQ(json::parse(bad.body)["error"]["code"], rpc::error_code::parse_error);
  EXPECT_EQ(rpc::http_post(where.host_port, where.auth, ok, 5s).status, 200u);  // still fine
}

TEST_F(BtcnetdRpc, UserAndPasswordReplaceTheCookie) {
  node_process a(dir / "a", {"--rpcuser=alice", "--rpcpass=secret"});
  a.start({"alice", "secret"});
  EXPECT_FALSE(fs::exists(a.data_dir() / ".cookie"));
  const auto where = *a.locate();
  const std::string ok = R"({"method":"uptime","id":1})";
  EXPECT_EQ(rpc::http_post(where.host_port, {"alice", "secret"}, ok, 5s).status, 200u);
  EXPECT_EQ(rpc::http_post(where.host_port, {"alice", "Secret"}, ok, 5s).status, 401u);
}

TEST_F(BtcnetdRpc, SigkillWhileSavingLosesNoFile) {
  node_process a(dir / "a", {});
  for (int round = 0; round < 4; ++round) {
    a.start();
    // Ban changes are saved at once: kill the node in the middle of a stream of them. On odd
    // rounds the kill lands in the shutdown, while peers.json is being written.
    std::thread bans([&] {
      for (int i = 0; i < 30; ++i)
        a.try_call("setban", {"10.0." + std::to_string(round) + "." + std::to_string(i), "add"});
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(50 + 40 * round));
    if (round % 2 == 1) {
      a.signal(SIGTERM);
      std::this_thread::sleep_for(std::chrono::milliseconds(5 * round));
    }
    a.kill_now();
    bans.join();
  }
  a.start();
  EXPECT_GT(a.call("listbanned").size(), 0u);
  ASSERT_EQ(a.stop_and_wait(), 0);
  a.start();
  EXPECT_TRUE(a.call("getaddrmaninfo").contains("all_networks"));
  for (const auto& entry : fs::directory_iterator(a.data_dir()))
    EXPECT_EQ(entry.path().filename().string().find("corrupt"), std::string::npos)
        << entry.path();  // every file loaded: nothing was set aside
}

}  // namespace
}  // namespace btcnet::node
