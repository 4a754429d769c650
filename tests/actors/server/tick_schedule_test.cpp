// The server's deadline queue for its peers' timers.
#include "actors/server/tick_schedule.hpp"

#include <gtest/gtest.h>

namespace btcnet::actors {
namespace {

using namespace std::chrono_literals;
using time_point = tick_schedule::time_point;
const time_point t0{};

TEST(TickSchedule, DueDeadlinesComeOutEarliestFirstAndLeave) {
  tick_schedule s;
  s.schedule(1, t0 + 30s);
  s.schedule(2, t0 + 10s);
  s.schedule(3, t0 + 20s);
  EXPECT_EQ(s.next(), t0 + 10s);
  EXPECT_EQ(s.take_due(t0 + 20s), (std::vector<std::uint64_t>{2, 3}));
  EXPECT_EQ(s.size(), 1u);
  EXPECT_EQ(s.next(), t0 + 30s);
  EXPECT_TRUE(s.take_due(t0 + 29s).empty());
}

TEST(TickSchedule, APeerHasOneDeadlineAndCancelRemovesIt) {
  tick_schedule s;
  s.schedule(1, t0 + 10s);
  s.schedule(1, t0 + 5s);  // replaces
  EXPECT_EQ(s.size(), 1u);
  EXPECT_EQ(s.take_due(t0 + 10s), std::vector<std::uint64_t>{1});
  s.schedule(2, t0 + 1s);
  s.cancel(2);
  s.cancel(99);  // unknown: nothing happens
  EXPECT_EQ(s.size(), 0u);
  EXPECT_FALSE(s.next());
}

TEST(TickSchedule, EqualDeadlinesAreAllKept) {
  tick_schedule s;
  for (std::uint64_t id = 0; id < 100; ++id) s.schedule(id, t0 + 1s);
  EXPECT_EQ(s.take_due(t0 + 1s).size(), 100u);
}

}  // namespace
}  // namespace btcnet::actors
