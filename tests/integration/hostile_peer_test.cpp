// Hostile input over real sockets against a whole node running in this process: a raw client (plain
// POSIX sockets, frames from the wire codec, malformed bytes by hand) sends what an attacker or a
// broken peer would, one connection per case, and checks the answer the node documents
// (actors/peer/peer.cpp, net/transport/tcp_connection.cpp, net/wire/frame_decoder.hpp):
//
//   wrong magic, garbage bytes, a length above 4,000,000, a length above the command's own
//   maximum, an undecodable version, a bad checksum before the handshake  -> disconnect
//   a bad checksum after the handshake         -> reject "malformed", ban score 10, stays
//   an undecodable payload after the handshake -> reject "malformed", ban score 20, stays
//   a message before version                   -> reject, disconnect
//   a second version                           -> reject "duplicate", disconnect
//   a truncated frame, then silence            -> handshake/idle timeout; others are served
//   ban score above 100                        -> banned, refused at accept
//
// After every case a well-behaved client still completes a handshake and a ping with the node.
// Only 127.0.0.0/8 is used (the addr entries sent are loopback too), so no namespace is needed.
#include <fstream>

#include "net/wire/header.hpp"
#include "tests/integration/node_fixture.hpp"
#include "tests/support/raw_client.hpp"

namespace btcnet::actors {
namespace {

using namespace std::chrono_literals;
using test::raw_client;
using test::received_frame;
using test::regtest_magic;
constexpr std::uint32_t mainnet_magic = 0xd9b4bef9;

// A frame with a hand-made header: any magic, command, length and checksum.
wire::bytes raw_frame(std::uint32_t magic, std::string_view command, std::uint32_t length,
                      std::uint32_t checksum, const wire::bytes& payload = {}) {
  return wire::make_raw_frame(magic, command, length, checksum, payload);
}

// A frame whose header is right for `payload` (checksum included), whatever the payload holds.
wire::bytes frame_with_payload(std::string_view command, const wire::bytes& payload) {
  return raw_frame(regtest_magic, command, static_cast<std::uint32_t>(payload.size()),
                   wire::checksum(payload), payload);
}

// An addr payload declaring `count` entries and carrying `entries` of them (loopback addresses).
wire::bytes addr_payload(std::uint64_t count, std::size_t entries) {
  wire::bytes out;
  wire::byte_writer w(out);
  w.compact_size(count);
  const auto now = static_cast<std::uint32_t>(time_source::system_unix_now());
  for (std::size_t i = 0; i < entries; ++i) {
    const wire::peer_address a{now, 0,
                               wire::endpoint::ipv4(127, 1, static_cast<std::uint8_t>(i >> 8),
                                                    static_cast<std::uint8_t>(i), 18444)};
    wire::encode_legacy(w, a, true);
  }
  return out;
}

std::optional<wire::msg::reject> as_reject(const std::optional<received_frame>& f) {
  if (!f) return std::nullopt;
  wire::message m;
  if (wire::decode_payload(f->cmd, f->payload, wire::protocol_version, m)) return std::nullopt;
  return std::get<wire::msg::reject>(m);
}

// Resident memory of this process (the node runs in it), in bytes.
std::size_t resident_bytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::stoull(line.substr(6)) * 1024;
  ADD_FAILURE() << "no VmRSS in /proc/self/status";
  return 0;
}

// How much the resident memory may grow while the hostile peers below hold buffers. Under
// ThreadSanitizer every byte the node touches also maps shadow memory, several times its size, so
// the same 3 MB of received payload shows as about 23 MB; the bound still sits far below what
// buffers sized by the declared lengths would take there (24 MB, times the shadow).
#if defined(__SANITIZE_THREAD__)
constexpr std::size_t memory_growth_bound = 60 * 1024 * 1024;
#else
constexpr std::size_t memory_growth_bound = 20 * 1024 * 1024;
#endif

struct HostilePeerTest : test::node_fixture {
  node* n = nullptr;
  std::uint16_t port = 0;

  // A listening, connect-only node with short handshake and idle timeouts.
  void start_node(caf::timespan negotiate = 3s, caf::timespan idle = 20s) {
    auto o = options();
    o.server.peer.negotiate_timeout = negotiate;
    o.server.peer.idle_timeout = idle;
    n = &start(o);
    port = n->listen_ports().at(0);
  }

  // The node's view of the client whose end is `local` (nullopt: not a handshaken peer).
  std::optional<peer_stats> stats_of(const std::string& local) {
    for (auto& p : peers(*n))
      if (p.addr == local) return p;
    return std::nullopt;
  }

