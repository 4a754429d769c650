// From a validated configuration to a running node: the data-directory lock, logging, and the
// node's options (btcd newServer's choices). Kept apart from main() so that tests can use it.
#pragma once

#include <caf/fwd.hpp>
#include <optional>
#include <string>

#include "actors/node/node.hpp"
#include "apps/btcnetd/config.hpp"
#include "net/transport/tcp_network.hpp"

namespace btcnet::node {

// An exclusive lock on <data_dir>/.lock, held while the object lives: a second node pointed at
// the same data directory refuses to start.
class data_dir_lock {
 public:
  // Creates the directory if needed; on failure `error` says why and the lock is not held.
  explicit data_dir_lock(const std::filesystem::path& data_dir, std::string& error);
  ~data_dir_lock();
  data_dir_lock(const data_dir_lock&) = delete;
  data_dir_lock& operator=(const data_dir_lock&) = delete;
  bool held() const { return fd_ >= 0; }

 private:
  int fd_ = -1;
};

// Raises the soft open-file limit to the hard one (each peer is a descriptor); {before, after}.
std::pair<std::uint64_t, std::uint64_t> raise_open_file_limit();

// The node's threads: one runs Asio's I/O (every socket's reads, the listeners, the RPC server);
// CAF's scheduler gets the remaining cores, at least one. CAF's default of one worker per core
// oversubscribes the machine next to the I/O thread: on 2 cores, 1 worker instead of 2 takes the
// node from ~6,200 to ~8,800 handshakes per CPU-second (docs/benchmarks.md).
struct thread_plan {
  std::size_t io_threads = 1;
  std::size_t actor_workers = 1;
};
thread_plan plan_threads(unsigned hardware_threads);
void apply(const thread_plan& plan, caf::actor_system_config& cfg);

// Console and rotating file (<log_dir>/btcnetd.log) at the configured levels.
std::string setup_logging(const node_config& config);

// btcd's user agent: "/btcnet:<version>(comment; ...)/".
std::string user_agent(const node_config& config);

// The TCP network the node dials and listens on: the network's magic, proxies, --noonion.
transport::tcp_network_config network_config_from(const node_config& config);
actors::node_options node_options_from(const node_config& config, caf::actor_system& sys);

}  // namespace btcnet::node
