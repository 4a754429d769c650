// SOCKS5 message bytes against RFC 1928 / RFC 1929.
#include <gtest/gtest.h>

#include "net/transport/errors.hpp"
#include "net/transport/socks5.hpp"

namespace btcnet::transport::socks5 {
namespace {

TEST(Socks5, GreetingOffersNoAuthAndUserPassWhenWeHaveCredentials) {
  EXPECT_EQ(greeting(false), (wire::bytes{0x05, 0x01, 0x00}));
  EXPECT_EQ(greeting(true), (wire::bytes{0x05, 0x02, 0x00, 0x02}));
}

TEST(Socks5, MethodChoice) {
  std::uint8_t m = 0xaa;
  EXPECT_FALSE(parse_method_choice(wire::bytes{0x05, 0x00}, false, m));
  EXPECT_EQ(m, 0x00);
  EXPECT_FALSE(parse_method_choice(wire::bytes{0x05, 0x02}, true, m));
  EXPECT_EQ(parse_method_choice(wire::bytes{0x05, 0x02}, false, m),
            transport_errc::proxy_auth_rejected);
  EXPECT_EQ(parse_method_choice(wire::bytes{0x05, 0xff}, true, m),
            transport_errc::proxy_auth_rejected);
  EXPECT_EQ(parse_method_choice(wire::bytes{0x04, 0x00}, true, m),
            transport_errc::proxy_protocol_error);
}

TEST(Socks5, UsernamePasswordRequest) {
  EXPECT_EQ(auth_request({"ab", "xyz"}), (wire::bytes{0x01, 2, 'a', 'b', 3, 'x', 'y', 'z'}));
  EXPECT_EQ(auth_request({std::string(300, 'u'), ""}).size(), 1u + 1 + 255 + 1);
  EXPECT_FALSE(parse_auth_reply(wire::bytes{0x01, 0x00}));
  EXPECT_EQ(parse_auth_reply(wire::bytes{0x01, 0x01}), transport_errc::proxy_auth_rejected);
}

TEST(Socks5, ConnectRequestForEachAddressType) {
  EXPECT_EQ(connect_request("127.0.0.1", 8333),
            (wire::bytes{0x05, 0x01, 0x00, 0x01, 127, 0, 0, 1, 0x20, 0x8d}));
  const auto v6 = connect_request("::1", 1);
  ASSERT_EQ(v6.size(), 4u + 16 + 2);
  EXPECT_EQ(v6[3], 0x04);
  EXPECT_EQ(v6[19], 0x01);
  const auto name = connect_request("abc.onion", 9050);
  EXPECT_EQ(name, (wire::bytes{0x05, 0x01, 0x00, 0x03, 9, 'a', 'b', 'c', '.', 'o', 'n', 'i', 'o',
                               'n', 0x23, 0x5a}));
}

TEST(Socks5, ReplyHeadTellsTheRemainingLengthOrTheError) {
  std::size_t rest = 0;
  EXPECT_FALSE(parse_connect_reply_head(wire::bytes{0x05, 0x00, 0x00, 0x01, 127}, rest));
  EXPECT_EQ(rest, 5u);
  EXPECT_FALSE(parse_connect_reply_head(wire::bytes{0x05, 0x00, 0x00, 0x04, 0}, rest));
  EXPECT_EQ(rest, 17u);
  EXPECT_FALSE(parse_connect_reply_head(wire::bytes{0x05, 0x00, 0x00, 0x03, 7}, rest));
  EXPECT_EQ(rest, 9u);
  EXPECT_EQ(parse_connect_reply_head(wire::bytes{0x05, 0x05, 0x00, 0x01, 0}, rest),
            transport_errc::proxy_connection_refused);
  EXPECT_EQ(parse_connect_reply_head(wire::bytes{0x05, 0x04, 0x00, 0x01, 0}, rest),
            transport_errc::proxy_host_unreachable);
  EXPECT_EQ(parse_connect_reply_head(wire::bytes{0x05, 0x00, 0x00, 0x09, 0}, rest),
            transport_errc::proxy_protocol_error);
}

TEST(Socks5, IsolationCredentialsAreFreshEachTime) {
  const auto a = isolation_credentials(), b = isolation_credentials();
  EXPECT_EQ(a.username.size(), 32u);
  EXPECT_NE(a.username, b.username);
  EXPECT_NE(a.password, b.password);
}

}  // namespace
}  // namespace btcnet::transport::socks5
