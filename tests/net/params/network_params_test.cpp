#include <gtest/gtest.h>

#include <cstring>

#include "net/params/network_params.hpp"
#include "net/wire/hash.hpp"

namespace btcnet::params {
namespace {

TEST(NetworkParams, MagicAndPortsPerNetwork) {
  // btcd chaincfg/params.go and wire/protocol.go.
  struct expect {
    network net;
    std::uint32_t magic;
    std::uint16_t p2p, rpc;
    const char* dir;
  };
  for (const auto& e : {expect{network::mainnet, 0xd9b4bef9, 8333, 8334, "mainnet"},
                        expect{network::testnet3, 0x0709110b, 18333, 18334, "testnet"},
                        expect{network::testnet4, 0x283f161c, 48333, 48334, "testnet4"},
                        expect{network::regtest, 0xdab5bffa, 18444, 18334, "regtest"},
                        expect{network::signet, 0x40cf030a, 38333, 38332, "signet"},
                        expect{network::simnet, 0x12141c16, 18555, 18556, "simnet"}}) {
    const auto& p = params_for(e.net);
    EXPECT_EQ(p.net, e.net);
    EXPECT_EQ(p.magic, e.magic) << p.name;
    EXPECT_EQ(p.p2p_port, e.p2p) << p.name;
    EXPECT_EQ(p.rpc_port, e.rpc) << p.name;
    EXPECT_EQ(p.data_dir, e.dir);
    EXPECT_EQ(network_by_magic(e.magic), e.net);
    EXPECT_EQ(network_by_name(p.name), e.net);
  }
}

TEST(NetworkParams, SignetMagicDerivesFromTheDefaultChallenge) {
  // BIP325: magic = first 4 bytes of SHA-256d(CompactSize(len) || challenge).
  const char* challenge =
      "512103ad5e0edad18cb1f0fc0d28a3d4f1f3e445640337489abb10404f2d1e086be430210359ef5021964fe22d"
      "6f8e05b2463c9540ce96883fe3b278760f048f5189f2e6c452ae";
  std::vector<std::uint8_t> data{static_cast<std::uint8_t>(std::strlen(challenge) / 2)};
  for (std::size_t i = 0; challenge[i]; i += 2)
    data.push_back(
        static_cast<std::uint8_t>(std::stoi(std::string(challenge + i, 2), nullptr, 16)));
  EXPECT_EQ(wire::checksum(data), params_for(network::signet).magic);
}

TEST(NetworkParams, SeedsOnlyWhereTheNetworkHasThem) {
  EXPECT_EQ(params_for(network::mainnet).dns_seeds.size(), 8u);
  EXPECT_TRUE(params_for(network::regtest).dns_seeds.empty());
  EXPECT_TRUE(params_for(network::simnet).dns_seeds.empty());
  EXPECT_FALSE(network_by_name("bogusnet"));
  EXPECT_FALSE(network_by_magic(0));
}

}  // namespace
}  // namespace btcnet::params
