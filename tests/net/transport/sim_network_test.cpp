// The simulated internet in virtual time: dials meet listeners after a round trip, frames cross
// links through the real frame decoder in order and with the link's delay, refused and unanswered
// dials fail as TCP's do, partitions hold traffic and heal, hang-ups reach the other end after the
// data, and the same seed gives the same timings. No sockets anywhere.
#include "net/transport/sim_network.hpp"

#include <gtest/gtest.h>

#include "net/transport/errors.hpp"
#include "net/wire/messages.hpp"
#include "tests/support/recording_handler.hpp"

namespace btcnet::transport {
namespace {

using namespace std::chrono_literals;
using time_point = sim_network::time_point;
constexpr std::uint32_t magic = 0xd9b4bef9;

const wire::endpoint a_host = wire::endpoint::ipv4(11, 0, 0, 1, 0);
const wire::endpoint b_listen = wire::endpoint::ipv4(12, 0, 0, 1, 8333);

wire::bytes ping_frame(std::uint64_t nonce) {
  wire::bytes frame;
  EXPECT_FALSE(wire::encode_frame(frame, magic, wire::msg::ping{nonce}, wire::protocol_version));
  return frame;
}

struct SimNetworkTest : ::testing::Test {
  sim_link_profile profile() {
    sim_link_profile p;
    p.latency = 50ms;
    p.jitter = 0ms;
    p.bandwidth = 1e9;
    return p;
  }
  sim_network net{magic, profile(), 7, time_point{}};
  std::vector<connection_ptr> accepted;
  std::shared_ptr<listening> listener;
  connection_ptr dialled;
  std::error_code dial_error;
  bool dial_done = false;

