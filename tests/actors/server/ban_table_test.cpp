// Bans as subnets with expiry, and their file (Bitcoin Core's banlist.json layout): round trip,
// expired entries dropped on load, corrupt files set aside, never a crash.
#include "actors/server/ban_table.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace btcnet::actors {
namespace {

namespace fs = std::filesystem;
constexpr std::int64_t now = 1'700'000'000;

wire::endpoint host(const char* text) {
  return *wire::endpoint::parse_host(text, 8333);
}

TEST(BanTable, SubnetsCoverTheirHostsUntilTheyExpire) {
  ban_table t;
  t.ban(*subnet::parse("10.1.0.0/16"), now + 60, now);
  t.ban(*subnet::parse("2001:db8::1"), now + 10, now);
  EXPECT_TRUE(t.is_banned(host("10.1.2.3"), now));
  EXPECT_FALSE(t.is_banned(host("10.2.0.1"), now));
  EXPECT_TRUE(t.is_banned(host("2001:db8::1"), now));
  EXPECT_FALSE(t.is_banned(host("2001:db8::2"), now));
  EXPECT_FALSE(t.is_banned(host("2001:db8::1"), now + 10));  // expired, and dropped
  EXPECT_EQ(t.size(), 1u);
  EXPECT_TRUE(t.contains(*subnet::parse("10.1.99.99/16")));  // the same subnet, host bits differ
  EXPECT_TRUE(t.unban(*subnet::parse("10.1.0.0/16")));
  EXPECT_FALSE(t.unban(*subnet::parse("10.1.0.0/16")));
  EXPECT_FALSE(t.is_banned(host("10.1.2.3"), now));
}

TEST(BanTable, CanonicalSubnetText) {
  EXPECT_EQ(subnet::parse("10.1.2.3/8")->to_string(), "10.0.0.0/8");
  EXPECT_EQ(subnet::parse("10.1.2.3")->to_string(), "10.1.2.3/32");
  EXPECT_EQ(subnet::parse("10.1.2.3/0")->to_string(), "0.0.0.0/0");
  EXPECT_EQ(subnet::parse("2001:db8:1234::7/33")->to_string(), "2001:db8::/33");
  EXPECT_EQ(subnet::parse("::1")->to_string(), "::1/128");
}

TEST(BanTable, JsonRoundTripDropsExpiredEntries) {
  ban_table t;
  t.ban(*subnet::parse("1.2.3.4"), now + 100, now - 5);
  t.ban(*subnet::parse("5.6.0.0/16"), now + 200, now - 6);
  t.ban(*subnet::parse("7.7.7.7"), now + 1, now - 7);
  std::string error;
  auto back = ban_table::from_json(t.to_json(), now + 1, error);
  ASSERT_TRUE(back) << error;
  const auto list = back->list(now + 1);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].net.to_string(), "1.2.3.4/32");
  EXPECT_EQ(list[0].until, now + 100);
  EXPECT_EQ(list[0].created, now - 5);
  EXPECT_EQ(list[1].net.to_string(), "5.6.0.0/16");
}

TEST(BanTable, CoresLayoutIsRead) {
  const char* core = R"({"banned_nets":[{"version":1,"ban_created":1699999000,
      "banned_until":1700086400,"address":"192.0.2.0/24"}]})";
  std::string error;
  auto t = ban_table::from_json(core, now, error);
  ASSERT_TRUE(t) << error;
  EXPECT_TRUE(t->is_banned(host("192.0.2.200"), now));
}

TEST(BanTable, BadTextIsAnErrorNotACrash) {
  for (const char* bad :
       {"", "[]", "{}", R"({"banned_nets":5})", R"({"banned_nets":[1]})",
        R"({"banned_nets":[{"address":"x","banned_until":1}]})",
        R"({"banned_nets":[{"address":"1.2.3.4","banned_until":"soon"}]})",
        // Found by fuzz_ban_file: a ban_created of the wrong type threw out of the loader.
        R"({"banned_nets":[{"address":"1.2.3.4","banned_until":2,"ban_created":"then"}]})",
        R"({"banned_nets":[{"address":"1.2.3.4/40","banned_until":1}]})", "{\"banned_nets\":[{"}) {
    std::string error;
    EXPECT_FALSE(ban_table::from_json(bad, now, error)) << bad;
    EXPECT_FALSE(error.empty()) << bad;
  }
}

struct BanFile : ::testing::Test {
  fs::path dir = fs::temp_directory_path() / ("ban-file-" + std::to_string(::getpid()));
  fs::path file = dir / "banlist.json";
  void SetUp() override { fs::create_directories(dir); }
  void TearDown() override { fs::remove_all(dir); }
};

TEST_F(BanFile, SavesAndLoads) {
  ban_table t;
  t.ban(*subnet::parse("1.2.3.4"), now + 100, now);
  EXPECT_EQ(save_ban_file(file, t), "");
  auto loaded = load_ban_file(file, now);
  EXPECT_EQ(loaded.warning, "");
  EXPECT_TRUE(loaded.table.is_banned(host("1.2.3.4"), now));
  auto missing = load_ban_file(dir / "none.json", now);  // first start: no file, no warning
  EXPECT_EQ(missing.warning, "");
  EXPECT_EQ(missing.table.size(), 0u);
}

TEST_F(BanFile, ACorruptFileIsSetAsideNotLost) {
  std::ofstream(file) << "{\"banned_nets\": [";
  auto loaded = load_ban_file(file, now);
  EXPECT_NE(loaded.warning.find("moved to"), std::string::npos) << loaded.warning;
  EXPECT_EQ(loaded.table.size(), 0u);
  EXPECT_FALSE(fs::exists(file));
  EXPECT_TRUE(fs::exists(dir / "banlist.json.corrupt-1700000000"));
}

}  // namespace
}  // namespace btcnet::actors
