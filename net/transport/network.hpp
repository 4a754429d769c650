// The network a node lives on: what its dialer and listeners need to reach other nodes (connect,
// listen, resolve a name). `tcp_network` is the real one (Asio sockets); the simulation supplies
// an in-memory one. Actors hold a `network&` and never learn which it is.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <system_error>
#include <vector>

#include "net/transport/connection.hpp"
#include "net/transport/dial.hpp"
#include "net/wire/net_address.hpp"

namespace btcnet::transport {

struct listener_stats {
  std::uint64_t accepted = 0;
  std::uint64_t errors = 0;
};

// A bound, accepting address.
class listening {
 public:
  virtual ~listening() = default;
  virtual wire::endpoint local() const = 0;  // the bound address (the real port for port 0)
  virtual listener_stats stats() const = 0;
  // Stops accepting; no handler runs afterwards. Thread-safe and idempotent.
  virtual void stop() = 0;
};

// Each handler runs on the network's own thread (never an actor's), so implementations forward to
// actors by message.
using connect_done = std::function<void(std::error_code, connection_ptr)>;
using accept_handler = std::function<void(connection_ptr)>;
using accept_error_handler = std::function<void(std::error_code)>;
using resolve_done = std::function<void(std::error_code, std::vector<wire::endpoint>)>;

class network {
 public:
  virtual ~network() = default;

  // Starts connecting to `target`; `done` runs exactly once, with a connection that reads nothing
  // until started, or with the error (dial_canceled after a cancel).
  virtual std::shared_ptr<dial_operation> connect(const dial_target& target, connect_done done) = 0;
  // Binds `where` and accepts; nullptr with `ec` set when it cannot (the caller names the
  // address). Accepted connections read nothing until started.
  virtual std::shared_ptr<listening> listen(const wire::endpoint& where, accept_handler on_accept,
                                            accept_error_handler on_error, std::error_code& ec) = 0;
  // Every address of `host` (DNS seeding), de-duplicated, with `port`; `done` runs once.
  virtual void resolve(const std::string& host, std::uint16_t port, resolve_done done) = 0;
};

}  // namespace btcnet::transport
