// peers.json: btcd's format and its tests (TestAddrManagerSerialization, TestAddrManagerV1ToV2),
// exact layout, files btcd writes, and bad files set aside rather than lost.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>

#include "actors/addr_manager/bucket_hash.hpp"
#include "actors/addr_manager/peers_json.hpp"
#include "net/address/classification.hpp"
#include "net/address/group_key.hpp"
#include "net/storage/atomic_file.hpp"
#include "tests/actors/addr_manager/book_test_util.hpp"
#include "tests/actors/addr_manager/temp_dir.hpp"

namespace btcnet::addr_manager {
namespace {

namespace fs = std::filesystem;
using namespace storage;
using json = nlohmann::ordered_json;
using test::at;
using test::ep;
using test::fixed_key;
using test::ipv4;
using test::pa;
using test::t0;

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_text(const fs::path& p, std::string_view text) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << text;
}

// btcd's randAddr/routableRandAddr: random IPv4 or IPv6, random services and port, routable.
wire::peer_address random_routable(std::mt19937_64& rng) {
  for (;;) {
    wire::peer_address a;
    a.time = static_cast<std::uint32_t>(t0);
    a.services = rng();
    std::array<std::uint8_t, 16> ip{};
    for (auto& b : ip) b = static_cast<std::uint8_t>(rng());
    a.where = rng() % 2 ? wire::endpoint::ipv4(ip[0], ip[1], ip[2], ip[3], 0)
                        : wire::endpoint::from_ip16(ip, 0);
    a.where.port = static_cast<std::uint16_t>(rng());
    if (address::is_routable(a.where)) return a;
  }
}

address_book loaded(const fs::path& file) {
  auto out = load_peers(file, 5, t0);
  EXPECT_EQ(out.result, load_outcome::status::loaded) << out.warning;
  if (!out.book) return address_book(book_key{}, 0);
  return std::move(*out.book);
}

class PeersJson : public ::testing::Test {
 protected:
  test::temp_dir dir_;
  fs::path file_ = dir_.path() / "peers.json";
};

// btcd TestStartStop's load/save cycle: no file, then an empty book round-trips with its key.
TEST_F(PeersJson, MissingFileThenEmptyRoundTrip) {
  auto out = load_peers(file_, 1, t0);
  EXPECT_EQ(out.result, load_outcome::status::missing);
  EXPECT_FALSE(out.book);
  address_book book(fixed_key(), 1);
  ASSERT_FALSE(save_peers(book, file_));
  const address_book back = loaded(file_);
  EXPECT_EQ(back.size(), 0u);
  EXPECT_EQ(back.key(), fixed_key());
  EXPECT_FALSE(fs::exists(dir_.path() / "peers.json.tmp"));
}

// btcd TestAddrManagerSerialization.
TEST_F(PeersJson, BtcdSerialization) {
  std::mt19937_64 rng(42);
  address_book book(fixed_key(), 1);
  std::map<wire::endpoint, wire::peer_address> expected;
  for (int i = 0; i < 5; ++i) {
    const auto a = random_routable(rng);
    expected[a.where] = a;
    book.add_address(a, random_routable(rng), t0);
  }
  ASSERT_EQ(book.size(), 5u);
  ASSERT_FALSE(save_peers(book, file_));
  const address_book back = loaded(file_);
  ASSERT_EQ(back.size(), expected.size());
  for (const auto& [where, a] : expected) {
    const known_address* ka = back.find(where);
    ASSERT_NE(ka, nullptr) << address::address_key(where);
    EXPECT_EQ(ka->addr.services, a.services);
    EXPECT_EQ(ka->addr.where.port, a.where.port);
  }
}

// btcd TestAddrManagerV1ToV2.
TEST_F(PeersJson, BtcdV1ToV2) {
  std::mt19937_64 rng(7);
  address_book book(fixed_key(), 1);
  std::map<wire::endpoint, std::uint64_t> services;
  for (int i = 0; i < 5; ++i) {
    const auto a = random_routable(rng);
    services[a.where] = a.services;
    book.add_address(a, random_routable(rng), t0);
  }
  const std::string v1 = encode_peers_json(book, 1);
  EXPECT_EQ(json::parse(v1)["Version"], 1);
  EXPECT_EQ(json::parse(v1)["Addresses"][0]["Services"], 0);  // v1 stores no services
  write_text(file_, v1);
  address_book upgraded = loaded(file_);
  ASSERT_EQ(upgraded.size(), 5u);
  upgraded.for_each([&](entry_id, const known_address& ka) {
    EXPECT_EQ(ka.addr.services, wire::node_network);
    EXPECT_EQ(ka.source.services, wire::node_network);
  });
  for (const auto& [where, s] : services) upgraded.set_services(where, s);
  ASSERT_FALSE(save_peers(upgraded, file_));
  EXPECT_EQ(json::parse(read_text(file_))["Version"], 2);
  const address_book back = loaded(file_);
  for (const auto& [where, s] : services) EXPECT_EQ(back.find(where)->addr.services, s);
}

// Everything survives: key, fields, tables, bucket membership, every network.
TEST_F(PeersJson, FullRoundTrip) {
  address_book book(fixed_key(), 3);
  std::vector<wire::peer_address> batch;
  for (int i = 0; i < 300; ++i) batch.push_back(at(ipv4(20 + i / 100, i % 100, 3, 4), t0 - i));
  book.add_addresses(batch, pa("[2602:100::1]:8333"), t0);
  for (int i = 0; i < 300; i += 3) book.good(ipv4(20 + i / 100, i % 100, 3, 4), t0 + i);
  for (int i = 1; i < 300; i += 7) book.attempt(ipv4(20 + i / 100, i % 100, 3, 4), t0 + 9);
  wire::endpoint i2p{wire::network_id::i2p, {}, 0};
  i2p.addr.fill(0x21);
  const wire::endpoint cjdns{wire::network_id::cjdns, {0xfc, 0x77, 1}, 8333};
  wire::endpoint tor{wire::network_id::torv3, {}, 8333};
  tor.addr.fill(0x5a);
  book.add_address(at(i2p), pa("1.1.1.1:8333"), t0);
  book.add_address(at(cjdns), at(i2p), t0);
  book.add_address(pa("9.9.9.9:8333"), at(cjdns), t0);  // btcd-readable address, CJDNS source
  book.add_address(at(tor), pa("1.1.1.1:8333"), t0);
  book.add_address(pa("ci2aaaaaaaaaavty.onion:8333"), at(tor), t0);
  book.good(cjdns, t0);
  ASSERT_EQ(book.check_invariants(), "");

  ASSERT_FALSE(save_peers(book, file_));
  const address_book back = loaded(file_);
  ASSERT_EQ(back.check_invariants(), "");
  EXPECT_EQ(back.key(), book.key());
  ASSERT_EQ(back.size(), book.size());
  EXPECT_EQ(back.tried_count(), book.tried_count());
  book.for_each([&](entry_id, const known_address& ka) {
    const known_address* b = back.find(ka.addr.where);
    ASSERT_NE(b, nullptr) << address::address_key(ka.addr.where);
    EXPECT_EQ(b->addr, ka.addr);
    EXPECT_EQ(b->source.where, ka.source.where);
    EXPECT_EQ(b->source.services, ka.source.services);
    EXPECT_EQ(b->attempts, ka.attempts);
    EXPECT_EQ(b->last_attempt, ka.last_attempt);
    EXPECT_EQ(b->last_success, ka.last_success);
    EXPECT_EQ(b->tried, ka.tried);
    if (ka.tried) {
      EXPECT_EQ(b->tried_bucket, ka.tried_bucket);
    }
    std::set<int> want(ka.new_buckets.begin(), ka.new_buckets.begin() + ka.refs);
    std::set<int> got(b->new_buckets.begin(), b->new_buckets.begin() + b->refs);
    EXPECT_EQ(got, want);
  });
  EXPECT_EQ(back.counts_by_network(), book.counts_by_network());
}

// The text is what btcd's json.Encoder writes for the same state.
TEST_F(PeersJson, ExactBtcdLayout) {
  address_book book(fixed_key(), 1);
  book.add_address(pa("1.2.3.4:8333", t0, 1), pa("5.6.7.8:8333", t0, 1033), t0);
  const std::size_t b = new_bucket(fixed_key(), "1.2.0.0", "5.6.0.0");
  std::string want = R"({"Version":2,"Key":[)";
  for (int i = 0; i < 32; ++i) {
    if (i) want += ',';
    want += std::to_string(i);
  }
  want += R"(],"Addresses":[{"Addr":"1.2.3.4:8333","Src":"5.6.7.8:8333","Attempts":0,)"
          R"("TimeStamp":1700000000,"LastAttempt":-62135596800,"LastSuccess":-62135596800,)"
          R"("Services":1,"SrcServices":1033}],"NewBuckets":[)";
  for (std::size_t i = 0; i < new_bucket_count; ++i)
    want += std::string(i ? "," : "") + (i == b ? R"(["1.2.3.4:8333"])" : "[]");
  want += R"(],"TriedBuckets":[)";
  for (std::size_t i = 0; i < tried_bucket_count; ++i) want += i ? ",[]" : "[]";
  want += "]}\n";
  EXPECT_EQ(encode_peers_json(book), want);
}

// Member order and counts on a larger book, checked with an independent JSON parser.
TEST_F(PeersJson, ShapeCheckedWithNlohmann) {
  address_book book(fixed_key(), 1);
  for (int i = 0; i < 200; ++i) book.add_address(at(ipv4(11, i, 1, 1)), pa("8.8.8.8:1"), t0);
  for (int i = 0; i < 200; i += 2) book.good(ipv4(11, i, 1, 1), t0);
  const json j = json::parse(encode_peers_json(book));
  std::vector<std::string> top;
  for (const auto& [k, v] : j.items()) top.push_back(k);
  EXPECT_EQ(
      top, (std::vector<std::string>{"Version", "Key", "Addresses", "NewBuckets", "TriedBuckets"}));
  EXPECT_EQ(j["Key"].size(), 32u);
  EXPECT_EQ(j["NewBuckets"].size(), new_bucket_count);
  EXPECT_EQ(j["TriedBuckets"].size(), tried_bucket_count);
  ASSERT_EQ(j["Addresses"].size(), 200u);
  std::vector<std::string> fields;
  for (const auto& [k, v] : j["Addresses"][0].items()) fields.push_back(k);
  EXPECT_EQ(fields, (std::vector<std::string>{"Addr", "Src", "Attempts", "TimeStamp", "LastAttempt",
                                              "LastSuccess", "Services", "SrcServices"}));
  std::size_t tried = 0;
  for (const auto& bucket : j["TriedBuckets"]) tried += bucket.size();
  EXPECT_EQ(tried, 100u);
}

// A file as btcd writes it (here pretty-printed, with a Tor v2 key, member names in another case
// and a member btcd does not have) loads; TimeStamp is restored.
TEST_F(PeersJson, LoadsBtcdFile) {
  json f;
  f["Version"] = 2;
  f["Key"] = json::array();
  for (int i = 0; i < 32; ++i) f["Key"].push_back(255 - i);
  auto entry = [](const char* addr, const char* src, int attempts, std::int64_t last_success) {
    return json{{"Addr", addr},           {"Src", src},
                {"Attempts", attempts},   {"TimeStamp", t0 - 50},
                {"LastAttempt", t0 - 60}, {"LastSuccess", last_success},
                {"Services", 1033},       {"SrcServices", 9}};
  };
  f["Addresses"] = {entry("1.2.3.4:8333", "5.6.7.8:8333", 2, never),
                    entry("[2602:100::1]:18333", "1.2.3.4:8333", 0, t0 - 60),
                    entry("ci2aaaaaaaaaavty.onion:8333", "[2602:100::1]:18333", 0, never)};
  f["Addresses"][2]["unknownField"] = {1, 2};
  f["NewBuckets"] = json::array();
  for (std::size_t i = 0; i < new_bucket_count; ++i) f["NewBuckets"].push_back(json::array());
  f["NewBuckets"][3] = {"1.2.3.4:8333", "ci2aaaaaaaaaavty.onion:8333"};
  f["NewBuckets"][900] = {"1.2.3.4:8333"};
  f["triedbuckets"] = json::array();
  for (std::size_t i = 0; i < tried_bucket_count; ++i) f["triedbuckets"].push_back(json::array());
  f["triedbuckets"][63] = {"[2602:100::1]:18333"};
  write_text(file_, f.dump(2));

  const address_book book = loaded(file_);
  ASSERT_EQ(book.check_invariants(), "");
  EXPECT_EQ(book.key()[0], 255);
  ASSERT_EQ(book.size(), 3u);
  const known_address* a = book.find(ep("1.2.3.4:8333"));
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->refs, 2);
  EXPECT_EQ(a->attempts, 2);
  EXPECT_EQ(a->addr.time, t0 - 50);
  EXPECT_EQ(a->addr.services, 1033u);
  EXPECT_EQ(a->source.services, 9u);
  EXPECT_EQ(a->last_attempt, t0 - 60);
  EXPECT_EQ(a->last_success, never);
  const known_address* t = book.find(ep("[2602:100::1]:18333"));
  ASSERT_NE(t, nullptr);
  EXPECT_TRUE(t->tried);
  EXPECT_EQ(t->tried_bucket, 63);
  EXPECT_NE(book.find(ep("ci2aaaaaaaaaavty.onion:8333")), nullptr);
}

