// Bucket placement is btcd's, bit for bit, and no bucket ever exceeds its size.
#include <gtest/gtest.h>

#include "actors/addr_manager/address_book.hpp"
#include "actors/addr_manager/bucket_hash.hpp"
#include "net/address/address_text.hpp"
#include "net/address/group_key.hpp"
#include "tests/actors/addr_manager/book_test_util.hpp"

namespace btcnet::addr_manager {
namespace {

using test::at;
using test::ep;
using test::fixed_key;
using test::ipv4;
using test::pa;
using test::t0;

// Expected buckets for key = bytes 0..31, computed independently with Python's hashlib
// (double SHA-256 of the concatenation, first 8 bytes little-endian, as btcd's getNewBucket /
// getTriedBucket), by this script, run once:
//   def dsha(b): return hashlib.sha256(hashlib.sha256(b).digest()).digest()
//   def le64(h): return struct.unpack('<Q', h[:8])[0]
//   def new_bucket(ag, sg):
//       x = le64(dsha(key + ag.encode() + sg.encode())) % 64
//       return le64(dsha(key + sg.encode() + struct.pack('<Q', x))) % 1024
//   def tried_bucket(akey, ag):
//       x = le64(dsha(key + akey.encode())) % 8
//       return le64(dsha(key + ag.encode() + struct.pack('<Q', x))) % 64
// (the Tor keys' base32 and SHA3-256 checksum also came from Python's base64/hashlib).
struct golden {
  const char* addr;
  const char* group;
  const char* source;
  const char* source_group;
  std::size_t new_bucket;
  std::size_t tried_bucket;
};
const golden golden_cases[] = {
    {"12.1.2.3:8333", "12.1.0.0", "173.144.173.111:8333", "173.144.0.0", 889, 10},
    {"[2602:100::1]:8333", "2602:100::", "12.1.2.3:8333", "12.1.0.0", 584, 30},
    {"[2001:470:1f10:a1::2]:18333", "2001:470:1000::", "[2602:100::1]:8333", "2602:100::", 1004,
     60},
    {"[64:ff9b::c01:203]:8333", "12.1.0.0", "173.144.173.111:8333", "173.144.0.0", 889, 26},
    {"ci2aaaaaaaaaavty.onion:8333", "tor:2", "12.1.2.3:8333", "12.1.0.0", 219, 46},
    {"ljnvyxk6l5qgcytdmrswmz3infvgw3dnnzxxa4lson2hk5txpb4z33ad.onion:8333", "tor:10",
     "12.1.2.3:8333", "12.1.0.0", 65, 49},
};

TEST(BucketPlacement, HashesMatchPython) {
  for (const auto& g : golden_cases) {
    SCOPED_TRACE(g.addr);
    EXPECT_EQ(address::group_key(ep(g.addr)), g.group);
    EXPECT_EQ(address::group_key(ep(g.source)), g.source_group);
    EXPECT_EQ(address::address_key(ep(g.addr)), g.addr);
    EXPECT_EQ(new_bucket(fixed_key(), g.group, g.source_group), g.new_bucket);
    EXPECT_EQ(tried_bucket(fixed_key(), g.addr, g.group), g.tried_bucket);
  }
}

TEST(BucketPlacement, BookPlacesAsBtcd) {
  for (const auto& g : golden_cases) {
    SCOPED_TRACE(g.addr);
    address_book book(fixed_key(), 1);
    book.add_address(pa(g.addr), pa(g.source), t0);
    const known_address* ka = book.find(ep(g.addr));
    ASSERT_NE(ka, nullptr);
    ASSERT_EQ(ka->refs, 1);
    EXPECT_EQ(ka->new_buckets[0], g.new_bucket);
    ASSERT_EQ(book.new_bucket(g.new_bucket).size(), 1u);
    book.good(ep(g.addr), t0);
    EXPECT_EQ(book.find(ep(g.addr))->tried_bucket, g.tried_bucket);
    EXPECT_EQ(book.tried_bucket(g.tried_bucket).size(), 1u);
    EXPECT_EQ(book.check_invariants(), "");
  }
}

TEST(BucketPlacement, RandomKeysDiffer) {
  const book_key a = random_book_key(), b = random_book_key();
  EXPECT_NE(a, b);
  EXPECT_NE(a, book_key{});
}

// A different key moves addresses: the key really is an input.
TEST(BucketPlacement, KeyMatters) {
  book_key other = fixed_key();
  other[31] ^= 1;
  int moved = 0;
  for (const auto& g : golden_cases)
    moved += new_bucket(other, g.group, g.source_group) != g.new_bucket;
  EXPECT_GE(moved, 4);
}

// All addresses of one /16 from one source share a single new bucket: btcd lets it grow to 65
// (it expires only when a bucket holds more than 64); ours stays at 64, evicting the oldest.
TEST(BucketPlacement, NewBucketNeverExceeds64) {
  address_book book(fixed_key(), 1);
  const auto src = pa("173.144.173.111:8333");
  const std::size_t bucket = new_bucket(fixed_key(), "12.1.0.0", "173.144.0.0");
  for (int i = 0; i < 200; ++i) {
    book.add_address(at(ipv4(12, 1, i / 256, i % 256 + 1), t0 - 1000 + i), src, t0);
    ASSERT_EQ(book.new_bucket(bucket).size(), static_cast<std::size_t>(std::min(i + 1, 64)))
        << "after " << i + 1;
    ASSERT_LE(book.summary().new_max_fill, new_bucket_size);
  }
  EXPECT_EQ(book.size(), 64u);
  // The survivors are the 64 newest: each add evicted the oldest.
  for (int i = 136; i < 200; ++i) EXPECT_NE(book.find(ipv4(12, 1, 0, i + 1)), nullptr) << i;
  EXPECT_EQ(book.find(ipv4(12, 1, 0, 1)), nullptr);
  EXPECT_EQ(book.check_invariants(), "");
}

// A full bucket first drops every bad entry (here: not seen for 31 days), then the oldest other.
TEST(BucketPlacement, ExpiryDropsBadEntriesFirst) {
  address_book book(fixed_key(), 1);
  const auto src = pa("173.144.173.111:8333");
  for (int i = 0; i < 64; ++i) {
    const unix_time seen = i % 2 ? t0 - 31 * day : t0 - 1000 + i;
    book.add_address(at(ipv4(12, 1, 0, i + 1), seen), src, t0);
  }
  ASSERT_EQ(book.size(), 64u);
  book.add_address(at(ipv4(12, 1, 1, 1)), src, t0);
  // 32 bad ones and the oldest good one (12.1.0.1) went; the new one came in.
  EXPECT_EQ(book.size(), 32u);
  EXPECT_EQ(book.find(ipv4(12, 1, 0, 1)), nullptr);
  EXPECT_NE(book.find(ipv4(12, 1, 0, 3)), nullptr);
  EXPECT_NE(book.find(ipv4(12, 1, 1, 1)), nullptr);
  EXPECT_EQ(book.check_invariants(), "");
}

// good() into a full tried bucket sends that bucket's oldest entry back to the new table.
TEST(BucketPlacement, FullTriedBucketEvictsOldest) {
  address_book book(fixed_key(), 1);
  const auto src = pa("173.144.173.111:8333");
  int evictions = 0;
  for (int i = 0; i < 3000; ++i) {
    const wire::endpoint e = ipv4(12, 1, i / 250, i % 250 + 1);
    book.add_address(at(e, t0 - 5000 + i), src, t0);
    const std::size_t tb =
        tried_bucket(fixed_key(), address::address_key(e), address::group_key(e));
    const auto members = book.tried_bucket(tb);
    std::optional<wire::endpoint> oldest;
    if (members.size() == tried_bucket_size) {
      entry_id old = members[0];
      for (entry_id id : members)
        if (book.entry(id).addr.time < book.entry(old).addr.time) old = id;
      oldest = book.entry(old).addr.where;
    }
    book.good(e, t0);
    ASSERT_TRUE(book.find(e)->tried);
    ASSERT_LE(book.tried_bucket(tb).size(), tried_bucket_size);
    if (oldest) {
      ++evictions;
      const known_address* back = book.find(*oldest);
      ASSERT_NE(back, nullptr);
      EXPECT_FALSE(back->tried);
      EXPECT_EQ(back->refs, 1);
    }
  }
  EXPECT_GT(evictions, 0);
  // One /16 reaches at most 8 tried buckets of 256.
  EXPECT_LE(book.tried_count(), 8 * tried_bucket_size);
  EXPECT_EQ(book.check_invariants(), "");
}

}  // namespace
}  // namespace btcnet::addr_manager
