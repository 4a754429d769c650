// Whole simulated networks of real node actors, in virtual time: every node reaches its outbound
// target, a newcomer's address reaches every node, the outbound set recovers after a partition
// heals and under churn, and a run repeats bit for bit from its seed. The nodes have
// routable-looking addresses, so each test runs inside a private network namespace, though the
// simulation opens no socket.
#include "tools/sim/scenario.hpp"

#include <gtest/gtest.h>

#include "tests/support/netns.hpp"

namespace btcnet::sim {
namespace {

using namespace std::chrono_literals;

sim_options small_network(std::size_t nodes, std::uint64_t seed) {
  sim_options o;
  o.nodes = nodes;
  o.seed = seed;
  return o;
}

nlohmann::json run(sim_options o, const std::string& scenario_name, caf::timespan duration,
                   caf::timespan every) {
  const auto sc = load_scenario(scenario_name, duration, o.nodes);
  o.start_first = o.nodes - sc.hold_back;
  simulation s(o);
  return run_scenario(s, sc, duration, every);
}

TEST(Simulation, EveryNodeReachesItsOutboundTarget) {
  if (!test::in_private_netns()) return;
  const auto result = run(small_network(120, 1), "bootstrap", 10min, 1min);
  const auto& last = result["series"].back();
  EXPECT_EQ(last["nodes_up"], 120);
  EXPECT_EQ(last["at_target"], 1.0) << last.dump();
  EXPECT_GE(last["outbound_min"], 8);
  EXPECT_GE(last["tried_mean"], 8.0);  // each outbound peer proven by its handshake
  EXPECT_GT(result["network"]["frames"], 0);
}

TEST(Simulation, ANewcomersAddressReachesEveryNode) {
  if (!test::in_private_netns()) return;
  const auto result = run(small_network(120, 2), "propagation", 20min, 30s);
  ASSERT_EQ(result["propagation"].size(), 1u);
  const auto& reached = result["propagation"][0]["seconds_to_reach_percent"];
  ASSERT_FALSE(reached["99"].is_null()) << result["series"].back().dump();
  EXPECT_LE(reached["50"].get<double>(), reached["90"].get<double>());
  EXPECT_LE(reached["90"].get<double>(), reached["99"].get<double>());
}

TEST(Simulation, OutboundConnectionsRecoverAfterAPartitionHeals) {
  if (!test::in_private_netns()) return;
  // Partition at 10 min, heal at 20 min; the links across time out at 25 min.
  const auto result = run(small_network(80, 3), "partition", 30min, 1min);
  const auto& series = result["series"];
  EXPECT_EQ(series.back()["at_target"], 1.0) << series.back().dump();
  EXPECT_EQ(result["events"].size(), 2u);
}

TEST(Simulation, UnderChurnTheRemainingNodesRefillTheirOutboundSets) {
  if (!test::in_private_netns()) return;
  // 100 nodes, 20 of them held back; at 6, 12, 18 and 24 min five leave and five join.
  const auto result = run(small_network(100, 5), "churn", 30min, 1min);
  EXPECT_EQ(result["events"].size(), 8u);
  const auto& series = result["series"];
  EXPECT_EQ(series.back()["nodes_up"], 80);  // 80 up, 20 left, 20 joined
  EXPECT_EQ(series.back()["at_target"], 1.0) << series.back().dump();
  // Every link left is one of the 80 nodes' 8 outbound ones: none still ends at a node that left.
  EXPECT_EQ(result["network"]["links_open"], 80 * 8);
  // The address books still hold the departed nodes, as real ones do: some dials are refused.
  EXPECT_GT(result["network"]["dials_failed"], 0);
}

TEST(Simulation, TwoLeaveStepsAtTheSameInstantStopDifferentNodes) {
  if (!test::in_private_netns()) return;
  sim_options o = small_network(40, 9);
  o.start_first = o.nodes;
  simulation sim(o);
  scenario sc;
  sc.steps = {{2min, "leave", 5, false}, {2min, "leave", 5, false}};
  const auto result = run_scenario(sim, sc, 4min, 1min);
  EXPECT_EQ(result["series"].back()["nodes_up"], 30);
}

TEST(Simulation, TheSameSeedGivesTheSameResultBitForBit) {
  if (!test::in_private_netns()) return;
  const auto first = run(small_network(60, 42), "propagation", 6min, 30s).dump();
  const auto second = run(small_network(60, 42), "propagation", 6min, 30s).dump();
  const auto other = run(small_network(60, 43), "propagation", 6min, 30s).dump();
  EXPECT_EQ(first, second);
  EXPECT_NE(first, other);
}

TEST(Simulation, SilentHostsHandedOutByTheSeedDoNotStopBootstrap) {
  if (!test::in_private_netns()) return;
  // 30 silent hosts among 60 honest nodes in the seed's answers: each is dropped after btcd's
  // 30-second handshake timeout, and the node dials another.
  sim_options o = small_network(60, 5);
  simulation s(o);
  s.add_adversaries(adversary_kind::silent, 30, true);
  s.run_for(30s);
  const auto early = s.sample();
  s.run_for(10min);
  const auto late = s.sample();
  std::size_t early_full = 0;
  for (std::size_t i = 0; i < late.size(); ++i) {
    EXPECT_GE(late[i].outbound, 8u) << s.address(i).to_string();
    early_full += early[i].outbound >= 8;
  }
  EXPECT_LT(early_full, late.size());  // the silent hosts did cost time
}

TEST(Simulation, AnEclipseAttemptIsMeasuredOnTheVictim) {
  if (!test::in_private_netns()) return;
  const auto result = run(small_network(60, 6), "eclipse", 20min, 1min);
  EXPECT_EQ(result["adversaries"], 50);
  const auto& last = result["series"].back();
  ASSERT_TRUE(last.contains("victim_outbound_adversaries")) << last.dump();
  const double outbound = last["victim_outbound_adversaries"];
  const double tried = last["victim_tried_adversaries"];
  EXPECT_GE(outbound, 0.0);
  EXPECT_LE(outbound, 1.0);
  EXPECT_GE(tried, 0.0);
  EXPECT_LE(tried, 1.0);
  EXPECT_EQ(last["at_target"], 1.0);
}

TEST(Simulation, ScenariosAndDurationsAreCheckedWithClearErrors) {
  EXPECT_EQ(parse_duration("90s"), std::chrono::seconds(90));
  EXPECT_EQ(parse_duration("2h"), std::chrono::hours(2));
  EXPECT_EQ(parse_duration("1500ms"), std::chrono::milliseconds(1500));
  EXPECT_FALSE(parse_duration("2 hours"));
  EXPECT_FALSE(parse_duration("-5m"));
  EXPECT_FALSE(parse_duration(""));
  EXPECT_THROW(load_scenario("eclipse-me", 1h, 100), std::runtime_error);
  EXPECT_THROW(load_scenario("/nonexistent/scenario.json", 1h, 100), std::runtime_error);
  const auto p = load_scenario("partition", 30min, 100);
  ASSERT_EQ(p.steps.size(), 2u);
  EXPECT_EQ(p.steps[0].at, 10min);
  EXPECT_EQ(p.steps[1].action, "heal");
  const auto c = load_scenario("churn", 30min, 100);
  EXPECT_EQ(c.hold_back, 20u);
  ASSERT_EQ(c.steps.size(), 8u);
  EXPECT_EQ(c.steps[0].action, "leave");
  EXPECT_EQ(c.steps[0].count, 5u);
  const auto e = load_scenario("eclipse", 30min, 100);
  ASSERT_EQ(e.adversaries.size(), 1u);
  EXPECT_EQ(e.adversaries[0].kind, adversary_kind::eclipse);
  EXPECT_EQ(e.adversaries[0].targets, "victim");
  EXPECT_FALSE(adversary_kind_named("friendly"));
}

}  // namespace
}  // namespace btcnet::sim
