// A Bitcoin P2P client for tests, on a plain POSIX socket: it sends whatever bytes it is given
// (well-formed frames from the wire codec, or malformed ones made by hand) and reads the node's
// frames with the project's own frame decoder. Loopback only.
#pragma once

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "actors/common/time_source.hpp"
#include "net/wire/frame_decoder.hpp"
#include "net/wire/messages.hpp"

namespace btcnet::test {

using namespace std::chrono_literals;

inline constexpr std::uint32_t raw_client_magic = 0xdab5bffa;  // regtest

struct received_frame {
  wire::command cmd;
  wire::bytes payload;
};

// Sink for wire::frame_decoder: collects whole frames.
struct frame_collector {
  std::vector<received_frame>& out;
  std::error_code& error;
  void on_frame(const wire::frame& f) {
    out.push_back({f.cmd, wire::bytes(f.payload.begin(), f.payload.end())});
  }
  void on_unknown(std::string_view, std::uint32_t) {}
  void on_bad_frame(wire::command, std::error_code ec) { error = ec; }
  void on_error(std::error_code ec) { error = ec; }
};

// A Bitcoin P2P client on a blocking-free POSIX socket: sends whatever bytes it is given and
// reads the node's frames with the project's own frame decoder.
class raw_client {
 public:
  raw_client(std::uint16_t port, const char* source = "127.0.0.1") {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in local{};
    local.sin_family = AF_INET;
    ::inet_pton(AF_INET, source, &local.sin_addr);
    ::bind(fd_, reinterpret_cast<sockaddr*>(&local), sizeof local);
    sockaddr_in remote{};
    remote.sin_family = AF_INET;
    remote.sin_port = htons(port);
    remote.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&remote), sizeof remote) == 0;
    socklen_t len = sizeof local;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&local), &len);
    char text[INET_ADDRSTRLEN] = {};
    ::inet_ntop(AF_INET, &local.sin_addr, text, sizeof text);
    local_ = std::string(text) + ":" + std::to_string(ntohs(local.sin_port));
    node_port_ = port;
  }
  ~raw_client() { ::close(fd_); }
  raw_client(const raw_client&) = delete;
  raw_client& operator=(const raw_client&) = delete;

  bool connected() const { return connected_; }
  // "ip:port" of our end: how the node names this peer.
  const std::string& local() const { return local_; }
  bool closed() const { return closed_; }
  const std::vector<received_frame>& frames() const { return frames_; }

  bool send_bytes(const wire::bytes& b) {
    std::size_t done = 0;
    while (done < b.size()) {
      const ssize_t n = ::send(fd_, b.data() + done, b.size() - done, MSG_NOSIGNAL);
      if (n <= 0) return false;
      done += static_cast<std::size_t>(n);
    }
    return true;
  }

  template <class M>
  bool send_msg(const M& m, std::uint32_t magic = raw_client_magic) {
    wire::bytes frame;
    EXPECT_FALSE(wire::encode_frame(frame, magic, m, wire::protocol_version));
    return send_bytes(frame);
  }

  wire::msg::version version_message() const {
    wire::msg::version v;
    v.services = 0;
    v.timestamp = actors::time_source::system_unix_now();
    v.receiver.where = wire::endpoint::ipv4(127, 0, 0, 1, node_port_);
    std::random_device rd;
    v.nonce = (static_cast<std::uint64_t>(rd()) << 32) | rd() | 1;  // nonzero, not the node's
    v.user_agent = "/hostile-test:0.1/";
    v.relay = false;
    return v;
  }

  // The first frame of `cmd` received from now on (earlier ones are kept in frames()), or
  // nullopt when the node closes the connection or `limit` passes.
  std::optional<received_frame> wait_for(wire::command cmd, std::chrono::milliseconds limit = 5s) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    std::size_t seen = frames_.size();
    while (true) {
      for (; seen < frames_.size(); ++seen)
        if (frames_[seen].cmd == cmd) return frames_[seen];
      if (closed_ || !pump(deadline)) return std::nullopt;
    }
  }

  // True when the node closes the connection (EOF or reset) within `limit`; frames that arrive
  // meanwhile are collected.
  bool wait_closed(std::chrono::milliseconds limit = 5s) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!closed_)
      if (!pump(deadline)) return false;
    return true;
  }

  // Sends our version, reads the node's version and verack, sends verack. True when complete.
  bool handshake() {
    if (!send_msg(version_message())) return false;
    if (!wait_for(wire::command::verack)) return false;
    const bool got_version = std::any_of(frames_.begin(), frames_.end(), [](const auto& f) {
      return f.cmd == wire::command::version;
    });
    return got_version && send_msg(wire::msg::verack{});
  }

  // Sends a ping and waits for the pong with its nonce (reading past any other frames).
  bool ping_pong(std::uint64_t nonce, std::chrono::milliseconds limit = 5s) {
    std::size_t seen = frames_.size();
    if (!send_msg(wire::msg::ping{nonce})) return false;
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (true) {
      for (; seen < frames_.size(); ++seen) {
        const auto& f = frames_[seen];
        wire::message m;
        if (f.cmd == wire::command::pong &&
            !wire::decode_payload(f.cmd, f.payload, wire::protocol_version, m) &&
            std::get<wire::msg::pong>(m).nonce == nonce)
          return true;
      }
      if (closed_ || !pump(deadline)) return false;
    }
  }

 private:
  // One wait for readability and one read; false when the deadline passed first.
  bool pump(std::chrono::steady_clock::time_point deadline) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
    std::uint8_t buf[65536];
    const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) {
      if (n < 0 && errno == EINTR) return true;
      closed_ = true;  // EOF, or a reset (ECONNRESET) when the node closed with unread input
      return true;
    }
    std::error_code ec;
    decoder_.feed(wire::byte_span(buf, static_cast<std::size_t>(n)), frame_collector{frames_, ec});
    EXPECT_FALSE(ec) << "the node sent a bad frame: " << ec.message();
    return true;
  }

  int fd_ = -1;
  bool connected_ = false;
  bool closed_ = false;
  std::uint16_t node_port_ = 0;
  std::string local_;
  wire::frame_decoder decoder_{raw_client_magic};
  std::vector<received_frame> frames_;
};

}  // namespace btcnet::test
