// The connection side of the node over real loopback sockets, with CAF's real scheduler: the
// conn manager dials through the dialer to a listener on 127.0.0.1, both ends are handed on, and
// bytes flow both ways through the socket bridge; failures and shutdown are clean.
#include <gtest/gtest.h>

#include <caf/all.hpp>
#include <condition_variable>

#include "actors/conn_manager/conn_manager.hpp"
#include "actors/dialer/dialer.hpp"
#include "actors/listener/listener.hpp"
#include "net/transport/errors.hpp"
#include "net/transport/tcp_network.hpp"
#include "net/wire/messages.hpp"
#include "tests/support/loopback.hpp"
#include "tests/support/recording_handler.hpp"

namespace btcnet::actors {
namespace {

using namespace std::chrono_literals;
constexpr std::uint32_t regtest_magic = 0xdab5bffa;

// What the actors under test report, collected for the test thread.
struct observed {
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<on_connection> connections;
  std::vector<on_accept> accepts;
  std::vector<handle_failed> failures;

  template <class Pred>
  bool wait(Pred pred) {
    std::unique_lock lock(mutex);
    return changed.wait_for(lock, 10s, pred);
  }
  template <class F>
  void record(F f) {
    std::lock_guard lock(mutex);
    f();
    changed.notify_all();
  }
};

conn_events_actor::behavior_type event_sink(std::shared_ptr<observed> log) {
  return {
      [log](const on_connection& e) { log->record([&] { log->connections.push_back(e); }); },
      [log](const on_disconnection&) {},
      [log](const on_accept& e) { log->record([&] { log->accepts.push_back(e); }); },
  };
}

dial_result_sink::behavior_type result_sink(std::shared_ptr<observed> log) {
  return {
      [](const handle_connected&) {},
      [log](const handle_failed& f) { log->record([&] { log->failures.push_back(f); }); },
  };
}

struct ConnectionLayerTest : ::testing::Test {
  caf::actor_system_config cfg;
  caf::actor_system sys{cfg};
  transport::io_runtime io{1};  // declared after sys: stopped and destroyed first
  transport::tcp_network net{io, {regtest_magic, {}, {}}};
  std::deque<transport::tcp_network> dial_networks;  // one per make_dialer's settings
  std::shared_ptr<observed> log = std::make_shared<observed>();
  std::vector<caf::actor> actors;

  template <class Handle>
  Handle keep(Handle h) {
    actors.push_back(caf::actor_cast<caf::actor>(h));
    return h;
  }

  dialer_actor make_dialer(transport::dial_settings settings = {}) {
    auto& dial_net =
        dial_networks.emplace_back(io, transport::tcp_network_config{regtest_magic, settings, {}});
    return keep(spawn_dialer(sys, dial_net, {}));
  }

  conn_manager_actor make_conn_manager(dialer_actor dialer) {
    conn_manager_config config;
    config.retry_duration = 1s;
    return keep(spawn_conn_manager(sys, config, {dialer, {}, keep(sys.spawn(event_sink, log))}));
  }

  std::uint16_t make_listener(conn_manager_actor cm) {
    std::error_code ec;
    auto l = spawn_listener(sys, net, {wire::endpoint::ipv4(127, 0, 0, 1, 0), {}}, cm, ec);
    EXPECT_FALSE(ec) << ec.message();
    keep(l);
    caf::scoped_actor self{sys};
    std::uint16_t port = 0;
    self->request(l, 5s, get_listener_state{})
        .receive(
            [&](const listener_snapshot& s) {
              port =
                  static_cast<std::uint16_t>(std::stoi(s.address.substr(s.address.rfind(':') + 1)));
            },
            [&](caf::error& e) { ADD_FAILURE() << sys.render(e); });
    return port;
  }

  void TearDown() override {
    for (auto& a : actors) caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
    actors.clear();
    sys.await_all_actors_done();
    io.stop();
  }
};

wire::bytes frame_of(const wire::message& m) {
  wire::bytes out;
  wire::encode_frame(out, regtest_magic, m, wire::protocol_version);
  return out;
}

TEST_F(ConnectionLayerTest, DialledAndAcceptedEndsAreHandedOnAndCarryBytes) {
  auto cm = make_conn_manager(make_dialer());
  const auto port = make_listener(cm);
  caf::anon_send(cm, connect_request{{"127.0.0.1", port}, true});
  ASSERT_TRUE(log->wait([&] { return !log->connections.empty() && !log->accepts.empty(); }));
  auto outbound = log->connections[0].conn;
  auto inbound = log->accepts[0].conn;
  EXPECT_EQ(log->connections[0].request.state, conn_state::established);
  EXPECT_EQ(outbound->remote().port, port);
  EXPECT_EQ(inbound->local().port, port);

  auto out_events = std::make_shared<test::recording_handler>();
  auto in_events = std::make_shared<test::recording_handler>();
  outbound->start(out_events);
  inbound->start(in_events);
  outbound->send(frame_of(wire::msg::ping{42}));
  ASSERT_TRUE(in_events->wait_frames(1));
  inbound->send(frame_of(wire::msg::pong{42}));
  ASSERT_TRUE(out_events->wait_frames(1));
  EXPECT_EQ(out_events->frames()[0].cmd, wire::command::pong);
}

TEST_F(ConnectionLayerTest, DialToAClosedPortFailsAsRefused) {
  auto dialer = make_dialer();
  auto sink = keep(sys.spawn(result_sink, log));
  caf::anon_send(dialer, dial_request{7, {"127.0.0.1", test::free_port()}, sink});
  ASSERT_TRUE(log->wait([&] { return !log->failures.empty(); }));
  EXPECT_EQ(log->failures[0].id, 7u);
  EXPECT_EQ(log->failures[0].error, std::errc::connection_refused)
      << log->failures[0].error.message();
}

TEST_F(ConnectionLayerTest, ListenerThatCannotBindIsAClearError) {
  auto cm = make_conn_manager(make_dialer());
  const auto port = make_listener(cm);
  std::error_code ec;
  auto second = spawn_listener(sys, net, {wire::endpoint::ipv4(127, 0, 0, 1, port), {}}, cm, ec);
  EXPECT_FALSE(second);
  EXPECT_EQ(ec, std::errc::address_in_use) << ec.message();
}

TEST_F(ConnectionLayerTest, ShutdownWithConnectionsOpenAndDialsInFlight) {
  // A listener that never speaks SOCKS keeps proxied dials in flight until shutdown.
  auto cm = make_conn_manager(make_dialer());
  const auto port = make_listener(cm);
  transport::dial_settings stuck;
  stuck.proxy = transport::proxy_settings{"127.0.0.1", port, std::nullopt, false};
  auto stuck_dialer = make_dialer(stuck);
  auto sink = keep(sys.spawn(result_sink, log));
  for (std::uint64_t id = 1; id <= 5; ++id) {
    caf::anon_send(cm, connect_request{{"127.0.0.1", port}, true});
    caf::anon_send(stuck_dialer, dial_request{100 + id, {"127.0.0.1", 1}, sink});
  }
  ASSERT_TRUE(log->wait([&] { return log->connections.size() == 5 && log->accepts.size() >= 5; }));
  for (auto& c : log->connections) c.conn->start(std::make_shared<test::recording_handler>());
  // TearDown stops everything while sockets are open and five dials wait on the silent proxy.
}

}  // namespace
}  // namespace btcnet::actors
