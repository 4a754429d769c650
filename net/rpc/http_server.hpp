// A small HTTP/1.1 server (Boost.Beast) for the node's RPC and metrics: every request needs HTTP
// Basic credentials; bodies over a limit get 413; failed authentication is answered after a fixed
// delay (Bitcoin Core sleeps 250 ms) so guessing is slow. What a request means is the handler's
// business: the server knows nothing of JSON-RPC.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <system_error>
#include <vector>

#include "net/rpc/auth.hpp"

namespace btcnet::rpc {

struct http_request {
  std::string method;  // "POST", "GET", ...
  std::string target;  // "/", "/metrics", ...
  std::string body;
};

struct http_response {
  unsigned status = 200;
  std::string content_type = "application/json";
  std::string body;
};

// Called once per authenticated request on an I/O thread; `respond` may be called later from any
// thread, exactly once.
using respond_fn = std::function<void(http_response)>;
using handler_fn = std::function<void(http_request, respond_fn)>;

struct http_server_config {
  credentials auth;
  std::size_t body_limit = 1 << 20;                           // 1 MiB, then 413
  std::chrono::milliseconds auth_failure_delay{250};          // Bitcoin Core httprpc.cpp
  std::chrono::seconds idle_timeout{30};                      // Core -rpcservertimeout default
  std::size_t max_connections = 128;                          // further connections are closed
};

class http_server {
 public:
  http_server(boost::asio::io_context& io, http_server_config config, handler_fn handler);
  ~http_server();
  http_server(const http_server&) = delete;
  http_server& operator=(const http_server&) = delete;

  // Binds and starts accepting; may be called for several addresses.
  std::error_code listen(const boost::asio::ip::tcp::endpoint& where);
  std::vector<boost::asio::ip::tcp::endpoint> local_endpoints() const;
  // Closes the listeners and every open connection. Idempotent.
  void stop();

  class session;

 private:
  struct shared;
  static void accept(boost::asio::io_context& io,
                     std::shared_ptr<boost::asio::ip::tcp::acceptor> acceptor,
                     std::shared_ptr<shared> owner);

  boost::asio::io_context& io_;
  std::shared_ptr<shared> shared_;
  std::vector<std::shared_ptr<boost::asio::ip::tcp::acceptor>> acceptors_;
};

}  // namespace btcnet::rpc
