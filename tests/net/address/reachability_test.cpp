// btcd getReachabilityFrom's table, row by row, and the I2P / CJDNS extension (Core's rules).
#include <gtest/gtest.h>

#include "net/address/reachability.hpp"
#include "tests/net/address/test_util.hpp"

namespace btcnet::address {
namespace {

using test::ip;
using r = reachability;

wire::endpoint torv3() {
  wire::endpoint e{wire::network_id::torv3, {}, 9050};
  e.addr.fill(0x42);
  return e;
}
wire::endpoint i2p() {
  wire::endpoint e{wire::network_id::i2p, {}, 0};
  e.addr.fill(0x17);
  return e;
}
wire::endpoint cjdns() {
  return {wire::network_id::cjdns, {0xfc, 1, 2, 3}, 8333};
}

TEST(Reachability, BtcdTable) {
  const auto v4 = ip("204.124.8.100"), v4_private = ip("192.168.0.1");
  const auto v6 = ip("2001:470::1"), teredo = ip("2001:0:1234::f3fe:fdfc");
  const auto six_to_four = ip("2002:c01:203::1"), onioncat = ip("fd87:d87e:eb43::1");
  // Unroutable remote.
  EXPECT_EQ(reachability_from(v4, ip("10.0.0.1")), r::unreachable);
  // TorV3 remote.
  EXPECT_EQ(reachability_from(torv3(), torv3()), r::private_net);
  EXPECT_EQ(reachability_from(onioncat, torv3()), r::unreachable);
  EXPECT_EQ(reachability_from(v4, torv3()), r::ipv4);
  EXPECT_EQ(reachability_from(v6, torv3()), r::default_reach);
  // TorV3 local, other remotes.
  EXPECT_EQ(reachability_from(torv3(), ip("1.2.3.4")), r::default_reach);
  // Onioncat remote.
  EXPECT_EQ(reachability_from(onioncat, ip("fd87:d87e:eb43::2")), r::private_net);
  EXPECT_EQ(reachability_from(v4, onioncat), r::ipv4);
  EXPECT_EQ(reachability_from(v6, onioncat), r::default_reach);
  // Teredo remote.
  EXPECT_EQ(reachability_from(v4_private, teredo), r::default_reach);
  EXPECT_EQ(reachability_from(ip("2001:0:5678::1"), teredo), r::teredo);
  EXPECT_EQ(reachability_from(v4, teredo), r::ipv4);
  EXPECT_EQ(reachability_from(v6, teredo), r::ipv6_weak);
  // IPv4 remote.
  EXPECT_EQ(reachability_from(v4, ip("1.2.3.4")), r::ipv4);
  EXPECT_EQ(reachability_from(v4_private, ip("1.2.3.4")), r::unreachable);
  EXPECT_EQ(reachability_from(v6, ip("1.2.3.4")), r::unreachable);
  // IPv6 remote.
  const auto remote6 = ip("2602:100:abcd::102");
  EXPECT_EQ(reachability_from(v4_private, remote6), r::default_reach);
  EXPECT_EQ(reachability_from(ip("2001:0:5678::1"), remote6), r::teredo);
  EXPECT_EQ(reachability_from(v4, remote6), r::ipv4);
  EXPECT_EQ(reachability_from(six_to_four, remote6), r::ipv6_weak);
  EXPECT_EQ(reachability_from(ip("64:ff9b::102:304"), remote6), r::ipv6_weak);
  EXPECT_EQ(reachability_from(v6, remote6), r::ipv6_strong);
  EXPECT_EQ(reachability_from(onioncat, remote6), r::ipv6_strong);  // btcd quirk, kept
}

TEST(Reachability, I2pAndCjdns) {
  EXPECT_EQ(reachability_from(i2p(), i2p()), r::private_net);
  EXPECT_EQ(reachability_from(ip("1.2.3.4"), i2p()), r::default_reach);
  EXPECT_EQ(reachability_from(cjdns(), cjdns()), r::private_net);
  EXPECT_EQ(reachability_from(i2p(), cjdns()), r::default_reach);
  EXPECT_EQ(reachability_from(i2p(), ip("1.2.3.4")), r::default_reach);
  EXPECT_EQ(reachability_from(cjdns(), ip("2602:100::1")), r::default_reach);
  EXPECT_EQ(reachability_from(i2p(), torv3()), r::default_reach);
}

}  // namespace
}  // namespace btcnet::address
