// btcd connmgr/dynamicbanscore_test.go vectors.
#include "actors/peer/ban_score.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace btcnet::actors {
namespace {

TEST(BanScore, DecaysWithAOneMinuteHalflife) {
  ban_score s;
  const std::int64_t t0 = 1'700'000'000;
  EXPECT_EQ(s.increase(100, 50, t0), 150u);
  EXPECT_EQ(s.value(t0 + 60), 125u);
  EXPECT_EQ(s.value(t0 + 7 * 60), 100u);
}

TEST(BanScore, TransientPartIsForgottenAfterItsLifetime) {
  ban_score s;
  const std::int64_t t0 = 1'700'000'000;
  s.increase(0, std::numeric_limits<std::uint32_t>::max(), t0);
  EXPECT_EQ(s.value(t0 + 1800), 3u);  // 2^32 / 2^30, truncated
  EXPECT_EQ(s.value(t0 + 1801), 0u);
}

TEST(BanScore, ResetAndPersistentPart) {
  ban_score s;
  EXPECT_EQ(s.value(0), 0u);
  EXPECT_EQ(s.increase(100, 0, 5), 100u);
  EXPECT_EQ(s.value(1'000'000), 100u);  // persistent: never decays
  s.reset();
  EXPECT_EQ(s.value(5), 0u);
}

TEST(BanScore, NewTransientAddsToTheDecayedOld) {
  ban_score s;
  s.increase(0, 40, 0);
  EXPECT_EQ(s.increase(0, 40, 60), 60u);  // 40 halved to 20, plus 40
}

}  // namespace
}  // namespace btcnet::actors