// btcd's off-by-one lets a new bucket hold 65; such a file loads with the oldest dropped.
TEST_F(PeersJson, SixtyFiveInABucketIsTrimmed) {
  json f = json::parse(encode_peers_json(address_book(fixed_key(), 1)));
  for (int i = 0; i < 65; ++i) {
    const std::string key = address::address_key(ipv4(12, 1, 0, i + 1));
    f["Addresses"].push_back({{"Addr", key},
                              {"Src", "5.6.7.8:8333"},
                              {"Attempts", 0},
                              {"TimeStamp", t0 + (i == 17 ? -999 : i)},
                              {"LastAttempt", never},
                              {"LastSuccess", never},
                              {"Services", 1},
                              {"SrcServices", 1}});
    f["NewBuckets"][5].push_back(key);
  }
  write_text(file_, f.dump());
  const address_book book = loaded(file_);
  EXPECT_EQ(book.size(), 64u);
  EXPECT_EQ(book.new_bucket(5).size(), 64u);
  EXPECT_EQ(book.find(ipv4(12, 1, 0, 18)), nullptr);  // the oldest
  EXPECT_EQ(book.check_invariants(), "");
}

// ---- bad files: each is renamed aside with a warning, and the caller starts empty ----

std::string valid_text() {
  address_book book(fixed_key(), 1);
  for (int i = 0; i < 40; ++i) book.add_address(at(ipv4(30 + i, 1, 1, 1)), pa("8.8.8.8:1"), t0);
  for (int i = 0; i < 40; i += 4) book.good(ipv4(30 + i, 1, 1, 1), t0);
  return encode_peers_json(book);
}

