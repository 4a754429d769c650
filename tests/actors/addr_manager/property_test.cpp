// Random sequences of add / attempt / good / connected / set_services / select / address_cache
// keep every invariant: index and buckets agree, counts match, new entries have 1..8 references,
// tried entries sit in exactly one bucket, no bucket exceeds its size.
#include <gtest/gtest.h>

#include <random>

#include "actors/addr_manager/address_book.hpp"
#include "tests/actors/addr_manager/book_test_util.hpp"

namespace btcnet::addr_manager {
namespace {

using test::at;
using test::ipv4;
using test::t0;

// A small universe (few /16 groups, few sources) so buckets collide, fill and evict.
class random_ops {
 public:
  explicit random_ops(std::uint64_t seed) : rng_(seed), book_(test::fixed_key(), seed ^ 0xabc) {}

  void run(int steps) {
    for (int i = 0; i < steps; ++i) {
      step();
      if (::testing::Test::HasFatalFailure()) return;
      const std::string err = book_.check_invariants();
      ASSERT_EQ(err, "") << "after step " << i << " (op " << last_op_ << ")";
    }
  }
  const address_book& book() const { return book_; }

 private:
  std::uint64_t below(std::uint64_t n) {
    return std::uniform_int_distribution<std::uint64_t>(0, n - 1)(rng_);
  }

  wire::endpoint some_address() {
    const auto group = static_cast<unsigned>(below(6));
    return ipv4(12, 1 + group, static_cast<unsigned>(below(8)),
                static_cast<unsigned>(below(250) + 1), static_cast<std::uint16_t>(8333 + below(2)));
  }
  wire::peer_address some_source() {
    return at(ipv4(50 + static_cast<unsigned>(below(5)), 1, 1, 1));
  }

  void step() {
    now_ += static_cast<unix_time>(below(100) == 0 ? below(40) * day : below(600));
    last_op_ = static_cast<int>(below(8));
    switch (last_op_) {
      case 0:
        add_batch();
        break;
      case 1: {
        const auto e = some_address();  // routable, so it is in the book right after
        book_.add_address(at(e, now_ - static_cast<unix_time>(below(3 * day))), some_source(),
                          now_);
        ASSERT_NE(book_.find(e), nullptr);
        break;
      }
      case 2:
        book_.attempt(known_or_random(), now_);
        break;
      case 3: {
        const auto e = known_or_random();
        const bool known = book_.find(e) != nullptr;
        book_.good(e, now_);
        if (known) {
          ASSERT_TRUE(book_.find(e)->tried);
        }
        break;
      }
      case 4:
        book_.connected(known_or_random(), now_);
        break;
      case 5:
        book_.set_services(known_or_random(), below(16));
        break;
      case 6: {
        const auto picked = book_.select(now_);
        ASSERT_EQ(picked.has_value(), book_.size() > 0);
        if (picked) {
          ASSERT_NE(book_.find(picked->addr.where), nullptr);
        }
        break;
      }
      case 7: {
        const auto cache = book_.address_cache();
        ASSERT_EQ(cache.size(), std::min(book_.size() * 23 / 100, get_addr_max));
        break;
      }
    }
  }

  void add_batch() {
    std::vector<wire::peer_address> batch;
    const auto n = below(50) + 1;
    for (std::uint64_t i = 0; i < n; ++i)
      batch.push_back(at(some_address(), now_ - static_cast<unix_time>(below(40 * day))));
    book_.add_addresses(batch, some_source(), now_);
  }

  wire::endpoint known_or_random() {
    if (book_.size() == 0 || below(4) == 0) return some_address();
    const auto picked = book_.select(now_);
    return picked->addr.where;
  }

  std::mt19937_64 rng_;
  address_book book_;
  unix_time now_ = t0;
  int last_op_ = -1;
};

TEST(AddressBookProperty, RandomSequencesKeepInvariants) {
  std::size_t max_tried = 0, max_size = 0;
  for (std::uint64_t seed = 1; seed <= 12; ++seed) {
    SCOPED_TRACE(seed);
    random_ops ops(seed);
    ops.run(4000);
    if (HasFatalFailure()) return;
    max_tried = std::max(max_tried, ops.book().tried_count());
    max_size = std::max(max_size, ops.book().size());
    const auto s = ops.book().summary();
    EXPECT_LE(s.new_max_fill, new_bucket_size);
    EXPECT_LE(s.tried_max_fill, tried_bucket_size);
  }
  // The sequences did exercise both tables and eviction-sized populations.
  EXPECT_GT(max_tried, 100u);
  EXPECT_GT(max_size, 500u);
}

// The same seed and clock give the same book: nothing depends on hidden time or randomness.
TEST(AddressBookProperty, Deterministic) {
  random_ops a(99), b(99);
  a.run(1500);
  b.run(1500);
  ASSERT_EQ(a.book().size(), b.book().size());
  a.book().for_each([&](entry_id, const known_address& ka) {
    const known_address* other = b.book().find(ka.addr.where);
    ASSERT_NE(other, nullptr);
    EXPECT_EQ(other->tried, ka.tried);
    EXPECT_EQ(other->attempts, ka.attempts);
    EXPECT_EQ(other->refs, ka.refs);
  });
}

}  // namespace
}  // namespace btcnet::addr_manager
