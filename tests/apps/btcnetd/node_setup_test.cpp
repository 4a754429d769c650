// From a configuration to node options: which DNS seeds a node asks (btcd: every seed of the
// network, unless --nodnsseed, --connect or simnet; through a proxy we do not seed at all rather
// than leak lookups to the system resolver). Nothing here starts a node or resolves a name.
#include "apps/btcnetd/node_setup.hpp"

#include <gtest/gtest.h>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>

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

}  // namespace
}  // namespace btcnet::node
