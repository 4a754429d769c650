#include "net/transport/dial.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>

#include "net/transport/errors.hpp"

namespace btcnet::transport {

namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// One dial attempt. Every step runs on the strand that also becomes the socket's executor.
class tcp_dial final : public dial_operation, public std::enable_shared_from_this<tcp_dial> {
 public:
  tcp_dial(asio::io_context& io, dial_target target, std::optional<proxy_settings> proxy,
           std::chrono::milliseconds timeout, dial_handler handler)
      : strand_(asio::make_strand(io)),
        socket_(strand_),
        resolver_(strand_),
        timer_(strand_),
        target_(std::move(target)),
        proxy_(std::move(proxy)),
        timeout_(timeout),
        handler_(std::move(handler)) {}

  void begin() {
    asio::post(strand_, [self = shared_from_this()] {
      self->timer_.expires_after(self->timeout_);
      self->timer_.async_wait([self](boost::system::error_code ec) {
        if (!ec) self->finish(transport_errc::dial_timed_out);
      });
      if (self->proxy_) {
        self->resolve_and_connect(self->proxy_->host, self->proxy_->port);
      } else {
        self->resolve_and_connect(self->target_.host, self->target_.port);
      }
    });
  }

  void cancel() override {
    asio::post(strand_,
               [self = shared_from_this()] { self->finish(transport_errc::dial_canceled); });
  }

 private:
  void resolve_and_connect(const std::string& host, std::uint16_t port) {
    boost::system::error_code ec;
    const auto ip = asio::ip::make_address(host, ec);
    if (!ec) return connect_to(std::vector<tcp::endpoint>{{ip, port}});
    resolver_.async_resolve(host, std::to_string(port),
                            [self = shared_from_this()](boost::system::error_code ec,
                                                        tcp::resolver::results_type results) {
                              if (ec) return self->finish(ec);
                              self->connect_to({results.begin(), results.end()});
                            });
  }

  void connect_to(std::vector<tcp::endpoint> endpoints) {
    asio::async_connect(
        socket_, endpoints,
        [self = shared_from_this()](boost::system::error_code ec, const tcp::endpoint&) {
          if (ec) return self->finish(ec);
          if (self->proxy_) return self->socks_greet();
          self->finish({});
        });
  }

  // --- SOCKS5 (RFC 1928/1929) ---
  void socks_greet() {
    if (proxy_->isolate)
      credentials_ = socks5::isolation_credentials();
    else
      credentials_ = proxy_->credentials;
    exchange(socks5::greeting(credentials_.has_value()), 2, [this](wire::byte_span reply) {
      std::uint8_t method = 0;
      if (auto ec = socks5::parse_method_choice(reply, credentials_.has_value(), method))
        return finish(ec);
      if (method == socks5::method_user_pass) return socks_auth();
      socks_connect();
    });
  }

  void socks_auth() {
    exchange(socks5::auth_request(*credentials_), 2, [this](wire::byte_span reply) {
      if (auto ec = socks5::parse_auth_reply(reply)) return finish(ec);
      socks_connect();
    });
  }

  void socks_connect() {
    exchange(socks5::connect_request(target_.host, target_.port), 5, [this](wire::byte_span head) {
      std::size_t rest = 0;
      if (auto ec = socks5::parse_connect_reply_head(head, rest)) return finish(ec);
      exchange({}, rest, [this](wire::byte_span) { finish({}); });
    });
  }

  // Writes `request` (if any), then reads exactly `reply_size` bytes and passes them on.
  template <class Next>
  void exchange(wire::bytes request, std::size_t reply_size, Next next) {
    out_ = std::move(request);
    in_.assign(reply_size, 0);
    auto read_reply = [self = shared_from_this(), next]() {
      asio::async_read(self->socket_, asio::buffer(self->in_),
                       [self, next](boost::system::error_code ec, std::size_t) {
                         if (self->done_) return;
                         if (ec) return self->finish(transport_errc::proxy_protocol_error);
                         next(self->in_);
                       });
    };
    if (out_.empty()) return read_reply();
    asio::async_write(
        socket_, asio::buffer(out_),
        [self = shared_from_this(), read_reply](boost::system::error_code ec, std::size_t) {
          if (self->done_) return;
          if (ec) return self->finish(ec);
          read_reply();
        });
  }

  void finish(std::error_code ec) {
    if (done_) return;
    done_ = true;
    boost::system::error_code ignored;
    timer_.cancel(ignored);
    resolver_.cancel();
    if (ec) socket_.close(ignored);
    auto handler = std::move(handler_);
    handler(ec, std::move(socket_));
  }

  asio::strand<asio::io_context::executor_type> strand_;
  tcp::socket socket_;
  tcp::resolver resolver_;
  asio::steady_timer timer_;
  dial_target target_;
  std::optional<proxy_settings> proxy_;
  std::optional<socks5::credentials> credentials_;
  std::chrono::milliseconds timeout_;
  dial_handler handler_;
  wire::bytes out_, in_;
  bool done_ = false;
};

// A dial that fails before it starts (unsupported target); still reports on an I/O thread.
std::shared_ptr<dial_operation> failed_dial(asio::io_context& io, std::error_code ec,
                                            dial_handler handler) {
  struct none final : dial_operation {
    void cancel() override {}
  };
  asio::post(io, [&io, ec, handler = std::move(handler)] {
    handler(ec, tcp::socket(asio::make_strand(io)));
  });
  return std::make_shared<none>();
}

}  // namespace

std::string dial_target::to_string() const {
  const bool v6 = host.find(':') != std::string::npos;
  return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

std::shared_ptr<dial_operation> async_dial(asio::io_context& io, dial_target target,
                                           const dial_settings& settings, dial_handler handler) {
  std::optional<proxy_settings> proxy = settings.proxy;
  if (ends_with(target.host, ".onion")) {
    if (settings.onion_disabled)
      return failed_dial(io, transport_errc::onion_disabled, std::move(handler));
    if (settings.onion_proxy) proxy = settings.onion_proxy;
    if (!proxy) return failed_dial(io, transport_errc::unsupported_address, std::move(handler));
  } else if (ends_with(target.host, ".i2p")) {
    return failed_dial(io, transport_errc::unsupported_address, std::move(handler));  // needs SAM
  }
  auto op = std::make_shared<tcp_dial>(io, std::move(target), std::move(proxy), settings.timeout,
                                       std::move(handler));
  op->begin();
  return op;
}

}  // namespace btcnet::transport
