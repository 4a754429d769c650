#include "net/transport/tcp_listener.hpp"

#include <boost/asio/ip/v6_only.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/strand.hpp>

#include "net/transport/tcp_connection.hpp"

namespace btcnet::transport {

namespace asio = boost::asio;
using asio::ip::tcp;

namespace {
// Pause after a failed accept before the next one.
constexpr std::chrono::milliseconds accept_error_backoff{100};
}  // namespace

std::shared_ptr<tcp_listener> tcp_listener::open(asio::io_context& io, const tcp::endpoint& where,
                                                 std::error_code& ec) {
  boost::system::error_code bec;
  tcp::acceptor acceptor(asio::make_strand(io));
  acceptor.open(where.protocol(), bec);
  if (!bec) acceptor.set_option(tcp::acceptor::reuse_address(true), bec);
  if (!bec && where.address().is_v6()) acceptor.set_option(asio::ip::v6_only(true), bec);
  if (!bec) acceptor.bind(where, bec);
  if (!bec) acceptor.listen(asio::socket_base::max_listen_connections, bec);
  if (bec) {
    ec = bec;
    return nullptr;
  }
  ec.clear();
  return std::make_shared<tcp_listener>(io, std::move(acceptor));
}

tcp_listener::tcp_listener(asio::io_context& io, tcp::acceptor acceptor)
    : io_(io), acceptor_(std::move(acceptor)), backoff_(acceptor_.get_executor()) {
  boost::system::error_code ec;
  local_ = acceptor_.local_endpoint(ec);
}

void tcp_listener::start(accept_handler on_accept, error_handler on_error) {
  asio::post(acceptor_.get_executor(), [self = shared_from_this(), a = std::move(on_accept),
                                        e = std::move(on_error)]() mutable {
    self->on_accept_ = std::move(a);
    self->on_error_ = std::move(e);
    self->accept_next();
  });
}

void tcp_listener::accept_next() {
  if (stopped_) return;
  acceptor_.async_accept(asio::make_strand(io_), [self = shared_from_this()](
                                                     boost::system::error_code ec, tcp::socket s) {
    if (self->stopped_) return;
    if (!ec) {
      self->accepted_.fetch_add(1, std::memory_order_relaxed);
      self->on_accept_(std::move(s));
      return self->accept_next();
    }
    self->errors_.fetch_add(1, std::memory_order_relaxed);
    self->on_error_(ec);
    self->backoff_.expires_after(accept_error_backoff);
    self->backoff_.async_wait([self](boost::system::error_code) { self->accept_next(); });
  });
}

wire::endpoint tcp_listener::local() const {
  return to_endpoint(local_);
}

void tcp_listener::stop() {
  asio::post(acceptor_.get_executor(), [self = shared_from_this()] {
    self->stopped_ = true;
    boost::system::error_code ignored;
    self->acceptor_.close(ignored);
    self->backoff_.cancel();
  });
}

}  // namespace btcnet::transport
