// DNS seeding in virtual time with a scripted resolver (no real DNS, ever): every seed is asked,
// answers land in the address manager with btcd's 3-7 day ages and the network's port, failures
// are counted and logged, nothing else happens.
#include "actors/dns_seeder/dns_seeder.hpp"

#include "actors/addr_manager/addr_manager.hpp"
#include "tests/actors/support/actor_test_fixture.hpp"

namespace btcnet::actors {
namespace {

constexpr std::int64_t t0 = 1'700'000'000;

struct DnsSeederTest : test::actor_test {
  std::vector<std::string> asked;
  std::map<std::string, std::vector<wire::endpoint>> answers;
  addr_manager_actor addresses;
  dns_seeder_actor seeder;

  void make(std::vector<std::string> seeds) {
    addr_manager_config ac;
    ac.clock = time_source::anchored(sys.clock(), t0);
    ac.rng_seed = 1;
    addresses = spawn_addr_manager(sys, ac);
    dns_seeder_config c;
    c.seeds = std::move(seeds);
    c.default_port = 18333;
    c.clock = ac.clock;
    c.rng_seed = 2;
    c.lookup = [this](const std::string& host, auto done) {
      asked.push_back(host);
      auto it = answers.find(host);
      if (it == answers.end()) return done(std::make_error_code(std::errc::host_unreachable), {});
      done({}, it->second);
    };
    seeder = spawn_dns_seeder(sys, c, addresses);
    sched.run();
  }
  ~DnsSeederTest() override {
    caf::anon_send_exit(seeder, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(addresses, caf::exit_reason::user_shutdown);
    sched.run();
  }
};

TEST_F(DnsSeederTest, EverySeedIsAskedAndItsAddressesStored) {
  for (std::uint8_t i = 1; i <= 5; ++i)
    answers["seed.a"].push_back(wire::endpoint::ipv4(20, i, 0, 1, 0));
  answers["seed.b"] = {wire::endpoint::ipv4(30, 0, 0, 1, 0)};
  make({"seed.a", "seed.b", "seed.down"});
  EXPECT_TRUE(asked.empty());  // nothing until told
  caf::anon_send(seeder, seed_now{});
  sched.run();
  EXPECT_EQ(asked, (std::vector<std::string>{"seed.a", "seed.b", "seed.down"}));
  const auto counts = ask<seed_snapshot>(seeder, get_seed_state{});
  EXPECT_EQ(counts.succeeded, 2u);
  EXPECT_EQ(counts.failed, 1u);
  EXPECT_EQ(counts.pending, 0u);
  EXPECT_EQ(counts.addresses, 6u);
  const auto stored = ask<address_list>(addresses, sample_addresses{0, ""});
  ASSERT_EQ(stored.size(), 6u);
  for (const auto& a : stored) {
    EXPECT_EQ(a.where.port, 18333);  // the network's port, whatever DNS said
    const std::int64_t age = t0 - static_cast<std::int64_t>(a.time);
    EXPECT_GE(age, seed_age_min);
    EXPECT_LT(age, seed_age_min + seed_age_spread);
  }
}

TEST_F(DnsSeederTest, AnEmptyAnswerIsAFailure) {
  answers["seed.empty"] = {};
  make({"seed.empty"});
  caf::anon_send(seeder, seed_now{});
  sched.run();
  EXPECT_EQ(ask<seed_snapshot>(seeder, get_seed_state{}).failed, 1u);
  EXPECT_TRUE(ask<address_list>(addresses, sample_addresses{0, ""}).empty());
}

}  // namespace
}  // namespace btcnet::actors
