// btcnet-load's pure parts: latency percentiles (nearest rank) and the source address of each
// connection slot (one /24 each, never outside 127.0.0.0/8).
#include <gtest/gtest.h>

#include <set>

#include "tools/load/latency.hpp"
#include "tools/load/sources.hpp"

namespace btcnet::load {
namespace {

TEST(Latency, PercentilesByNearestRank) {
  latency l;
  EXPECT_EQ(l.summary()["count"], 0);
  for (int ms = 1; ms <= 100; ++ms) l.add(std::chrono::milliseconds(ms));
  const auto s = l.summary();
  EXPECT_EQ(s["count"], 100);
  EXPECT_DOUBLE_EQ(s["p50_ms"].get<double>(), 50.0);
  EXPECT_DOUBLE_EQ(s["p90_ms"].get<double>(), 90.0);
  EXPECT_DOUBLE_EQ(s["p99_ms"].get<double>(), 99.0);
  EXPECT_DOUBLE_EQ(s["max_ms"].get<double>(), 100.0);
}

TEST(Sources, EverySlotHasItsOwnLoopbackSlash24) {
  std::set<std::uint32_t> prefixes;
  for (std::uint32_t slot = 0; slot < 254 * 256; ++slot) {
    const auto a = source_address(slot).to_uint();
    EXPECT_EQ(a >> 24, 127u) << slot;
    EXPECT_EQ(a & 0xff, 1u);
    prefixes.insert(a >> 8);
  }
  EXPECT_EQ(prefixes.size(), 254u * 256u);
  EXPECT_EQ(source_address(0).to_string(), "127.1.0.1");
  EXPECT_EQ(source_address(254 * 256), source_address(0));  // then it wraps
}

}  // namespace
}  // namespace btcnet::load
