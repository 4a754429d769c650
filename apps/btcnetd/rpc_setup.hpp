// btcnetd's RPC endpoint: the rpc actor, the HTTP server on --rpclisten, and the files through
// which local clients find it (<datadir>/.cookie when no --rpcuser/--rpcpass, and rpc.endpoint).
// The files are removed when the endpoint closes.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "actors/node/node.hpp"
#include "actors/rpc/rpc_service.hpp"
#include "apps/btcnetd/config.hpp"
#include "net/rpc/http_server.hpp"
#include "net/transport/io_runtime.hpp"

namespace btcnet::node {

// What getnetworkinfo reports about this node.
actors::node_info node_info_from(const node_config& config, std::int64_t start_time);

class rpc_endpoint {
 public:
  rpc_endpoint(caf::actor_system& sys, transport::io_runtime& io, const node_config& config,
               const actors::node& node, std::function<void()> request_stop);
  ~rpc_endpoint();
  rpc_endpoint(const rpc_endpoint&) = delete;
  rpc_endpoint& operator=(const rpc_endpoint&) = delete;

  // Binds every --rpclisten address and writes the client files; "" or what failed.
  std::string start();
  void stop();
  // The bound addresses as host:port.
  std::vector<std::string> addresses() const;

 private:
  const node_config& config_;
  actors::rpc_actor rpc_;
  rpc::credentials auth_;
  std::unique_ptr<rpc::http_server> http_;
  bool wrote_cookie_ = false;
  bool wrote_endpoint_ = false;
};

}  // namespace btcnet::node
