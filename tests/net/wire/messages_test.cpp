#include <gtest/gtest.h>

#include "net/wire/frame_decoder.hpp"
#include "net/wire/messages.hpp"
#include "test_vectors.hpp"

namespace btcnet::wire {
namespace {

using test::frame_hex;
using test::from_hex;
using test::mainnet_magic;
using test::to_hex;

// Decodes one whole frame: frame checks, then payload decode at `pver`.
message decode_one(std::string_view hex, std::uint32_t pver) {
  const bytes in = from_hex(hex);
  test::recording_sink sink;
  frame_decoder d(mainnet_magic);
  d.feed(in, sink);
  EXPECT_TRUE(sink.errors.empty());
  EXPECT_EQ(sink.frames.size(), 1u);
  message m;
  if (sink.frames.empty()) return m;
  EXPECT_EQ(decode_payload(sink.frames[0].cmd, sink.frames[0].payload, pver, m), std::error_code{});
  return m;
}

template <class M>
void expect_exact(const M& m, std::uint32_t pver, std::string_view vector_name) {
  bytes out;
  ASSERT_EQ(encode_frame(out, mainnet_magic, m, pver), std::error_code{});
  EXPECT_EQ(to_hex(out), frame_hex(vector_name)) << vector_name;
  const message back = decode_one(frame_hex(vector_name), pver);
  ASSERT_TRUE(std::holds_alternative<M>(back)) << vector_name;
  EXPECT_EQ(std::get<M>(back), m) << vector_name;
}

peer_address na(endpoint e, std::uint64_t services, std::uint32_t time = 0) {
  return peer_address{time, services, e};
}

msg::version btcd_base_version() {
  msg::version v;
  v.protocol = 60002;
  v.services = node_network;
  v.timestamp = 0x495fab29;
  v.receiver = na(endpoint::ipv4(192, 168, 0, 1, 8333), node_network);
  v.sender = na(endpoint::ipv4(127, 0, 0, 1, 8333), node_network);
  v.nonce = 123123;
  v.user_agent = "/btcdtest:0.0.1/";
  v.start_height = 234234;
  return v;
}

TEST(Version, Btcd60002VectorWithoutRelayByte) {
  expect_exact(btcd_base_version(), 60002, "version_60002");
}

TEST(Version, Protocol70016WithUserAgentAndRelay) {
  msg::version v;
  v.protocol = 70016;
  v.services = 1033;  // NETWORK | WITNESS | NETWORK_LIMITED
  v.timestamp = 1700000000;
  v.receiver = na(endpoint::ipv4(1, 2, 3, 4, 8333), node_network);
  v.sender = na(endpoint::ipv4(0, 0, 0, 0, 0), 1033);
  v.nonce = 0x1122334455667788;
  v.user_agent = "/Satoshi:25.0.0/";
  v.start_height = 800000;
  v.relay = true;
  expect_exact(v, 70016, "version_70016");
}

TEST(Version, Bip37VariantAppendsRelayByte) {
  // btcd: the BIP37 encoding (pver 70001) is the base encoding plus the relay byte.
  bytes with, without;
  auto v = btcd_base_version();
  encode_frame(without, mainnet_magic, v, 60002);
  encode_frame(with, mainnet_magic, v, 70001);
  ASSERT_EQ(with.size(), without.size() + 1);
  EXPECT_EQ(with.back(), 0x01);
  v.relay = false;
  with.clear();
  encode_frame(with, mainnet_magic, v, 70001);
  EXPECT_EQ(with.back(), 0x00);
}

TEST(Version, OptionalTrailingFieldsDecodeAsDefaults) {
  // btcd TestVersionOptionalFields: cut after addr_recv, addr_from, nonce, user agent.
  bytes payload;
  byte_writer w(payload);
  btcd_base_version().encode(w, 60002);
  const std::size_t full = payload.size();
  struct cut {
    std::size_t drop;
    bool has_sender, has_nonce, has_agent, has_height;
  };
  for (const cut c : {cut{55, false, false, false, false}, cut{29, true, false, false, false},
                      cut{21, true, true, false, false}, cut{4, true, true, true, false}}) {
    message m;
    ASSERT_EQ(decode_payload(command::version, byte_span(payload).first(full - c.drop), 60002, m),
              std::error_code{})
        << c.drop;
    const auto& v = std::get<msg::version>(m);
    EXPECT_EQ(v.protocol, 60002);
    EXPECT_EQ(v.sender.where.port == 8333, c.has_sender);
    EXPECT_EQ(v.nonce == 123123, c.has_nonce);
    EXPECT_EQ(v.user_agent == "/btcdtest:0.0.1/", c.has_agent);
    EXPECT_EQ(v.start_height == 234234, c.has_height);
    EXPECT_TRUE(v.relay);
  }
}

TEST(Version, UserAgentBuilderFollowsBip14) {
  msg::version v;
  v.user_agent = "/btcwire:0.5.0/";
  ASSERT_EQ(v.add_user_agent("myclient", "1.2.3", {"optional", "comments"}), std::error_code{});
  EXPECT_EQ(v.user_agent, "/btcwire:0.5.0/myclient:1.2.3(optional; comments)/");
  ASSERT_EQ(v.add_user_agent("mygui", "3.4.5"), std::error_code{});
  EXPECT_EQ(v.user_agent, "/btcwire:0.5.0/myclient:1.2.3(optional; comments)/mygui:3.4.5/");
  msg::version fresh;
  ASSERT_EQ(fresh.add_user_agent("btcnet", "0.1.0"), std::error_code{});
  EXPECT_EQ(fresh.user_agent, "/btcnet:0.1.0/");
  EXPECT_EQ(fresh.add_user_agent("bad/name", "1"), wire_errc::invalid_value);
  EXPECT_EQ(fresh.add_user_agent("x", "1", {"a(b)"}), wire_errc::invalid_value);
  EXPECT_EQ(fresh.add_user_agent(std::string(250, 'x'), "1"), wire_errc::string_too_long);
  EXPECT_EQ(fresh.user_agent, "/btcnet:0.1.0/");  // unchanged on failure
}

TEST(EmptyMessages, VerackSendaddrv2WtxidrelayAndTheEmptyChecksum) {
  expect_exact(msg::verack{}, protocol_version, "verack");
  expect_exact(msg::sendaddrv2{}, protocol_version, "sendaddrv2");
  expect_exact(msg::wtxidrelay{}, protocol_version, "wtxidrelay");
  EXPECT_EQ(checksum({}), 0xe2e0f65du);  // 5d f6 e0 e2 on the wire
}

TEST(PingPong, NonceVectors) {
  expect_exact(msg::ping{123123}, protocol_version, "ping");
  expect_exact(msg::pong{123123}, protocol_version, "pong");
}

TEST(PingPong, Bip31Gating) {
  // btcd msgping_test.go: 456456 at 60001 has a nonce, at 60000 the payload is empty.
  bytes out;
  byte_writer w(out);
  msg::ping{456456}.encode(w, 60001);
  EXPECT_EQ(to_hex(out), "08f7060000000000");
  out.clear();
  msg::ping{456456}.encode(w, 60000);
  EXPECT_TRUE(out.empty());
  EXPECT_EQ(encode_frame(out, mainnet_magic, msg::pong{1}, 60000),
            wire_errc::not_in_protocol_version);
  message m;
  EXPECT_EQ(decode_payload(command::pong, from_hex("0100000000000000"), 60000, m),
            wire_errc::not_in_protocol_version);
}

TEST(Addr, TwoEntriesBtcdVector) {
  msg::addr a;
  a.addresses = {na(endpoint::ipv4(127, 0, 0, 1, 8333), node_network, 0x495fab29),
                 na(endpoint::ipv4(192, 168, 0, 1, 8334), node_network, 0x495fab29)};
  expect_exact(a, protocol_version, "addr");
}

TEST(Addr, NoTimestampBelow31402) {
  msg::addr a;
  a.addresses = {na(endpoint::ipv4(127, 0, 0, 1, 8333), node_network, 0x495fab29)};
  bytes out;
  byte_writer w(out);
  a.encode(w, 31401);
  // btcd netaddress_test.go: the entry without its timestamp.
  EXPECT_EQ(to_hex(out), "01010000000000000000000000000000000000ffff7f000001208d");
}

TEST(AddrV2, Ipv4Ipv6TorV3AndI2p) {
  msg::addrv2 a;
  auto e6 = *endpoint::parse_host("2001:db8::1", 8333);
  auto tor = *endpoint::parse_host(test::torv3_name, 9050);
  auto i2p = *endpoint::parse_host(test::i2p_name, 0);
  a.addresses = {na(endpoint::ipv4(1, 2, 3, 4, 8333), 1, 0x495fab29), na(e6, 1033, 0x495fab29),
                 na(tor, 0, 0x495fab29), na(i2p, 1, 0x495fab29)};
  expect_exact(a, protocol_version, "addrv2");
}

TEST(Reject, VersionAndBlockVectors) {
  msg::reject r{"version", reject_code::duplicate, "duplicate version", {}};
  expect_exact(r, protocol_version, "reject");
  msg::reject b{"block", reject_code::duplicate, "duplicate block", {}};
  const bytes genesis =
      from_hex("6fe28c0ab6f1b372c1a6a246ae63f74f931e8365e15a089c68d6190000000000");
  std::copy(genesis.begin(), genesis.end(), b.hash.begin());
  expect_exact(b, protocol_version, "reject_block");
}

TEST(FeeFilterAndSendCmpct, Vectors) {
  expect_exact(msg::feefilter{1000}, protocol_version, "feefilter");
  expect_exact(msg::sendcmpct{false, 2}, protocol_version, "sendcmpct");
}

TEST(Inv, TwoVectorsFromBitcoinlib) {
  msg::inv i;
  const bytes tx = from_hex("3ba3edfd7a7b12b27ac72c3e67768f617fc81bc3888a51323a9fb8aa4b1e5e4a");
  const bytes block = from_hex("6fe28c0ab6f1b372c1a6a246ae63f74f931e8365e15a089c68d6190000000000");
  i.entries.resize(2);
  i.entries[0].type = inv_tx;
  std::copy(tx.begin(), tx.end(), i.entries[0].hash.begin());
  i.entries[1].type = inv_block;
  std::copy(block.begin(), block.end(), i.entries[1].hash.begin());
  expect_exact(i, protocol_version, "inv");
}

TEST(Locator, GetheadersRoundTripsAndCapsLocator) {
  msg::getheaders g;
  g.locator.resize(3);
  g.locator[1][0] = 7;
  g.hash_stop[31] = 9;
  bytes out;
  ASSERT_EQ(encode_frame(out, mainnet_magic, g, protocol_version), std::error_code{});
  EXPECT_EQ(out.size(), 24u + 4 + 1 + 3 * 32 + 32);
  const auto back = decode_one(test::to_hex(out), protocol_version);
  EXPECT_EQ(std::get<msg::getheaders>(back), g);
  g.locator.resize(max_locator_hashes + 1);
  out.clear();
  byte_writer w(out);
  g.encode(w, protocol_version);
  message m;
  EXPECT_EQ(decode_payload(command::getheaders, out, protocol_version, m),
            wire_errc::too_many_entries);
}

TEST(VersionGating, MessagesBelowTheirVersionAreRefused) {
  message m;
  EXPECT_EQ(decode_payload(command::sendaddrv2, {}, 70015, m), wire_errc::not_in_protocol_version);
  EXPECT_EQ(decode_payload(command::wtxidrelay, {}, 70015, m), wire_errc::not_in_protocol_version);
  EXPECT_EQ(decode_payload(command::sendheaders, {}, 70011, m), wire_errc::not_in_protocol_version);
  EXPECT_EQ(decode_payload(command::mempool, {}, 60001, m), wire_errc::not_in_protocol_version);
  EXPECT_EQ(decode_payload(command::feefilter, from_hex("0000000000000000"), 70012, m),
            wire_errc::not_in_protocol_version);
  EXPECT_EQ(decode_payload(command::reject, from_hex("0000"), 70001, m),
            wire_errc::not_in_protocol_version);
  bytes out;
  EXPECT_EQ(encode_frame(out, mainnet_magic, msg::sendcmpct{}, 70013),
            wire_errc::not_in_protocol_version);
  EXPECT_TRUE(out.empty());
  EXPECT_EQ(decode_payload(command::sendaddrv2, {}, 70016, m), std::error_code{});
}

TEST(Raw, PassThroughKeepsBytes) {
  const bytes payload = from_hex("0102030405");
  message m;
  ASSERT_EQ(decode_payload(command::tx, payload, protocol_version, m), std::error_code{});
  EXPECT_EQ(std::get<msg::raw>(m).payload, payload);
  EXPECT_EQ(command_of(m), command::tx);
  bytes out;
  ASSERT_EQ(encode_frame(out, mainnet_magic, m, protocol_version), std::error_code{});
  EXPECT_EQ(to_hex(byte_span(out).subspan(4, 12)), "747800000000000000000000");
}

}  // namespace
}  // namespace btcnet::wire
