// The per-sender message counts of an actor's probe: exact for a few senders, bounded in size for
// an actor that hears from every peer that ever connected, keeping the busiest senders.
#include "actors/common/sender_table.hpp"

#include <gtest/gtest.h>

#include <map>

namespace btcnet::actors {
namespace {

std::map<std::uint64_t, std::uint64_t> counts(const sender_table& t) {
  std::map<std::uint64_t, std::uint64_t> m;
  for (const auto& e : t.entries()) m[e.actor_id] += e.messages;
  return m;
}

TEST(SenderTable, CountsEachSenderExactlyUpToItsCapacity) {
  sender_table t;
  for (std::uint64_t id = 0; id < sender_table::capacity; ++id)
    for (std::uint64_t n = 0; n <= id; ++n) t.count(id);
  t.count(5);  // not consecutive: found again, not added twice
  const auto m = counts(t);
  ASSERT_EQ(m.size(), sender_table::capacity);
  for (std::uint64_t id = 0; id < sender_table::capacity; ++id)
    EXPECT_EQ(m.at(id), id + 1 + (id == 5 ? 1 : 0)) << id;
}

TEST(SenderTable, ManySendersKeepItBoundedAndTheBusiestIn) {
  // The server hears from 100,000 short-lived peers, two messages each, and from the conn
  // manager once per peer: a third of all messages, far above the 1/capacity that Space-Saving
  // guarantees to keep.
  sender_table t;
  constexpr std::uint64_t conn_manager = 7, peers = 100'000;
  for (std::uint64_t peer = 100; peer < 100 + peers; ++peer) {
    t.count(peer);
    t.count(peer);
    t.count(conn_manager);
  }
  EXPECT_EQ(t.entries().size(), sender_table::capacity);
  const auto m = counts(t);
  ASSERT_EQ(m.count(conn_manager), 1u);
  EXPECT_GE(m.at(conn_manager), peers);  // never below the true count
  EXPECT_EQ(m.count(100), 0u);           // an early one-off sender made room long ago
}

TEST(SenderTable, ATakenOverEntryCountsOnFromTheCountItReplaced) {
  sender_table t;
  for (std::uint64_t id = 1; id <= sender_table::capacity; ++id) t.count(id);  // one each
  t.count(999);
  const auto m = counts(t);
  EXPECT_EQ(m.size(), sender_table::capacity);
  EXPECT_EQ(m.at(999), 2u);  // an upper bound: one more than the entry it took over
  std::uint64_t total = 0;
  for (const auto& [id, n] : m) total += n;
  EXPECT_EQ(total, sender_table::capacity + 1);  // every message is counted somewhere
}

}  // namespace
}  // namespace btcnet::actors
