#include "tools/load/load_client.hpp"

#include <boost/asio/write.hpp>

#include "net/transport/tcp_connection.hpp"

namespace btcnet::load {

void load_client::connect(const tcp::endpoint& target, const boost::asio::ip::address& source,
                          done_fn done) {
  boost::system::error_code ec;
  socket_.open(target.protocol(), ec);
  if (!ec) socket_.bind(tcp::endpoint(source, 0), ec);
  if (ec) return done(std::error_code(ec.value(), std::system_category()));
  socket_.async_connect(target,
                        [self = shared_from_this(), done](const boost::system::error_code& e) {
                          if (e) return done(std::error_code(e.value(), std::system_category()));
                          self->open_ = true;
                          self->socket_.set_option(tcp::no_delay(true));
                          self->read();
                          done({});
                        });
}

void load_client::handshake(done_fn done, std::chrono::milliseconds timeout) {
  handshake_done_ = std::move(done);
  wire::msg::version v;
  v.protocol = static_cast<std::int32_t>(options_.protocol);
  v.services = 0;
  v.timestamp = std::chrono::duration_cast<std::chrono::seconds>(
                    std::chrono::system_clock::now().time_since_epoch())
                    .count();
  v.receiver.where = transport::to_endpoint(socket_.remote_endpoint());
  v.nonce = (reinterpret_cast<std::uintptr_t>(this) << 16) ^ ++next_nonce_;
  v.user_agent = options_.user_agent;
  v.relay = false;
  send(v);
  timer_.expires_after(timeout);
  timer_.async_wait([weak = weak_from_this()](const boost::system::error_code& e) {
    auto self = weak.lock();
    if (e || !self || !self->handshake_done_) return;
    auto done = std::move(self->handshake_done_);
    self->handshake_done_ = nullptr;
    done(std::make_error_code(std::errc::timed_out));
  });
}

void load_client::check_handshake() {
  if (!handshake_done_ || !got_version_ || !got_verack_) return;
  send(wire::msg::verack{});
  timer_.cancel();
  auto done = std::move(handshake_done_);
  handshake_done_ = nullptr;
  done({});
}

void load_client::ping(pong_fn done) {
  const std::uint64_t nonce = ++next_nonce_;
  pings_.emplace(nonce, std::make_pair(clock::now(), std::move(done)));
  send(wire::msg::ping{nonce});
}

void load_client::send_bytes(wire::bytes data) {
  if (!open_) return;
  queue_.push_back(std::move(data));
  if (!writing_) write();
}

void load_client::write() {
  writing_ = true;
  std::vector<boost::asio::const_buffer> out;
  for (const auto& b : queue_) out.emplace_back(b.data(), b.size());
  const std::size_t batch = queue_.size();
  boost::asio::async_write(
      socket_, out,
      [self = shared_from_this(), batch](const boost::system::error_code& e, std::size_t) {
        self->writing_ = false;
        if (e) return self->fail(std::error_code(e.value(), std::system_category()));
        for (std::size_t i = 0; i < batch && !self->queue_.empty(); ++i) self->queue_.pop_front();
        if (!self->queue_.empty() && self->open_) self->write();
      });
}

namespace {

struct sink {
  load_client* client;
  std::function<void(wire::command, wire::byte_span)> on;
  std::error_code& error;
  void on_frame(const wire::frame& f) { on(f.cmd, f.payload); }
  void on_unknown(std::string_view, std::uint32_t) {}
  void on_bad_frame(wire::command, std::error_code ec) { error = ec; }
  void on_error(std::error_code ec) { error = ec; }
};

}  // namespace

void load_client::read() {
  socket_.async_read_some(
      boost::asio::buffer(buffer_),
      [self = shared_from_this()](const boost::system::error_code& e, std::size_t n) {
        if (e) return self->fail(std::error_code(e.value(), std::system_category()));
        std::error_code bad;
        self->decoder_.feed(
            wire::byte_span(self->buffer_.data(), n),
            sink{self.get(),
                 [s = self.get()](wire::command c, wire::byte_span p) { s->handle(c, p); }, bad});
        if (bad) return self->fail(bad);
        if (self->open_) self->read();
      });
}

void load_client::handle(wire::command cmd, wire::byte_span payload) {
  ++frames_;
  if (cmd == wire::command::version) got_version_ = true;
  if (cmd == wire::command::verack) got_verack_ = true;
  if (cmd == wire::command::version || cmd == wire::command::verack) check_handshake();
  wire::message m;
  if ((cmd == wire::command::ping || cmd == wire::command::pong) &&
      !wire::decode_payload(cmd, payload, options_.protocol, m)) {
    if (auto* p = std::get_if<wire::msg::ping>(&m)) send(wire::msg::pong{p->nonce});
    if (auto* p = std::get_if<wire::msg::pong>(&m)) {
      if (auto it = pings_.find(p->nonce); it != pings_.end()) {
        auto [sent, done] = std::move(it->second);
        pings_.erase(it);
        done({}, clock::now() - sent);
      }
    }
  }
  if (frame_fn_) frame_fn_(cmd, payload);
}

void load_client::fail(std::error_code ec) {
  if (!open_ && !closed_fn_ && !handshake_done_) return;
  const bool was_open = open_;
  open_ = false;
  boost::system::error_code ignored;
  socket_.close(ignored);
  timer_.cancel();
  queue_.clear();
  if (handshake_done_) {
    auto done = std::move(handshake_done_);
    handshake_done_ = nullptr;
    done(ec ? ec : std::make_error_code(std::errc::connection_aborted));
  }
  auto pings = std::move(pings_);
  pings_.clear();
  for (auto& [nonce, entry] : pings) entry.second(ec, {});
  if (was_open && closed_fn_) {
    auto fn = std::move(closed_fn_);
    closed_fn_ = nullptr;
    fn(ec);
  }
}

void load_client::close() {
  fail({});
}

}  // namespace btcnet::load
