// Basic credentials and the cookie / endpoint files clients find a node by.
#include "net/rpc/auth.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "net/rpc/node_locator.hpp"

namespace btcnet::rpc {
namespace {

namespace fs = std::filesystem;

struct TempDir : ::testing::Test {
  fs::path dir = fs::temp_directory_path() / ("rpc-auth-" + std::to_string(::getpid()));
  void SetUp() override { fs::create_directories(dir); }
  void TearDown() override { fs::remove_all(dir); }
};

TEST(BasicAuth, RoundTripsAndRejectsMalformedHeaders) {
  const credentials c{"alice", "pa:ss word"};  // the password may hold ':' and spaces
  const auto header = basic_auth_header(c);
  EXPECT_EQ(basic_auth_header({"user", "pass"}), "Basic dXNlcjpwYXNz");  // RFC 7617 example shape
  auto back = parse_basic_auth(header);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->user, "alice");
  EXPECT_EQ(back->pass, "pa:ss word");
  for (const char* bad : {"", "Basic", "Basic ", "Bearer dXNlcjpwYXNz", "Basic dXNlcjpwYXN",
                          "Basic !!!!", "Basic dXNlcg=="})  // the last has no ':'
    EXPECT_FALSE(parse_basic_auth(bad)) << bad;
  EXPECT_EQ(parse_basic_auth("Basic dTpw")->pass, "p");  // no padding needed
  EXPECT_EQ(parse_basic_auth("Basic dTo=")->pass, "");   // empty password, one '='
}

TEST(BasicAuth, CredentialsMustMatchExactly) {
  const credentials c{"u", "secret"};
  EXPECT_TRUE(credentials_match(c, {"u", "secret"}));
  EXPECT_FALSE(credentials_match(c, {"u", "secre"}));
  EXPECT_FALSE(credentials_match(c, {"u", "secret2"}));
  EXPECT_FALSE(credentials_match(c, {"v", "secret"}));
  EXPECT_FALSE(credentials_match(c, {"", ""}));
}

TEST(Cookie, RandomHexSecretsReadableOnlyByTheOwner) {
  auto a = make_cookie_credentials();
  auto b = make_cookie_credentials();
  EXPECT_EQ(a.user, "__cookie__");
  EXPECT_EQ(a.pass.size(), 64u);
  EXPECT_EQ(a.pass.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(a.pass, b.pass);
}

TEST_F(TempDir, CookieAndEndpointFiles) {
  const auto cookie = cookie_path(dir);
  ASSERT_FALSE(write_cookie(cookie, {"__cookie__", "abc"}));
  struct stat st {};
  ASSERT_EQ(::stat(cookie.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  std::ifstream in(cookie);
  std::string text;
  std::getline(in, text);
  EXPECT_EQ(text, "__cookie__:abc");
  std::string error;
  EXPECT_EQ(read_cookie(cookie, error)->pass, "abc");
  EXPECT_FALSE(read_cookie(dir / "none", error));
  ASSERT_FALSE(write_endpoint(endpoint_path(dir), "127.0.0.1:18443"));
  EXPECT_EQ(*read_endpoint(endpoint_path(dir), error), "127.0.0.1:18443");
}

TEST_F(TempDir, LocatorUsesTheFilesUnlessOverridden) {
  std::string error;
  EXPECT_FALSE(locate_node({dir, "", "", "", ""}, error));
  EXPECT_NE(error.find("no running node"), std::string::npos) << error;
  ASSERT_FALSE(write_endpoint(endpoint_path(dir), "127.0.0.1:1234"));
  EXPECT_FALSE(locate_node({dir, "", "", "", ""}, error));  // no cookie, no user
  EXPECT_NE(error.find("credentials"), std::string::npos) << error;
  ASSERT_FALSE(write_cookie(cookie_path(dir), {"__cookie__", "s"}));
  auto found = locate_node({dir, "", "", "", ""}, error);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->host_port, "127.0.0.1:1234");
  EXPECT_EQ(found->auth.pass, "s");
  auto overridden = locate_node({dir, "127.0.0.9:9", "", "me", "pw"}, error);
  EXPECT_EQ(overridden->host_port, "127.0.0.9:9");
  EXPECT_EQ(overridden->auth.user, "me");
  auto fallback = locate_node({dir / "none", "", "127.0.0.1:18443", "me", "pw"}, error);
  EXPECT_EQ(fallback->host_port, "127.0.0.1:18443");
}

}  // namespace
}  // namespace btcnet::rpc
