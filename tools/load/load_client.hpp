// One connection of btcnet-load: an Asio TCP socket bound to a chosen loopback source address,
// the project's frame decoder on the read side, queued writes, and the few protocol steps a load
// needs (handshake, timed pings, answering the target's pings). Single-threaded: every call and
// callback runs on the io_context's one thread.
#pragma once

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <unordered_map>

#include "net/wire/frame_decoder.hpp"
#include "net/wire/messages.hpp"

namespace btcnet::load {

using tcp = boost::asio::ip::tcp;
using clock = std::chrono::steady_clock;

struct client_options {
  std::uint32_t magic = 0;
  std::uint32_t protocol = wire::protocol_version;
  std::string user_agent = "/btcnet-load:0.1/";
};

class load_client : public std::enable_shared_from_this<load_client> {
 public:
  using done_fn = std::function<void(std::error_code)>;
  using pong_fn = std::function<void(std::error_code, clock::duration)>;

  static std::shared_ptr<load_client> make(boost::asio::io_context& io, client_options o) {
    return std::shared_ptr<load_client>(new load_client(io, std::move(o)));
  }

  // Connects from `source` (port 0) to `target`; reading starts at once.
  void connect(const tcp::endpoint& target, const boost::asio::ip::address& source, done_fn done);
  // version out; the target's version and verack in; verack out.
  void handshake(done_fn done, std::chrono::milliseconds timeout = std::chrono::seconds(30));
  // A ping with a fresh nonce; `done` gets the round trip when its pong arrives.
  void ping(pong_fn done);
  template <class M>
  void send(const M& m) {
    wire::bytes frame;
    wire::encode_frame(frame, options_.magic, m, options_.protocol);
    send_bytes(std::move(frame));
  }
  void send_bytes(wire::bytes data);
  void close();

  bool open() const { return open_; }
  // Called once when the connection ends (by either side).
  void on_closed(std::function<void(std::error_code)> fn) { closed_fn_ = std::move(fn); }
  // Called for every frame (after the client's own handling).
  void on_frame(std::function<void(wire::command, wire::byte_span)> fn) {
    frame_fn_ = std::move(fn);
  }
  std::uint64_t frames_received() const { return frames_; }
  std::size_t pings_in_flight() const { return pings_.size(); }

 private:
  load_client(boost::asio::io_context& io, client_options o)
      : socket_(io), timer_(io), options_(std::move(o)), decoder_(options_.magic) {}
  void read();
  void write();
  void handle(wire::command cmd, wire::byte_span payload);
  void fail(std::error_code ec);
  void check_handshake();

  tcp::socket socket_;
  boost::asio::steady_timer timer_;
  client_options options_;
  wire::frame_decoder decoder_;
  std::array<std::uint8_t, 16384> buffer_{};
  std::deque<wire::bytes> queue_;
  bool writing_ = false;
  bool open_ = false;
  bool got_version_ = false, got_verack_ = false;
  done_fn handshake_done_;
  std::unordered_map<std::uint64_t, std::pair<clock::time_point, pong_fn>> pings_;
  std::uint64_t next_nonce_ = 0x6c6f6164;  // "load"
  std::uint64_t frames_ = 0;
  std::function<void(std::error_code)> closed_fn_;
  std::function<void(wire::command, wire::byte_span)> frame_fn_;
};

}  // namespace btcnet::load
