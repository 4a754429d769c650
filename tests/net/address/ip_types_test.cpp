// btcd addrmgr/network_test.go TestIPTypes and TestIsZero, case for case, plus the networks btcd
// does not know (TorV3, I2P, CJDNS).
#include <gtest/gtest.h>

#include "net/address/classification.hpp"
#include "net/address/ip_ranges.hpp"
#include "tests/net/address/test_util.hpp"

namespace btcnet::address {
namespace {

using test::ip;

struct ip_type_case {
  const char* text;
  bool rfc1918, rfc2544, rfc3849, rfc3927, rfc3964, rfc4193, rfc4380, rfc4843, rfc4862, rfc5737,
      rfc6052, rfc6145, rfc6598, rfc7343, local, valid, routable;
};

constexpr bool T = true, F = false;

// The rows of btcd's TestIPTypes, in its column order.
const ip_type_case ip_type_cases[] = {
    {"10.255.255.255", T, F, F, F, F, F, F, F, F, F, F, F, F, F, F, T, F},
    {"192.168.0.1", T, F, F, F, F, F, F, F, F, F, F, F, F, F, F, T, F},
    {"172.31.255.1", T, F, F, F, F, F, F, F, F, F, F, F, F, F, F, T, F},
    {"172.32.1.1", F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, T, T},
    {"169.254.250.120", F, F, F, T, F, F, F, F, F, F, F, F, F, F, F, T, F},
    {"0.0.0.0", F, F, F, F, F, F, F, F, F, F, F, F, F, F, T, F, F},
    {"255.255.255.255", F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F},
    {"127.0.0.1", F, F, F, F, F, F, F, F, F, F, F, F, F, F, T, T, F},
    {"fd00:dead::1", F, F, F, F, F, T, F, F, F, F, F, F, F, F, F, T, F},
    {"2001::1", F, F, F, F, F, F, T, F, F, F, F, F, F, F, F, T, T},
    {"2001:10:abcd::1:1", F, F, F, F, F, F, F, T, F, F, F, F, F, F, F, T, F},
    {"2001:20:abcd::1:1", F, F, F, F, F, F, F, F, F, F, F, F, F, T, F, T, F},
    {"fe80::1", F, F, F, F, F, F, F, F, T, F, F, F, F, F, F, T, F},
    {"fe80:1::1", F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, T, T},
    {"64:ff9b::1", F, F, F, F, F, F, F, F, F, F, T, F, F, F, F, T, T},
    {"::ffff:abcd:ef12:1", F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, T, F},
    {"::1", F, F, F, F, F, F, F, F, F, F, F, F, F, F, T, T, F},
    {"198.18.0.1", F, T, F, F, F, F, F, F, F, F, F, F, F, F, F, T, F},
    {"100.127.255.1", F, F, F, F, F, F, F, F, F, F, F, F, T, F, F, T, F},
    // btcd's row says rfc5737 = false, but its loop never checks that column (nor 2544/6598);
    // 203.0.113.0/24 is RFC 5737 documentation space.
    {"203.0.113.1", F, F, F, F, F, F, F, F, F, T, F, F, F, F, F, T, F},
    // IPv6 0000::/16 is reserved and not routable (btcd#2431).
    {"0:9881:8181:8181:fe00:a:9e:9801", F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, T, F},
    {"0::1", F, F, F, F, F, F, F, F, F, F, F, F, F, F, T, T, F},
    {"0:1::1", F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, T, F},
    {"0:ffff::1", F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, T, F},
    // RFC 6145 lies inside 0000::/16 but stays routable.
    {"::ffff:0:0c01:0203", F, F, F, F, F, F, F, F, F, F, F, T, F, F, F, T, T},
    // Not in btcd's table: the rest of each range's edges.
    {"172.15.255.255", F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, T, T},
    {"198.20.0.0", F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, T, T},
    {"198.19.255.255", F, T, F, F, F, F, F, F, F, F, F, F, F, F, F, T, F},
    {"2001:db8::1", F, F, T, F, F, F, F, F, F, F, F, F, F, F, F, T, F},
    {"2002:c01:203::", F, F, F, F, T, F, F, F, F, F, F, F, F, F, F, T, T},
    {"fc00::1", F, F, F, F, F, T, F, F, F, F, F, F, F, F, F, T, F},
    {"fe00::1", F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, T, T},
    {"2001:1f::1", F, F, F, F, F, F, F, T, F, F, F, F, F, F, F, T, F},
    {"2001:2f::1", F, F, F, F, F, F, F, F, F, F, F, F, F, T, F, T, F},
    {"2001:30::1", F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, T, T},
    {"192.0.2.1", F, F, F, F, F, F, F, F, F, T, F, F, F, F, F, T, F},
    {"198.51.100.7", F, F, F, F, F, F, F, F, F, T, F, F, F, F, F, T, F},
    {"100.63.255.255", F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, T, T},
    {"100.64.0.0", F, F, F, F, F, F, F, F, F, F, F, F, T, F, F, T, F},
    {"127.255.255.254", F, F, F, F, F, F, F, F, F, F, F, F, F, F, T, T, F},
    {"::", F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F, F},
    {"fd87:d87e:eb43::1", F, F, F, F, F, T, F, F, F, F, F, F, F, F, F, T, T},
};

TEST(IpTypes, BtcdMatrix) {
  for (const auto& c : ip_type_cases) {
    SCOPED_TRACE(c.text);
    const wire::endpoint e = ip(c.text);
    const legacy_ip l = *legacy_form(e);
    EXPECT_EQ(is_rfc1918(l), c.rfc1918);
    EXPECT_EQ(is_rfc2544(l), c.rfc2544);
    EXPECT_EQ(is_rfc3849(l), c.rfc3849);
    EXPECT_EQ(is_rfc3927(l), c.rfc3927);
    EXPECT_EQ(is_rfc3964(l), c.rfc3964);
    EXPECT_EQ(is_rfc4193(l), c.rfc4193);
    EXPECT_EQ(is_rfc4380(l), c.rfc4380);
    EXPECT_EQ(is_rfc4843(l), c.rfc4843);
    EXPECT_EQ(is_rfc4862(l), c.rfc4862);
    EXPECT_EQ(is_rfc5737(l), c.rfc5737);
    EXPECT_EQ(is_rfc6052(l), c.rfc6052);
    EXPECT_EQ(is_rfc6145(l), c.rfc6145);
    EXPECT_EQ(is_rfc6598(l), c.rfc6598);
    EXPECT_EQ(is_rfc7343(l), c.rfc7343);
    EXPECT_EQ(is_local(e), c.local);
    EXPECT_EQ(is_valid(e), c.valid);
    EXPECT_EQ(is_routable(e), c.routable);
  }
}

// btcd TestIsZero.
TEST(IpTypes, IsZero) {
  const std::pair<const char*, bool> cases[] = {
      {"0.0.0.0", true},
      {"0.1.2.3", true},
      {"0.255.255.255", true},
      {"1.2.3.4", false},
      {"127.0.0.1", false},
      {"192.168.1.1", false},
      {"::", true},
      {"::1", true},
      {"0::2", true},
      {"0:1::1", true},
      {"0:ffff::1", true},
      {"0:9881:8181:8181:fe00:a:9e:9801", true},
      {"::ffff:abcd:ef12:1", true},
      {"::ffff:0:0c01:0203", false},
      {"::ffff:0:1.2.3.4", false},
      {"2602:100::1", false},
      {"64:ff9b::1", false},
      {"fd00:dead::1", false},
      {"2001::1", false},
  };
  for (const auto& [text, want] : cases) EXPECT_EQ(is_zero(ip(text)), want) << text;
}

// IPv4-mapped IPv6 classifies as the IPv4 address it carries (Go's To4), in either form.
TEST(IpTypes, MappedIpv6IsIpv4) {
  wire::endpoint mapped{
      wire::network_id::ipv6, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 10, 1, 2, 3}, 1};
  EXPECT_TRUE(is_ipv4(mapped));
  EXPECT_TRUE(is_rfc1918(*legacy_form(mapped)));
  EXPECT_FALSE(is_routable(mapped));
  EXPECT_EQ(normalize(mapped), wire::endpoint::ipv4(10, 1, 2, 3, 1));
}

TEST(IpTypes, OverlayNetworks) {
  wire::endpoint tor{wire::network_id::torv3, {}, 9050};
  tor.addr.fill(0x5a);
  EXPECT_TRUE(is_routable(tor));
  EXPECT_FALSE(is_local(tor));
  EXPECT_FALSE(legacy_form(tor).has_value());
  EXPECT_EQ(network_of(tor), network::onion);

  wire::endpoint i2p{wire::network_id::i2p, {}, 0};
  i2p.addr.fill(0x33);
  EXPECT_TRUE(is_routable(i2p));
  EXPECT_EQ(network_of(i2p), network::i2p);

  wire::endpoint cjdns{wire::network_id::cjdns, {0xfc, 0x12, 0x34}, 8333};
  EXPECT_TRUE(is_valid(cjdns));
  EXPECT_TRUE(is_routable(cjdns));
  EXPECT_EQ(network_of(cjdns), network::cjdns);
  cjdns.addr[0] = 0xfd;  // Core: a CJDNS address must start with 0xfc
  EXPECT_FALSE(is_valid(cjdns));
  EXPECT_FALSE(is_routable(cjdns));

  // Tor v2 (network id 3) is its onioncat IPv6 form.
  wire::endpoint v2{wire::network_id::torv2, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 8333};
  EXPECT_TRUE(is_onioncat(v2));
  EXPECT_TRUE(is_routable(v2));
  EXPECT_EQ(network_of(v2), network::onion);
  EXPECT_EQ(normalize(v2), ip("fd87:d87e:eb43:102:304:506:708:90a"));
}

TEST(IpTypes, NetworkOf) {
  EXPECT_EQ(network_of(ip("1.2.3.4")), network::ipv4);
  EXPECT_EQ(network_of(ip("2602:100::1")), network::ipv6);
  EXPECT_EQ(network_of(ip("fd87:d87e:eb43::1")), network::onion);
  EXPECT_STREQ(to_string(network::cjdns), "cjdns");
}

}  // namespace
}  // namespace btcnet::address
