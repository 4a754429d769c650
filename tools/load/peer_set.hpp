// A set of handshaked connections to the target, opened `concurrency` at a time, each from its own
// /24: what hold and flood run on.
#pragma once

#include <vector>

#include "tools/load/load_context.hpp"

namespace btcnet::load {

struct peer_set {
  std::vector<std::shared_ptr<load_client>> peers;  // handshaked and still open
  std::uint64_t failed = 0;

  // Opens `count` peers; returns when all are up or have failed (or `limit` passed).
  void open(load_context& ctx, std::uint32_t count, std::uint32_t concurrency,
            std::chrono::milliseconds limit);
  std::size_t live() const;
  void close_all();
};

}  // namespace btcnet::load