// The first non-empty new bucket of a parsed file, and the first tried one.
json& first_nonempty(json& buckets) {
  for (auto& b : buckets)
    if (!b.empty()) return b;
  return buckets[0];
}

std::vector<std::pair<std::string, std::string>> corrupt_files() {
  std::vector<std::pair<std::string, std::string>> out;
  const std::string valid = valid_text();
  for (std::size_t cut : {std::size_t{0}, std::size_t{1}, std::size_t{37}, valid.size() / 3,
                          valid.size() / 2, valid.size() - 3})
    out.emplace_back("truncated at " + std::to_string(cut), valid.substr(0, cut));
  std::mt19937_64 rng(1);
  std::string noise(4096, '\0');
  for (char& c : noise) c = static_cast<char>(rng());
  out.emplace_back("random bytes", noise);
  auto mutated = [&](const char* name, auto&& change) {
    json j = json::parse(valid);
    change(j);
    out.emplace_back(name, j.dump());
  };
  mutated("unknown key in a new bucket",
          [](json& j) { first_nonempty(j["NewBuckets"]).push_back("9.9.9.9:1"); });
  mutated("unknown key in a tried bucket",
          [](json& j) { j["TriedBuckets"][0].push_back("9.9.9.9:1"); });
  mutated("address in no bucket", [](json& j) {
    j["Addresses"].push_back(j["Addresses"][0]);
    j["Addresses"].back()["Addr"] = "9.9.9.9:1";
  });
  mutated("address new and tried",
          [](json& j) { j["TriedBuckets"][0].push_back(first_nonempty(j["NewBuckets"])[0]); });
  mutated("address tried twice", [](json& j) {
    auto& t = first_nonempty(j["TriedBuckets"]);
    j["TriedBuckets"][(t == j["TriedBuckets"][1]) ? 2 : 1].push_back(t[0]);
  });
  mutated("address twice in one bucket", [](json& j) {
    auto& b = first_nonempty(j["NewBuckets"]);
    b.push_back(b[0]);
  });
  mutated("address listed twice", [](json& j) { j["Addresses"].push_back(j["Addresses"][0]); });
  mutated("future version", [](json& j) { j["Version"] = 3; });
  mutated("key byte too large", [](json& j) { j["Key"][4] = 256; });
  mutated("fractional attempts", [](json& j) { j["Addresses"][0]["Attempts"] = 1.5; });
  mutated("negative services", [](json& j) { j["Addresses"][0]["Services"] = -1; });
  mutated("host name", [](json& j) { j["Addresses"][0]["Addr"] = "example.com:8333"; });
  mutated("not an object", [](json& j) { j = json::array({j}); });
  mutated("null address entry", [](json& j) { j["Addresses"].push_back(nullptr); });
  mutated("66 in a new bucket", [](json& j) {
    for (int i = 0; i < 66; ++i) {
      json e = j["Addresses"][0];
      e["Addr"] = address::address_key(ipv4(12, 1, 0, i + 1));
      j["Addresses"].push_back(e);
      j["NewBuckets"][7].push_back(e["Addr"]);
    }
  });
  mutated("nine new buckets", [](json& j) {
    const std::string key = j["Addresses"][0]["Addr"];
    for (auto& b : j["NewBuckets"]) {
      bool has = false;
      for (auto& k : b) has |= k == key;
      if (!has && b.size() < 60) b.push_back(key);
    }
  });
  out.emplace_back("trailing garbage", valid + "x");
  // Found by fuzz_peers_json: a second NewBuckets list ran past the bucket table. A member named
  // twice is refused, whichever it is.
  for (const char* member : {"NewBuckets", "TriedBuckets", "Addresses"}) {
    const json doc = json::parse(valid);
    out.emplace_back(
        std::string(member) + " twice",
        valid.substr(0, valid.size() - 2) + ",\"" + member + "\":" + doc[member].dump() + "}\n");
  }
  out.emplace_back(
      "extra address bucket out of range",
      valid.substr(0, valid.size() - 2) +
          R"(,"BtcnetExtraAddresses":[{"Addr":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.b32.i2p:0",)"
          R"("Src":"1.1.1.1:1","NewBuckets":[1024]}]})" +
          "\n");
  return out;
}

