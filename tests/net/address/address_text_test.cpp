// btcd TestNetAddressKey vectors and the Go text rules the keys depend on.
#include <gtest/gtest.h>

#include "net/address/address_errors.hpp"
#include "net/address/address_text.hpp"
#include "tests/net/address/test_util.hpp"

namespace btcnet::address {
namespace {

using test::ip;

// btcd addrmgr/addrmanager_test.go addNaTests.
TEST(AddressKey, BtcdVectors) {
  const std::tuple<const char*, std::uint16_t, const char*> cases[] = {
      {"127.0.0.1", 8333, "127.0.0.1:8333"},
      {"127.0.0.1", 8334, "127.0.0.1:8334"},
      {"1.0.0.1", 8333, "1.0.0.1:8333"},
      {"2.2.2.2", 8334, "2.2.2.2:8334"},
      {"27.253.252.251", 8335, "27.253.252.251:8335"},
      {"123.3.2.1", 8336, "123.3.2.1:8336"},
      {"10.0.0.1", 8333, "10.0.0.1:8333"},
      {"10.1.1.1", 8334, "10.1.1.1:8334"},
      {"10.2.2.2", 8335, "10.2.2.2:8335"},
      {"10.10.10.10", 8336, "10.10.10.10:8336"},
      {"128.0.0.1", 8333, "128.0.0.1:8333"},
      {"129.1.1.1", 8334, "129.1.1.1:8334"},
      {"180.2.2.2", 8335, "180.2.2.2:8335"},
      {"191.10.10.10", 8336, "191.10.10.10:8336"},
      {"172.16.0.1", 8333, "172.16.0.1:8333"},
      {"172.16.1.1", 8334, "172.16.1.1:8334"},
      {"172.16.2.2", 8335, "172.16.2.2:8335"},
      {"172.16.172.172", 8336, "172.16.172.172:8336"},
      {"193.0.0.1", 8333, "193.0.0.1:8333"},
      {"200.1.1.1", 8334, "200.1.1.1:8334"},
      {"205.2.2.2", 8335, "205.2.2.2:8335"},
      {"223.10.10.10", 8336, "223.10.10.10:8336"},
      {"192.168.0.1", 8333, "192.168.0.1:8333"},
      {"192.168.1.1", 8334, "192.168.1.1:8334"},
      {"192.168.2.2", 8335, "192.168.2.2:8335"},
      {"192.168.192.192", 8336, "192.168.192.192:8336"},
      {"::1", 8333, "[::1]:8333"},
      {"fe80::1", 8334, "[fe80::1]:8334"},
      {"fe80::1:1", 8333, "[fe80::1:1]:8333"},
      {"fe91::2:2", 8334, "[fe91::2:2]:8334"},
      {"fea2::3:3", 8335, "[fea2::3:3]:8335"},
      {"feb3::4:4", 8336, "[feb3::4:4]:8336"},
      {"fec0::1:1", 8333, "[fec0::1:1]:8333"},
      {"fed1::2:2", 8334, "[fed1::2:2]:8334"},
      {"fee2::3:3", 8335, "[fee2::3:3]:8335"},
      {"fef3::4:4", 8336, "[fef3::4:4]:8336"},
  };
  for (const auto& [text, port, want] : cases) {
    EXPECT_EQ(address_key(ip(text, port)), want);
    EXPECT_EQ(parse_address_key(want), ip(text, port)) << want;
  }
}

// Go's IP.String(), which differs from glibc's inet_ntop on IPv4-compatible addresses.
TEST(AddressKey, GoIpv6Formatting) {
  const std::pair<const char*, const char*> cases[] = {
      {"::", "::"},
      {"::102:304", "::102:304"},  // inet_ntop: ::1.2.3.4
      {"::ffff:0:102:304", "::ffff:0:102:304"},
      {"1:0:0:1:0:0:0:1", "1:0:0:1::1"},       // the longest zero run, not the first
      {"1:0:0:1:1:0:0:1", "1::1:1:0:0:1"},     // first of equal runs
      {"1:0:1:1:1:1:1:1", "1:0:1:1:1:1:1:1"},  // a single zero group stays
      {"2001:DB8:0:0:0:0:2:1", "2001:db8::2:1"},
      {"abcd:ef01:2345:6789:abcd:ef01:2345:6789", "abcd:ef01:2345:6789:abcd:ef01:2345:6789"},
  };
  for (const auto& [in, want] : cases) {
    const auto e = ip(in);
    std::array<std::uint8_t, 16> b{};
    std::copy_n(e.addr.begin(), 16, b.begin());
    EXPECT_EQ(format_ip16(b), want) << in;
  }
}

TEST(AddressKey, OverlayKeys) {
  // btcd prints onioncat IPv6 as its Tor v2 name.
  const auto onioncat = ip("fd87:d87e:eb43:1234::5678");
  EXPECT_EQ(address_key(onioncat), "ci2aaaaaaaaaavty.onion:8333");
  EXPECT_EQ(parse_address_key("ci2aaaaaaaaaavty.onion:8333"), onioncat);
  EXPECT_EQ(parse_address_key("CI2AAAAAAAAAAVTY.onion:8333"), onioncat);

  wire::endpoint tor{wire::network_id::torv3, {}, 8333};
  for (int i = 0; i < 32; ++i) tor.addr[i] = static_cast<std::uint8_t>(0x5a + i);
  const std::string tor_key = "ljnvyxk6l5qgcytdmrswmz3infvgw3dnnzxxa4lson2hk5txpb4z33ad.onion:8333";
  EXPECT_EQ(address_key(tor), tor_key);  // computed with Python (base32 + SHA3 checksum)
  EXPECT_EQ(parse_address_key(tor_key), tor);

  wire::endpoint i2p{wire::network_id::i2p, {}, 0};
  i2p.addr.fill(0);
  EXPECT_EQ(address_key(i2p), std::string(52, 'a') + ".b32.i2p:0");
  EXPECT_EQ(parse_address_key(address_key(i2p)), i2p);

  wire::endpoint cjdns{
      wire::network_id::cjdns, {0xfc, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 8333};
  EXPECT_EQ(address_key(cjdns), "[fc00::1]:8333");
}

TEST(AddressKey, SplitHostPortLikeGo) {
  host_port hp;
  EXPECT_EQ(split_host_port("1.2.3.4", hp), address_errc::missing_port);
  EXPECT_EQ(split_host_port("::1:8333", hp), address_errc::too_many_colons);
  EXPECT_EQ(split_host_port("[::1]", hp), address_errc::missing_port);
  EXPECT_EQ(split_host_port("[::1:8333", hp), address_errc::bad_brackets);
  EXPECT_EQ(split_host_port("[::1]x:8333", hp), address_errc::missing_port);
  EXPECT_EQ(split_host_port("[::1]:1:2", hp), address_errc::too_many_colons);
  EXPECT_EQ(split_host_port("a]:8333", hp), address_errc::bad_brackets);
  ASSERT_FALSE(split_host_port("[::1]:8333", hp));
  EXPECT_EQ(hp.host, "::1");
  EXPECT_EQ(hp.port, "8333");
  ASSERT_FALSE(split_host_port(":8333", hp));
  EXPECT_EQ(hp.host, "");
}

TEST(AddressKey, ParsePortAndHost) {
  EXPECT_EQ(parse_port("0"), 0);
  EXPECT_EQ(parse_port("08333"), 8333);
  EXPECT_EQ(parse_port("65535"), 65535);
  EXPECT_FALSE(parse_port("65536"));
  EXPECT_FALSE(parse_port(""));
  EXPECT_FALSE(parse_port("+1"));
  EXPECT_FALSE(parse_port("abcd"));
  EXPECT_FALSE(parse_address_key("example.com:8333"));  // btcd would resolve it; we never do
  EXPECT_FALSE(parse_address_key("[[::1]]:8333"));
  EXPECT_FALSE(parse_address_key("[fe80::1%eth0]:8333"));
  EXPECT_FALSE(parse_address_key("173.194.115.:8333"));
  EXPECT_FALSE(parse_ip_literal("ci2aaaaaaaaaavty.onion", 1));
  EXPECT_EQ(parse_address_key("[::ffff:1.2.3.4]:1"), wire::endpoint::ipv4(1, 2, 3, 4, 1));
}

}  // namespace
}  // namespace btcnet::address
