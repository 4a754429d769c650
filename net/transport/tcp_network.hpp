// The real network: Asio TCP sockets on an io_runtime, dialed directly or through SOCKS5.
#pragma once

#include "net/transport/io_runtime.hpp"
#include "net/transport/network.hpp"
#include "net/transport/tcp_connection.hpp"

namespace btcnet::transport {

struct tcp_network_config {
  std::uint32_t magic = 0;  // the network's, for every connection's frame decoder
  dial_settings dial;       // timeout and proxies
  tcp_limits limits;        // per-connection send and receive bounds
};

class tcp_network final : public network {
 public:
  // `io` must outlive the network and everything it made.
  tcp_network(io_runtime& io, tcp_network_config config) : io_(io), config_(std::move(config)) {}

  std::shared_ptr<dial_operation> connect(const dial_target& target, connect_done done) override;
  std::shared_ptr<listening> listen(const wire::endpoint& where, accept_handler on_accept,
                                    accept_error_handler on_error, std::error_code& ec) override;
  void resolve(const std::string& host, std::uint16_t port, resolve_done done) override;

  const tcp_network_config& config() const { return config_; }

 private:
  io_runtime& io_;
  tcp_network_config config_;
};

}  // namespace btcnet::transport
