// Every malformed input yields its own error (btcd message_test.go TestReadMessageWireErrors and
// the list), and a fatal error stops the decoder.
#include <gtest/gtest.h>

#include "net/wire/frame_decoder.hpp"
#include "net/wire/messages.hpp"
#include "test_vectors.hpp"

namespace btcnet::wire {
namespace {

using test::from_hex;
using test::mainnet_magic;

test::recording_sink feed(const bytes& in, std::uint32_t magic = mainnet_magic) {
  test::recording_sink sink;
  frame_decoder d(magic);
  d.feed(in, sink);
  return sink;
}

std::error_code frame_error(std::string_view hex, std::uint32_t magic = mainnet_magic) {
  const auto sink = feed(from_hex(hex), magic);
  if (!sink.bad_frames.empty()) return wire_errc::bad_checksum;
  return sink.errors.empty() ? std::error_code{} : sink.errors.front();
}

std::error_code payload_error(command cmd, std::string_view payload_hex,
                              std::uint32_t pver = protocol_version) {
  message m;
  return decode_payload(cmd, from_hex(payload_hex), pver, m);
}

TEST(Malformed, OversizeLengthHeaders) {
  // 33 MB (0x02000001 > 32 MiB) and 4,000,001: refused from the header alone.
  EXPECT_EQ(frame_error("f9beb4d9 626c6f636b00000000000000 01000002 00000000"),
            wire_errc::message_too_long);
  EXPECT_EQ(frame_error("f9beb4d9 626c6f636b00000000000000 01093d00 00000000"),
            wire_errc::message_too_long);
  // Exactly 4,000,000 is allowed for a block: no error, still waiting for the payload.
  EXPECT_EQ(frame_error("f9beb4d9 626c6f636b00000000000000 00093d00 00000000"), std::error_code{});
  // Length is checked before magic, as btcd does.
  EXPECT_EQ(frame_error("0b110907 626c6f636b00000000000000 01093d00 00000000"),
            wire_errc::message_too_long);
}

TEST(Malformed, WrongMagicIsDetectedPerConnection) {
  // testnet3 magic on a mainnet connection, and mainnet bytes on a regtest one.
  EXPECT_EQ(frame_error("0b110907 76657261636b000000000000 00000000 5df6e0e2"),
            wire_errc::wrong_magic);
  EXPECT_EQ(frame_error(test::frame_hex("verack"), 0xdab5bffa), wire_errc::wrong_magic);
}

TEST(Malformed, InvalidCommandBytes) {
  EXPECT_EQ(frame_error("f9beb4d9 81657261636b000000000000 00000000 5df6e0e2"),
            wire_errc::invalid_command);
  // Garbage after the NUL padding starts.
  EXPECT_EQ(frame_error("f9beb4d9 76657261636b000041000000 00000000 5df6e0e2"),
            wire_errc::invalid_command);
}

TEST(Malformed, PayloadAboveTheCommandsMaximum) {
  EXPECT_EQ(frame_error("f9beb4d9 676574616464720000000000 01000000 00000000"),
            wire_errc::payload_too_long);  // getaddr with length 1 (btcd)
  EXPECT_EQ(frame_error("f9beb4d9 70696e670000000000000000 09000000 00000000"),
            wire_errc::payload_too_long);  // ping with 9 bytes
}

TEST(Malformed, BadChecksumDropsOnlyThatFrame) {
  bytes stream = from_hex("f9beb4d9 70696e670000000000000000 08000000 6d00aec5 f3e0010000000000");
  const bytes ping = from_hex(test::frame_hex("ping"));
  stream.insert(stream.end(), ping.begin(), ping.end());
  test::recording_sink sink;
  frame_decoder d(mainnet_magic);
  EXPECT_TRUE(d.feed(stream, sink));
  EXPECT_EQ(sink.bad_frames, std::vector<command>{command::ping});
  ASSERT_EQ(sink.frames.size(), 1u);  // the good ping after it still arrives
  EXPECT_TRUE(sink.errors.empty());
}

TEST(Malformed, FatalErrorStopsTheStream) {
  bytes stream = from_hex("0b110907 70696e670000000000000000 08000000 6d00aec4 f3e0010000000000");
  const bytes ping = from_hex(test::frame_hex("ping"));
  stream.insert(stream.end(), ping.begin(), ping.end());
  test::recording_sink sink;
  frame_decoder d(mainnet_magic);
  EXPECT_FALSE(d.feed(stream, sink));
  EXPECT_FALSE(d.feed(ping, sink));
  EXPECT_TRUE(d.failed());
  EXPECT_EQ(sink.errors, std::vector<std::error_code>{wire_errc::wrong_magic});
  EXPECT_TRUE(sink.frames.empty());
}

TEST(Malformed, TruncatedPayloads) {
  // addr claiming 2 entries with one present (btcd: io.EOF); version cut inside addr_recv.
  EXPECT_EQ(payload_error(command::addr,
                          "02 29ab5f49 0100000000000000 00000000000000000000ffff7f000001 208d"),
            wire_errc::truncated);
  EXPECT_EQ(payload_error(command::version, "62ea0000 0100000000000000 29ab5f4900000000 01"),
            wire_errc::truncated);
  EXPECT_EQ(payload_error(command::ping, "f3e00100"), wire_errc::truncated);
}

TEST(Malformed, TrailingBytesAfterDecode) {
  // btcd TestReadMessageTrailingBytes: a version followed by deadbeef.
  const bytes frame = from_hex(test::frame_hex("version_60002"));
  std::string payload = test::to_hex(byte_span(frame).subspan(24)) + "deadbeef";
  EXPECT_EQ(payload_error(command::version, payload), wire_errc::trailing_bytes);
  EXPECT_EQ(payload_error(command::verack, "00"), wire_errc::trailing_bytes);
}

TEST(Malformed, NonCanonicalCompactSizeInAList) {
  EXPECT_EQ(payload_error(command::inv, "fd0100 01000000" + std::string(64, '0')),
            wire_errc::non_canonical_compact_size);
}

TEST(Malformed, AddrCount1001) {
  EXPECT_EQ(payload_error(command::addr, "fde903"), wire_errc::too_many_entries);
  EXPECT_EQ(payload_error(command::addrv2, "fde903"), wire_errc::too_many_entries);
  EXPECT_EQ(payload_error(command::addrv2, "fdffff"), wire_errc::too_many_entries);
  EXPECT_EQ(payload_error(command::inv, "fd51c3"), wire_errc::too_many_entries);  // 50,001
}

TEST(Malformed, HugeCountWithShortPayloadAllocatesNothing) {
  // 1000 addr entries declared, 3 bytes sent: refused before resizing the list.
  EXPECT_EQ(payload_error(command::addr, "fde803"), wire_errc::truncated);
  EXPECT_EQ(payload_error(command::inv, "fd50c3"), wire_errc::truncated);
}

TEST(Malformed, UserAgentOf257Bytes) {
  std::string payload = "80110100 0000000000000000 0000000000000000";
  payload += std::string(2 * 26, '0');  // addr_recv
  payload += std::string(2 * 26, '0');  // addr_from
  payload += "0000000000000000";        // nonce
  payload += "fd0101" + std::string(2 * 257, '6');
  EXPECT_EQ(payload_error(command::version, payload), wire_errc::string_too_long);
}

TEST(Malformed, AddrV2AddressSizes) {
  // btcd TestReadNetAddressV2: unknown id with size 0xffff -> invalid; IPv4 with size 5 -> invalid.
  EXPECT_EQ(payload_error(command::addrv2, "01 00000000 00 07 fdffff"),
            wire_errc::invalid_address_size);
  EXPECT_EQ(payload_error(command::addrv2, "01 00000000 00 01 05 7f00000100 2222"),
            wire_errc::invalid_address_size);
  EXPECT_EQ(payload_error(command::addrv2, "01 00000000 00 04 10" + std::string(32, '0') + "2222"),
            wire_errc::invalid_address_size);
}

TEST(Malformed, ErrorsHaveReadableMessages) {
  for (int e = 1; e <= static_cast<int>(wire_errc::invalid_value); ++e) {
    const std::error_code ec = static_cast<wire_errc>(e);
    EXPECT_NE(ec.message(), "unknown wire error");
    EXPECT_STREQ(ec.category().name(), "wire");
  }
}

}  // namespace
}  // namespace btcnet::wire
