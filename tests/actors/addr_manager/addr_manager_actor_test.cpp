// The addr_manager actor around the book, in virtual time: loading and saving peers.json (every
// 10 minutes and at exit), a corrupt file set aside and reported, btcd's newAddressFunc rules,
// and the counts the inspector and getaddrmaninfo read.
#include <fstream>

#include "actors/addr_manager/addr_manager.hpp"
#include "temp_dir.hpp"
#include "tests/actors/support/actor_test_fixture.hpp"

namespace btcnet::actors {
namespace {

using namespace std::chrono_literals;
constexpr std::int64_t start_time = 1'700'000'000;

struct AddrManagerActor : test::actor_test {
  addr_manager::test::temp_dir dir;
  addr_manager_actor am;

  addr_manager_config config() {
    addr_manager_config c;
    c.file = dir.path() / "peers.json";
    c.clock = time_source::anchored(sys.clock(), start_time);
    c.rng_seed = 7;
    return c;
  }
  void spawn(addr_manager_config c) {
    am = spawn_addr_manager(sys, std::move(c));
    sched.run();
  }
  void stop() {
    caf::anon_send_exit(am, caf::exit_reason::user_shutdown);
    sched.run();
    am = nullptr;
  }
  ~AddrManagerActor() override {
    if (am) stop();
  }

  static wire::peer_address at(std::uint8_t a, std::uint8_t b, std::uint16_t port = 8333) {
    return {static_cast<std::uint32_t>(start_time), wire::node_network,
            wire::endpoint::ipv4(a, b, 1, 1, port)};
  }
  void add(const address_list& list) {
    caf::anon_send(am, add_addresses{list, wire::endpoint::ipv4(99, 1, 1, 1, 8333)});
    sched.run();
  }
  addr_manager_snapshot state() { return ask<addr_manager_snapshot>(am, get_addr_manager_state{}); }
};

TEST_F(AddrManagerActor, AddressesSurviveARestart) {
  spawn(config());
  add({at(11, 1), at(12, 1), at(13, 1)});
  EXPECT_EQ(state().new_entries, 3u);
  stop();  // saves at exit, as btcd does
  ASSERT_TRUE(std::filesystem::exists(dir.path() / "peers.json"));
  spawn(config());
  EXPECT_EQ(state().new_entries, 3u);
}

TEST_F(AddrManagerActor, SavesEveryTenMinutes) {
  spawn(config());
  add({at(11, 1)});
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "peers.json"));
  advance(10min, 10s);
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "peers.json"));
}

TEST_F(AddrManagerActor, CorruptFileIsSetAsideAndReported) {
  std::ofstream(dir.path() / "peers.json") << "{\"Version\":2,\"Key\":[1,2";
  spawn(config());
  const auto s = state();
  EXPECT_EQ(s.new_entries, 0u);
  EXPECT_NE(s.last_error.find("corrupt"), std::string::npos) << s.last_error;
  bool kept = false;
  for (const auto& e : std::filesystem::directory_iterator(dir.path()))
    kept |= e.path().filename().string().rfind("peers.json.corrupt-", 0) == 0;
  EXPECT_TRUE(kept);
}

TEST_F(AddrManagerActor, SelectionSkipsExcludedGroupsAndMarksTheAttempt) {
  spawn(config());
  add({at(11, 1), at(12, 1)});
  const auto first = ask<selected_address>(am, select_address{{"11.1.0.0"}, 8333});
  ASSERT_TRUE(first.found);
  EXPECT_EQ(first.address.where.host(), "12.1.1.1");
  EXPECT_FALSE(ask<selected_address>(am, select_address{{"11.1.0.0", "12.1.0.0"}, 8333}).found);
}

TEST_F(AddrManagerActor, NonDefaultPortsAreAvoidedAtFirst) {
  int default_port = 0;
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {  // a fresh book each time: no attempt history
    auto c = config();
    c.file.clear();
    c.rng_seed = seed;
    spawn(c);
    add({at(11, 1, 8333), at(12, 1, 9999)});
    const auto s = ask<selected_address>(am, select_address{{}, 8333});
    ASSERT_TRUE(s.found);
    default_port += s.address.where.port == 8333;
    stop();
  }
  EXPECT_EQ(default_port, 20);
}

TEST_F(AddrManagerActor, EmptyBookHasNothingToSelectAndNeedsAddresses) {
  spawn(config());
  EXPECT_FALSE(ask<selected_address>(am, select_address{}).found);
  EXPECT_TRUE(ask<bool>(am, need_more_addresses{}));
  EXPECT_TRUE(ask<address_list>(am, get_address_cache{}).empty());
}

TEST_F(AddrManagerActor, GoodMovesToTriedAndCountsPerNetwork) {
  spawn(config());
  add({at(11, 1), at(12, 1)});
  caf::anon_send(am, mark_good{at(11, 1).where});
  sched.run();
  const auto s = state();
  EXPECT_EQ(s.tried_entries, 1u);
  EXPECT_EQ(s.new_entries, 1u);
  ASSERT_FALSE(s.networks.empty());
  EXPECT_EQ(s.networks[0].network, "ipv4");
  EXPECT_EQ(s.networks[0].new_entries + s.networks[0].tried_entries, 2u);
  EXPECT_EQ(ask<std::string>(am, get_group_key{at(11, 1).where}), "11.1.0.0");
}

TEST_F(AddrManagerActor, NotPersistedWithoutAFile) {
  auto c = config();
  c.file.clear();
  spawn(c);
  add({at(11, 1)});
  EXPECT_TRUE(ask<bool>(am, save_addresses{}));
  stop();
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

}  // namespace
}  // namespace btcnet::actors
