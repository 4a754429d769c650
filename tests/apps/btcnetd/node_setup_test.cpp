// From a configuration to node options: which DNS seeds a node asks (btcd: every seed of the
// network, unless --nodnsseed, --connect or simnet; through a proxy we do not seed at all rather
// than leak lookups to the system resolver). Nothing here starts a node or resolves a name.
#include "apps/btcnetd/node_setup.hpp"

#include <gtest/gtest.h>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/scheduler/abstract_coordinator.hpp>

#include "net/params/network_params.hpp"

namespace btcnet::node {
namespace {

const config_env no_file_env{"/nonexistent/btcnetd-test-home", nullptr};

struct NodeSetup : ::testing::Test {
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};

  actors::node_options options(std::vector<std::string> args) {
    const auto r = parse_config(args, no_file_env);
    EXPECT_TRUE(r.config) << r.error;
    return node_options_from(r.config.value_or(node_config{}), sys);
  }
  transport::tcp_network_config network(std::vector<std::string> args) {
    const auto r = parse_config(args, no_file_env);
    EXPECT_TRUE(r.config) << r.error;
    return network_config_from(r.config.value_or(node_config{}));
  }
};

TEST_F(NodeSetup, MainnetAsksEverySeedOnItsPort) {
  const auto o = options({});
  const auto& net = params::params_for(params::network::mainnet);
  ASSERT_EQ(o.seeding.seeds.size(), net.dns_seeds.size());
  ASSERT_FALSE(o.seeding.seeds.empty());
  for (std::size_t i = 0; i < net.dns_seeds.size(); ++i)
    EXPECT_EQ(o.seeding.seeds[i], net.dns_seeds[i].host);
  EXPECT_EQ(o.seeding.default_port, 8333);
  EXPECT_EQ(options({"--testnet4"}).seeding.default_port, 48333);
}

TEST_F(NodeSetup, NoSeedingWhenDisabledImpliedOffOrBehindAProxy) {
  EXPECT_TRUE(options({"--nodnsseed"}).seeding.seeds.empty());
  EXPECT_TRUE(options({"--connect=127.0.0.1"}).seeding.seeds.empty());
  EXPECT_TRUE(options({"--simnet"}).seeding.seeds.empty());
  EXPECT_TRUE(options({"--regtest"}).seeding.seeds.empty());  // regtest has no seeds
  EXPECT_TRUE(options({"--proxy=127.0.0.1:9050"}).seeding.seeds.empty());
  EXPECT_FALSE(options({"--addpeer=127.0.0.1"}).seeding.seeds.empty());  // addpeer keeps seeding
}

TEST_F(NodeSetup, TheNetworkCarriesTheMagicAndTheProxies) {
  EXPECT_EQ(network({}).magic, params::params_for(params::network::mainnet).magic);
  EXPECT_EQ(network({"--testnet4"}).magic, params::params_for(params::network::testnet4).magic);
  EXPECT_FALSE(network({}).dial.proxy);

  const auto proxied = network({"--proxy=127.0.0.1:9050", "--onion=127.0.0.1:9150"});
  ASSERT_TRUE(proxied.dial.proxy);
  EXPECT_EQ(proxied.dial.proxy->host, "127.0.0.1");
  EXPECT_EQ(proxied.dial.proxy->port, 9050);
  ASSERT_TRUE(proxied.dial.onion_proxy);
  EXPECT_EQ(proxied.dial.onion_proxy->port, 9150);
  EXPECT_FALSE(proxied.dial.onion_disabled);
  EXPECT_TRUE(network({"--proxy=127.0.0.1:9050", "--noonion"}).dial.onion_disabled);
}

TEST(ThreadPlan, OneIoThreadAndTheOtherCoresForActors) {
  EXPECT_EQ(plan_threads(2).io_threads, 1u);
  EXPECT_EQ(plan_threads(2).actor_workers, 1u);
  EXPECT_EQ(plan_threads(8).actor_workers, 7u);
  EXPECT_EQ(plan_threads(1).actor_workers, 1u);  // never none
  EXPECT_EQ(plan_threads(0).actor_workers, 1u);  // the count is unknown
}

TEST(ThreadPlan, TheActorSystemRunsThatManyWorkers) {
  caf::actor_system_config cfg;
  apply(thread_plan{1, 3}, cfg);
  caf::actor_system sys{cfg};
  EXPECT_EQ(sys.scheduler().num_workers(), 3u);
}

}  // namespace
}  // namespace btcnet::node
