// btcnet-floor: the least a process must do to serve `btcnet-load handshake` — one thread, one
// level-triggered epoll loop on raw sockets, the project's frame decoder, an answer built per
// frame: version -> version + verack in one write, ping -> pong. No actors, no logging, no
// address book. Its CPU time per handshake, measured with `btcnet-load handshake --pid`, is the
// kernel-plus-codec floor the node's figure is compared with (docs/benchmarks.md). It listens on
// loopback only and is a measuring instrument, not a node: it accepts any version and never bans.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <array>
#include <cstdio>
#include <memory>
#include <vector>

#include "net/params/network_params.hpp"
#include "net/wire/frame_decoder.hpp"
#include "net/wire/messages.hpp"

namespace {

using namespace btcnet;

constexpr int max_events = 256;
constexpr std::size_t read_size = 64 * 1024;

struct connection {
  explicit connection(std::uint32_t magic) : decoder(magic) {}
  wire::frame_decoder decoder;
  bool failed = false;
};

class floor_server {
 public:
  floor_server(int listener, std::uint32_t magic) : listener_(listener), magic_(magic) {}

  int run() {
    epoll_ = ::epoll_create1(0);
    if (epoll_ < 0 || !watch(listener_)) return perror_exit("epoll");
    std::array<epoll_event, max_events> events{};
    for (;;) {
      const int n = ::epoll_wait(epoll_, events.data(), max_events, -1);
      if (n < 0 && errno != EINTR) return perror_exit("epoll_wait");
      for (int i = 0; i < n; ++i) {
        const int fd = events[i].data.fd;
        if (fd != listener_) {
          serve(fd);
        } else if (!accept_all()) {  // out of descriptors: the listener would spin
          return perror_exit("btcnet-floor: accept");
        }
      }
    }
  }

 private:
  static int perror_exit(const char* what) {
    std::perror(what);
    return 1;
  }

  bool watch(int fd) {
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.fd = fd;
    return ::epoll_ctl(epoll_, EPOLL_CTL_ADD, fd, &ev) == 0;
  }

  // False when the process is out of descriptors.
  bool accept_all() {
    for (;;) {
      const int fd = ::accept4(listener_, nullptr, nullptr, SOCK_NONBLOCK);
      if (fd < 0) return errno != EMFILE && errno != ENFILE;
      const int one = 1;  // as the node: answers are not held back by Nagle
      ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      if (static_cast<std::size_t>(fd) >= conns_.size()) conns_.resize(fd + 1);
      conns_[fd] = std::make_unique<connection>(magic_);
      if (!watch(fd)) drop(fd);
    }
  }

  void drop(int fd) {
    ::close(fd);  // also leaves the epoll set
    conns_[fd].reset();
  }

  struct sink {
    floor_server& server;
    connection& conn;
    void on_frame(const wire::frame& f) { server.answer(f); }
    void on_unknown(std::string_view, std::uint32_t) {}
    void on_bad_frame(wire::command, std::error_code) {}
    void on_error(std::error_code) { conn.failed = true; }
  };

  void serve(int fd) {
    const ssize_t n = ::recv(fd, buffer_.data(), buffer_.size(), 0);
    if (n <= 0) {
      if (n == 0 || (errno != EAGAIN && errno != EINTR)) drop(fd);
      return;
    }
    out_.clear();
    connection& c = *conns_[fd];
    c.decoder.feed(wire::byte_span(buffer_.data(), static_cast<std::size_t>(n)), sink{*this, c});
    if (!out_.empty()) ::send(fd, out_.data(), out_.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    if (c.failed) drop(fd);
  }

  void answer(const wire::frame& f) {
    wire::message m;
    if (wire::decode_payload(f.cmd, f.payload, wire::protocol_version, m)) return;
    if (std::holds_alternative<wire::msg::version>(m)) {
      wire::msg::version v;
      v.nonce = ++nonce_;
      v.user_agent = "/btcnet-floor/";
      wire::encode_frame(out_, magic_, v, wire::protocol_version);
      wire::encode_frame(out_, magic_, wire::msg::verack{}, wire::protocol_version);
    } else if (const auto* p = std::get_if<wire::msg::ping>(&m)) {
      wire::encode_frame(out_, magic_, wire::msg::pong{p->nonce}, wire::protocol_version);
    }
  }

  int listener_;
  std::uint32_t magic_;
  int epoll_ = -1;
  std::uint64_t nonce_ = 0;
  std::vector<std::unique_ptr<connection>> conns_;
  std::array<std::uint8_t, read_size> buffer_{};
  wire::bytes out_;
};

int listen_on(const std::string& host, std::uint16_t port) {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  if (::inet_pton(AF_INET, host.c_str(), &addr.sin_addr) != 1 ||
      (ntohl(addr.sin_addr.s_addr) >> 24) != 127) {
    std::fprintf(stderr, "btcnet-floor: --host must be an IPv4 loopback address\n");
    return -1;
  }
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  const int one = 1;
  if (fd < 0 || ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
      ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::listen(fd, SOMAXCONN) != 0) {
    std::perror("btcnet-floor: listen");
    return -1;
  }
  return fd;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "btcnet-floor: the minimal handshake responder btcnet-load's figures are compared with",
      "btcnet-floor"};
  std::string host = "127.0.0.1", network = "regtest";
  std::uint16_t port = 28555;
  app.add_option("--host", host, "IPv4 loopback address to listen on");
  app.add_option("--port", port, "port to listen on");
  app.add_option("--network", network, "whose magic to speak (mainnet, testnet3, regtest, ...)");
  CLI11_PARSE(app, argc, argv);
  const auto net = params::network_by_name(network);
  if (!net) {
    std::fprintf(stderr, "btcnet-floor: unknown network %s\n", network.c_str());
    return 2;
  }
  const int listener = listen_on(host, port);
  if (listener < 0) return 1;
  return floor_server(listener, params::params_for(*net).magic).run();
}
