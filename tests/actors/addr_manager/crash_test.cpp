// Kill (SIGKILL) a process while it saves peers.json in a loop: the file left behind always
// loads, and holds every address of the last save that completed.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <random>
#include <thread>

#include "actors/addr_manager/peers_json.hpp"
#include "tests/actors/addr_manager/book_test_util.hpp"
#include "tests/actors/addr_manager/temp_dir.hpp"

namespace btcnet::addr_manager {
namespace {

using test::at;
using test::ipv4;
using test::t0;

constexpr int per_round = 40;
constexpr int max_rounds = 150;

// Round r adds addresses r*40 .. r*40+39, each in its own /16, from a source of its own.
wire::endpoint address_of(int n) {
  return ipv4(20 + n / 256, n % 256, 7, 7);
}

[[noreturn]] void saver(const std::filesystem::path& file, int progress_fd) {
  address_book book(test::fixed_key(), 1);
  for (int round = 0;; ++round) {
    if (round < max_rounds) {
      std::vector<wire::peer_address> batch;
      for (int i = 0; i < per_round; ++i) batch.push_back(at(address_of(round * per_round + i)));
      book.add_addresses(batch, at(ipv4(200, round, 1, 1)), t0);
    }
    if (save_peers(book, file)) _exit(2);
    const int done = std::min(round, max_rounds - 1);
    if (::write(progress_fd, &done, sizeof done) != sizeof done) _exit(3);
  }
}

// The last round the child reported as saved, or -1.
int last_completed(int fd) {
  int last = -1, v = 0;
  while (::read(fd, &v, sizeof v) == sizeof v) last = v;
  return last;
}

TEST(PeersJsonCrash, SigkillDuringSaveLeavesALoadableFile) {
  test::temp_dir dir;
  const auto file = dir.path() / "peers.json";
  std::mt19937_64 rng(2024);
  int checked_after_save = 0;
  for (int run = 0; run < 12; ++run) {
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    const pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      ::close(fds[0]);
      saver(file, fds[1]);
    }
    ::close(fds[1]);
    std::this_thread::sleep_for(std::chrono::milliseconds(2 + rng() % 120));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "saver exited with " << WEXITSTATUS(status);
    const int last = last_completed(fds[0]);
    ::close(fds[0]);

    auto out = load_peers(file, 1, t0);
    if (out.result == load_outcome::status::missing) {
      ASSERT_EQ(last, -1);  // killed before the first save ever finished
      continue;
    }
    ASSERT_EQ(out.result, load_outcome::status::loaded) << "run " << run << ": " << out.warning;
    ASSERT_EQ(out.book->check_invariants(), "");
    for (int n = 0; n <= last * per_round + per_round - 1 && last >= 0; ++n)
      ASSERT_NE(out.book->find(address_of(n)), nullptr) << "run " << run << " lost address " << n;
    checked_after_save += last >= 0;
  }
  EXPECT_GT(checked_after_save, 3);
}

}  // namespace
}  // namespace btcnet::addr_manager
