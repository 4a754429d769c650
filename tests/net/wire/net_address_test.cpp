#include <gtest/gtest.h>

#include "net/wire/messages.hpp"
#include "net/wire/net_address.hpp"
#include "test_vectors.hpp"

namespace btcnet::wire {
namespace {

using test::from_hex;
using test::to_hex;

TEST(Endpoint, HostStrings) {
  EXPECT_EQ(endpoint::ipv4(127, 0, 0, 1, 8333).to_string(), "127.0.0.1:8333");
  const auto v6 = endpoint::parse_host("2001:0db8:0000:0000:0000:0000:0000:0001", 8333);
  ASSERT_TRUE(v6);
  EXPECT_EQ(v6->to_string(), "[2001:db8::1]:8333");  // RFC 5952 form
  EXPECT_EQ(endpoint::parse_host("[::1]", 1)->host(), "::1");
}

TEST(Endpoint, Ipv4MappedIsIpv4) {
  const auto e = endpoint::parse_host("::ffff:127.0.0.1", 8333);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->net, network_id::ipv4);
  EXPECT_EQ(e->host(), "127.0.0.1");
  EXPECT_EQ(to_hex(e->ip16()), "00000000000000000000ffff7f000001");
}

TEST(Endpoint, TorV3NameFromBtcdVector) {
  endpoint e{network_id::torv3, {}, 9050};
  const bytes key = from_hex(test::torv3_pubkey_hex);
  std::copy(key.begin(), key.end(), e.addr.begin());
  EXPECT_EQ(e.host(), test::torv3_name);
  const auto parsed = endpoint::parse_host(test::torv3_name, 9050);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(*parsed, e);
}

TEST(Endpoint, OnionWithBadChecksumOrVersionIsRefused) {
  std::string name = test::torv3_name;
  name[3] = name[3] == 'a' ? 'b' : 'a';  // breaks the checksum
  EXPECT_FALSE(endpoint::parse_host(name, 1));
  EXPECT_FALSE(endpoint::parse_host("777myonionurl777.onion", 1));  // TorV2: obsolete
  EXPECT_FALSE(endpoint::parse_host("not-base32!.onion", 1));
}

TEST(Endpoint, I2pName) {
  const auto e = endpoint::parse_host(test::i2p_name, 0);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->net, network_id::i2p);
  for (int i = 0; i < 32; ++i) EXPECT_EQ(e->addr[i], 0x20 + i);
  EXPECT_EQ(e->host(), test::i2p_name);
}

TEST(Endpoint, GarbageHostsAreRefused) {
  for (const char* h :
       {"", "1.2.3", "256.1.1.1", "example.com", "::g", "[1.2.3.4", ".onion", ".b32.i2p"})
    EXPECT_FALSE(endpoint::parse_host(h, 1)) << h;
}

TEST(LegacyAddress, Btcd30ByteVector) {
  // btcd netaddress_test.go: 127.0.0.1:8333, NODE_NETWORK, time 0x495fab29.
  const peer_address a{0x495fab29, node_network, endpoint::ipv4(127, 0, 0, 1, 8333)};
  bytes out;
  byte_writer w(out);
  encode_legacy(w, a, true);
  EXPECT_EQ(to_hex(out), "29ab5f49010000000000000000000000000000000000ffff7f000001208d");
  byte_reader r(out);
  peer_address back;
  ASSERT_EQ(decode_legacy(r, back, true), std::error_code{});
  EXPECT_EQ(back, a);
}

peer_address decode_v2_hex(std::string_view hex, bool& skipped, std::error_code& ec) {
  const bytes in = from_hex(hex);
  byte_reader r(in);
  peer_address a;
  ec = decode_v2(r, a, skipped);
  return a;
}

TEST(AddrV2Entry, ValidIpv4) {
  bool skipped = true;
  std::error_code ec;
  // btcd TestReadNetAddressV2 valid IPv4 entry (port 0x2222).
  const auto a = decode_v2_hex("00000000 00 01 04 7f000001 2222", skipped, ec);
  EXPECT_FALSE(ec);
  EXPECT_FALSE(skipped);
  EXPECT_EQ(a.where.to_string(), "127.0.0.1:8738");
}

TEST(AddrV2Entry, SkippedEntries) {
  struct skip_case {
    const char* what;
    std::string hex;
  };
  const skip_case cases[] = {
      {"unknown id, 32 bytes", "00000000 00 07 20" + std::string(64, '1') + "2222"},
      {"unknown id, 512 bytes", "00000000 00 09 fd0002" + std::string(1024, '1') + "2222"},
      {"torv2", "00000000 00 03 0a fffecc39a8736915ffff 2222"},
      {"ipv4-mapped ipv6", "00000000 00 02 10 00000000000000000000ffff7f000001 2222"},
      {"onioncat ipv6", "00000000 00 02 10 fd87d87eeb43fffecc39a8736915ffff 2222"},
  };
  for (const auto& c : cases) {
    bool skipped = false;
    std::error_code ec;
    decode_v2_hex(c.hex, skipped, ec);
    EXPECT_FALSE(ec) << c.what;
    EXPECT_TRUE(skipped) << c.what;
  }
}

TEST(AddrV2Message, SkippedEntriesAreDroppedAndStreamConsumed) {
  // btcd msgaddrv2_test.go: one valid entry and one onioncat IPv6 entry.
  message m;
  ASSERT_EQ(decode_payload(command::addrv2,
                           from_hex("02 00000000 00 01 04 7f000001 2222"
                                    "   00000000 00 02 10 fd87d87eeb43fffecc39a8736915ffff 2222"),
                           protocol_version, m),
            std::error_code{});
  const auto& a = std::get<msg::addrv2>(m);
  ASSERT_EQ(a.addresses.size(), 1u);
  EXPECT_EQ(a.skipped, 1u);
}

TEST(AddrV2Entry, ServicesAreCompactSize) {
  bool skipped = false;
  std::error_code ec;
  const auto a = decode_v2_hex("00000000 fd0904 01 04 01020304 208d", skipped, ec);
  EXPECT_FALSE(ec);
  EXPECT_EQ(a.services, 1033u);
  decode_v2_hex("00000000 fd0100 01 04 01020304 208d", skipped, ec);
  EXPECT_EQ(ec, wire_errc::non_canonical_compact_size);
}

}  // namespace
}  // namespace btcnet::wire
