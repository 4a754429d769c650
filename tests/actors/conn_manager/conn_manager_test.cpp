// btcd connmgr/connmanager_test.go, row by row, in virtual time (btcd-reference §7.1), plus the
// back-off values and the inbound cap.
#include "actors/conn_manager/conn_manager.hpp"

#include "conn_manager_doubles.hpp"
#include "tests/actors/support/actor_test_fixture.hpp"
#include "tests/actors/support/fake_connection.hpp"

namespace btcnet::actors {
namespace {

using namespace std::chrono_literals;
using test::fake_connection;

conn_manager_config config(std::uint32_t target = default_target_outbound,
                           caf::timespan retry = default_retry_duration,
                           std::optional<std::uint32_t> max_inbound = std::nullopt) {
  conn_manager_config c;
  c.target_outbound = target;
  c.retry_duration = retry;
  c.max_inbound = max_inbound;
  return c;
}

struct ConnManagerTest : test::actor_test {
  std::shared_ptr<test::dial_log> dials = std::make_shared<test::dial_log>();
  std::shared_ptr<test::address_pool> pool = std::make_shared<test::address_pool>();
  std::shared_ptr<test::event_log> events = std::make_shared<test::event_log>();
  dial_service_actor dialer = sys.spawn(test::fake_dialer, dials);
  address_source_actor source = sys.spawn(test::fake_address_source, pool);
  conn_events_actor sink = sys.spawn(test::fake_events, events);
  conn_manager_actor cm;

  ~ConnManagerTest() override {
    for (const caf::actor& a :
         {caf::actor_cast<caf::actor>(cm), caf::actor_cast<caf::actor>(dialer),
          caf::actor_cast<caf::actor>(source), caf::actor_cast<caf::actor>(sink)})
      if (a) caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
    sched.run();
  }

  void make(conn_manager_config config, bool automatic = true) {
    cm = spawn_conn_manager(sys, config,
                            {dialer, automatic ? source : address_source_actor{}, sink});
    sched.run();
  }

  std::uint64_t connect(const std::string& host, bool permanent = true) {
    return ask<std::uint64_t>(cm, connect_request{{host, 8333}, permanent});
  }

  std::shared_ptr<fake_connection> succeed(std::uint64_t id) {
    auto conn = std::make_shared<fake_connection>();
    caf::anon_send(cm, handle_connected{id, conn});
    sched.run();
    return conn;
  }

  void fail(std::uint64_t id) {
    caf::anon_send(cm, handle_failed{id, std::make_error_code(std::errc::connection_refused)});
    sched.run();
  }

  // Answers every dial not answered yet, oldest first.
  void succeed_all() {
    for (std::size_t i = answered; i < dials->requests.size(); ++i) succeed(dials->requests[i].id);
    answered = dials->requests.size();
  }

  conn_manager_snapshot state() { return ask<conn_manager_snapshot>(cm, get_conn_manager_state{}); }

  conn_request_info request(std::uint64_t id) {
    for (const auto& r : state().requests)
      if (r.id == id) return r;
    ADD_FAILURE() << "no request " << id;
    return {};
  }

  std::size_t dials_for(std::uint64_t id) const {
    std::size_t n = 0;
    for (const auto& r : dials->requests) n += r.id == id;
    return n;
  }