TEST_F(PeersJson, CorruptFilesAreSetAside) {
  unix_time now = t0;
  for (const auto& [name, text] : corrupt_files()) {
    SCOPED_TRACE(name);
    EXPECT_FALSE(decode_peers_json(text).image &&
                 address_book::restore(*decode_peers_json(text).image, 1).book);
    write_text(file_, text);
    const auto out = load_peers(file_, 1, ++now);
    EXPECT_EQ(out.result, load_outcome::status::set_aside);
    EXPECT_FALSE(out.book);
    EXPECT_FALSE(fs::exists(file_));
    const fs::path aside = dir_.path() / ("peers.json.corrupt-" + std::to_string(now));
    EXPECT_EQ(out.set_aside_path, aside);
    EXPECT_EQ(read_text(aside), text);  // kept, byte for byte
    EXPECT_NE(out.warning.find(aside.string()), std::string::npos) << out.warning;
  }
}

TEST_F(PeersJson, SetAsideNeverOverwrites) {
  write_text(file_, "{");
  const auto first = load_peers(file_, 1, t0);
  write_text(file_, "[");
  const auto second = load_peers(file_, 1, t0);
  EXPECT_EQ(first.set_aside_path, dir_.path() / "peers.json.corrupt-1700000000");
  EXPECT_EQ(second.set_aside_path, dir_.path() / "peers.json.corrupt-1700000000.1");
  EXPECT_EQ(read_text(first.set_aside_path), "{");
  EXPECT_EQ(read_text(second.set_aside_path), "[");
}

TEST_F(PeersJson, NullsAndMissingMembersAreZero) {
  const std::string text =
      R"({"Version":null,"Addresses":null,"NewBuckets":[null,[]],"TriedBuckets":null})";
  write_text(file_, text);
  const address_book book = loaded(file_);
  EXPECT_EQ(book.size(), 0u);
  EXPECT_EQ(book.key(), book_key{});
}

TEST_F(PeersJson, SaveFailsCleanlyIntoMissingDirectory) {
  address_book book(fixed_key(), 1);
  EXPECT_TRUE(save_peers(book, dir_.path() / "no-such-dir" / "peers.json"));
}

TEST_F(PeersJson, SaveReplacesAtomically) {
  address_book book(fixed_key(), 1);
  write_text(file_, "old");
  book.add_address(pa("1.2.3.4:8333"), pa("5.6.7.8:8333"), t0);
  ASSERT_FALSE(save_peers(book, file_));
  EXPECT_EQ(read_text(file_), encode_peers_json(book));
  EXPECT_FALSE(fs::exists(dir_.path() / "peers.json.tmp"));
}

}  // namespace
}  // namespace btcnet::addr_manager
