// A connection over a TCP socket, driven by Boost.Asio.
//
// Threading: the socket lives on its own strand of the io_context; reads, handler calls and
// closing run there, so one connection never runs two of them at once. Actors call
// send/close/consumed from their own threads. A send with nothing queued writes at once from the
// caller's thread (a non-blocking send(2) under the write mutex): most frames then leave without
// waking the I/O thread, which would cost two context switches per frame. What the kernel does
// not take at once is queued and written from the strand when the socket is writable.
//
// Memory: no per-connection read buffer — a readiness wait is followed by a non-blocking read
// into a per-thread buffer, and the frame decoder keeps only the bytes of an incomplete frame.
// The write queue is empty (and allocates nothing) while idle.
//
// Lifetime: pending Asio operations hold a shared_ptr to the connection, so it outlives its
// handlers; the owner's shared_ptr keeps it open. Closing (either side, or a frame error)
// cancels the operations, tells the handler once, and runs the release hooks once.
#pragma once

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>
#include <memory>
#include <mutex>
#include <vector>

#include "net/transport/connection.hpp"
#include "net/wire/frame_decoder.hpp"

namespace btcnet::transport {

struct tcp_limits {
  std::size_t receive_flood_size = default_receive_flood_size;
  std::size_t send_buffer_limit = default_send_buffer_limit;
};

wire::endpoint to_endpoint(const boost::asio::ip::tcp::endpoint& ep);
boost::asio::ip::tcp::endpoint to_asio(const wire::endpoint& ep);

class tcp_connection final : public connection,
                             public std::enable_shared_from_this<tcp_connection> {
 public:
  // `socket` must be open and connected, with a strand as its executor.
  static std::shared_ptr<tcp_connection> make(boost::asio::ip::tcp::socket socket,
                                              std::uint32_t magic, tcp_limits limits = {});
  tcp_connection(boost::asio::ip::tcp::socket socket, std::uint32_t magic, tcp_limits limits);
  ~tcp_connection() override;

  void start(std::shared_ptr<connection_handler> handler) override;
  bool send(wire::bytes frame) override;
  void close() override;
  void consumed(std::size_t bytes) override;
  const wire::endpoint& remote() const override { return remote_; }
  const wire::endpoint& local() const override { return local_; }
  connection_stats stats() const override;
  void on_release(std::function<void()> fn) override;

 private:
  struct frame_sink;

  void wait_readable();
  void read_available();
  bool write_now(wire::bytes& frame);
  void write_next();
  void shut(std::error_code reason);
  void run_release_hooks();
  bool flooded() const {
    return unprocessed_.load(std::memory_order_relaxed) > limits_.receive_flood_size;
  }

  boost::asio::ip::tcp::socket socket_;
  wire::frame_decoder decoder_;
  tcp_limits limits_;
  wire::endpoint remote_;
  wire::endpoint local_;
  std::shared_ptr<connection_handler> handler_;

  // Strand-only state.
  bool reading_ = false;
  bool closed_ = false;

  // Writer state, shared by the strand and the senders' threads. `socket_closed_` is set, under
  // the mutex, before the descriptor is closed, so a direct write never reaches a reused one.
  std::mutex write_mutex_;
  std::vector<wire::bytes> write_queue_;
  bool writing_ = false;  // the strand owns the socket's writing until the queue is empty
  bool socket_closed_ = false;

  std::atomic<std::size_t> queued_bytes_{0};
  std::atomic<std::size_t> unprocessed_{0};
  std::atomic<std::uint64_t> bytes_sent_{0};
  std::atomic<std::uint64_t> bytes_received_{0};

  std::mutex release_mutex_;
  bool released_ = false;
  std::vector<std::function<void()>> release_hooks_;
};

}  // namespace btcnet::transport
