// A listening TCP socket with an accept loop that never spins: after an accept error (for
// example EMFILE when out of file descriptors) it waits before trying again, unlike btcd's
// listenHandler, which loops at once.
#pragma once

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <functional>
#include <memory>
#include <system_error>

#include "net/transport/network.hpp"

namespace btcnet::transport {

class tcp_listener final : public listening, public std::enable_shared_from_this<tcp_listener> {
 public:
  using accept_handler = std::function<void(boost::asio::ip::tcp::socket)>;
  using error_handler = std::function<void(std::error_code)>;

  // Binds and listens; on failure returns nullptr and sets `ec` (the caller names the address).
  static std::shared_ptr<tcp_listener> open(boost::asio::io_context& io,
                                            const boost::asio::ip::tcp::endpoint& where,
                                            std::error_code& ec);
  tcp_listener(boost::asio::io_context& io, boost::asio::ip::tcp::acceptor acceptor);

  // Accepted sockets (each on its own strand) go to `on_accept`; accept errors to `on_error`.
  void start(accept_handler on_accept, error_handler on_error);
  // Closes the acceptor; no handler runs after the pending accept completes. Thread-safe.
  void stop() override;
  boost::asio::ip::tcp::endpoint local_endpoint() const { return local_; }
  wire::endpoint local() const override;
  listener_stats stats() const override { return {accepted_.load(), errors_.load()}; }

 private:
  void accept_next();

  boost::asio::io_context& io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer backoff_;
  boost::asio::ip::tcp::endpoint local_;
  accept_handler on_accept_;
  error_handler on_error_;
  std::atomic<std::uint64_t> accepted_{0};
  std::atomic<std::uint64_t> errors_{0};
  bool stopped_ = false;
};

}  // namespace btcnet::transport
