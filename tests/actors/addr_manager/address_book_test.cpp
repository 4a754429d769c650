// btcd addrmgr/addrmanager_test.go, case for case, on the address book data structure.
// (TestNetAddressKey lives in tests/net/address/address_text_test.cpp, TestStartStop's load/save
// cycle in peers_json_test.cpp.)
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <set>

#include "actors/addr_manager/address_book.hpp"
#include "net/address/address_errors.hpp"
#include "tests/actors/addr_manager/book_test_util.hpp"

namespace btcnet::addr_manager {
namespace {

using address::address_errc;
using test::at;
using test::ep;
using test::fixed_key;
using test::ipv4;
using test::pa;
using test::t0;

constexpr const char* some_ip = "173.194.115.66";

std::string fmt_addr(const char* pattern, int a, int b) {
  char buf[64];
  std::snprintf(buf, sizeof buf, pattern, a, b);
  return buf;
}

TEST(AddressBook, AddAddressByIP) {
  address_book book(fixed_key(), 1);
  EXPECT_FALSE(book.add_address_by_ip(std::string(some_ip) + ":8333", t0));
  EXPECT_EQ(book.add_address_by_ip(some_ip, t0), address_errc::missing_port);
  EXPECT_EQ(book.add_address_by_ip(std::string(some_ip).substr(0, 12) + ":8333", t0),
            address_errc::invalid_ip);
  EXPECT_EQ(book.add_address_by_ip(std::string(some_ip) + ":abcd", t0), address_errc::invalid_port);
  EXPECT_EQ(book.size(), 1u);
  const known_address* ka = book.find(ep("173.194.115.66:8333"));
  ASSERT_NE(ka, nullptr);
  EXPECT_EQ(ka->addr.time, t0);
  EXPECT_EQ(ka->addr.services, 0u);
  EXPECT_EQ(ka->source, ka->addr);  // btcd: the address is its own source
}

TEST(AddressBook, AddLocalAddress) {
  struct {
    const char* host;
    address_priority priority;
    bool valid;
  } cases[] = {
      {"192.168.0.100", address_priority::interface_prio, false},
      {"204.124.1.1", address_priority::interface_prio, true},
      {"204.124.1.1", address_priority::bound, true},
      {"::1", address_priority::interface_prio, false},
      {"fe80::1", address_priority::interface_prio, false},
      {"2620:100::1", address_priority::interface_prio, true},
  };
  address_book book(fixed_key(), 1);
  for (const auto& c : cases) {
    const auto where = address::parse_host(c.host, 0).value();
    const auto ec = book.add_local_address({static_cast<std::uint32_t>(t0), 0, where}, c.priority);
    EXPECT_EQ(!ec, c.valid) << c.host;
    if (ec) {
      EXPECT_EQ(ec, address_errc::not_routable);
    }
  }
  ASSERT_EQ(book.locals().entries().size(), 2u);
  EXPECT_EQ(book.locals().entries()[0].score, 2);  // btcd: a higher priority sets score prio + 1
}

TEST(AddressBook, Attempt) {
  address_book book(fixed_key(), 1);
  ASSERT_FALSE(book.add_address_by_ip(std::string(some_ip) + ":8333", t0));
  const auto ka = book.select(t0);
  ASSERT_TRUE(ka);
  EXPECT_EQ(ka->last_attempt, never);
  book.attempt(ka->addr.where, t0 + 5);
  EXPECT_EQ(book.find(ka->addr.where)->last_attempt, t0 + 5);
  EXPECT_EQ(book.find(ka->addr.where)->attempts, 1);
}

TEST(AddressBook, Connected) {
  address_book book(fixed_key(), 1);
  const auto hour_ago = pa("173.194.115.66:8333", t0 - 3600);
  book.add_address(hour_ago, hour_ago, t0);
  book.connected(hour_ago.where, t0);
  EXPECT_EQ(book.find(hour_ago.where)->addr.time, t0);
  book.connected(hour_ago.where, t0 + 20 * minute);  // not more than 20 minutes later: unchanged
  EXPECT_EQ(book.find(hour_ago.where)->addr.time, t0);
  book.connected(hour_ago.where, t0 + 20 * minute + 1);
  EXPECT_EQ(book.find(hour_ago.where)->addr.time, t0 + 20 * minute + 1);
}

TEST(AddressBook, NeedMoreAddresses) {
  address_book book(fixed_key(), 1);
  EXPECT_TRUE(book.need_more_addresses());
  std::vector<wire::peer_address> addrs;
  for (int i = 0; i < 1500; ++i)
    addrs.push_back(pa(fmt_addr("%d.%d.173.147:8333", i / 128 + 60, i % 128 + 60)));
  book.add_addresses(addrs, pa("173.144.173.111:8333", t0, 0), t0);
  EXPECT_LE(book.size(), 1500u);
  EXPECT_FALSE(book.need_more_addresses());
  EXPECT_EQ(book.check_invariants(), "");
}

TEST(AddressBook, Good) {
  address_book book(fixed_key(), 1);
  std::vector<wire::peer_address> addrs;
  for (int i = 0; i < 64 * 64; ++i)
    addrs.push_back(pa(fmt_addr("%d.173.147.%d:8333", i / 64 + 60, i % 64 + 60)));
  book.add_addresses(addrs, pa("173.144.173.111:8333", t0, 0), t0);
  for (const auto& a : addrs) book.good(a.where, t0);
  EXPECT_LT(book.size(), 4096u);
  EXPECT_LT(book.address_cache().size(), book.size() / 4);
  EXPECT_EQ(book.check_invariants(), "");
}

TEST(AddressBook, GetAddress) {
  address_book book(fixed_key(), 1);
  EXPECT_FALSE(book.select(t0));
  ASSERT_FALSE(book.add_address_by_ip(std::string(some_ip) + ":8333", t0));
  auto ka = book.select(t0);
  ASSERT_TRUE(ka);
  EXPECT_EQ(ka->addr.where.host(), some_ip);
  book.good(ka->addr.where, t0);
  ka = book.select(t0);
  ASSERT_TRUE(ka);
  EXPECT_EQ(ka->addr.where.host(), some_ip);
  EXPECT_TRUE(ka->tried);
  EXPECT_EQ(book.size(), 1u);
}

// btcd TestGetBestLocalAddress: three remotes, three stages of local addresses.
TEST(AddressBook, GetBestLocalAddress) {
  const char* remotes[] = {"204.124.8.1", "172.16.0.254", "2602:100:abcd::102"};
  const char* want0[] = {"0.0.0.0", "0.0.0.0", "::"};
  const char* want1[] = {"0.0.0.0", "0.0.0.0", "2001:470::1"};
  const char* want2[] = {"204.124.8.100", "0.0.0.0", "2001:470::1"};
  address_book book(fixed_key(), 1);
  auto host = [](const char* h) { return address::parse_host(h, 0).value(); };
  auto check = [&](const char* const* want, const char* stage) {
    for (int i = 0; i < 3; ++i) {
      const auto got = book.best_local_address(host(remotes[i]), t0);
      EXPECT_EQ(address::host_text(got.where), want[i]) << stage << " remote " << remotes[i];
    }
  };
  check(want0, "no locals");
  for (const char* local : {"192.168.0.100", "::1", "fe80::1", "2001:470::1"})
    (void)book.add_local_address({0, 0, host(local)}, address_priority::interface_prio);
  check(want1, "after locals");
  ASSERT_FALSE(
      book.add_local_address({0, 0, host("204.124.8.100")}, address_priority::interface_prio));
  check(want2, "after public IPv4");
}

TEST(AddressBook, BestLocalFallbackShape) {
  address_book book(fixed_key(), 1);
  const auto none = book.best_local_address(address::parse_host("1.2.3.4", 1).value(), t0);
  EXPECT_EQ(none.where, ipv4(0, 0, 0, 0, 0));
  EXPECT_EQ(none.services, wire::node_network | wire::node_witness | wire::node_bloom);
  EXPECT_EQ(none.time, t0);
}

// ---- beyond btcd's suite: the update rules of updateAddress ----

TEST(AddressBook, UpdateMergesTimestampAndServices) {
  address_book book(fixed_key(), 1);
  const auto src = pa("8.8.8.8:8333");
  book.add_address(pa("1.2.3.4:8333", t0, wire::node_network), src, t0);
  book.add_address(pa("1.2.3.4:8333", t0 + 100, 0), src, t0);  // newer: timestamp moves
  EXPECT_EQ(book.find(ep("1.2.3.4:8333"))->addr.time, t0 + 100);
  book.add_address(pa("1.2.3.4:8333", t0 + 50, 0), src, t0);  // older, no new service: kept
  EXPECT_EQ(book.find(ep("1.2.3.4:8333"))->addr.time, t0 + 100);
  // Older but with a new service bit: btcd takes the (older) timestamp along with the bit.
  book.add_address(pa("1.2.3.4:8333", t0 + 10, wire::node_witness), src, t0);
  const known_address* ka = book.find(ep("1.2.3.4:8333"));
  EXPECT_EQ(ka->addr.time, t0 + 10);
  EXPECT_EQ(ka->addr.services, wire::node_network | wire::node_witness);
  EXPECT_EQ(book.size(), 1u);
}

TEST(AddressBook, IgnoresUnroutableAndNormalizes) {
  address_book book(fixed_key(), 1);
  const auto src = pa("8.8.8.8:8333");
  for (const char* bad : {"10.0.0.1:8333", "127.0.0.1:8333", "[fe80::1]:8333", "0.1.2.3:1"})
    book.add_address(pa(bad), src, t0);
  EXPECT_EQ(book.size(), 0u);
  // IPv4-mapped IPv6 is the same address as the IPv4 one.
  wire::endpoint mapped{
      wire::network_id::ipv6, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 1, 2, 3, 4}, 8333};
  book.add_address(at(mapped), src, t0);
  book.add_address(pa("1.2.3.4:8333"), src, t0);
  EXPECT_EQ(book.size(), 1u);
  EXPECT_NE(book.find(mapped), nullptr);
}

TEST(AddressBook, ReferencesGrowToEightFromManySources) {
  address_book book(fixed_key(), 7);
  const auto addr = pa("1.2.3.4:8333");
  for (int s = 0; s < 4000; ++s) book.add_address(addr, at(ipv4(20 + s % 200, s / 200, 1, 1)), t0);
  const known_address* ka = book.find(addr.where);
  ASSERT_NE(ka, nullptr);
  EXPECT_EQ(ka->refs, new_buckets_per_address);
  EXPECT_EQ(book.summary().new_references, 8u);
  EXPECT_EQ(book.check_invariants(), "");
}

// The second reference is taken with probability 1/2, the third 1/4, ... (btcd: 1/(2·refs)).
TEST(AddressBook, FurtherReferencesHalveInLikelihood) {
  int second = 0;
  for (std::uint64_t seed = 0; seed < 2000; ++seed) {
    address_book book(fixed_key(), seed);
    const auto addr = pa("1.2.3.4:8333");
    book.add_address(addr, pa("20.0.0.1:8333"), t0);
    book.add_address(addr, pa("21.0.0.1:8333"), t0);  // a different source group
    second += book.find(addr.where)->refs == 2;
  }
  // refs == 1 makes the factor 2: accepted half the time (unless both sources hash to the same
  // bucket, which these two do not).
  EXPECT_NEAR(second / 2000.0, 0.5, 0.05);
}

TEST(AddressBook, AttemptConnectedGoodIgnoreUnknown) {
  address_book book(fixed_key(), 1);
  book.attempt(ep("1.2.3.4:8333"), t0);
  book.connected(ep("1.2.3.4:8333"), t0);
  book.good(ep("1.2.3.4:8333"), t0);
  book.set_services(ep("1.2.3.4:8333"), 1);
  EXPECT_EQ(book.size(), 0u);
}

TEST(AddressBook, GoodResetsAndSetServicesReplaces) {
  address_book book(fixed_key(), 1);
  const auto a = pa("1.2.3.4:8333", t0 - 100, wire::node_network | wire::node_witness);
  book.add_address(a, pa("8.8.8.8:8333"), t0);
  book.attempt(a.where, t0);
  book.attempt(a.where, t0 + 1);
  book.good(a.where, t0 + 2);
  const known_address* ka = book.find(a.where);
  EXPECT_EQ(ka->attempts, 0);
  EXPECT_EQ(ka->last_success, t0 + 2);
  EXPECT_EQ(ka->last_attempt, t0 + 2);
  EXPECT_EQ(ka->addr.time, t0 - 100);  // not touched by good()
  EXPECT_TRUE(ka->tried);
  EXPECT_EQ(book.tried_count(), 1u);
  EXPECT_EQ(book.new_count(), 0u);
  book.set_services(a.where, wire::node_network_limited);
  EXPECT_EQ(book.find(a.where)->addr.services, wire::node_network_limited);
}

TEST(AddressBook, CountsByNetwork) {
  address_book book(fixed_key(), 1);
  const auto src = pa("8.8.8.8:8333");
  book.add_address(pa("1.2.3.4:8333"), src, t0);
  book.add_address(pa("5.6.7.8:8333"), src, t0);
  book.add_address(pa("[2602:100::1]:8333"), src, t0);
  book.add_address(pa("ci2aaaaaaaaaavty.onion:8333"), src, t0);
  wire::endpoint i2p{wire::network_id::i2p, {}, 0};
  i2p.addr.fill(7);
  book.add_address(at(i2p), src, t0);
  book.add_address(at({wire::network_id::cjdns, {0xfc, 9}, 8333}), src, t0);
  book.good(ep("5.6.7.8:8333"), t0);
  const auto& c = book.counts_by_network();
  using address::network;
  EXPECT_EQ(c[static_cast<int>(network::ipv4)].new_entries, 1u);
  EXPECT_EQ(c[static_cast<int>(network::ipv4)].tried_entries, 1u);
  EXPECT_EQ(c[static_cast<int>(network::ipv6)].total(), 1u);
  EXPECT_EQ(c[static_cast<int>(network::onion)].total(), 1u);
  EXPECT_EQ(c[static_cast<int>(network::i2p)].total(), 1u);
  EXPECT_EQ(c[static_cast<int>(network::cjdns)].total(), 1u);
  const bucket_summary s = book.summary();
  EXPECT_EQ(s.new_entries, 5u);
  EXPECT_EQ(s.tried_entries, 1u);
  EXPECT_EQ(s.tried_buckets_used, 1u);
  EXPECT_EQ(s.new_fill.size(), new_bucket_count);
  EXPECT_EQ(s.tried_fill.size(), tried_bucket_count);
  EXPECT_EQ(book.check_invariants(), "");
}

// ---- selection ----

TEST(AddressBook, SelectSplitsTriedAndNewEvenly) {
  address_book book(fixed_key(), 3);
  const auto src = pa("8.8.8.8:8333");
  book.add_address(pa("1.1.1.1:8333"), src, t0);
  book.good(ep("1.1.1.1:8333"), t0 - day);  // tried, not attempted recently
  for (int i = 0; i < 200; ++i) book.add_address(at(ipv4(30 + i, 1, 1, 1)), src, t0);
  int tried = 0;
  const int draws = 20000;
  for (int i = 0; i < draws; ++i) tried += book.select(t0)->tried;
  EXPECT_NEAR(tried / double(draws), 0.5, 0.02);
}

TEST(AddressBook, SelectPrefersAddressesNotTriedRecently) {
  address_book book(fixed_key(), 5);
  const auto src = pa("8.8.8.8:8333");
  book.add_address(pa("1.1.1.1:8333"), src, t0);
  book.add_address(pa("2.2.2.2:8333"), src, t0);
  book.attempt(ep("2.2.2.2:8333"), t0 - minute);  // chance 0.01/1.5
  int recent = 0;
  const int draws = 20000;
  for (int i = 0; i < draws; ++i) recent += book.select(t0)->addr.where == ep("2.2.2.2:8333");
  // Both share a bucket or not; either way the recently tried one is picked rarely.
  EXPECT_LT(recent / double(draws), 0.05);
  EXPECT_GT(recent, 0);
}

TEST(AddressBook, SelectReturnsAHeavilyFailedSoleEntry) {
  address_book book(fixed_key(), 5);
  book.add_address(pa("1.1.1.1:8333"), pa("8.8.8.8:8333"), t0);
  for (int i = 0; i < 3000; ++i) book.attempt(ep("1.1.1.1:8333"), t0);  // chance underflows to 0
  ASSERT_TRUE(book.select(t0 + day));
}

// ---- the address cache ----

TEST(AddressBook, AddressCacheSizeAndUniqueness) {
  address_book book(fixed_key(), 11);
  std::vector<wire::peer_address> batch;
  for (int g = 0; g < 64; ++g) {
    batch.clear();
    for (int i = 0; i < 256; ++i) batch.push_back(at(ipv4(11 + g, i, 7, 1)));
    book.add_addresses(batch, at(ipv4(100 + g, 1, 1, 1)), t0);
  }
  const std::size_t n = book.size();
  ASSERT_GT(n * 23 / 100, 2500u);
  const auto cache = book.address_cache();
  EXPECT_EQ(cache.size(), 2500u);
  std::set<wire::endpoint> distinct;
  for (const auto& a : cache) {
    EXPECT_NE(book.find(a.where), nullptr);
    distinct.insert(a.where);
  }
  EXPECT_EQ(distinct.size(), cache.size());
}

// A correct (partial) Fisher–Yates makes every address equally likely in every position.
TEST(AddressBook, AddressCacheIsUniform) {
  address_book book(fixed_key(), 13);
  const auto src = pa("8.8.8.8:8333");
  for (int i = 0; i < 20; ++i) book.add_address(at(ipv4(40 + i, 1, 1, 1)), src, t0);
  ASSERT_EQ(book.size(), 20u);
  std::map<wire::endpoint, int> first, anywhere;
  const int runs = 40000;
  for (int r = 0; r < runs; ++r) {
    const auto cache = book.address_cache();
    ASSERT_EQ(cache.size(), 4u);  // 20 × 23 / 100
    ++first[cache[0].where];
    for (const auto& a : cache) ++anywhere[a.where];
  }
  for (const auto& [e, count] : first) EXPECT_NEAR(count / double(runs), 1 / 20.0, 0.01);
  for (const auto& [e, count] : anywhere) EXPECT_NEAR(count / double(runs), 4 / 20.0, 0.015);
  EXPECT_EQ(first.size(), 20u);
}

TEST(AddressBook, AddressCacheSmallBooks) {
  address_book book(fixed_key(), 1);
  EXPECT_TRUE(book.address_cache().empty());
  for (int i = 0; i < 4; ++i) book.add_address(at(ipv4(40 + i, 1, 1, 1)), pa("8.8.8.8:1"), t0);
  EXPECT_TRUE(book.address_cache().empty());  // 4 × 23 / 100 = 0, as btcd
  book.add_address(at(ipv4(50, 1, 1, 1)), pa("8.8.8.8:1"), t0);
  EXPECT_EQ(book.address_cache().size(), 1u);
}

}  // namespace
}  // namespace btcnet::addr_manager
