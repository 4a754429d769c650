// The probe and instrument(): every handled message is counted under its type (or label), timed
// into the histogram, attributed to its sender; reports carry the actor's own summary when asked;
// nothing is traced until trace settings arrive. Virtual time, CAF's test coordinator.
#include "actors/common/instrument.hpp"

#include "tests/actors/registry/toy_actor.hpp"
#include "tests/actors/support/actor_test_fixture.hpp"

namespace btcnet::actors {
namespace {

using test::toy_actor;

struct InstrumentTest : test::actor_test {
  toy_actor toy = test::spawn_toy(sys, {});
  ~InstrumentTest() override {
    caf::anon_send_exit(toy, caf::exit_reason::user_shutdown);
    sched.run();
  }
  actor_report report(bool with_state = false) {
    return ask<actor_report>(caf::actor_cast<introspectable_actor>(toy),
                             get_actor_report{with_state});
  }
};

const handler_count* find(const actor_report& r, const std::string& type) {
  for (const auto& h : r.handlers)
    if (h.type == type) return &h;
  return nullptr;
}

TEST_F(InstrumentTest, CountsEachMessageUnderItsTypeOrLabel) {
  for (int i = 0; i < 3; ++i) self->send(toy, test::toy_ping{i});
  self->send(toy, test::toy_poke{});
  sched.run();
  const auto r = report();
  ASSERT_NE(find(r, "toy_ping"), nullptr);
  EXPECT_EQ(find(r, "toy_ping")->messages, 3u);
  ASSERT_NE(find(r, "poked_by_label"), nullptr);  // labeled() names the handler
  EXPECT_EQ(find(r, "poked_by_label")->messages, 1u);
  EXPECT_EQ(find(r, "toy_poke"), nullptr);
  // Four messages, plus the report request itself (counted as it is handled).
  EXPECT_EQ(r.messages, 5u);
  std::uint64_t in_histogram = 0;
  for (auto n : r.latency) in_histogram += n;
  EXPECT_EQ(in_histogram, 4u);  // the report's own handling ends after it is taken
  EXPECT_GE(r.idle_ms, 0);
}

TEST_F(InstrumentTest, AttributesMessagesToTheirSenders) {
  self->send(toy, test::toy_ping{1});
  self->send(toy, test::toy_ping{2});
  caf::anon_send(toy, test::toy_ping{3});  // no sender: counted as 0
  sched.run();
  const auto r = report();
  std::map<std::uint64_t, std::uint64_t> by_sender;
  for (const auto& s : r.senders) by_sender[s.actor_id] = s.messages;
  EXPECT_EQ(by_sender[self->id()], 3u);  // two pings and the report request
  EXPECT_EQ(by_sender[0], 1u);
}

TEST_F(InstrumentTest, StateSummaryOnlyWhenAsked) {
  self->send(toy, test::toy_ping{7});
  sched.run();
  EXPECT_TRUE(report(false).state.is_null());
  const auto r = report(true);
  EXPECT_EQ(r.state["last"], 7);
}

TEST_F(InstrumentTest, HandlersStillAnswer) {
  EXPECT_EQ(ask<int>(toy, test::toy_ping{41}), 42);
}

}  // namespace
}  // namespace btcnet::actors
