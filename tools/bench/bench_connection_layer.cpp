// Connection-layer throughput over real loopback sockets:
//  - dials per second through the dialer actor to a local listener (connect, wrap, report);
//  - ping/pong round trips through two tcp_connections, one at a time and pipelined.
//   build/bin/bench_connection_layer
#include <benchmark/benchmark.h>

#include <caf/all.hpp>
#include <condition_variable>
#include <future>

#include "actors/dialer/dialer.hpp"
#include "net/transport/tcp_listener.hpp"
#include "net/transport/tcp_network.hpp"
#include "net/wire/messages.hpp"

namespace btcnet {
namespace {

constexpr std::uint32_t magic = 0xdab5bffa;

void BM_DialerDials(benchmark::State& state) {
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  transport::io_runtime io{1};
  std::error_code ec;
  auto listener = transport::tcp_listener::open(
      io.context(), {boost::asio::ip::make_address("127.0.0.1"), 0}, ec);
  listener->start([](boost::asio::ip::tcp::socket) {}, [](std::error_code) {});  // accept, drop
  const std::uint16_t port = listener->local_endpoint().port();
  transport::tcp_network net{io, {magic, {}, {}}};
  auto dialer = actors::spawn_dialer(sys, net, {});
  const auto batch = static_cast<std::uint64_t>(state.range(0));
  {
    caf::scoped_actor self{sys};
    auto sink = caf::actor_cast<actors::dial_result_sink>(self);
    std::uint64_t id = 0;
    for (auto _ : state) {
      for (std::uint64_t i = 0; i < batch; ++i)
        self->send(dialer, actors::dial_request{++id, {"127.0.0.1", port}, sink});
      for (std::uint64_t i = 0; i < batch; ++i)
        self->receive(
            [](actors::handle_connected& c) { c.conn->close(); },
            [&](actors::handle_failed& f) { state.SkipWithError(f.error.message().c_str()); });
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * batch));
  caf::anon_send_exit(dialer, caf::exit_reason::user_shutdown);
  listener->stop();
  sys.await_all_actors_done();
  io.stop();
}
BENCHMARK(BM_DialerDials)->Arg(1)->Arg(64)->UseRealTime();

// Echoes pings as pongs from the I/O thread; counts pongs on the other side.
struct echo_handler : transport::connection_handler {
  std::weak_ptr<transport::connection> conn;
  void on_frame(wire::command cmd, wire::byte_span payload) override {
    if (cmd != wire::command::ping) return;
    wire::message m;
    wire::decode_payload(cmd, payload, wire::protocol_version, m);
    wire::bytes out;
    wire::encode_frame(out, magic, wire::msg::pong{std::get<wire::msg::ping>(m).nonce},
                       wire::protocol_version);
    if (auto c = conn.lock()) c->send(std::move(out));
  }
  void on_unknown(std::string_view, std::uint32_t) override {}
  void on_bad_frame(wire::command, std::error_code) override {}
  void on_closed(std::error_code) override {}
};

struct counting_handler : transport::connection_handler {
  std::mutex mutex;
  std::condition_variable cv;
  std::uint64_t pongs = 0;
  void on_frame(wire::command, wire::byte_span) override {
    std::lock_guard lock(mutex);
    ++pongs;
    cv.notify_all();
  }
  void on_unknown(std::string_view, std::uint32_t) override {}
  void on_bad_frame(wire::command, std::error_code) override {}
  void on_closed(std::error_code) override {}
  void wait_for(std::uint64_t n) {
    std::unique_lock lock(mutex);
    cv.wait(lock, [&] { return pongs >= n; });
  }
};

void BM_PingPongRoundTrips(benchmark::State& state) {
  transport::io_runtime io{1};
  std::error_code ec;
  auto listener = transport::tcp_listener::open(
      io.context(), {boost::asio::ip::make_address("127.0.0.1"), 0}, ec);
  auto echo = std::make_shared<echo_handler>();
  std::shared_ptr<transport::connection> server;
  std::promise<void> accepted;
  listener->start(
      [&](boost::asio::ip::tcp::socket s) {
        server = transport::tcp_connection::make(std::move(s), magic);
        echo->conn = server;
        server->start(echo);
        accepted.set_value();
      },
      [](std::error_code) {});
  std::promise<transport::connection_ptr> dialled;
  transport::async_dial(io.context(), {"127.0.0.1", listener->local_endpoint().port()}, {},
                        [&](std::error_code, boost::asio::ip::tcp::socket s) {
                          dialled.set_value(transport::tcp_connection::make(std::move(s), magic));
                        });
  auto client = dialled.get_future().get();
  accepted.get_future().wait();
  auto counter = std::make_shared<counting_handler>();
  client->start(counter);
  const auto in_flight = static_cast<std::uint64_t>(state.range(0));
  std::uint64_t sent = 0;
  for (auto _ : state) {
    wire::bytes pings;
    for (std::uint64_t i = 0; i < in_flight; ++i)
      wire::encode_frame(pings, magic, wire::msg::ping{++sent}, wire::protocol_version);
    client->send(std::move(pings));
    counter->wait_for(sent);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(sent));
  client->close();
  listener->stop();
  io.stop();
}
BENCHMARK(BM_PingPongRoundTrips)->Arg(1)->Arg(1000)->UseRealTime();

}  // namespace
}  // namespace btcnet

BENCHMARK_MAIN();
