// Runs a test inside a private network namespace (unshare -n) that it creates, so a node given
// routable-looking addresses can never send a packet off the machine, even through a bug.
//
//   TEST(X, Y) { if (!btcnet::test::in_private_netns()) return; ...body... }
//
// Outside, the call re-runs this one test in a child `unshare -n` process with loopback up, waits,
// and reports the child's result; inside, it returns true and the body runs.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

namespace btcnet::test {

inline constexpr const char* netns_marker = "BTCNET_IN_PRIVATE_NETNS";

inline bool in_private_netns() {
  if (std::getenv(netns_marker)) return true;
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const std::string filter = std::string(info->test_suite_name()) + "." + info->name();
  char self_path[4096] = {};
  const ssize_t n = ::readlink("/proc/self/exe", self_path, sizeof self_path - 1);
  EXPECT_GT(n, 0);
  const std::string cmd =
      std::string(netns_marker) +
      "=1 unshare -n -- sh -c 'ip link set lo up && exec \"$0\" --gtest_filter=" + filter + "' '" +
      self_path + "'";
  const int status = std::system(cmd.c_str());
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0)
      << "the test failed inside its private network namespace (" << cmd << ")";
  return false;
}

// Inside the namespace: gives loopback another address (e.g. "11.1.0.1") to listen on and dial.
inline void add_loopback_address(const std::string& ip) {
  const std::string cmd = "ip addr add " + ip + "/32 dev lo";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
}

}  // namespace btcnet::test
