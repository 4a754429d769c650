// btcnetd, the process a user starts, against an independent implementation: the scripted
// python-bitcoinlib peer (Debian's /usr/bin/python3) completes the handshake with it in both
// directions — it connects to the node's listener, and the node connects (--connect) to it —
// and each side sees the other: the script reports our version and pong, getpeerinfo lists it.
// Loopback only, no routable addresses: no namespace is needed.
#include <gtest/gtest.h>

#include "btcnet/version.hpp"
#include "tests/support/btcnetd_process.hpp"
#include "tests/support/python_peer.hpp"

namespace btcnet::node {
namespace {

namespace fs = std::filesystem;
using rpc::json;
using test::eventually;

constexpr const char* bitcoinlib_agent = "/python-bitcoinlib:0.11.2/";
const std::string our_agent = std::string("/btcnet:") + version_string + "/";

struct BtcnetdInterop : ::testing::Test {
  fs::path dir = fs::temp_directory_path() / ("btcnetd-interop-" + std::to_string(::getpid()));
  void SetUp() override { fs::remove_all(dir); }
  void TearDown() override { fs::remove_all(dir); }

  // The python peer in the node's getpeerinfo, or null.
  static json python_entry(test::node_process& node) {
    for (const auto& p : node.call("getpeerinfo"))
      if (p["subver"] == bitcoinlib_agent) return p;
    return nullptr;
  }

  static void expect_handshake(const json& r, const test::python_peer& py) {
    ASSERT_TRUE(r.is_object()) << "no result from " << py.command();
    EXPECT_TRUE(r["error"].is_null()) << r.dump();
    EXPECT_EQ(py.status(), 0) << r.dump();
    EXPECT_TRUE(r["handshake"].get<bool>()) << r.dump();
    EXPECT_EQ(r["pong_ok"], true) << r.dump();
    EXPECT_EQ(r["their_version"]["user_agent"], our_agent) << r.dump();
    EXPECT_EQ(r["their_version"]["version"], 70016);
    EXPECT_TRUE(r["rejects"].empty()) << r.dump();
  }
};

TEST_F(BtcnetdInterop, PythonPeerConnectsToTheNode) {
  test::node_process node(dir / "a", {});
  node.start();
  test::python_peer py("connect --port " + std::to_string(node.port()) +
                       " --version 70016 --seconds 4 --getaddr-wait 1");
  json seen;
  ASSERT_TRUE(eventually([&] { return !(seen = python_entry(node)).is_null(); }));
  EXPECT_TRUE(seen["inbound"]);
  EXPECT_EQ(seen["connection_type"], "inbound");
  EXPECT_EQ(seen["version"], 70016);
  // Our ping is answered by the script's pong.
  EXPECT_TRUE(eventually([&] {
    seen = python_entry(node);
    return !seen.is_null() && seen.contains("pingtime");
  }));
  const json r = py.finish();
  expect_handshake(r, py);
  EXPECT_GE(r["pings_answered"].get<int>(), 1) << r.dump();
  EXPECT_TRUE(eventually([&] { return node.peer_count() == 0; }));  // it left; the node noticed
}

TEST_F(BtcnetdInterop, NodeConnectsToAPythonListener) {
  test::python_peer py("listen --version 70016 --seconds 4 --expect-agent " + our_agent);
  const auto first = py.next_line();
  ASSERT_TRUE(first && first->contains("listening")) << "the script did not start listening";
  const auto port = (*first)["listening"].get<std::uint16_t>();
  test::node_process node(dir / "b", {"--connect=127.0.0.1:" + std::to_string(port)});
  node.start();
  json seen;
  ASSERT_TRUE(eventually([&] { return !(seen = python_entry(node)).is_null(); }));
  EXPECT_FALSE(seen["inbound"]);
  EXPECT_EQ(seen["connection_type"], "manual");
  EXPECT_EQ(seen["addr"], "127.0.0.1:" + std::to_string(port));
  const json r = py.finish();
  expect_handshake(r, py);
  for (const auto& [check, ok] : r["version_checks"].items())
    EXPECT_TRUE(ok.get<bool>()) << "our version failed the script's check " << check;
  EXPECT_TRUE(r["getaddr_received"].get<bool>()) << r.dump();
}

}  // namespace
}  // namespace btcnet::node
