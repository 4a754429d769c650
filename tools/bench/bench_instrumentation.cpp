// What the actor instrumentation costs, on message throughput. The actors run on CAF's test
// coordinator in this thread, so that the figures are CPU time per message without the noise of
// thread hand-offs on a shared 2-core machine (and the tracer's work is counted too):
//  - BM_PeerPingPong: ping frames delivered to one peer actor as the socket bridge delivers them,
//    each answered with a pong through a connection that counts frames (no socket, so the actor
//    path is all that is measured);
//  - BM_ActorMessages: a handler that does nothing, the worst case for relative overhead.
// Arg 0: the same handlers without the probe's wrappers; 1: instrumented (what a node runs);
// 2: instrumented with a trace covering the actor and its rate limit lifted (every event sent);
// 3: a trace as `trace start` runs one, within the node's default budget of trace events.
//   build/bin/bench_instrumentation --benchmark_repetitions=10
//   --benchmark_enable_random_interleaving=true
//       --benchmark_report_aggregates_only=true --benchmark_filter=-iterations
// Instructions per message (repeatable on a noisy machine): tools/bench/instructions_per_message.sh
#include <benchmark/benchmark.h>

#include <caf/all.hpp>

#include "actors/common/instrument.hpp"
#include "actors/peer/peer.hpp"
#include "actors/registry/registry.hpp"
#include "actors/tracer/tracer.hpp"
#include "net/wire/messages.hpp"

namespace btcnet {
namespace {

constexpr std::uint32_t magic = 0xdab5bffa;
constexpr int batch = 1000;

// Counts frames sent; wakes the benchmark when a target is reached.
class counting_connection : public transport::connection {
 public:
  void start(std::shared_ptr<transport::connection_handler> h) override { handler_ = std::move(h); }
  bool send(wire::bytes) override {
    ++sent_;
    return true;
  }
  void close() override {}
  void consumed(std::size_t) override {}
  const wire::endpoint& remote() const override { return remote_; }
  const wire::endpoint& local() const override { return remote_; }
  transport::connection_stats stats() const override { return {}; }
  void on_release(std::function<void()>) override {}

  std::uint64_t sent() const { return sent_; }

