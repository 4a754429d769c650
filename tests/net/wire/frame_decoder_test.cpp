#include <gtest/gtest.h>

#include <random>

#include "net/wire/frame_decoder.hpp"
#include "test_vectors.hpp"

namespace btcnet::wire {
namespace {

using test::from_hex;
using test::mainnet_magic;
using test::recording_sink;

// All vectors back to back, as one stream.
bytes all_frames() {
  bytes stream;
  for (const auto& v : test::frame_vectors) {
    const bytes f = from_hex(v.frame_hex);
    stream.insert(stream.end(), f.begin(), f.end());
  }
  return stream;
}

recording_sink feed_in_chunks(const bytes& stream, const std::vector<std::size_t>& cuts) {
  recording_sink sink;
  frame_decoder d(mainnet_magic);
  std::size_t pos = 0;
  for (std::size_t cut : cuts) {
    d.feed(byte_span(stream).subspan(pos, cut - pos), sink);
    pos = cut;
  }
  d.feed(byte_span(stream).subspan(pos), sink);
  return sink;
}

void expect_same(const recording_sink& a, const recording_sink& b) {
  ASSERT_EQ(a.frames.size(), b.frames.size());
  for (std::size_t i = 0; i < a.frames.size(); ++i) {
    EXPECT_EQ(a.frames[i].cmd, b.frames[i].cmd) << i;
    EXPECT_EQ(a.frames[i].payload, b.frames[i].payload) << i;
  }
  EXPECT_EQ(a.unknown, b.unknown);
  EXPECT_EQ(a.errors, b.errors);
}

TEST(FrameDecoder, WholeStreamYieldsEveryVectorInOrder) {
  const auto sink = feed_in_chunks(all_frames(), {});
  ASSERT_EQ(sink.frames.size(), test::frame_vectors.size());
  for (std::size_t i = 0; i < sink.frames.size(); ++i) {
    const bytes f = from_hex(test::frame_vectors[i].frame_hex);
    EXPECT_EQ(sink.frames[i].payload, bytes(f.begin() + 24, f.end()))
        << test::frame_vectors[i].name;
  }
  EXPECT_TRUE(sink.errors.empty());
}

TEST(FrameDecoder, OneByteAtATimeGivesTheSameResult) {
  const bytes stream = all_frames();
  std::vector<std::size_t> cuts;
  for (std::size_t i = 1; i < stream.size(); ++i) cuts.push_back(i);
  expect_same(feed_in_chunks(stream, cuts), feed_in_chunks(stream, {}));
}

TEST(FrameDecoder, RandomChunkingsGiveTheSameResult) {
  const bytes stream = all_frames();
  const auto whole = feed_in_chunks(stream, {});
  std::mt19937 rng(20261125);
  for (int round = 0; round < 200; ++round) {
    std::vector<std::size_t> cuts;
    std::size_t pos = 0;
    std::uniform_int_distribution<std::size_t> step(1, 1 + round % 64);
    while ((pos += step(rng)) < stream.size()) cuts.push_back(pos);
    expect_same(feed_in_chunks(stream, cuts), whole);
  }
}

TEST(FrameDecoder, UnknownCommandIsSkippedAndTheStreamContinues) {
  // btcd TestReadMessageWireErrors: "bogus" with a 15 KiB payload is ErrUnknownMessage.
  bytes stream = from_hex(
      "f9beb4d9626f67757300000000000000"
      "003c0000"
      "00000000");
  stream.resize(stream.size() + 15 * 1024, 0xab);
  const bytes ping = from_hex(test::frame_hex("ping"));
  stream.insert(stream.end(), ping.begin(), ping.end());
  for (std::size_t chunk : {std::size_t{1}, std::size_t{7}, stream.size()}) {
    std::vector<std::size_t> cuts;
    for (std::size_t c = chunk; c < stream.size(); c += chunk) cuts.push_back(c);
    const auto sink = feed_in_chunks(stream, cuts);
    EXPECT_EQ(sink.unknown, std::vector<std::string>{"bogus"});
    ASSERT_EQ(sink.frames.size(), 1u);
    EXPECT_EQ(sink.frames[0].cmd, command::ping);
    EXPECT_TRUE(sink.errors.empty());
  }
}

TEST(FrameDecoder, EmptyUnknownCommandIsReportedAtOnce) {
  const auto sink =
      feed_in_chunks(from_hex("f9beb4d9787878000000000000000000000000005df6e0e2"), {});
  EXPECT_EQ(sink.unknown, std::vector<std::string>{"xxx"});
}

TEST(FrameDecoder, DeclaredLengthCostsNoMemoryUntilBytesArrive) {
  // A block frame declaring 3,999,999 bytes followed by ten bytes: only those ten are held.
  bytes stream = from_hex(
      "f9beb4d9626c6f636b00000000000000"
      "ff083d00"
      "00000000");
  stream.resize(stream.size() + 10, 0);
  recording_sink sink;
  frame_decoder d(mainnet_magic);
  d.feed(stream, sink);
  EXPECT_EQ(d.buffered(), 10u);
  EXPECT_TRUE(sink.errors.empty());
  EXPECT_TRUE(sink.frames.empty());
}

TEST(FrameDecoder, FrameInsideOneChunkIsNotCopied) {
  const bytes ping = from_hex(test::frame_hex("ping"));
  frame_decoder d(mainnet_magic);
  struct {
    const std::uint8_t* seen = nullptr;
    void on_frame(const frame& f) { seen = f.payload.data(); }
    void on_unknown(std::string_view, std::uint32_t) {}
    void on_error(std::error_code) {}
    void on_bad_frame(command, std::error_code) {}
  } sink;
  d.feed(ping, sink);
  EXPECT_EQ(sink.seen, ping.data() + 24);
}

}  // namespace
}  // namespace btcnet::wire
