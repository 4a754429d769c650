// btcnet-load against a btcnetd process, as the benchmarks and CI use it: every mode runs and
// reports what it measured; the short hostile catalogue passes (the node stays up, keeps serving,
// stays under its memory bound); an inbound connection flood leaves RPC answering and the
// established peers connected; targets off loopback are refused before any connection. The floor
// responder (btcnet-floor) serves the handshake mode.
#include <gtest/gtest.h>

#include <cstdlib>
#include <thread>

#include "tests/support/btcnetd_process.hpp"

namespace btcnet::load {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using nlohmann::json;
using test::eventually;
using test::node_process;

struct BtcnetLoad : ::testing::Test {
  fs::path dir = fs::temp_directory_path() / ("btcnet-load-" + std::to_string(::getpid()));
  void SetUp() override { fs::remove_all(dir); }
  void TearDown() override { fs::remove_all(dir); }

  // Runs btcnet-load to its end: exit code and its JSON result.
  static std::pair<int, json> load(std::vector<std::string> args) {
    args.insert(args.begin(), BTCNET_LOAD);
    args.push_back("--quiet");
    test::child_process p(args, test::child_output::pipe);
    std::string out;
    while (auto line = p.read_line(300s)) out += *line + "\n";
    const int rc = p.wait_exit(30s).value_or(-2);
    return {rc, json::parse(out, nullptr, false)};
  }

  static std::vector<std::string> at(const node_process& n) {
    return {"--target", n.p2p(), "--pid", std::to_string(n.pid())};
  }
};

TEST_F(BtcnetLoad, HandshakeHoldAndFloodMeasureTheNode) {
  node_process n(dir / "a", {"--maxpeers=300"});
  n.start();
  auto args = at(n);
  args.insert(args.begin(), {"handshake", "--total", "300", "--concurrency", "16"});
  auto [rc, r] = load(args);
  ASSERT_EQ(rc, 0) << r.dump(2);
  EXPECT_EQ(r["completed"], 300);
  EXPECT_GT(r["handshakes_per_target_cpu_second"].get<double>(), 0);
  EXPECT_GT(r["latency"]["p99_ms"].get<double>(), 0);

  args = at(n);
  args.insert(args.begin(), {"hold", "--peers", "100", "--seconds", "2", "--ping-interval", "1"});
  std::tie(rc, r) = load(args);
  ASSERT_EQ(rc, 0) << r.dump(2);
  EXPECT_EQ(r["held"], 100);
  EXPECT_GE(r["rounds"].size(), 1u);
  EXPECT_EQ(r["rounds"][0]["count"], 100);
  EXPECT_TRUE(r.contains("target_bytes_per_peer"));
  EXPECT_TRUE(eventually([&] { return n.peer_count() == 0; }));  // it let them go

  for (const char* msg : {"ping", "addr", "inv"}) {
    args = at(n);
    args.insert(args.begin(), {"flood", "--peers", "4", "--msg", msg, "--seconds", "1", "--rate",
                               std::string(msg) == "ping" ? "0" : "2000"});
    std::tie(rc, r) = load(args);
    ASSERT_EQ(rc, 0) << msg << ": " << r.dump(2);
    EXPECT_GT(r["sent"].get<std::uint64_t>(), 100u) << msg;
    EXPECT_GT(r["latency"]["count"].get<std::uint64_t>(), 0u) << msg;
  }
  EXPECT_EQ(n.stop_and_wait(), 0);
}

// ASan keeps freed blocks in a quarantine (256 MB by default) before reusing them, so a node that
// receives and frees 12 MB of pings grows its RSS by the quarantine, not by what it holds. With a
// small quarantine the RSS bound measures the node's live memory (CI saw 335 MiB without this).
void small_asan_quarantine() {
  const char* given = std::getenv("ASAN_OPTIONS");
  const std::string options = std::string(given ? given : "") + ":quarantine_size_mb=16";
  ::setenv("ASAN_OPTIONS", options.c_str(), 1);
}

TEST_F(BtcnetLoad, TheShortHostileCatalogueLeavesTheNodeServing) {
  small_asan_quarantine();  // the node inherits it; a build without ASan ignores it
  node_process n(dir / "a", {});
  n.start();
  auto args = at(n);
  args.insert(args.begin(), {"hostile", "--short", "--rss-limit-mb", "256"});
  auto [rc, r] = load(args);
  EXPECT_EQ(rc, 0) << r.dump(2);
  ASSERT_TRUE(r.contains("cases")) << r.dump(2);
  EXPECT_EQ(r["cases"].size(), 13u);
  for (const auto& c : r["cases"]) EXPECT_TRUE(c["ok"].get<bool>()) << c.dump();
  EXPECT_FALSE(n.call("listbanned").empty());  // the peer sending undecodable messages
  EXPECT_EQ(n.stop_and_wait(), 0);
}

TEST_F(BtcnetLoad, AConnectionFloodLeavesRpcAndEstablishedPeersAlone) {
  node_process a(dir / "a", {"--maxpeers=300"});
  a.start();
  node_process b(dir / "b", {"--connect=" + a.p2p()});
  b.start();
  ASSERT_TRUE(eventually([&] { return a.peer_count() == 1; }));
  const auto before = b.call("getpeerinfo");
  std::atomic<bool> flooding{true};
  std::atomic<int> rpc_answers{0}, rpc_failures{0};
  std::thread watcher([&] {
    while (flooding) {
      (a.try_call("getconnectioncount") ? rpc_answers : rpc_failures)++;
      std::this_thread::sleep_for(100ms);
    }
  });
  auto args = at(a);
  args.insert(args.begin(), {"connflood", "--rate", "5000", "--seconds", "3"});
  auto [rc, r] = load(args);
  flooding = false;
  watcher.join();
  EXPECT_EQ(rc, 0) << r.dump(2);
  EXPECT_GT(r["accepted"].get<std::uint64_t>(), 1000u) << r.dump(2);
  EXPECT_GT(rpc_answers.load(), 10);
  EXPECT_EQ(rpc_failures.load(), 0);
  const auto after = b.call("getpeerinfo");  // the established peer was never dropped
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0]["id"], before[0]["id"]);
  EXPECT_EQ(after[0]["conntime"], before[0]["conntime"]);
}

