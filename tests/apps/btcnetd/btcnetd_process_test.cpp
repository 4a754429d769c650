// btcnetd as a process: it starts, serves a peer, refuses a second instance on the same data
// directory, rejects bad flags with a clear error, and shuts down cleanly on SIGTERM, saving its
// address book.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/support/child_process.hpp"
#include "tests/support/loopback.hpp"

namespace btcnet::node {
namespace {

namespace fs = std::filesystem;

struct BtcnetdProcess : ::testing::Test {
  fs::path dir = fs::temp_directory_path() / ("btcnetd-test-" + std::to_string(::getpid()));
  std::uint16_t port = test::free_port();

  void SetUp() override { fs::remove_all(dir); }
  void TearDown() override { fs::remove_all(dir); }

  std::vector<std::string> args(const std::string& datadir) {
    return {BTCNETD, "--regtest", "--datadir=" + datadir,
            "--listen=127.0.0.1:" + std::to_string(port), "--norpc"};
  }

  // Runs btcnetd to completion; returns its exit code and what it printed.
  static std::pair<int, std::string> run(const std::string& arguments) {
    const std::string cmd = std::string(BTCNETD) + " " + arguments + " 2>&1";
    std::FILE* pipe = ::popen(cmd.c_str(), "r");
    std::string out;
    char buf[512];
    while (std::size_t n = std::fread(buf, 1, sizeof buf, pipe)) out.append(buf, n);
    const int status = ::pclose(pipe);
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
  }
};

TEST_F(BtcnetdProcess, StartsServesAndStopsCleanlyOnSigterm) {
  test::child_process node(args(dir.string()));
  ASSERT_TRUE(test::wait_for_listener(port)) << "btcnetd did not listen";
  // A second node on the same data directory refuses to start.
  auto [rc, out] = run("--regtest --datadir=" + dir.string() + " --nolisten --norpc");
  EXPECT_EQ(rc, 1);
  EXPECT_NE(out.find("in use by another btcnetd"), std::string::npos) << out;
  EXPECT_EQ(node.terminate_and_wait(), 0);
  EXPECT_TRUE(fs::exists(dir / "regtest" / "peers.json"));
  std::ifstream log(dir / "logs" / "regtest" / "btcnetd.log");
  std::stringstream text;
  text << log.rdbuf();
  EXPECT_NE(text.str().find("Shutdown complete"), std::string::npos);
}

TEST_F(BtcnetdProcess, BadFlagsAreClearErrors) {
  for (const char* bad : {"--maxpeers=0", "--connect=127.0.0.1 --addpeer=127.0.0.2", "--nosuchflag",
                          "--regtest --testnet", "--banduration=soon"}) {
    auto [rc, out] = run(std::string(bad) + " --datadir=" + dir.string());
    EXPECT_EQ(rc, 1) << bad;
    EXPECT_NE(out.find("btcnetd:"), std::string::npos) << bad << ": " << out;
  }
  EXPECT_FALSE(fs::exists(dir / "mainnet" / "peers.json"));  // nothing was started
}

TEST_F(BtcnetdProcess, PortInUseIsAClearError) {
  test::child_process first(args((dir / "a").string()));
  ASSERT_TRUE(test::wait_for_listener(port));
  auto [rc, out] = run("--regtest --datadir=" + (dir / "b").string() +
                       " --listen=127.0.0.1:" + std::to_string(port) + " --norpc");
  EXPECT_EQ(rc, 1);
  EXPECT_NE(out.find("Can't listen on 127.0.0.1:" + std::to_string(port)), std::string::npos)
      << out;
}

// Running as root, permissions cannot make a path unusable; a regular file where a directory
// must be (and a directory where a file must be) can.
TEST_F(BtcnetdProcess, UnusablePathsAreClearErrors) {
  fs::create_directories(dir);
  const fs::path file = dir / "plain-file";
  std::ofstream(file) << "x";
  const std::string base = "--regtest --norpc --nolisten ";
  const std::pair<std::string, std::string> cases[] = {
      {"--datadir=" + (file / "d").string(), "cannot create data directory"},
      {"--datadir=" + (dir / "d").string() + " --logdir=" + (file / "l").string(),
       "cannot create log directory"},
      {"--datadir=" + (dir / "d").string() + " --configfile=" + dir.string(),
       "cannot read config file"},
      {"--datadir=" + (dir / "d").string() + " --configfile=" + (dir / "none.conf").string(),
       "does not exist"},
  };
  for (const auto& [flags, message] : cases) {
    auto [rc, out] = run(base + flags);
    EXPECT_EQ(rc, 1) << flags;
    EXPECT_NE(out.find(message), std::string::npos) << flags << ": " << out;
  }
}

}  // namespace
}  // namespace btcnet::node