 private:
  std::shared_ptr<transport::connection_handler> handler_;
  std::uint64_t sent_ = 0;
  wire::endpoint remote_ = wire::endpoint::ipv4(127, 0, 0, 1, 18444);
};

// A read that carried the one frame `m`.
actors::frames_received frame_of(const wire::message& m) {
  wire::bytes frame;
  wire::encode_frame(frame, magic, m, wire::protocol_version);
  const auto size = static_cast<std::uint32_t>(frame.size() - wire::message_header_size);
  return {{{wire::command_of(m), size}},
          wire::bytes(frame.begin() + wire::message_header_size, frame.end())};
}

// An actor system whose actors run only when the benchmark drives them, in its own thread.
struct driven_system {
  caf::actor_system_config cfg;
  caf::actor_system sys{init(cfg)};
  caf::scheduler::test_coordinator& sched =
      dynamic_cast<caf::scheduler::test_coordinator&>(sys.scheduler());
  static caf::actor_system_config& init(caf::actor_system_config& c) {
    c.set("scheduler.policy", caf::atom("testing"));
    return c;
  }
  driven_system() { sys.await_actors_before_shutdown(false); }
};

// Turns a trace on for one actor: mode 2 with no rate limit to speak of, mode 3 with the whole
// default budget of a node (as if it were the only actor a trace covers).
actors::tracer_actor start_trace(caf::actor_system& sys, const caf::actor& target,
                                 std::int64_t mode) {
  if (mode < 2) return {};
  auto tracer = actors::spawn_tracer(sys, {});
  caf::anon_send(tracer, actors::trace_reset{actors::default_trace_capacity});
  caf::anon_send(tracer, actors::tracer_enabled{true});
  const double rate = mode == 2 ? 1e12 : actors::default_trace_budget;
  const double burst = mode == 2 ? 1e12 : actors::trace_burst;
  caf::anon_send(caf::actor_cast<actors::introspectable_actor>(target),
                 actors::trace_settings{true, {}, tracer, rate, burst});
  return tracer;
}

void BM_PeerPingPong(benchmark::State& state) {
  const auto mode = state.range(0);
  driven_system d;
  auto conn = std::make_shared<counting_connection>();
  actors::peer_config pc;
  pc.magic = magic;
  pc.required_services = 0;
  pc.instrumented = mode != 0;
  pc.clock = actors::time_source::anchored(d.sys.clock(), actors::time_source::system_unix_now());
  actors::peer_identity id;
  id.id = 1;
  id.address = conn->remote();
  id.type = actors::connection_type::manual;
  id.version_nonce = 42;
  auto peer =
      actors::spawn_peer(d.sys, conn, std::make_shared<const actors::peer_config>(pc), id, {});
  auto tracer = start_trace(d.sys, caf::actor_cast<caf::actor>(peer), mode);
  wire::msg::version v;
  v.nonce = 7;
  v.user_agent = "/bench/";
  caf::anon_send(peer, frame_of(v));
  caf::anon_send(peer, frame_of(wire::msg::verack{}));
  d.sched.run();
  const auto ping = frame_of(wire::msg::ping{99});
  const std::uint64_t before = conn->sent();
  for (auto _ : state) {
    for (int i = 0; i < batch; ++i) caf::anon_send(peer, ping);
    d.sched.run();
  }
  if (conn->sent() - before != static_cast<std::uint64_t>(state.iterations()) * batch)
    state.SkipWithError("not every ping was answered");
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * batch);
  caf::anon_send_exit(peer, caf::exit_reason::user_shutdown);
  if (tracer) caf::anon_send_exit(tracer, caf::exit_reason::user_shutdown);
  d.sched.run();
}
BENCHMARK(BM_PeerPingPong)->DenseRange(0, 3);
// Fixed work, for instruction counts: valgrind --tool=callgrind ... --benchmark_filter=iterations
BENCHMARK(BM_PeerPingPong)->DenseRange(0, 3)->Iterations(100);

// ---- a handler that does nothing ----

struct tick {
  std::uint64_t n = 0;
};
BTCNET_INSPECT(tick, x.n)

using counter_actor = caf::typed_actor<caf::reacts_to<tick>>;
using counter_impl = actors::instrumented<counter_actor>;

struct counter_state {
  actors::probe probe;
  std::uint64_t count = 0;
};

counter_impl::behavior_type counter_fn(counter_impl::stateful_pointer<counter_state> self,
                                       bool instrumented) {
  auto& st = self->state;
  st.probe.set_enabled(instrumented);
  st.probe.attach(self, {}, actors::actor_kind::peer, "counter");
  return actors::instrument<counter_impl::behavior_type>(st.probe, [&st](tick) { ++st.count; });
}

void BM_ActorMessages(benchmark::State& state) {
  const auto mode = state.range(0);
  driven_system d;
  auto counter = caf::actor_cast<counter_actor>(d.sys.spawn(counter_fn, mode != 0));
  auto tracer = start_trace(d.sys, caf::actor_cast<caf::actor>(counter), mode);
  d.sched.run();
  std::uint64_t sent = 0;
  for (auto _ : state) {
    for (int i = 0; i < batch; ++i) caf::anon_send(counter, tick{++sent});
    d.sched.run();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * batch);
  caf::anon_send_exit(counter, caf::exit_reason::user_shutdown);
  if (tracer) caf::anon_send_exit(tracer, caf::exit_reason::user_shutdown);
  d.sched.run();
}
BENCHMARK(BM_ActorMessages)->DenseRange(0, 3);
BENCHMARK(BM_ActorMessages)->DenseRange(0, 3)->Iterations(100);

}  // namespace
}  // namespace btcnet

BENCHMARK_MAIN();