// btcnet-floor, the floor the handshake figure is compared with, completes what the node does.
TEST_F(BtcnetLoad, TheFloorResponderCompletesHandshakesAndPings) {
  const std::uint16_t port = test::free_port();
  test::child_process floor({BTCNET_FLOOR, "--port", std::to_string(port)});
  ASSERT_TRUE(test::wait_for_listener(port));
  auto [rc, r] = load({"handshake", "--target", "127.0.0.1:" + std::to_string(port), "--total",
                       "500", "--concurrency", "16", "--pid", std::to_string(floor.pid())});
  ASSERT_EQ(rc, 0) << r.dump(2);
  EXPECT_EQ(r["completed"], 500);
  EXPECT_GT(r["handshakes_per_target_cpu_second"].get<double>(), 0);
}

TEST_F(BtcnetLoad, TheFloorResponderListensOnLoopbackOnly) {
  test::child_process floor({BTCNET_FLOOR, "--host", "10.0.0.1"});
  EXPECT_EQ(floor.wait_exit(10s), 1);
}

// Out of descriptors, the floor stops with an error instead of spinning on its listener.
TEST_F(BtcnetLoad, TheFloorResponderStopsWhenOutOfDescriptors) {
  const std::uint16_t port = test::free_port();
  test::child_process floor(
      {"/usr/bin/prlimit", "--nofile=16", BTCNET_FLOOR, "--port", std::to_string(port)});
  ASSERT_TRUE(test::wait_for_listener(port));
  std::vector<int> held;
  for (int i = 0; i < 32; ++i)
    held.push_back(test::connect_loopback(port));  // the backlog takes them
  EXPECT_EQ(floor.wait_exit(10s), 1);
  for (int fd : held)
    if (fd >= 0) ::close(fd);
}

TEST_F(BtcnetLoad, TargetsOffLoopbackAreRefused) {
  for (const char* target : {"10.0.0.1:8333", "8.8.8.8:8333", "[2001:db8::1]:8333"}) {
    auto [rc, r] = load({"handshake", "--target", target, "--total", "1"});
    EXPECT_EQ(rc, 2) << target;
  }
}

}  // namespace
}  // namespace btcnet::load
