// Outbound TCP dialing: directly, or through a SOCKS5 proxy (btcd --proxy / --onion, Tor stream
// isolation), with a timeout over the whole attempt. Resolves a host name only when given one.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <system_error>

#include "net/transport/socks5.hpp"

namespace btcnet::transport {

struct proxy_settings {
  std::string host;  // IP literal or name of the SOCKS5 server
  std::uint16_t port = 9050;
  std::optional<socks5::credentials> credentials;
  bool isolate = false;  // fresh random credentials per connection (Tor stream isolation)
};

struct dial_settings {
  std::chrono::milliseconds timeout{30'000};  // btcd defaultConnectTimeout (Core uses 5 s)
  std::optional<proxy_settings> proxy;        // all traffic (--proxy)
  std::optional<proxy_settings> onion_proxy;  // .onion traffic (--onion); else `proxy`
  bool onion_disabled = false;                // --noonion
};

// Where to dial: an IP literal, a TorV3 ".onion" name, or a DNS name.
struct dial_target {
  std::string host;
  std::uint16_t port = 0;
  std::string to_string() const;
};

// On success the socket is connected (through the proxy, if any) and uses a strand of the
// io_context as its executor, ready for tcp_connection.
using dial_handler = std::function<void(std::error_code, boost::asio::ip::tcp::socket)>;

class dial_operation {
 public:
  virtual ~dial_operation() = default;
  // Stops the attempt; the handler is called with dial_canceled unless it already ran.
  // Thread-safe.
  virtual void cancel() = 0;
};

// Starts a dial; `handler` runs exactly once, on an I/O thread.
std::shared_ptr<dial_operation> async_dial(boost::asio::io_context& io, dial_target target,
                                           const dial_settings& settings, dial_handler handler);

}  // namespace btcnet::transport
