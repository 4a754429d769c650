// btcnet-inspect attached to running btcnetd processes, as a user runs it: the JSON snapshot lists
// every actor and exactly one peer actor per connection; a followed trace shows the seed's flow
// live; the interactive view draws its table in an 80x24 tmux pane and quits on q; controls act;
// nothing is served without credentials, and /metrics and /inspector are served with them.
#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <set>

#include "net/rpc/http_client.hpp"
#include "tests/support/btcnetd_process.hpp"

namespace btcnet::inspect {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using nlohmann::json;
using test::eventually;
using test::node_process;

struct BtcnetInspect : ::testing::Test {
  fs::path dir = fs::temp_directory_path() / ("btcnet-inspect-" + std::to_string(::getpid()));
  void SetUp() override { fs::remove_all(dir); }
  void TearDown() override { fs::remove_all(dir); }

  std::vector<std::string> inspect_args(const node_process& n, std::vector<std::string> more) {
    std::vector<std::string> args{BTCNET_INSPECT, "--regtest", "--datadir=" + n.root().string()};
    args.insert(args.end(), more.begin(), more.end());
    return args;
  }

  // Runs btcnet-inspect to its end; its exit code and standard output.
  std::pair<int, std::string> run(const node_process& n, std::vector<std::string> more) {
    test::child_process p(inspect_args(n, std::move(more)), test::child_output::pipe);
    std::string out;
    while (auto line = p.read_line(20s)) out += *line + "\n";
    return {p.wait_exit(10s).value_or(-2), out};
  }

  json snapshot(const node_process& n) {
    auto [rc, out] = run(n, {"--json"});
    EXPECT_EQ(rc, 0) << out;
    return json::parse(out, nullptr, false);
  }

