// btcd addrmgr/knownaddress_test.go TestChance and TestIsBad, case for case.
#include <gtest/gtest.h>

#include <limits>

#include "actors/addr_manager/known_address.hpp"
#include "tests/actors/addr_manager/book_test_util.hpp"

namespace btcnet::addr_manager {
namespace {

using test::t0;

known_address make(unix_time seen, int attempts, unix_time last_attempt, unix_time last_success) {
  known_address ka;
  ka.addr.time = static_cast<std::uint32_t>(seen);
  ka.attempts = attempts;
  ka.last_attempt = last_attempt;
  ka.last_success = last_success;
  return ka;
}

TEST(KnownAddress, ChanceBtcdCases) {
  const unix_time now = t0;
  struct {
    known_address ka;
    double expected;
  } cases[] = {
      {make(now - 35, 0, now - 30 * minute, now), 1.0},            // normal
      {make(now + 20, 0, now - 30 * minute, now), 1.0},            // seen in the future
      {make(now - 35, 0, now + 30 * minute, now), 0.01},           // attempt in the future
      {make(now - 35, 0, now - 5 * minute, now), 0.01},            // attempt < 10 minutes ago
      {make(now - 35, 2, now - 30 * minute, now), 1 / 1.5 / 1.5},  // two failures
  };
  for (std::size_t i = 0; i < std::size(cases); ++i) {
    EXPECT_NEAR(chance(cases[i].ka, now), cases[i].expected, 1e-4) << "case " << i;
  }
}

TEST(KnownAddress, ChanceEdges) {
  EXPECT_DOUBLE_EQ(chance(make(t0, 0, t0 - 10 * minute, never), t0), 1.0);  // exactly 10 min
  EXPECT_DOUBLE_EQ(chance(make(t0, 0, t0 - 10 * minute + 1, never), t0), 0.01);
  EXPECT_DOUBLE_EQ(chance(make(t0, 0, never, never), t0), 1.0);  // never attempted
  // btcd's repeated division bottoms out at the smallest denormal, never 0.
  EXPECT_EQ(chance(make(t0, 100000, never, never), t0), std::numeric_limits<double>::denorm_min());
  EXPECT_EQ(chance(make(t0, 2000000000, never, never), t0),
            std::numeric_limits<double>::denorm_min());
}

TEST(KnownAddress, IsBadBtcdCases) {
  const unix_time now = t0;
  const unix_time future = now + 35 * minute, month_old = now - 43 * day;
  const unix_time seconds_old = now - 2, minutes_old = now - 27 * minute,
                  hours_old = now - 5 * 3600;
  // Attempted within the last minute: never bad.
  EXPECT_FALSE(is_bad(make(future, 3, seconds_old, never), now)) << 1;
  EXPECT_FALSE(is_bad(make(month_old, 3, seconds_old, never), now)) << 2;
  EXPECT_FALSE(is_bad(make(seconds_old, 3, seconds_old, never), now)) << 3;
  EXPECT_FALSE(is_bad(make(seconds_old, 3, seconds_old, month_old), now)) << 4;
  EXPECT_FALSE(is_bad(make(seconds_old, 2, seconds_old, seconds_old), now)) << 5;
  // From the future.
  EXPECT_TRUE(is_bad(make(future, 0, minutes_old, hours_old), now)) << 6;
  // Not seen in over a month.
  EXPECT_TRUE(is_bad(make(month_old, 0, minutes_old, hours_old), now)) << 7;
  // Three failures, never a success.
  EXPECT_TRUE(is_bad(make(minutes_old, 3, minutes_old, never), now)) << 8;
  // Ten failures and no success in the last week.
  EXPECT_TRUE(is_bad(make(minutes_old, 10, minutes_old, month_old), now)) << 9;
  // A good address.
  EXPECT_FALSE(is_bad(make(minutes_old, 2, minutes_old, hours_old), now)) << 10;
}

TEST(KnownAddress, IsBadBoundaries) {
  EXPECT_FALSE(is_bad(make(t0 + 10 * minute, 0, never, never), t0));
  EXPECT_TRUE(is_bad(make(t0 + 10 * minute + 1, 0, never, never), t0));
  EXPECT_FALSE(is_bad(make(t0 - 30 * day, 0, never, never), t0));
  EXPECT_TRUE(is_bad(make(t0 - 30 * day - 1, 0, never, never), t0));
  EXPECT_FALSE(is_bad(make(t0, 2, t0 - minute, never), t0));  // 2 failures: not yet
  EXPECT_TRUE(is_bad(make(t0, 3, t0 - minute, never), t0));   // a minute ago: no longer exempt
  EXPECT_FALSE(is_bad(make(t0, 10, t0 - minute, t0 - 7 * day + 1), t0));
  EXPECT_TRUE(is_bad(make(t0, 10, t0 - minute, t0 - 7 * day), t0));
}

}  // namespace
}  // namespace btcnet::addr_manager