  std::size_t answered = 0;
};

TEST_F(ConnManagerTest, ConfigNeedsADialer) {
  EXPECT_EQ(validate({}, {}), "Config: Dial cannot be nil");
  EXPECT_EQ(validate({}, {dialer, {}, {}}), "");
}

TEST_F(ConnManagerTest, StartAndStopAreIdempotent) {
  make(config(1));
  anon_send(cm, start_atom::value);
  anon_send(cm, start_atom::value);
  sched.run();
  ASSERT_EQ(dials->requests.size(), 1u);
  succeed_all();
  EXPECT_EQ(events->connections.size(), 1u);
  anon_send(cm, stop_atom::value);
  anon_send(cm, stop_atom::value);
  sched.run();
  EXPECT_TRUE(state().stopped);
  // After stop every API message is a no-op: no id, no dial, no event.
  EXPECT_EQ(connect("127.0.0.9"), 0u);
  anon_send(cm, disconnect_request{dials->requests[0].id});
  anon_send(cm, remove_request{dials->requests[0].id});
  anon_send(cm, new_conn_req{});
  advance(10min, 1s);
  EXPECT_EQ(dials->requests.size(), 1u);
  EXPECT_TRUE(events->disconnections.empty());
}

TEST_F(ConnManagerTest, ConnectOnlyModeMakesNoAutomaticConnections) {
  make(config(2), /*automatic=*/false);
  anon_send(cm, start_atom::value);
  const auto id = connect("127.0.0.2");
  ASSERT_EQ(dials->requests.size(), 1u);
  EXPECT_EQ(dials->requests[0].target.host, "127.0.0.2");
  succeed(id);
  EXPECT_EQ(request(id).state, conn_state::established);
  advance(1min, 1s);
  EXPECT_EQ(dials->requests.size(), 1u);
}

TEST_F(ConnManagerTest, TargetOutboundIsExactlyN) {
  make(config(10));
  anon_send(cm, start_atom::value);
  sched.run();
  EXPECT_EQ(dials->requests.size(), 10u);
  succeed_all();
  advance(1min, 1s);
  EXPECT_EQ(dials->requests.size(), 10u);
  EXPECT_EQ(events->connections.size(), 10u);
}

TEST_F(ConnManagerTest, PermanentRequestsComeOnTopOfTheTarget) {
  make(config(3));
  connect("127.1.0.1");  // before start
  anon_send(cm, start_atom::value);
  sched.run();
  connect("127.1.0.2");  // after start
  succeed_all();
  advance(1min, 1s);
  std::size_t permanent = 0, automatic = 0;
  for (const auto& e : events->connections) (e.request.permanent ? permanent : automatic)++;
  EXPECT_EQ(permanent, 2u);
  EXPECT_EQ(automatic, 3u);
  EXPECT_EQ(dials->requests.size(), 5u);
}

TEST_F(ConnManagerTest, PermanentRetryBacksOffLinearlyAndCapsAtFiveMinutes) {
  make({});
  const auto id = connect("127.0.0.2");
  // Failure k waits k × 5 s: 5, 10, 15, ... capped at 300 s from the 60th on.
  for (std::uint32_t k = 1; k <= 62; ++k) {
    ASSERT_EQ(dials_for(id), k);
    fail(id);
    EXPECT_EQ(request(id).retry_count, k);
    const caf::timespan wait = std::min<caf::timespan>(k * 5s, 5min);
    advance(wait - 1s, 1s);
    ASSERT_EQ(dials_for(id), k) << "retry " << k << " came early";
    advance(1s, 1s);
  }
  EXPECT_EQ(request(id).state, conn_state::failing);
}

TEST_F(ConnManagerTest, RetryCountResetsOnSuccess) {
  make({});
  const auto id = connect("127.0.0.2");
  fail(id);
  advance(5s, 1s);
  fail(id);
  advance(10s, 1s);
  ASSERT_EQ(dials_for(id), 3u);
  succeed(id);
  EXPECT_EQ(request(id).retry_count, 0u);
  anon_send(cm, disconnect_request{id});
  advance(4s, 1s);
  EXPECT_EQ(dials_for(id), 3u);
  advance(1s, 1s);
  EXPECT_EQ(dials_for(id), 4u);  // back to 5 s after a success
}

TEST_F(ConnManagerTest, PermanentDisconnectReconnectsWithTheSameIdAndRemoveEndsIt) {
  make(config(8, 1s));
  const auto id = connect("127.0.0.2");
  auto first = succeed(id);
  EXPECT_EQ(request(id).state, conn_state::established);
  anon_send(cm, disconnect_request{id});
  sched.run();
  EXPECT_TRUE(first->closed());
  ASSERT_EQ(events->disconnections.size(), 1u);
  EXPECT_EQ(events->disconnections[0].request.state, conn_state::pending);
  advance(1s);
  ASSERT_EQ(dials_for(id), 2u);
  succeed(id);
  EXPECT_EQ(request(id).state, conn_state::established);
  EXPECT_EQ(events->connections.back().request.id, id);
  anon_send(cm, remove_request{id});
  sched.run();
  EXPECT_EQ(request(id).state, conn_state::disconnected);
  advance(10min, 10s);
  EXPECT_EQ(dials_for(id), 2u);
}

TEST_F(ConnManagerTest, TwentyFiveFailuresThrottleNewRequests) {
  make(config(5, 5s));
  anon_send(cm, start_atom::value);
  sched.run();
  // Every dial fails at once; count dials over 60 virtual seconds.
  std::size_t answered_failures = 0;
  for (caf::timespan t{0}; t < 60s; t += 100ms) {
    while (answered_failures < dials->requests.size())
      fail(dials->requests[answered_failures++].id);
    sched.advance_time(100ms);
    sched.run();
  }
  // 25 immediate replacements, then at most 5 new requests per 5 s (one per failing slot).
  EXPECT_GE(dials->requests.size(), 25u);
  EXPECT_LE(dials->requests.size(), 5u + 25u + 5u * (60 / 5));
  EXPECT_GE(state().failed_attempts, max_failed_attempts);
}

TEST_F(ConnManagerTest, FailureArrivingAfterStopIsIgnored) {
  make(config(1));
  anon_send(cm, start_atom::value);
  sched.run();
  ASSERT_EQ(dials->requests.size(), 1u);
  anon_send(cm, stop_atom::value);
  fail(dials->requests[0].id);
  advance(1min, 1s);
  EXPECT_EQ(dials->requests.size(), 1u);
  EXPECT_TRUE(events->connections.empty());
}

TEST_F(ConnManagerTest, RemovingAPendingRequestCancelsIt) {
  make({});
  const auto id = connect("127.0.0.2");
  EXPECT_EQ(request(id).state, conn_state::pending);
  anon_send(cm, remove_request{id});
  sched.run();
  EXPECT_EQ(request(id).state, conn_state::canceled);
  EXPECT_EQ(dials->canceled, std::vector<std::uint64_t>{id});
}

TEST_F(ConnManagerTest, ConnectionForACanceledRequestIsClosedAndNeverReported) {
  make(config(8, 10s));
  const auto id = connect("127.0.0.2", /*permanent=*/false);
  anon_send(cm, remove_request{id});
  sched.run();
  auto late = succeed(id);  // the dial completes after all
  EXPECT_TRUE(late->closed());
  EXPECT_TRUE(events->connections.empty());
  EXPECT_EQ(request(id).state, conn_state::canceled);
}

TEST_F(ConnManagerTest, ScheduledRetryOfACanceledRequestDoesNothing) {
  make({});
  const auto id = connect("127.0.0.2");
  fail(id);
  EXPECT_EQ(request(id).state, conn_state::failing);
  anon_send(cm, remove_request{id});
  advance(1min, 1s);
  EXPECT_EQ(dials_for(id), 1u);
  EXPECT_EQ(request(id).state, conn_state::canceled);
}

TEST_F(ConnManagerTest, AutomaticFailureGetsAFreshRequestAtOnce) {
  make(config(1));
  anon_send(cm, start_atom::value);
  sched.run();
  ASSERT_EQ(dials->requests.size(), 1u);
  const auto first = dials->requests[0];
  fail(first.id);
  ASSERT_EQ(dials->requests.size(), 2u);
  EXPECT_NE(dials->requests[1].id, first.id);
  EXPECT_NE(dials->requests[1].target.host, first.target.host);
  EXPECT_EQ(request(first.id).state, conn_state::canceled);
}

TEST_F(ConnManagerTest, EmptyAddressSourceCountsAsAFailure) {
  pool->exhausted = true;
  make(config(2));
  anon_send(cm, start_atom::value);
  advance(30s, 1s);
  EXPECT_TRUE(dials->requests.empty());
  EXPECT_GE(state().failed_attempts, max_failed_attempts);
}

TEST_F(ConnManagerTest, DisconnectOfAutomaticConnectionAboveTargetIsFinal) {
  make(config(1));
  anon_send(cm, start_atom::value);
  sched.run();
  connect("127.9.0.1");  // permanent: 2 established, target 1
  succeed_all();
  const auto automatic = dials->requests[0].id;
  anon_send(cm, disconnect_request{automatic});
  advance(1min, 1s);
  EXPECT_EQ(request(automatic).state, conn_state::disconnected);
  EXPECT_EQ(dials_for(automatic), 1u);
}

TEST_F(ConnManagerTest, InboundCapRejectsTheThirdAndReleasesSlotsOnce) {
  make(config(8, 5s, 2u));
  std::vector<std::shared_ptr<fake_connection>> conns;
  for (int i = 0; i < 3; ++i) {
    conns.push_back(std::make_shared<fake_connection>());
    anon_send(cm, inbound_accepted{conns.back()});
  }
  sched.run();
  EXPECT_EQ(events->accepts.size(), 2u);
  EXPECT_TRUE(conns[2]->closed());
  EXPECT_EQ(state().inbound_rejected, 1u);
  conns[0]->close();
  conns[0]->close();  // a second close releases nothing more
  sched.run();
  EXPECT_EQ(state().inbound_live, 1u);
  auto replacement = std::make_shared<fake_connection>();
  anon_send(cm, inbound_accepted{replacement});
  sched.run();
  EXPECT_FALSE(replacement->closed());
  EXPECT_EQ(events->accepts.size(), 3u);
}

TEST_F(ConnManagerTest, InboundCapZeroRejectsEverything) {
  make(config(8, 5s, 0u));
  auto conn = std::make_shared<fake_connection>();
  anon_send(cm, inbound_accepted{conn});
  sched.run();
  EXPECT_TRUE(conn->closed());
  EXPECT_EQ(state().inbound_rejected, 1u);
  EXPECT_TRUE(events->accepts.empty());
}

TEST_F(ConnManagerTest, ManyInboundNeverExceedTheCapAndDrainToZero) {
  make(config(8, 5s, 8u));
  std::vector<std::shared_ptr<fake_connection>> conns;
  for (int i = 0; i < 100; ++i) {
    conns.push_back(std::make_shared<fake_connection>());
    anon_send(cm, inbound_accepted{conns.back()});
    if (i % 3 == 0) conns[i / 2]->close();  // some close while others arrive
    sched.run();
    ASSERT_LE(state().inbound_live, 8u);
  }
  for (auto& c : conns) c->close();
  sched.run();
  EXPECT_EQ(state().inbound_live, 0u);
}

}  // namespace
}  // namespace btcnet::actors
