#include "net/rpc/http_server.hpp"

#include <boost/asio/ip/v6_only.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <atomic>
#include <condition_variable>
#include <optional>

namespace btcnet::rpc {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {
// After an error reply we read and discard what the client is still sending for a while, so that
// closing does not reset the connection before the client has read our reply.
constexpr std::chrono::seconds drain_time{2};
constexpr std::size_t header_limit = 8 * 1024;
constexpr std::chrono::seconds shutdown_grace{2};
}  // namespace

struct http_server::shared {
  http_server_config config;
  handler_fn handler;
  std::mutex mutex;
  std::condition_variable all_closed;
  std::set<std::shared_ptr<session>> sessions;
  std::atomic<bool> stopped = false;
};

class http_server::session : public std::enable_shared_from_this<session> {
 public:
  session(tcp::socket socket, std::shared_ptr<shared> owner)
      : stream_(std::move(socket)), timer_(stream_.get_executor()), owner_(std::move(owner)) {}

  void start() { read_header(); }

  // A request being answered is answered first (the "stop" call's own reply, for one).
  void close() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      if (self->busy_) return;  // write() sees `stopped` and finishes
      self->timer_.cancel();
      self->finish();
    });
  }

 private:
  const http_server_config& config() const { return owner_->config; }

  void read_header() {
    parser_.emplace();
    parser_->header_limit(header_limit);
    parser_->body_limit(config().body_limit);
    stream_.expires_after(config().idle_timeout);
    http::async_read_header(stream_, buffer_, *parser_,
                            [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              self->on_header(ec);
                            });
  }

  void on_header(beast::error_code ec) {
    if (ec == http::error::header_limit) return reply_and_close(431, "Header too large");
    // Beast checks a Content-Length against the body limit while reading the header.
    if (ec == http::error::body_limit) return reply_and_close(413, "Request body too large");
    if (ec) return finish();
    const auto& req = parser_->get();
    if (auto length = parser_->content_length(); length && *length > config().body_limit)
      return reply_and_close(413, "Request body too large");
    auto given = parse_basic_auth(std::string(req[http::field::authorization]));
    if (!given || !credentials_match(config().auth, *given)) return refuse_after_delay();
    if (beast::iequals(req[http::field::expect], "100-continue")) {
      auto cont = std::make_shared<http::response<http::empty_body>>(http::status::continue_, 11);
      http::async_write(stream_, *cont, [self = shared_from_this(), cont](beast::error_code e, std::size_t) {
        if (e) return self->finish();
        self->read_body();
      });
      return;
    }
    read_body();
  }

  void read_body() {
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code ec, std::size_t) {
                       if (ec == http::error::body_limit)
                         return self->reply_and_close(413, "Request body too large");
                       if (ec) return self->finish();
                       self->dispatch();
                     });
  }

  void dispatch() {
    busy_ = true;
    auto req = parser_->release();
    keep_alive_ = req.keep_alive();
    http_request request{std::string(req.method_string()), std::string(req.target()),
                         std::move(req.body())};
    stream_.expires_never();  // the handler may take its time (getpeerinfo waits for peers)
    auto self = shared_from_this();
    owner_->handler(std::move(request), [self](http_response r) {
      asio::post(self->stream_.get_executor(),
                 [self, r = std::move(r)]() mutable { self->write(std::move(r), self->keep_alive_); });
    });
  }

  void refuse_after_delay() {
    timer_.expires_after(config().auth_failure_delay);
    timer_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (ec) return self->finish();
      http_response r{401, "text/plain", "Unauthorized\n"};
      self->write(std::move(r), false);
    });
  }

  void reply_and_close(unsigned status, const char* text) {
    write(http_response{status, "text/plain", std::string(text) + "\n"}, false);
  }

  void write(http_response r, bool keep_alive) {
    busy_ = true;
    auto res = std::make_shared<http::response<http::string_body>>(
        static_cast<http::status>(r.status), 11);
    res->set(http::field::server, "btcnet-json-rpc");
    res->set(http::field::content_type, r.content_type);
    if (r.status == 401) res->set(http::field::www_authenticate, "Basic realm=\"jsonrpc\"");
    res->keep_alive(keep_alive);
    res->body() = std::move(r.body);
    res->prepare_payload();
    stream_.expires_after(config().idle_timeout);
    http::async_write(stream_, *res,
                      [self = shared_from_this(), res, keep_alive](beast::error_code ec, std::size_t) {
                        self->busy_ = false;
                        if (ec || self->owner_->stopped) return self->finish();
                        if (keep_alive) return self->read_header();
                        self->drain();
                      });
  }

  // Half-closes, then discards input until the client closes or drain_time passes.
  void drain() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(drain_time);
    auto scratch = std::make_shared<std::array<char, 4096>>();
    read_discard(scratch);
  }

  void read_discard(std::shared_ptr<std::array<char, 4096>> scratch) {
    stream_.async_read_some(asio::buffer(*scratch),
                            [self = shared_from_this(), scratch](beast::error_code ec, std::size_t) {
                              if (ec) return self->finish();
                              self->read_discard(scratch);
                            });
  }

  void finish() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
    std::lock_guard lock(owner_->mutex);
    owner_->sessions.erase(shared_from_this());
    if (owner_->sessions.empty()) owner_->all_closed.notify_all();
  }

  beast::tcp_stream stream_;
  asio::steady_timer timer_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  bool keep_alive_ = true;
  bool busy_ = false;  // between a request and the end of writing its reply
  std::shared_ptr<shared> owner_;
};

