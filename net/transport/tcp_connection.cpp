#include "net/transport/tcp_connection.hpp"

#include <sys/socket.h>
#include <array>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>

#include "net/transport/errors.hpp"

namespace btcnet::transport {

namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

// One read buffer per I/O thread, shared by every connection that thread serves.
constexpr std::size_t read_chunk_size = 64 * 1024;
// Buffers handed to one gathered write.
constexpr std::size_t max_write_batch = 64;

std::uint8_t* thread_read_buffer() {
  thread_local std::array<std::uint8_t, read_chunk_size> buffer;
  return buffer.data();
}

}  // namespace

wire::endpoint to_endpoint(const tcp::endpoint& ep) {
  const auto addr = ep.address();
  if (addr.is_v4()) {
    const auto b = addr.to_v4().to_bytes();
    return wire::endpoint::ipv4(b[0], b[1], b[2], b[3], ep.port());
  }
  return wire::endpoint::from_ip16(addr.to_v6().to_bytes(), ep.port());
}

tcp::endpoint to_asio(const wire::endpoint& ep) {
  if (ep.net == wire::network_id::ipv4) {
    return {asio::ip::address_v4({ep.addr[0], ep.addr[1], ep.addr[2], ep.addr[3]}), ep.port};
  }
  return {asio::ip::address_v6(ep.ip16()), ep.port};
}

// Forwards decoder events to the handler and accounts for unprocessed bytes.
struct tcp_connection::frame_sink {
  tcp_connection& conn;
  std::error_code error;
  void on_frame(const wire::frame& f) {
    conn.unprocessed_.fetch_add(frame_cost(f.payload.size()), std::memory_order_relaxed);
    conn.handler_->on_frame(f.cmd, f.payload);
  }
  void on_unknown(std::string_view cmd, std::uint32_t length) {
    conn.handler_->on_unknown(cmd, length);
  }
  void on_error(std::error_code ec) { error = ec; }
  void on_bad_frame(wire::command cmd, std::error_code ec) { conn.handler_->on_bad_frame(cmd, ec); }
};

std::shared_ptr<tcp_connection> tcp_connection::make(tcp::socket socket, std::uint32_t magic,
                                                     tcp_limits limits) {
  return std::make_shared<tcp_connection>(std::move(socket), magic, limits);
}

tcp_connection::tcp_connection(tcp::socket socket, std::uint32_t magic, tcp_limits limits)
    : socket_(std::move(socket)), decoder_(magic), limits_(limits) {
  boost::system::error_code ec;
  remote_ = to_endpoint(socket_.remote_endpoint(ec));
  local_ = to_endpoint(socket_.local_endpoint(ec));
  socket_.non_blocking(true, ec);
  socket_.set_option(tcp::no_delay(true), ec);
}

tcp_connection::~tcp_connection() {
  run_release_hooks();
}

void tcp_connection::start(std::shared_ptr<connection_handler> handler) {
  asio::post(socket_.get_executor(), [self = shared_from_this(), h = std::move(handler)]() mutable {
    if (self->handler_) return;
    self->handler_ = std::move(h);
    if (self->closed_) {
      self->handler_->on_closed({});
      return;
    }
    self->wait_readable();
  });
}

void tcp_connection::wait_readable() {
  if (reading_ || closed_ || flooded()) return;
  reading_ = true;
  socket_.async_wait(tcp::socket::wait_read,
                     [self = shared_from_this()](boost::system::error_code ec) {
                       self->reading_ = false;
                       if (self->closed_) return;
                       if (ec) return self->shut(ec);
                       self->read_available();
                     });
}

void tcp_connection::read_available() {
  std::uint8_t* buffer = thread_read_buffer();
  boost::system::error_code ec;
  const std::size_t n = socket_.read_some(asio::buffer(buffer, read_chunk_size), ec);
  if (ec == asio::error::would_block) return wait_readable();
  if (ec) return shut(ec);
  bytes_received_.fetch_add(n, std::memory_order_relaxed);
  frame_sink sink{*this, {}};
  decoder_.feed(wire::byte_span(buffer, n), sink);
  handler_->on_read_end();
  if (sink.error) return shut(sink.error);
  wait_readable();
}