  // A well-behaved client completes a handshake and a ping round trip, and the node lists it.
  ::testing::AssertionResult still_serves(const char* source = "127.0.0.1") {
    raw_client good(port, source);
    if (!good.connected()) return ::testing::AssertionFailure() << "cannot connect";
    if (!good.handshake()) return ::testing::AssertionFailure() << "no handshake";
    if (!good.ping_pong(0x600d)) return ::testing::AssertionFailure() << "no pong";
    if (!eventually([&] { return stats_of(good.local()).has_value(); }, 5s))
      return ::testing::AssertionFailure() << "the node does not list the peer";
    return ::testing::AssertionSuccess();
  }
};

TEST_F(HostilePeerTest, WrongMagicIsDisconnected) {
  start_node();
  raw_client c(port);
  ASSERT_TRUE(c.connected());
  ASSERT_TRUE(c.send_msg(c.version_message(), mainnet_magic));
  EXPECT_TRUE(c.wait_closed());
  EXPECT_TRUE(c.frames().empty());  // not even our version: theirs never counted
  EXPECT_TRUE(still_serves());
}

TEST_F(HostilePeerTest, GarbageBytesAreDisconnected) {
  start_node();
  raw_client c(port);
  ASSERT_TRUE(c.connected());
  std::mt19937 rng(20240601);
  wire::bytes garbage(300);
  for (auto& b : garbage) b = static_cast<std::uint8_t>(rng());
  ASSERT_NE(garbage[0], 0xfa);  // not regtest's magic by chance
  ASSERT_TRUE(c.send_bytes(garbage));
  EXPECT_TRUE(c.wait_closed());
  EXPECT_TRUE(c.frames().empty());
  EXPECT_TRUE(still_serves());
}

TEST_F(HostilePeerTest, VersionWithGarbagePayloadIsDisconnected) {
  start_node();
  raw_client c(port);
  ASSERT_TRUE(c.connected());
  // A well-framed version (right checksum) whose 40 bytes cannot be a version message.
  ASSERT_TRUE(c.send_bytes(frame_with_payload("version", wire::bytes(40, 0xab))));
  EXPECT_TRUE(c.wait_closed());
  EXPECT_TRUE(c.frames().empty());  // the negotiation failed: no version, no verack
  EXPECT_TRUE(still_serves());
}

TEST_F(HostilePeerTest, MessageBeforeVersionIsRejectedAndDisconnected) {
  start_node();
  raw_client c(port);
  ASSERT_TRUE(c.connected());
  ASSERT_TRUE(c.send_msg(wire::msg::ping{7}));
  const auto reject = as_reject(c.wait_for(wire::command::reject));
  ASSERT_TRUE(reject) << "no reject";
  EXPECT_EQ(reject->message, "ping");
  EXPECT_EQ(reject->code, wire::reject_code::malformed);
  EXPECT_EQ(reject->reason, "a version message must precede all others");
  EXPECT_TRUE(c.wait_closed());
  EXPECT_TRUE(still_serves());
}

TEST_F(HostilePeerTest, SecondVersionIsRejectedAsDuplicateAndDisconnected) {
  start_node();
  raw_client c(port);
  ASSERT_TRUE(c.connected());
  ASSERT_TRUE(c.handshake());
  ASSERT_TRUE(c.ping_pong(1));
  ASSERT_TRUE(c.send_msg(c.version_message()));
  const auto reject = as_reject(c.wait_for(wire::command::reject));
  ASSERT_TRUE(reject) << "no reject";
  EXPECT_EQ(reject->message, "version");
  EXPECT_EQ(reject->code, wire::reject_code::duplicate);
  EXPECT_EQ(reject->reason, "duplicate version message");
  EXPECT_TRUE(c.wait_closed());
  EXPECT_TRUE(still_serves());
}

TEST_F(HostilePeerTest, BadChecksumBeforeHandshakeIsDisconnected) {
  start_node();
  raw_client c(port);
  ASSERT_TRUE(c.connected());
  wire::bytes frame;
  ASSERT_FALSE(wire::encode_frame(frame, regtest_magic, c.version_message(), 70016));
  frame[20] ^= 0xff;
  ASSERT_TRUE(c.send_bytes(frame));
  EXPECT_TRUE(c.wait_closed());
  EXPECT_TRUE(c.frames().empty());
  EXPECT_TRUE(still_serves());
}

TEST_F(HostilePeerTest, BadChecksumAfterHandshakeIsRejectedAndScoredButKept) {
  start_node();
  raw_client c(port);
  ASSERT_TRUE(c.connected());
  ASSERT_TRUE(c.handshake());
  ASSERT_TRUE(c.ping_pong(1));
  wire::bytes frame;
  ASSERT_FALSE(wire::encode_frame(frame, regtest_magic, wire::msg::ping{2}, 70016));
  frame[21] ^= 0x5a;
  ASSERT_TRUE(c.send_bytes(frame));
  const auto reject = as_reject(c.wait_for(wire::command::reject));
  ASSERT_TRUE(reject) << "no reject";
  EXPECT_EQ(reject->message, "malformed");
  EXPECT_EQ(reject->code, wire::reject_code::malformed);
  EXPECT_EQ(reject->reason.rfind("Can't read ping message", 0), 0u) << reject->reason;
  std::optional<peer_stats> s;
  ASSERT_TRUE(eventually([&] { return (s = stats_of(c.local())) && s->ban_score > 0; }));
  EXPECT_EQ(s->ban_score, bad_checksum_score);
  EXPECT_EQ(s->ban_score, 10u);
  // The stream was in sync: the connection goes on.
  EXPECT_TRUE(c.ping_pong(3));
  EXPECT_FALSE(c.closed());
  EXPECT_TRUE(still_serves());
}

TEST_F(HostilePeerTest, OverlongAddrCountIsRejectedAndScoredButKept) {
  start_node();
  raw_client c(port);
  ASSERT_TRUE(c.connected());
  ASSERT_TRUE(c.handshake());
  ASSERT_TRUE(c.ping_pong(1));
  // 1001 entries declared, 1000 carried: 30,003 bytes fit addr's 30,009-byte maximum, so the
  // frame is delivered and its payload fails to decode (too many entries).
  const auto payload = addr_payload(1001, 1000);
  ASSERT_LE(payload.size(), wire::max_payload_length(wire::command::addr));
  ASSERT_TRUE(c.send_bytes(frame_with_payload("addr", payload)));
  const auto reject = as_reject(c.wait_for(wire::command::reject));
  ASSERT_TRUE(reject) << "no reject";
  EXPECT_EQ(reject->message, "malformed");
  EXPECT_EQ(reject->code, wire::reject_code::malformed);
  EXPECT_EQ(reject->reason.rfind("Can't read addr message", 0), 0u) << reject->reason;
  std::optional<peer_stats> s;
  ASSERT_TRUE(eventually([&] { return (s = stats_of(c.local())) && s->ban_score > 0; }));
  EXPECT_EQ(s->ban_score, malformed_payload_score);
  EXPECT_EQ(s->ban_score, 20u);
  EXPECT_EQ(s->addr_processed, 0u);
  EXPECT_TRUE(c.ping_pong(2));
  EXPECT_TRUE(still_serves());
}

TEST_F(HostilePeerTest, AddrOfTrulyThousandAndOneEntriesExceedsItsLengthAndIsDisconnected) {
  // 1001 real entries take 30,033 bytes, above addr's maximum payload (btcd MaxPayloadLength:
  // 9 + 1000 × 30): the frame decoder refuses the header and the connection ends.
  start_node();
  raw_client c(port);
  ASSERT_TRUE(c.connected());
  ASSERT_TRUE(c.handshake());
  ASSERT_TRUE(c.ping_pong(1));
  const auto payload = addr_payload(1001, 1001);
  ASSERT_GT(payload.size(), wire::max_payload_length(wire::command::addr));
  c.send_bytes(frame_with_payload("addr", payload));  // may fail half-way: the node hangs up
  EXPECT_TRUE(c.wait_closed());
  EXPECT_TRUE(still_serves());
}

TEST_F(HostilePeerTest, HugeDeclaredLengthsAreDisconnectedWithoutMemoryGrowth) {
  start_node();
  ASSERT_TRUE(still_serves());  // warm up: threads, buffers, first allocations
  const std::size_t before = resident_bytes();
  for (const std::uint32_t length : {33'000'000u, 4'000'001u}) {
    SCOPED_TRACE("declared length " + std::to_string(length));
    for (const std::string_view cmd : {"block", "version"}) {
      raw_client c(port);
      ASSERT_TRUE(c.connected());
      // The header, then 256 KiB of the promised payload (the node may hang up meanwhile).
      auto bytes = raw_frame(regtest_magic, cmd, length, 0);
      bytes.resize(bytes.size() + 256 * 1024, 0x42);
      c.send_bytes(bytes);
      EXPECT_TRUE(c.wait_closed()) << cmd;
      EXPECT_TRUE(c.frames().empty());
    }
  }
  // Legal lengths cost only what arrives: six connections (the node admits eight incomplete
  // handshakes per /24) each promise a 4,000,000-byte block and deliver 512 KiB of it; buffers
  // sized by the declared length would take 24 MB.
  {
    std::vector<std::unique_ptr<raw_client>> partial;
    for (int i = 0; i < 6; ++i) {
      partial.push_back(std::make_unique<raw_client>(port));
      auto bytes = raw_frame(regtest_magic, "block", wire::max_protocol_message_length, 0);
      bytes.resize(bytes.size() + 512 * 1024, 0x17);
      ASSERT_TRUE(partial.back()->send_bytes(bytes));
    }
    std::this_thread::sleep_for(500ms);
    for (const auto& c : partial) EXPECT_FALSE(c->closed());
    const std::size_t during = resident_bytes();
    EXPECT_LT(during, before + memory_growth_bound)
        << "resident memory grew by " << (during - before) / 1024 << " KiB";
  }
  const std::size_t after = resident_bytes();
  EXPECT_LT(after, before + memory_growth_bound)
      << "resident memory grew by " << (after - before) / 1024 << " KiB";
  EXPECT_TRUE(still_serves());
}

TEST_F(HostilePeerTest, TruncatedFrameThenSilenceBeforeHandshakeTimesOut) {
  start_node(/*negotiate=*/2s);
  raw_client c(port);
  ASSERT_TRUE(c.connected());
  const auto connected_at = std::chrono::steady_clock::now();
  wire::bytes frame;
  ASSERT_FALSE(wire::encode_frame(frame, regtest_magic, c.version_message(), 70016));
  frame.resize(30);  // the header and 6 of the payload's bytes
  ASSERT_TRUE(c.send_bytes(frame));
  // Meanwhile the node serves others.
  EXPECT_TRUE(still_serves());
  EXPECT_FALSE(c.closed());
  EXPECT_TRUE(c.wait_closed(6s));
  const auto after = std::chrono::steady_clock::now() - connected_at;
  EXPECT_GE(after, 1500ms) << "closed before the handshake timeout";
  EXPECT_TRUE(c.frames().empty());
  EXPECT_TRUE(still_serves());
}

TEST_F(HostilePeerTest, TruncatedFrameThenSilenceAfterHandshakeIdlesOut) {
  start_node(/*negotiate=*/3s, /*idle=*/2s);
  raw_client c(port);
  ASSERT_TRUE(c.connected());
  ASSERT_TRUE(c.handshake());
  ASSERT_TRUE(c.ping_pong(1));
  const auto last_complete = std::chrono::steady_clock::now();
  wire::bytes frame;
  ASSERT_FALSE(wire::encode_frame(frame, regtest_magic, wire::msg::ping{2}, 70016));
  frame.resize(10);
  ASSERT_TRUE(c.send_bytes(frame));
  EXPECT_TRUE(still_serves());
  EXPECT_TRUE(c.wait_closed(6s));
  EXPECT_GE(std::chrono::steady_clock::now() - last_complete, 1500ms);
  EXPECT_TRUE(still_serves());
}

TEST_F(HostilePeerTest, UnknownCommandIsIgnored) {
  start_node();
  raw_client c(port);
  ASSERT_TRUE(c.connected());
  ASSERT_TRUE(c.handshake());
  ASSERT_TRUE(c.send_bytes(frame_with_payload("frobnicate", wire::bytes(100, 1))));
  EXPECT_TRUE(c.ping_pong(9));
  const auto s = stats_of(c.local());
  ASSERT_TRUE(s);
  EXPECT_EQ(s->ban_score, 0u);
  EXPECT_TRUE(still_serves());
}

TEST_F(HostilePeerTest, RepeatedMalformedPayloadsGetTheHostBannedAndRefused) {
  start_node();
  raw_client c(port);
  ASSERT_TRUE(c.connected());
  ASSERT_TRUE(c.handshake());
  ASSERT_TRUE(c.ping_pong(1));
  const auto bad = frame_with_payload("addr", addr_payload(1001, 0));
  // Five times 20 reaches the threshold (100) without passing it: still connected.
  for (int i = 1; i <= 5; ++i) {
    ASSERT_TRUE(c.send_bytes(bad));
    ASSERT_TRUE(c.ping_pong(100 + i)) << "after malformed payload " << i;
  }
  std::optional<peer_stats> s = stats_of(c.local());
  ASSERT_TRUE(s);
  EXPECT_EQ(s->ban_score, 100u);
  // The sixth passes it: banned and disconnected.
  c.send_bytes(bad);
  EXPECT_TRUE(c.wait_closed());
  const auto bans = ask<ban_list>(n->server(), list_bans{});
  ASSERT_EQ(bans.size(), 1u);
  EXPECT_EQ(bans[0].address, "127.0.0.1/32");
  EXPECT_GT(bans[0].banned_until, time_source::system_unix_now() + 3600);

  // A new connection from the banned host is closed at accept: no version comes back.
  raw_client again(port);
  ASSERT_TRUE(again.connected());  // the kernel completes the TCP handshake
  again.send_msg(again.version_message());
  EXPECT_TRUE(again.wait_closed(3s));
  EXPECT_TRUE(again.frames().empty());
  EXPECT_FALSE(stats_of(again.local()));
  // Other hosts are still served.
  EXPECT_TRUE(still_serves("127.0.0.2"));
  EXPECT_FALSE(still_serves("127.0.0.1"));
}

}  // namespace
}  // namespace btcnet::actors
