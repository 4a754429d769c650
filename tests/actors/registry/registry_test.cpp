// The registry and the tracer in virtual time: actors register and vanish when they end, reports
// are gathered with names, a trace records what its filter covers in the order it happened, stops
// when told, stays within its ring buffer and within each actor's share of the trace budget.
#include "actors/registry/registry.hpp"

#include "actors/tracer/tracer.hpp"
#include "tests/actors/registry/toy_actor.hpp"
#include "tests/actors/support/actor_test_fixture.hpp"

namespace btcnet::actors {
namespace {

constexpr std::int64_t t0 = 1'700'000'000;

struct RegistryTest : test::actor_test {
  introspection intro = spawn_introspection(sys, time_source::anchored(sys.clock(), t0));
  std::vector<test::toy_actor> toys;

  test::toy_actor add_toy() {
    toys.push_back(test::spawn_toy(sys, intro.registry));
    sched.run();
    return toys.back();
  }
  ~RegistryTest() override {
    for (auto& t : toys) caf::anon_send_exit(t, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(intro.registry, caf::exit_reason::user_shutdown);
    caf::anon_send_exit(intro.tracer, caf::exit_reason::user_shutdown);
    sched.run();
  }
  actor_list actors() { return ask<actor_list>(intro.registry, list_actors{}); }
  trace_page read(std::uint64_t since = 0, trace_filter f = {}) {
    return ask<trace_page>(intro.registry, read_trace{since, 0, std::move(f)});
  }
  bool start(trace_filter f = {}, std::size_t capacity = 0) {
    return ask<bool>(intro.registry, start_trace{std::move(f), capacity, 0});
  }
};

TEST_F(RegistryTest, ActorsAreListedUntilTheyEnd) {
  sched.run();
  auto toy = add_toy();
  auto list = actors();
  ASSERT_EQ(list.size(), 3u);  // the registry, the tracer and the toy
  std::map<std::string, actor_entry> by_name;
  for (const auto& e : list) by_name[e.name] = e;
  EXPECT_EQ(by_name["registry"].kind, actor_kind::registry);
  EXPECT_EQ(by_name["tracer"].kind, actor_kind::tracer);
  EXPECT_EQ(by_name["toy"].id, toy.id());
  EXPECT_EQ(by_name["toy"].started, t0);
  caf::anon_send_exit(toy, caf::exit_reason::user_shutdown);
  sched.run();
  EXPECT_EQ(actors().size(), 2u);
}

TEST_F(RegistryTest, ReportsAreGatheredWithNamesAndFilteredByKind) {
  add_toy();
  add_toy();
  self->send(toys[0], test::toy_ping{5});
  sched.run();
  auto all = ask<report_list>(intro.registry, collect_reports{{}, {}, true});
  ASSERT_EQ(all.size(), 4u);
  auto peers = ask<report_list>(intro.registry, collect_reports{{actor_kind::peer}, {}, true});
  ASSERT_EQ(peers.size(), 2u);
  EXPECT_EQ(peers[0].name, "toy");
  EXPECT_EQ(peers[0].state["last"], 5);
  EXPECT_EQ(peers[1].state["last"], 0);
  auto one = ask<report_list>(intro.registry, collect_reports{{}, {toys[1].id()}, false});
  ASSERT_EQ(one.size(), 1u);
  EXPECT_TRUE(one[0].state.is_null());
  EXPECT_TRUE(ask<report_list>(intro.registry, collect_reports{{}, {999999}, false}).empty());
}

TEST_F(RegistryTest, ATraceRecordsMessagesInOrderUntilStopped) {
  auto toy = add_toy();
  self->send(toy, test::toy_ping{1});  // before the trace: not recorded
  sched.run();
  ASSERT_TRUE(start());
  sched.run();
  self->send(toy, test::toy_ping{2});
  self->send(toy, test::toy_poke{});
  sched.run();
  auto page = read();
  EXPECT_TRUE(page.enabled);
  ASSERT_EQ(page.events.size(), 2u);
  EXPECT_EQ(page.events[0].type, "toy_ping");
  EXPECT_EQ(page.events[0].from, self->id());
  EXPECT_EQ(page.events[0].to, toy.id());
  EXPECT_NE(page.events[0].summary.find("2"), std::string::npos) << page.events[0].summary;
  EXPECT_EQ(page.events[1].type, "poked_by_label");
  EXPECT_LT(page.events[0].seq, page.events[1].seq);
  EXPECT_EQ(read(page.next).events.size(), 0u);  // nothing new
  ASSERT_TRUE(ask<bool>(intro.registry, stop_trace{}));
  sched.run();
  self->send(toy, test::toy_ping{3});
  sched.run();
  page = read(page.next);
  EXPECT_FALSE(page.enabled);
  EXPECT_TRUE(page.events.empty());
}

TEST_F(RegistryTest, FiltersCoverKindsTypesAndArePassedToNewcomers) {
  ASSERT_TRUE(start({{actor_kind::peer}, {"toy_ping"}, ""}));
  auto toy = add_toy();  // registered after the start: still covered
  self->send(toy, test::toy_ping{1});
  self->send(toy, test::toy_poke{});
  sched.run();
  auto page = read();
  ASSERT_EQ(page.events.size(), 1u);
  EXPECT_EQ(page.events[0].type, "toy_ping");
  ASSERT_TRUE(start({{actor_kind::conn_manager}, {}, ""}));  // covers no toy
  sched.run();
  self->send(toy, test::toy_ping{2});
  sched.run();
  EXPECT_TRUE(read(page.next).events.empty());
  ASSERT_TRUE(start({{}, {}, "no-such-peer"}));
  sched.run();
  self->send(toy, test::toy_ping{3});
  sched.run();
  EXPECT_TRUE(read(page.next).events.empty());
}

TEST_F(RegistryTest, TheRingBufferKeepsTheNewestEvents) {
  auto toy = add_toy();
  ASSERT_TRUE(start({}, 10));
  sched.run();
  for (int i = 0; i < 30; ++i) self->send(toy, test::toy_ping{i});
  sched.run();
  auto page = read();
  ASSERT_EQ(page.events.size(), 10u);
  EXPECT_EQ(page.capacity, 10u);
  EXPECT_EQ(page.overwritten, 20u);
  EXPECT_NE(page.events.back().summary.find("29"), std::string::npos);
  EXPECT_EQ(page.events.back().seq - page.events.front().seq, 9u);
}

TEST_F(RegistryTest, AFloodIsCutToTheActorsShareOfTheBudget) {
  auto toy = add_toy();
  ASSERT_TRUE(ask<bool>(intro.registry, start_trace{{}, 100'000, 10}));  // 10 events/s in all
  sched.run();
  for (int i = 0; i < 500; ++i) self->send(toy, test::toy_ping{i});
  sched.run();
  const auto recorded = read().events.size();
  EXPECT_EQ(recorded, static_cast<std::size_t>(trace_burst));  // the burst, no time passed
  auto r = ask<report_list>(intro.registry, collect_reports{{actor_kind::peer}, {}, false});
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].traced, recorded);
  EXPECT_EQ(r[0].trace_limited, 500 - recorded);
  // Time refills the bucket at the actor's share of the budget (the toy is the only actor the
  // trace covers: the registry and the tracer never are).
  advance(std::chrono::seconds(2));
  for (int i = 0; i < 50; ++i) self->send(toy, test::toy_ping{i});
  sched.run();
  EXPECT_EQ(read().events.size(), recorded + 20);
}

}  // namespace
}  // namespace btcnet::actors
