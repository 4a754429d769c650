#include <gtest/gtest.h>

#include <unistd.h>
#include <fstream>

#include "apps/btcnetd/config_file.hpp"

namespace btcnet::node {
namespace {

std::vector<config_entry> parse_ok(std::string_view text) {
  std::vector<config_entry> entries;
  std::string error;
  EXPECT_TRUE(parse_config_text(text, entries, error)) << error;
  return entries;
}

std::string parse_error(std::string_view text) {
  std::vector<config_entry> entries;
  std::string error;
  EXPECT_FALSE(parse_config_text(text, entries, error)) << text;
  return error;
}

TEST(ConfigText, HeaderCommentsBlankLinesAndRepeats) {
  const auto entries = parse_ok(
      "; btcd-style comment\n"
      "# another comment\n"
      "\n"
      "[Application Options]\n"
      "listen=127.0.0.1\n"
      "  listen = [::1]:9000  \n"
      "\t; indented comment\n"
      "maxpeers=10\r\n"
      "nolisten=1");
  ASSERT_EQ(entries.size(), 4u);
  EXPECT_EQ(entries[0].key, "listen");
  EXPECT_EQ(entries[0].value, "127.0.0.1");
  EXPECT_EQ(entries[0].line, 5);
  EXPECT_EQ(entries[1].key, "listen");
  EXPECT_EQ(entries[1].value, "[::1]:9000");
  EXPECT_EQ(entries[1].line, 6);
  EXPECT_EQ(entries[2].value, "10");  // the CR of a CRLF line is trimmed
  EXPECT_EQ(entries[3].key, "nolisten");
  EXPECT_EQ(entries[3].line, 9);
}

TEST(ConfigText, HeaderIsOptionalAndCaseInsensitive) {
  EXPECT_EQ(parse_ok("maxpeers=3").size(), 1u);
  EXPECT_EQ(parse_ok("[application options]\nmaxpeers=3").size(), 1u);
  EXPECT_EQ(parse_ok("[ Application Options ]\nmaxpeers=3").size(), 1u);
  EXPECT_TRUE(parse_ok("").empty());
  EXPECT_TRUE(parse_ok("\n\n; only comments\n").empty());
}

TEST(ConfigText, ValuesKeepInnerTextAndUnquote) {
  const auto entries = parse_ok(
      "rpcpass=a=b;c#d\n"
      "uacomment=\"quoted value\"\n"
      "proxyuser=\"with \\\"escapes\\\" and \\\\\"\n"
      "proxypass=\n"
      "onionuser=\"\n");
  ASSERT_EQ(entries.size(), 5u);
  EXPECT_EQ(entries[0].value, "a=b;c#d");  // no inline comments: passwords may hold ; and #
  EXPECT_EQ(entries[1].value, "quoted value");
  EXPECT_EQ(entries[2].value, "with \"escapes\" and \\");
  EXPECT_EQ(entries[3].value, "");
  EXPECT_EQ(entries[4].value, "\"");  // a lone quote is not a quoted value
}

TEST(ConfigText, BadLinesReportTheirLineNumber) {
  EXPECT_EQ(parse_error("maxpeers=1\n\ngarbage\n"), "line 3: expected key=value, got 'garbage'");
  EXPECT_EQ(parse_error("=value"), "line 1: expected key=value, got '=value'");
  EXPECT_NE(parse_error("; c\n[Other]\nmaxpeers=1").find("line 2: unknown section [Other]"),
            std::string::npos);
  EXPECT_NE(parse_error("[Application Options\n").find("line 1"), std::string::npos);
}

class ConfigFileRead : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("btcnetd_config_file_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    std::filesystem::permissions(dir_, std::filesystem::perms::owner_all);
    std::filesystem::remove_all(dir_);
  }
  std::filesystem::path dir_;
};

TEST_F(ConfigFileRead, ReadsMissingAndFailedCases) {
  std::string text, error;
  const auto file = dir_ / "a.conf";
  std::ofstream(file) << "maxpeers=4\n";
  EXPECT_EQ(read_text_file(file, text, error), read_status::ok);
  EXPECT_EQ(text, "maxpeers=4\n");
  EXPECT_EQ(read_text_file(dir_ / "none.conf", text, error), read_status::missing);
  EXPECT_EQ(read_text_file(dir_, text, error), read_status::failed);
  EXPECT_NE(error.find(dir_.string()), std::string::npos) << error;
  EXPECT_NE(error.find("directory"), std::string::npos) << error;
}

TEST_F(ConfigFileRead, UnreadableFileNamesThePath) {
  if (::geteuid() == 0) GTEST_SKIP() << "root reads files whatever their mode";
  const auto file = dir_ / "secret.conf";
  std::ofstream(file) << "maxpeers=4\n";
  std::filesystem::permissions(file, std::filesystem::perms::none);
  std::string text, error;
  EXPECT_EQ(read_text_file(file, text, error), read_status::failed);
  EXPECT_NE(error.find(file.string()), std::string::npos) << error;
  EXPECT_NE(error.find("Permission denied"), std::string::npos) << error;
}

}  // namespace
}  // namespace btcnet::node