bool tcp_connection::send(wire::bytes frame) {
  const std::size_t size = frame_cost(frame.size());
  if (queued_bytes_.fetch_add(size, std::memory_order_relaxed) + size > limits_.send_buffer_limit) {
    queued_bytes_.fetch_sub(size, std::memory_order_relaxed);
    asio::post(socket_.get_executor(),
               [self = shared_from_this()] { self->shut(transport_errc::send_buffer_full); });
    return false;
  }
  std::lock_guard lock(write_mutex_);
  if (socket_closed_) {  // as a frame queued just before the close: dropped
    queued_bytes_.fetch_sub(size, std::memory_order_relaxed);
    return true;
  }
  if (!writing_ && write_now(frame)) return true;
  write_queue_.push_back(std::move(frame));
  if (!writing_) {
    writing_ = true;
    asio::post(socket_.get_executor(), [self = shared_from_this()] { self->write_next(); });
  }
  return true;
}

// Writes what the kernel takes at once; true if that was the whole frame. What is left stays in
// `frame` (an error leaves it whole: the strand's write meets the same error and closes).
bool tcp_connection::write_now(wire::bytes& frame) {
  const ssize_t n =
      ::send(socket_.native_handle(), frame.data(), frame.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
  if (n <= 0) return false;
  const auto written = static_cast<std::size_t>(n);
  bytes_sent_.fetch_add(written, std::memory_order_relaxed);
  if (written == frame.size()) {
    queued_bytes_.fetch_sub(frame_cost(written), std::memory_order_relaxed);
    return true;
  }
  queued_bytes_.fetch_sub(written, std::memory_order_relaxed);
  frame.erase(frame.begin(), frame.begin() + n);
  return false;
}

void tcp_connection::write_next() {
  std::vector<asio::const_buffer> buffers;
  {
    std::lock_guard lock(write_mutex_);
    if (write_queue_.empty() || socket_closed_) {
      writing_ = false;
      if (write_queue_.capacity() > max_write_batch) std::vector<wire::bytes>().swap(write_queue_);
      return;
    }
    const std::size_t batch = std::min(write_queue_.size(), max_write_batch);
    buffers.reserve(batch);
    for (std::size_t i = 0; i < batch; ++i) buffers.emplace_back(asio::buffer(write_queue_[i]));
  }
  // The queued frames do not move while written: senders only append (a vector's elements keep
  // their heap buffers when it grows), and only this strand removes them.
  asio::async_write(
      socket_, buffers,
      [self = shared_from_this(), batch = buffers.size()](boost::system::error_code ec,
                                                          std::size_t n) {
        if (self->closed_) return;
        if (ec) return self->shut(ec);
        self->bytes_sent_.fetch_add(n, std::memory_order_relaxed);
        self->queued_bytes_.fetch_sub(n + batch * frame_overhead, std::memory_order_relaxed);
        {
          std::lock_guard lock(self->write_mutex_);
          self->write_queue_.erase(self->write_queue_.begin(), self->write_queue_.begin() + batch);
        }
        self->write_next();
      });
}

void tcp_connection::close() {
  asio::post(socket_.get_executor(), [self = shared_from_this()] { self->shut({}); });
}

void tcp_connection::consumed(std::size_t bytes) {
  const std::size_t before = unprocessed_.fetch_sub(bytes, std::memory_order_relaxed);
  if (before > limits_.receive_flood_size && before - bytes <= limits_.receive_flood_size) {
    asio::post(socket_.get_executor(), [self = shared_from_this()] { self->wait_readable(); });
  }
}

void tcp_connection::shut(std::error_code reason) {
  if (closed_) return;
  closed_ = true;
  {
    std::lock_guard lock(write_mutex_);
    socket_closed_ = true;
    boost::system::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
    write_queue_.clear();
    queued_bytes_.store(0, std::memory_order_relaxed);
  }
  run_release_hooks();
  if (handler_) {
    handler_->on_closed(reason);
    handler_.reset();  // drop the owner's reference: nothing more will be delivered
  }
}

connection_stats tcp_connection::stats() const {
  return {bytes_sent_.load(std::memory_order_relaxed),
          bytes_received_.load(std::memory_order_relaxed)};
}

void tcp_connection::on_release(std::function<void()> fn) {
  {
    std::lock_guard lock(release_mutex_);
    if (!released_) {
      release_hooks_.push_back(std::move(fn));
      return;
    }
  }
  fn();
}

void tcp_connection::run_release_hooks() {
  std::vector<std::function<void()>> hooks;
  {
    std::lock_guard lock(release_mutex_);
    if (released_) return;
    released_ = true;
    hooks.swap(release_hooks_);
  }
  for (auto& fn : hooks) fn();
}

}  // namespace btcnet::transport