  void listen_on_b() {
    std::error_code ec;
    listener = net.host(b_listen).listen(
        b_listen, [this](connection_ptr c) { accepted.push_back(std::move(c)); }, {}, ec);
    ASSERT_TRUE(listener) << ec.message();
  }
  void dial(const wire::endpoint& to) {
    net.host(a_host).connect({to.host(), to.port}, [this](std::error_code ec, connection_ptr c) {
      dial_done = true;
      dial_error = ec;
      dialled = std::move(c);
    });
  }
  void run_to(std::chrono::milliseconds t) { net.run_until(time_point{} + t); }
  // A link from a_host to b_listen after its round trip, the accepting end started.
  std::shared_ptr<test::recording_handler> connect_and_start() {
    listen_on_b();
    dial(b_listen);
    run_to(100ms);
    auto seen = std::make_shared<test::recording_handler>();
    if (!accepted.empty()) accepted[0]->start(seen);
    EXPECT_TRUE(dialled) << "the dial did not complete";
    return seen;
  }
};

// 11.0.0.0/8 on one side, everything else on the other.
int eleven_apart(const wire::endpoint& e) {
  return e.addr[0] == 11 ? 0 : 1;
}

TEST_F(SimNetworkTest, ADialMeetsTheListenerAfterOneRoundTrip) {
  listen_on_b();
  dial(b_listen);
  run_to(99ms);
  EXPECT_FALSE(dial_done);
  run_to(100ms);
  ASSERT_TRUE(dial_done);
  ASSERT_FALSE(dial_error) << dial_error.message();
  ASSERT_EQ(accepted.size(), 1u);
  EXPECT_EQ(dialled->remote(), b_listen);
  EXPECT_EQ(accepted[0]->local(), b_listen);
  EXPECT_EQ(accepted[0]->remote(), dialled->local());
  EXPECT_EQ(dialled->local().host(), "11.0.0.1");
  EXPECT_EQ(net.stats().links_open, 1u);
}

TEST_F(SimNetworkTest, FramesCrossInOrderAfterTheDelayAndBufferUntilStart) {
  listen_on_b();
  dial(b_listen);
  run_to(100ms);
  ASSERT_TRUE(dialled);
  for (std::uint64_t n = 1; n <= 3; ++n) ASSERT_TRUE(dialled->send(ping_frame(n)));
  run_to(149ms);
  auto seen = std::make_shared<test::recording_handler>();
  accepted[0]->start(seen);
  EXPECT_TRUE(seen->frames().empty());
  run_to(151ms);  // 50 ms delay plus 96 bytes' time on the wire
  ASSERT_EQ(seen->frames().size(), 3u);
  for (std::uint64_t n = 1; n <= 3; ++n) {
    wire::message m;
    ASSERT_FALSE(wire::decode_payload(wire::command::ping, seen->frames()[n - 1].payload,
                                      wire::protocol_version, m));
    EXPECT_EQ(std::get<wire::msg::ping>(m).nonce, n);
  }
  EXPECT_EQ(accepted[0]->stats().bytes_received, 3 * ping_frame(0).size());
}

TEST_F(SimNetworkTest, NoListenerIsRefusedAndNoHostTimesOut) {
  std::error_code ec;
  auto other = net.host(b_listen).listen(wire::endpoint::ipv4(12, 0, 0, 1, 9999), {}, {}, ec);
  ASSERT_TRUE(other);
  dial(b_listen);  // the host is there, port 8333 is not
  run_to(100ms);
  ASSERT_TRUE(dial_done);
  EXPECT_EQ(dial_error, std::errc::connection_refused);

  dial_done = false;
  dial(wire::endpoint::ipv4(13, 0, 0, 1, 8333));  // nobody at that address
  run_to(29s);
  EXPECT_FALSE(dial_done);
  run_to(31s);
  ASSERT_TRUE(dial_done);
  EXPECT_EQ(dial_error, transport_errc::dial_timed_out);
}

TEST_F(SimNetworkTest, ACanceledDialReportsCanceledAndOpensNothing) {
  listen_on_b();
  net.host(a_host)
      .connect({"12.0.0.1", 8333},
               [this](std::error_code ec, connection_ptr c) {
                 dial_done = true;
                 dial_error = ec;
                 dialled = std::move(c);
               })
      ->cancel();
  run_to(200ms);
  ASSERT_TRUE(dial_done);
  EXPECT_EQ(dial_error, transport_errc::dial_canceled);
  EXPECT_TRUE(accepted.empty());
}

TEST_F(SimNetworkTest, AHangUpFollowsTheDataAndClosesTheOtherEnd) {
  auto seen = connect_and_start();
  bool released = false;
  accepted[0]->on_release([&] { released = true; });
  dialled->send(ping_frame(1));
  dialled->close();
  EXPECT_FALSE(dialled->send(ping_frame(2)));
  run_to(200ms);
  EXPECT_EQ(seen->frames().size(), 1u);
  ASSERT_TRUE(seen->wait_closed(0ms));
  EXPECT_EQ(*seen->wait_closed(0ms), std::errc::connection_reset);
  EXPECT_TRUE(released);
  EXPECT_EQ(net.stats().links_open, 0u);
}

TEST_F(SimNetworkTest, AFrameErrorEndsTheConnectionAsOnTcp) {
  auto seen = connect_and_start();
  wire::bytes wrong_magic = ping_frame(1);
  wrong_magic[0] ^= 0xff;
  dialled->send(wrong_magic);
  run_to(200ms);
  ASSERT_TRUE(seen->wait_closed(0ms));
  EXPECT_TRUE(*seen->wait_closed(0ms));  // the decoder's error, not a clean close
  EXPECT_TRUE(seen->frames().empty());
}

TEST_F(SimNetworkTest, APartitionHoldsTrafficAndHealingDeliversIt) {
  auto seen = connect_and_start();
  net.partition(eleven_apart);
  dialled->send(ping_frame(1));
  run_to(10s);
  EXPECT_TRUE(seen->frames().empty());
  net.heal();
  run_to(10s + 51ms);
  EXPECT_EQ(seen->frames().size(), 1u);
  EXPECT_FALSE(seen->wait_closed(0ms));
}

TEST_F(SimNetworkTest, ALinkCutLongerThanTheUserTimeoutIsReset) {
  auto seen = connect_and_start();
  net.partition(eleven_apart);
  run_to(14min);
  EXPECT_FALSE(seen->wait_closed(0ms));
  run_to(16min);
  ASSERT_TRUE(seen->wait_closed(0ms));
  EXPECT_EQ(*seen->wait_closed(0ms), std::errc::timed_out);
}

TEST_F(SimNetworkTest, DialsAcrossAPartitionTimeOut) {
  listen_on_b();
  net.partition(eleven_apart);
  dial(b_listen);
  run_to(31s);
  ASSERT_TRUE(dial_done);
  EXPECT_EQ(dial_error, transport_errc::dial_timed_out);
}

TEST_F(SimNetworkTest, BandwidthAndLossDelayFramesButKeepThemInOrder) {
  sim_link_profile p = profile();
  p.bandwidth = 1000;  // one byte per millisecond
  p.loss = 0.5;
  sim_network lossy{magic, p, 3, time_point{}};
  std::error_code ec;
  std::vector<connection_ptr> in;
  auto l = lossy.host(b_listen).listen(
      b_listen, [&](connection_ptr c) { in.push_back(std::move(c)); }, {}, ec);
  connection_ptr out;
  lossy.host(a_host).connect({"12.0.0.1", 8333},
                             [&](std::error_code, connection_ptr c) { out = std::move(c); });
  lossy.run_until(time_point{} + 100ms);
  ASSERT_TRUE(out);
  auto seen = std::make_shared<test::recording_handler>();
  in[0]->start(seen);
  for (std::uint64_t n = 1; n <= 20; ++n) out->send(ping_frame(n));
  // 20 frames of 32 bytes take 640 ms on the wire, plus the delay: never earlier.
  lossy.run_until(time_point{} + 100ms + 640ms + 49ms);
  EXPECT_LT(seen->frames().size(), 20u);
  lossy.run_until(time_point{} + 60s);
  ASSERT_EQ(seen->frames().size(), 20u);
  for (std::uint64_t n = 1; n <= 20; ++n) {
    wire::message m;
    ASSERT_FALSE(wire::decode_payload(wire::command::ping, seen->frames()[n - 1].payload,
                                      wire::protocol_version, m));
    EXPECT_EQ(std::get<wire::msg::ping>(m).nonce, n);
  }
}

TEST_F(SimNetworkTest, EachPairOfHostsHasItsOwnFixedDelayFromTheSeed) {
  auto arrival = [](std::uint64_t seed, const wire::endpoint& to) {
    sim_link_profile p;
    p.latency = 10ms;
    p.jitter = 100ms;
    sim_network n{magic, p, seed, time_point{}};
    std::error_code ec;
    auto l = n.host(to).listen(
        to, [](connection_ptr) {}, {}, ec);
    time_point when{};
    n.host(a_host).connect({to.host(), to.port},
                           [&](std::error_code, connection_ptr) { when = n.now(); });
    n.run_until(time_point{} + 1s);
    return when;
  };
  const auto c = wire::endpoint::ipv4(14, 0, 0, 1, 8333);
  EXPECT_EQ(arrival(1, b_listen), arrival(1, b_listen));
  EXPECT_NE(arrival(1, b_listen), arrival(1, c));         // another pair, another delay
  EXPECT_NE(arrival(1, b_listen), arrival(2, b_listen));  // another seed, another delay
  EXPECT_GE(arrival(1, b_listen), time_point{} + 20ms);
  EXPECT_LT(arrival(1, b_listen), time_point{} + 220ms);
}

TEST_F(SimNetworkTest, ListeningIsOnTheHostsOwnAddressAndOncePerPort) {
  std::error_code ec;
  EXPECT_FALSE(net.host(a_host).listen(b_listen, {}, {}, ec));
  EXPECT_EQ(ec, std::errc::address_not_available);
  listen_on_b();
  EXPECT_FALSE(net.host(b_listen).listen(b_listen, {}, {}, ec));
  EXPECT_EQ(ec, std::errc::address_in_use);
  listener->stop();
  ec = {};
  EXPECT_TRUE(net.host(b_listen).listen(b_listen, {}, {}, ec)) << ec.message();
}

}  // namespace
}  // namespace btcnet::transport
