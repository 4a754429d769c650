// The system resolver behind DNS seeding, with address literals only: getaddrinfo answers those
// without asking any name server, so the test never leaves the machine.
#include "net/transport/resolve.hpp"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>

namespace btcnet::transport {
namespace {

struct answer {
  std::error_code error;
  std::vector<wire::endpoint> found;
  int calls = 0;
};

answer resolve(const std::string& host, std::uint16_t port) {
  boost::asio::io_context io;
  answer a;
  resolve_host(io, host, port, [&](std::error_code ec, std::vector<wire::endpoint> found) {
    ++a.calls;
    a.error = ec;
    a.found = std::move(found);
  });
  io.run();
  return a;
}

TEST(Resolve, Ipv4LiteralBecomesAnIpv4EndpointWithThePort) {
  const auto a = resolve("127.0.0.1", 18444);
  EXPECT_EQ(a.calls, 1);
  ASSERT_FALSE(a.error) << a.error.message();
  // One address even though the resolver lists it once per socket type.
  ASSERT_EQ(a.found.size(), 1u);
  EXPECT_EQ(a.found[0], wire::endpoint::ipv4(127, 0, 0, 1, 18444));
}

TEST(Resolve, Ipv6LiteralStaysIpv6) {
  const auto a = resolve("::1", 8333);
  ASSERT_FALSE(a.error) << a.error.message();
  ASSERT_EQ(a.found.size(), 1u);
  EXPECT_EQ(a.found[0].net, wire::network_id::ipv6);
  EXPECT_EQ(a.found[0].to_string(), "[::1]:8333");
}

}  // namespace
}  // namespace btcnet::transport
