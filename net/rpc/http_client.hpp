// A blocking HTTP client for one JSON-RPC exchange: what btcnet-cli, the inspector and the tests
// use to talk to a node.
#pragma once

#include <chrono>
#include <string>

#include "net/rpc/auth.hpp"

namespace btcnet::rpc {

struct http_result {
  unsigned status = 0;  // 0 when no HTTP reply was received
  std::string body;
  std::string error;  // connection or protocol failure, when status == 0
};

// POSTs `body` to http://<host_port><target> with Basic credentials.
http_result http_post(const std::string& host_port, const credentials& auth,
                      const std::string& body, std::chrono::milliseconds timeout,
                      const std::string& target = "/");
// GET, for endpoints such as /metrics.
http_result http_get(const std::string& host_port, const credentials& auth,
                     const std::string& target, std::chrono::milliseconds timeout);

// "host:port" or "[v6]:port" split; false when malformed.
bool split_host_port(const std::string& text, std::string& host, std::string& port);

}  // namespace btcnet::rpc
