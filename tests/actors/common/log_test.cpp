// Log levels from btcd's --debuglevel syntax reach every subsystem, including those whose logger
// is first used after the levels were set (most are created lazily, on their first message).
#include "actors/common/log.hpp"

#include <gtest/gtest.h>

namespace btcnet::log {
namespace {

TEST(Log, LevelsSetBeforeALoggerExistsApplyToIt) {
  ASSERT_TRUE(set_levels("warn,LATE=debug"));
  EXPECT_EQ(subsystem("LATER").level(), spdlog::level::warn);
  EXPECT_EQ(subsystem("LATE").level(), spdlog::level::debug);
  ASSERT_TRUE(set_levels("off"));
  EXPECT_EQ(subsystem("LATE").level(), spdlog::level::off);
  EXPECT_EQ(subsystem("LATEST").level(), spdlog::level::off);
  ASSERT_TRUE(set_levels("info"));
}

TEST(Log, ABadLevelNameIsRefusedAndChangesNothing) {
  ASSERT_TRUE(set_levels("error"));
  EXPECT_FALSE(set_levels("loud"));
  EXPECT_FALSE(set_levels("info,PEER=chatty"));
  EXPECT_EQ(subsystem("PEER").level(), spdlog::level::err);
  ASSERT_TRUE(set_levels("info"));
}

TEST(Log, AnEndpointInALogLineReadsAsItsAddress) {
  EXPECT_EQ(fmt::format("peer {}", wire::endpoint::ipv4(127, 0, 0, 1, 8333)),
            "peer 127.0.0.1:8333");
  const auto v6 = wire::endpoint::from_ip16(
      {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 18444);
  EXPECT_EQ(fmt::format("{}", v6), v6.to_string());
}

}  // namespace
}  // namespace btcnet::log
