// The socket bridge over real loopback sockets: frames both ways, frame errors close the
// connection with their reason, and both buffer limits hold.
#include <algorithm>
#include <thread>
#include <vector>

#include "net/transport/errors.hpp"
#include "net/wire/messages.hpp"
#include "tests/support/recording_handler.hpp"
#include "transport_fixture.hpp"

namespace btcnet::transport {
namespace {

using test::recording_handler;
using test::regtest_magic;

wire::bytes ping_frame(std::uint64_t nonce, std::uint32_t magic = regtest_magic) {
  wire::bytes out;
  wire::encode_frame(out, magic, wire::msg::ping{nonce}, wire::protocol_version);
  return out;
}

struct TcpConnectionTest : test::TransportTest {};

// Starts both ends of a pair; returns what the server end receives.
std::shared_ptr<recording_handler> start_both(connection& client, connection& server) {
  auto server_events = std::make_shared<recording_handler>();
  client.start(std::make_shared<recording_handler>());
  server.start(server_events);
  return server_events;
}

TEST_F(TcpConnectionTest, FramesFlowBothWaysInOrder) {
  auto [client, server] = connected_pair();
  auto client_events = std::make_shared<recording_handler>();
  auto server_events = std::make_shared<recording_handler>();
  client->start(client_events);
  server->start(server_events);
  for (std::uint64_t i = 0; i < 100; ++i) ASSERT_TRUE(client->send(ping_frame(i)));
  ASSERT_TRUE(server_events->wait_frames(100));
  const auto frames = server_events->frames();
  for (std::uint64_t i = 0; i < 100; ++i) {
    wire::message m;
    ASSERT_FALSE(wire::decode_payload(frames[i].cmd, frames[i].payload, wire::protocol_version, m));
    EXPECT_EQ(std::get<wire::msg::ping>(m).nonce, i);
  }
  wire::bytes pong;
  wire::encode_frame(pong, regtest_magic, wire::msg::pong{7}, wire::protocol_version);
  server->send(pong);
  ASSERT_TRUE(client_events->wait_frames(1));
  EXPECT_EQ(client_events->frames()[0].cmd, wire::command::pong);
  EXPECT_EQ(client->stats().bytes_sent, 100 * 32u);
  EXPECT_EQ(server->stats().bytes_received, 100 * 32u);
  EXPECT_EQ(client->remote().port, port);
  EXPECT_EQ(server->local().port, port);
}

TEST_F(TcpConnectionTest, EveryReadEndsWithOnReadEndAfterItsFrames) {
  auto [client, server] = connected_pair();
  const auto server_events = start_both(*client, *server);
  wire::bytes three;
  for (std::uint64_t i = 0; i < 3; ++i) {
    const auto one = ping_frame(i);
    three.insert(three.end(), one.begin(), one.end());
  }
  client->send(std::move(three));
  ASSERT_TRUE(server_events->wait_frames(3));
  client->close();
  ASSERT_TRUE(server_events->wait_closed());
  const auto ends = server_events->read_ends();
  ASSERT_FALSE(ends.empty());
  EXPECT_EQ(ends.back(), 3u);  // the frames' read ended before the close was reported
  EXPECT_TRUE(std::is_sorted(ends.begin(), ends.end()));
}

// Senders on several threads (peers' actors): each frame arrives whole, each thread's in order.
TEST_F(TcpConnectionTest, FramesSentFromManyThreadsArriveWholeAndInEachThreadsOrder) {
  auto [client, server] = connected_pair();
  const auto server_events = start_both(*client, *server);
  constexpr std::uint64_t threads = 4, per_thread = 500;
  std::vector<std::thread> senders;
  for (std::uint64_t t = 0; t < threads; ++t)
    senders.emplace_back([&, t] {
      for (std::uint64_t i = 0; i < per_thread; ++i) client->send(ping_frame(t << 32 | i));
    });
  for (auto& s : senders) s.join();
  ASSERT_TRUE(server_events->wait_frames(threads * per_thread));
  std::vector<std::uint64_t> next(threads, 0);
  for (const auto& f : server_events->frames()) {
    wire::message m;
    ASSERT_FALSE(wire::decode_payload(f.cmd, f.payload, wire::protocol_version, m));
    const auto nonce = std::get<wire::msg::ping>(m).nonce;
    EXPECT_EQ(nonce & 0xffffffff, next[nonce >> 32]++);
  }
}

// Frames larger than the kernel takes at once: the rest is queued and written from the I/O
// thread, and a frame sent meanwhile waits its turn.
TEST_F(TcpConnectionTest, WhatTheKernelDoesNotTakeAtOnceIsWrittenLaterInOrder) {
  auto [client, server] = connected_pair();
  client->start(std::make_shared<recording_handler>());
  wire::bytes big;  // 1.6 MB: two of them are more than loopback's socket buffers hold
  wire::encode_frame(big, regtest_magic,
                     wire::msg::raw{wire::command::block, wire::bytes(1'600'000, 0xab)}, 70016);
  ASSERT_TRUE(client->send(big));
  ASSERT_TRUE(client->send(big));
  ASSERT_TRUE(client->send(ping_frame(9)));
  auto server_events = std::make_shared<recording_handler>();
  server->start(server_events);  // only now does anything read
  ASSERT_TRUE(server_events->wait_frames(3));
  const auto frames = server_events->frames();
  EXPECT_EQ(frames[0].cmd, wire::command::block);
  EXPECT_EQ(frames[0].payload, wire::bytes(1'600'000, 0xab));
  EXPECT_EQ(frames[1].payload, wire::bytes(1'600'000, 0xab));
  EXPECT_EQ(frames[2].cmd, wire::command::ping);
  EXPECT_EQ(client->stats().bytes_sent, 2 * big.size() + 32);
}

TEST_F(TcpConnectionTest, WrongMagicClosesWithItsReason) {
  auto [client, server] = connected_pair();
  auto client_events = std::make_shared<recording_handler>();
  auto server_events = std::make_shared<recording_handler>();
  client->start(client_events);
  server->start(server_events);
  client->send(ping_frame(1, 0xd9b4bef9));  // mainnet bytes to a regtest connection
  EXPECT_EQ(server_events->wait_closed(), make_error_code(wire::wire_errc::wrong_magic));
  EXPECT_TRUE(client_events->wait_closed().has_value());  // the peer sees the socket go
}

TEST_F(TcpConnectionTest, BadChecksumIsReportedAndTheConnectionStaysOpen) {
  auto [client, server] = connected_pair();
  const auto server_events = start_both(*client, *server);
  auto corrupt = ping_frame(1);
  corrupt.back() ^= 0xff;
  client->send(corrupt);
  client->send(ping_frame(2));
  ASSERT_TRUE(server_events->wait_frames(1));
  EXPECT_EQ(server_events->bad_frames(), std::vector<wire::command>{wire::command::ping});
  EXPECT_FALSE(server_events->wait_closed(std::chrono::milliseconds(50)).has_value());
}

TEST_F(TcpConnectionTest, UnknownCommandsAreReportedAndSkipped) {
  auto [client, server] = connected_pair();
  const auto server_events = start_both(*client, *server);
  wire::bytes frames;
  wire::encode_frame(frames, regtest_magic, wire::msg::raw{wire::command::tx, {1, 2, 3}}, 70016);
  // Rename "tx" to "zz": a well-formed frame with an unknown command.
  frames[4] = 'z', frames[5] = 'z';
  const auto ping = ping_frame(9);
  frames.insert(frames.end(), ping.begin(), ping.end());
  client->send(frames);
  ASSERT_TRUE(server_events->wait_frames(1));
  EXPECT_EQ(server_events->unknown(), std::vector<std::string>{"zz"});
  EXPECT_EQ(server_events->frames()[0].cmd, wire::command::ping);
}

TEST_F(TcpConnectionTest, PeerThatDoesNotReadHitsTheSendLimit) {
  limits.send_buffer_limit = 1 << 20;
  auto [client, server] = connected_pair();
  auto client_events = std::make_shared<recording_handler>();
  client->start(client_events);
  // The server end is never started, so nothing is read; kernel buffers fill, then our queue.
  wire::bytes big;
  wire::encode_frame(big, regtest_magic, wire::msg::raw{wire::command::block, wire::bytes(500'000)},
                     70016);
  bool refused = false;
  for (int i = 0; i < 200 && !refused; ++i) refused = !client->send(big);
  EXPECT_TRUE(refused);
  EXPECT_EQ(client_events->wait_closed(), make_error_code(transport_errc::send_buffer_full));
  (void)server;
}

TEST_F(TcpConnectionTest, ReceiveFloodPausesReadingUntilConsumed) {
  limits.receive_flood_size = 10'000;
  auto [client, server] = connected_pair();
  const auto server_events = start_both(*client, *server);
  wire::bytes block;
  wire::encode_frame(block, regtest_magic, wire::msg::raw{wire::command::block, wire::bytes(4'000)},
                     70016);
  for (int i = 0; i < 50; ++i) client->send(block);
  ASSERT_TRUE(server_events->wait_frames(3));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  // Reading stops once 10,000 unprocessed bytes are exceeded: what one 64 KiB read held at most.
  const std::size_t before = server_events->frames().size();
  EXPECT_LT(before, 50u);
  server->consumed(before * frame_cost(4'000));
  ASSERT_TRUE(server_events->wait_frames(before + 1));
}

TEST_F(TcpConnectionTest, TinyFramesAreChargedForTheirMemoryNotOnlyTheirBytes) {
  // 100,000 bytes hold about 12,000 eight-byte pings by payload, under 400 by frame_cost: reading
  // stops after the first 64 KiB read (at most about 2,000 pings).
  limits.receive_flood_size = 100'000;
  auto [client, server] = connected_pair();
  const auto server_events = start_both(*client, *server);
  wire::bytes pings;
  for (std::uint64_t i = 0; i < 20'000; ++i) {
    const auto one = ping_frame(i);
    pings.insert(pings.end(), one.begin(), one.end());
  }
  client->send(std::move(pings));
  ASSERT_TRUE(server_events->wait_frames(1));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_LT(server_events->frames().size(), 4'000u);
}

TEST_F(TcpConnectionTest, CloseIsIdempotentAndReleasesOnce) {
  auto [client, server] = connected_pair();
  auto events = std::make_shared<recording_handler>();
  std::atomic<int> released{0};
  client->on_release([&] { ++released; });
  client->start(events);
  client->close();
  client->close();
  EXPECT_EQ(events->wait_closed(), std::error_code{});
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(released.load(), 1);
  client->on_release([&] { ++released; });  // registered after release: runs at once
  EXPECT_EQ(released.load(), 2);
  (void)server;
}

}  // namespace
}  // namespace btcnet::transport