http_server::http_server(asio::io_context& io, http_server_config config, handler_fn handler)
    : io_(io), shared_(std::make_shared<shared>()) {
  shared_->config = std::move(config);
  shared_->handler = std::move(handler);
}

http_server::~http_server() {
  stop();
}

std::error_code http_server::listen(const tcp::endpoint& where) {
  auto acceptor = std::make_shared<tcp::acceptor>(asio::make_strand(io_));
  beast::error_code ec;
  acceptor->open(where.protocol(), ec);
  if (!ec) acceptor->set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec && where.address().is_v6()) acceptor->set_option(asio::ip::v6_only(true), ec);
  if (!ec) acceptor->bind(where, ec);
  if (!ec) acceptor->listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return ec;
  acceptors_.push_back(acceptor);
  accept(io_, acceptor, shared_);
  return {};
}

void http_server::accept(asio::io_context& io, std::shared_ptr<tcp::acceptor> acceptor,
                         std::shared_ptr<shared> owner) {
  acceptor->async_accept(asio::make_strand(io), [&io, acceptor, owner](beast::error_code ec,
                                                                       tcp::socket s) {
    std::unique_lock lock(owner->mutex);
    if (ec == asio::error::operation_aborted || owner->stopped) return;
    if (!ec && owner->sessions.size() < owner->config.max_connections) {
      auto sess = std::make_shared<session>(std::move(s), owner);
      owner->sessions.insert(sess);
      lock.unlock();
      sess->start();
    } else {
      lock.unlock();
    }
    accept(io, acceptor, owner);
  });
}

std::vector<tcp::endpoint> http_server::local_endpoints() const {
  std::vector<tcp::endpoint> out;
  for (const auto& a : acceptors_) {
    beast::error_code ec;
    auto e = a->local_endpoint(ec);
    if (!ec) out.push_back(e);
  }
  return out;
}

void http_server::stop() {
  std::unique_lock lock(shared_->mutex);
  if (shared_->stopped) return;
  shared_->stopped = true;
  const auto open = shared_->sessions;
  lock.unlock();
  for (auto& a : acceptors_)
    asio::post(a->get_executor(), [a] {
      beast::error_code ignored;
      a->close(ignored);
    });
  for (auto& s : open) s->close();
  // Replies under way get a moment to go out.
  lock.lock();
  shared_->all_closed.wait_for(lock, shutdown_grace, [&] { return shared_->sessions.empty(); });
}

}  // namespace btcnet::rpc
