#include <gtest/gtest.h>

#include "net/wire/command.hpp"
#include "net/wire/protocol.hpp"

namespace btcnet::wire {
namespace {

TEST(ServiceFlags, BtcdStringForm) {
  // btcd protocol_test.go TestServiceFlagStringer.
  EXPECT_EQ(services_to_btcd_string(0), "0x0");
  EXPECT_EQ(services_to_btcd_string(node_network), "SFNodeNetwork");
  EXPECT_EQ(services_to_btcd_string(0xffffffff),
            "SFNodeNetwork|SFNodeGetUTXO|SFNodeBloom|SFNodeWitness|SFNodeXthin|SFNodeBit5|"
            "SFNodeCF|SFNode2X|SFNodeNetworkLimited|SFNodeP2PV2|0xfffff300");
}

TEST(ServiceFlags, CoreNames) {
  const auto names = service_names(node_network | node_witness | node_network_limited |
                                   node_p2p_v2 | (std::uint64_t{1} << 27));
  EXPECT_EQ(names, (std::vector<std::string>{"NETWORK", "WITNESS", "NETWORK_LIMITED", "P2P_V2",
                                             "UNKNOWN[2^27]"}));
  EXPECT_TRUE(service_names(0).empty());
}

TEST(ServiceFlags, BitValuesMatchTheProtocol) {
  EXPECT_EQ(node_network, 1u);
  EXPECT_EQ(node_bloom, 4u);
  EXPECT_EQ(node_witness, 8u);
  EXPECT_EQ(node_compact_filters, 64u);
  EXPECT_EQ(node_network_limited, 1024u);
  EXPECT_EQ(node_p2p_v2, 2048u);
}

TEST(Commands, EveryNameFitsTheHeaderAndRoundTrips) {
  for (std::size_t i = 0; i < command_count; ++i) {
    const auto c = static_cast<command>(i);
    const auto name = command_name(c);
    EXPECT_FALSE(name.empty());
    EXPECT_LE(name.size(), command_size);
    EXPECT_EQ(find_command(name), c) << name;
    EXPECT_LE(max_payload_length(c), max_protocol_message_length);
  }
  EXPECT_FALSE(find_command("bogus"));
  EXPECT_FALSE(find_command("alert"));  // removed from btcd and Core: an unknown command
}

TEST(Commands, PayloadMaximaFollowBtcd) {
  EXPECT_EQ(max_payload_length(command::version), 358u);
  EXPECT_EQ(max_payload_length(command::verack), 0u);
  EXPECT_EQ(max_payload_length(command::ping), 8u);
  EXPECT_EQ(max_payload_length(command::addr), 30009u);
  EXPECT_EQ(max_payload_length(command::addrv2), 531003u);
  EXPECT_EQ(max_payload_length(command::inv), 1800009u);
  EXPECT_EQ(max_payload_length(command::block), 4000000u);
}

}  // namespace
}  // namespace btcnet::wire