  static std::multiset<std::string> kinds(const json& snap) {
    std::multiset<std::string> out;
    for (const auto& a : snap["actors"]) out.insert(a["kind"].get<std::string>());
    return out;
  }
};

TEST_F(BtcnetInspect, JsonSnapshotListsEveryActorAndOnePeerActorPerConnection) {
  node_process a(dir / "a", {});
  a.start();
  node_process b(dir / "b", {"--connect=" + a.p2p()});
  b.start();
  node_process c(dir / "c", {"--connect=" + a.p2p()});
  c.start();
  ASSERT_TRUE(eventually([&] { return a.peer_count() == 2; }));
  const json snap = snapshot(a);
  ASSERT_TRUE(snap.is_object());
  const auto k = kinds(snap);
  for (const char* kind :
       {"conn_manager", "dialer", "addr_manager", "server", "listener", "rpc", "registry", "tracer"})
    EXPECT_EQ(k.count(kind), 1u) << kind;
  EXPECT_EQ(k.count("peer"), 2u);
  std::set<std::string> peer_actors, peers;
  for (const auto& actor : snap["actors"]) {
    EXPECT_TRUE(actor["state"].is_object()) << actor.dump();
    if (actor["kind"] == "peer") peer_actors.insert(actor["name"].get<std::string>());
    if (actor["kind"] == "listener") {
      EXPECT_EQ(actor["name"], a.p2p());
    }
  }
  for (const auto& p : snap["peers"]) peers.insert(p["addr"].get<std::string>());
  EXPECT_EQ(peer_actors, peers);  // the peer actors are named by the peers' addresses
  c.kill_now();
  EXPECT_TRUE(eventually([&] { return kinds(snapshot(a)).count("peer") == 1; }));
}

TEST_F(BtcnetInspect, AFollowedTraceShowsTheSeedsFlowLive) {
  node_process a(dir / "a", {});
  a.start();
  node_process b(dir / "b", {});
  b.start();
  test::child_process follow(inspect_args(b, {"trace", "--start", "--follow", "--interval=0.05"}),
                             test::child_output::pipe);
  ASSERT_TRUE(eventually([&] { return b.call("trace", {"read", {{"since", 1u << 30}}})["enabled"] == true; }));
  b.call("addnode", {a.p2p(), "onetry"});
  const std::vector<std::tuple<std::string, std::string, std::string>> flow{
      {"conn_manager", "message", "register_pending"},
      {"conn_manager", "message", "handle_connected"},
      {"server", "message", "outbound_peer_connected"},
      {"peer", "wire_out", "version"},
      {"peer", "wire_in", "version"},
      {"peer", "wire_in", "verack"},
      {"server", "message", "peer_added"}};
  std::size_t matched = 0;
  while (matched < flow.size()) {
    auto line = follow.read_line(15s);
    ASSERT_TRUE(line) << "the trace stopped after step " << matched;
    const json e = json::parse(*line);
    if (flow[matched] == std::tuple{e["kind"].get<std::string>(), e["direction"].get<std::string>(),
                                    e["type"].get<std::string>()})
      ++matched;
  }
  follow.signal(SIGTERM);
  EXPECT_EQ(follow.wait_exit(10s), 0);
  // The trace it started is stopped when it leaves.
  EXPECT_EQ(b.call("trace", {"read", {{"since", 1u << 30}}})["enabled"], false);
}

TEST_F(BtcnetInspect, InteractiveViewInATmuxPane) {
  node_process a(dir / "a", {});
  a.start();
  node_process b(dir / "b", {"--connect=" + a.p2p()});
  b.start();
  ASSERT_TRUE(eventually([&] { return a.peer_count() == 1; }));
  const std::string socket = "btcnet-inspect-test-" + std::to_string(::getpid());
  std::string command;
  for (const auto& arg : inspect_args(a, {})) command += arg + " ";
  auto tmux = [&](const std::string& args, const std::string& out = "/dev/null") {
    return std::system(("tmux -L " + socket + " " + args + " >" + out + " 2>/dev/null").c_str());
  };
  struct server_guard {  // the pane and its program go, however the test ends
    std::function<void()> stop;
    ~server_guard() { stop(); }
  } guard{[&] { tmux("kill-server"); }};
  ASSERT_EQ(tmux("new-session -d -s view -x 80 -y 24 '" + command + "'"), 0);
  const std::string pane = (dir / "pane.txt").string();
  fs::create_directories(dir);
  auto capture = [&] {
    tmux("capture-pane -p -t view", pane);
    std::ifstream in(pane);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  std::string screen;
  ASSERT_TRUE(eventually([&] {
    screen = capture();
    return screen.find("conn_manager") != std::string::npos &&
           screen.find("127.0.0.1") != std::string::npos;
  })) << screen;
  EXPECT_NE(screen.find("KIND"), std::string::npos) << screen;
  EXPECT_NE(screen.find("peer"), std::string::npos) << screen;
  EXPECT_NE(screen.find("q quit"), std::string::npos) << screen;
  std::size_t lines = 0, start = 0;
  for (std::size_t nl; (nl = screen.find('\n', start)) != std::string::npos; start = nl + 1) {
    EXPECT_LE(nl - start, 80u);
    ++lines;
  }
  EXPECT_EQ(lines, 24u);
  tmux("send-keys -t view j Enter");  // details of the second actor
  EXPECT_TRUE(eventually([&] { return capture().find("esc back") != std::string::npos; }));
  tmux("send-keys -t view q");
  EXPECT_TRUE(eventually([&] { return tmux("has-session -t view") != 0; }, 5s))
      << "btcnet-inspect did not quit on q";
}

TEST_F(BtcnetInspect, ControlsActOnTheNode) {
  node_process a(dir / "a", {});
  a.start();
  node_process b(dir / "b", {});
  b.start();
  auto [rc, out] = run(b, {"connect", a.p2p()});
  EXPECT_EQ(rc, 0) << out;
  ASSERT_TRUE(eventually([&] { return a.peer_count() == 1 && b.peer_count() == 1; }));
  const auto id = b.call("getpeerinfo")[0]["id"].get<int>();
  std::tie(rc, out) = run(b, {"disconnect", std::to_string(id)});
  EXPECT_EQ(rc, 0) << out;
  EXPECT_TRUE(eventually([&] { return b.peer_count() == 0; }));
  std::tie(rc, out) = run(a, {"ban", "127.0.0.1", "600"});
  EXPECT_EQ(rc, 0) << out;
  EXPECT_EQ(a.call("listbanned").size(), 1u);
  std::tie(rc, out) = run(b, {"disconnect", "127.0.0.9:1"});  // no such peer
  EXPECT_EQ(rc, 1);
}

TEST_F(BtcnetInspect, NothingWithoutCredentialsMetricsAndPageWithThem) {
  node_process a(dir / "a", {});
  a.start();
  node_process b(dir / "b", {"--connect=" + a.p2p()});
  b.start();
  ASSERT_TRUE(eventually([&] { return a.peer_count() == 1; }));
  const auto where = *a.locate();
  auto [rc, out] = run(a, {"--rpcserver=" + where.host_port, "--rpcuser=x", "--rpcpass=y", "--json"});
  EXPECT_EQ(rc, 1);
  for (const char* target : {"/metrics", "/inspector", "/inspector/inspector.js"})
    EXPECT_EQ(rpc::http_get(where.host_port, {"__cookie__", "wrong"}, target, 5s).status, 401u)
        << target;
  const auto metrics = rpc::http_get(where.host_port, where.auth, "/metrics", 5s);
  EXPECT_EQ(metrics.status, 200u);
  EXPECT_NE(metrics.body.find("# TYPE btcnet_actor_messages_total counter"), std::string::npos);
  EXPECT_NE(metrics.body.find("btcnet_actors{kind=\"peer\"} 1"), std::string::npos) << metrics.body;
  EXPECT_NE(metrics.body.find("btcnet_peers{type=\"inbound\"} 1"), std::string::npos);
  EXPECT_NE(metrics.body.find("btcnet_actor_handling_seconds_bucket{kind=\"server\",le=\"+Inf\"}"),
            std::string::npos);
  const auto page = rpc::http_get(where.host_port, where.auth, "/inspector", 5s);
  EXPECT_EQ(page.status, 200u);
  EXPECT_NE(page.body.find("btcnet inspector"), std::string::npos);
  EXPECT_EQ(rpc::http_get(where.host_port, where.auth, "/inspector/inspector.js", 5s).status, 200u);
  EXPECT_EQ(rpc::http_get(where.host_port, where.auth, "/inspector/nothing", 5s).status, 404u);
}

}  // namespace
}  // namespace btcnet::inspect
