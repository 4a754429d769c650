// Dialing over loopback: direct, refused, timed out, and through a real SOCKS5 server
// (Debian's microsocks, started by the test on 127.0.0.1).
#include "net/transport/errors.hpp"
#include "net/transport/socks5.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/loopback.hpp"
#include "transport_fixture.hpp"

namespace btcnet::transport {
namespace {

struct DialTest : test::TransportTest {
  std::unique_ptr<test::child_process> socks;
  std::uint16_t socks_port = 0;

  // Starts microsocks on a free loopback port, with credentials if given.
  void start_socks(const std::string& user = "", const std::string& pass = "") {
    socks_port = test::free_port();
    std::vector<std::string> argv{"microsocks", "-i", "127.0.0.1", "-p",
                                  std::to_string(socks_port)};
    if (!user.empty()) argv.insert(argv.end(), {"-u", user, "-P", pass});
    socks = std::make_unique<test::child_process>(argv);
    ASSERT_TRUE(test::wait_for_listener(socks_port)) << "microsocks did not start";
  }

  proxy_settings proxy(std::optional<socks5::credentials> creds = std::nullopt,
                       bool isolate = false) {
    return proxy_settings{"127.0.0.1", socks_port, std::move(creds), isolate};
  }
};

TEST_F(DialTest, DirectDialSucceeds) {
  auto [client, server] = connected_pair();
  ASSERT_TRUE(client);
  EXPECT_EQ(client->remote().to_string(), "127.0.0.1:" + std::to_string(port));
}

TEST_F(DialTest, ClosedPortIsRefused) {
  const auto r = dial({"127.0.0.1", test::free_port()});
  EXPECT_EQ(r.error, std::errc::connection_refused) << r.error.message();
}

TEST_F(DialTest, SilentPeerTimesOut) {
  // A listener that never completes the SOCKS greeting keeps the dial waiting until its timeout.
  dial_settings settings;
  settings.timeout = std::chrono::milliseconds(300);
  settings.proxy = proxy_settings{"127.0.0.1", port, std::nullopt, false};
  const auto r = dial({"127.0.0.1", 1}, settings);
  EXPECT_EQ(r.error, make_error_code(transport_errc::dial_timed_out)) << r.error.message();
}

TEST_F(DialTest, OnionNeedsAProxyAndCanBeDisabled) {
  const std::string onion = "zljnhsg4ttcng4btgdcshlyc5xcj36ggwbhhi3j3kfl2ofp6ta26jlid.onion";
  EXPECT_EQ(dial({onion, 8333}).error, make_error_code(transport_errc::unsupported_address));
  dial_settings off;
  off.onion_disabled = true;
  EXPECT_EQ(dial({onion, 8333}, off).error, make_error_code(transport_errc::onion_disabled));
  EXPECT_EQ(dial({"abc.b32.i2p", 0}).error, make_error_code(transport_errc::unsupported_address));
}

TEST_F(DialTest, ThroughSocks5WithoutAuth) {
  start_socks();
  dial_settings settings;
  settings.proxy = proxy();
  const auto r = dial({"127.0.0.1", port}, settings);
  ASSERT_FALSE(r.error) << r.error.message();
  EXPECT_EQ(r.conn->remote().port, socks_port);  // the socket goes to the proxy
}

TEST_F(DialTest, ThroughSocks5WithUsernameAndPassword) {
  start_socks("alice", "s3cret");
  dial_settings settings;
  settings.proxy = proxy(socks5::credentials{"alice", "s3cret"});
  EXPECT_FALSE(dial({"127.0.0.1", port}, settings).error);
  settings.proxy = proxy(socks5::credentials{"alice", "wrong"});
  EXPECT_EQ(dial({"127.0.0.1", port}, settings).error,
            make_error_code(transport_errc::proxy_auth_rejected));
  settings.proxy = proxy();  // no credentials offered to a server that requires them
  EXPECT_EQ(dial({"127.0.0.1", port}, settings).error,
            make_error_code(transport_errc::proxy_auth_rejected));
}

TEST_F(DialTest, StreamIsolationCredentialsAreAcceptedByAnOpenProxy) {
  start_socks();
  dial_settings settings;
  settings.proxy = proxy(std::nullopt, /*isolate=*/true);
  EXPECT_FALSE(dial({"127.0.0.1", port}, settings).error);
}

TEST_F(DialTest, ProxyReportsARefusedTarget) {
  start_socks();
  dial_settings settings;
  settings.proxy = proxy();
  const auto r = dial({"127.0.0.1", test::free_port()}, settings);
  EXPECT_EQ(r.error, make_error_code(transport_errc::proxy_connection_refused))
      << r.error.message();
}

TEST_F(DialTest, DomainNameTargetGoesThroughTheProxyUnresolved) {
  start_socks();
  dial_settings settings;
  settings.proxy = proxy();
  // microsocks resolves "localhost" itself; we send it as a SOCKS5 domain name.
  EXPECT_FALSE(dial({"localhost", port}, settings).error);
}

TEST_F(DialTest, CancelReportsCanceled) {
  std::promise<std::error_code> done;
  dial_settings settings;
  settings.proxy = proxy_settings{"127.0.0.1", port, std::nullopt, false};  // silent: never answers
  auto op =
      async_dial(io.context(), {"127.0.0.1", 1}, settings,
                 [&](std::error_code ec, boost::asio::ip::tcp::socket) { done.set_value(ec); });
  op->cancel();
  EXPECT_EQ(done.get_future().get(), make_error_code(transport_errc::dial_canceled));
}

}  // namespace
}  // namespace btcnet::transport
