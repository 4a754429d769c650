// btcd addrmgr/network_test.go TestGroupKey, vector for vector, plus TorV3, I2P and CJDNS.
#include <gtest/gtest.h>

#include "net/address/group_key.hpp"
#include "tests/net/address/test_util.hpp"

namespace btcnet::address {
namespace {

using test::ip;

TEST(GroupKey, BtcdVectors) {
  const std::pair<const char*, const char*> cases[] = {
      // Local addresses.
      {"127.0.0.1", "local"},
      {"::1", "local"},
      {"0.0.0.0", "local"},
      {"0.1.2.3", "local"},
      // Unroutable addresses.
      {"255.255.255.255", "unroutable"},
      {"10.1.2.3", "unroutable"},
      {"172.16.1.2", "unroutable"},
      {"192.168.1.2", "unroutable"},
      {"2001:db8::1234", "unroutable"},
      {"169.254.1.2", "unroutable"},
      {"fc00::1234", "unroutable"},
      {"2001:10::1234", "unroutable"},
      {"2001:20::1234", "unroutable"},
      {"fe80::1234", "unroutable"},
      {"0:9881:8181:8181:fe00:a:9e:9801", "unroutable"},
      {"0:1::1", "unroutable"},
      // IPv4.
      {"12.1.2.3", "12.1.0.0"},
      {"173.1.2.3", "173.1.0.0"},
      {"196.1.2.3", "196.1.0.0"},
      // IPv6 carrying IPv4.
      {"2002:0c01:0203::", "12.1.0.0"},
      {"2001:0:1234::f3fe:fdfc", "12.1.0.0"},
      {"64:ff9b::0c01:0203", "12.1.0.0"},
      {"::ffff:0:0c01:0203", "12.1.0.0"},
      // Tor (onioncat).
      {"fd87:d87e:eb43:1234::5678", "tor:2"},
      {"fd87:d87e:eb43:1245::6789", "tor:2"},
      {"fd87:d87e:eb43:1345::6789", "tor:3"},
      // IPv6.
      {"2602:100::1", "2602:100::"},
      {"2602:0100::1234", "2602:100::"},
      {"2001:470:1f10:a1::2", "2001:470:1000::"},
      {"2001:0470:1f10:a1::2", "2001:470:1000::"},
  };
  for (const auto& [text, want] : cases) EXPECT_EQ(group_key(ip(text)), want) << text;
}

TEST(GroupKey, MoreIpv6Shapes) {
  EXPECT_EQ(group_key(ip("2600::1")), "2600::");  // zero second group
  EXPECT_EQ(group_key(ip("2a01:4f8:1:2::3")), "2a01:4f8::");
  EXPECT_EQ(group_key(ip("2001:470:ffff::1")), "2001:470:f000::");  // he.net keeps 36 bits
  EXPECT_EQ(group_key(ip("2001::1")), "255.255.0.0");  // Teredo with server 0 and client ::1
  EXPECT_EQ(group_key(ip("1.2.3.4", 1)), group_key(ip("1.2.200.1", 2)));  // ports do not matter
}

TEST(GroupKey, OverlayNetworks) {
  wire::endpoint tor{wire::network_id::torv3, {0x5a}, 9050};
  EXPECT_EQ(group_key(tor), "tor:10");  // btcd: key[0] & 0x0f
  wire::endpoint i2p{wire::network_id::i2p, {0xe7, 0x01}, 0};
  EXPECT_EQ(group_key(i2p), "i2p:7");
  wire::endpoint cjdns{wire::network_id::cjdns, {0xfc, 0x3b, 0x01}, 8333};
  EXPECT_EQ(group_key(cjdns), "cjdns:11");
  cjdns.addr[0] = 0xfd;
  EXPECT_EQ(group_key(cjdns), "unroutable");
  wire::endpoint v2{wire::network_id::torv2, {0x1f}, 8333};
  EXPECT_EQ(group_key(v2), "tor:15");  // onioncat byte 6 = first Tor v2 byte
}

}  // namespace
}  // namespace btcnet::address
