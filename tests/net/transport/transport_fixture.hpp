// Real loopback sockets for transport tests: an io_runtime, a listener on 127.0.0.1 and a helper
// that dials it and returns both ends as connections.
#pragma once

#include <gtest/gtest.h>

#include <future>

#include "net/transport/dial.hpp"
#include "net/transport/io_runtime.hpp"
#include "net/transport/tcp_connection.hpp"
#include "net/transport/tcp_listener.hpp"

namespace btcnet::test {

inline constexpr std::uint32_t regtest_magic = 0xdab5bffa;

struct dial_result {
  std::error_code error;
  std::shared_ptr<transport::tcp_connection> conn;
};

struct TransportTest : ::testing::Test {
  transport::io_runtime io{1};
  std::shared_ptr<transport::tcp_listener> listener;
  std::mutex accepted_mutex;
  std::vector<std::promise<boost::asio::ip::tcp::socket>> accept_waiters;
  std::promise<boost::asio::ip::tcp::socket> next_accept;
  std::uint16_t port = 0;
  transport::tcp_limits limits;

  void SetUp() override {
    std::error_code ec;
    listener = transport::tcp_listener::open(io.context(),
                                             {boost::asio::ip::make_address("127.0.0.1"), 0}, ec);
    ASSERT_FALSE(ec) << ec.message();
    port = listener->local_endpoint().port();
    listener->start(
        [this](boost::asio::ip::tcp::socket s) {
          std::lock_guard lock(accepted_mutex);
          next_accept.set_value(std::move(s));
        },
        [](std::error_code) {});
  }
  void TearDown() override {
    if (listener) listener->stop();
    io.stop();
  }

  dial_result dial(transport::dial_target target, const transport::dial_settings& settings = {}) {
    std::promise<dial_result> done;
    transport::async_dial(io.context(), std::move(target), settings,
                          [&](std::error_code ec, boost::asio::ip::tcp::socket s) {
                            dial_result r{ec, nullptr};
                            if (!ec)
                              r.conn = transport::tcp_connection::make(std::move(s), regtest_magic,
                                                                       limits);
                            done.set_value(std::move(r));
                          });
    return done.get_future().get();
  }

  // Dials the listener; returns {client end, server end}.
  std::pair<std::shared_ptr<transport::tcp_connection>, std::shared_ptr<transport::tcp_connection>>
  connected_pair() {
    std::future<boost::asio::ip::tcp::socket> accepted;
    {
      std::lock_guard lock(accepted_mutex);
      next_accept = {};
      accepted = next_accept.get_future();
    }
    auto client = dial({"127.0.0.1", port});
    EXPECT_FALSE(client.error) << client.error.message();
    auto server = transport::tcp_connection::make(accepted.get(), regtest_magic, limits);
    return {client.conn, server};
  }
};

}  // namespace btcnet::test
