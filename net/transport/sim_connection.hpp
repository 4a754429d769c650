// One end of a simulated TCP connection: the bytes a peer sends travel through the simulated
// network (sim_network) as the encoded frames the wire codec made, and arrive through the same
// streaming frame decoder a TCP connection uses, so the codec and the peer protocol run for real.
//
// Not thread-safe, unlike tcp_connection: a simulation runs every actor and its network on one
// thread (CAF's test coordinator), so there is nothing to lock.
#pragma once

#include <deque>
#include <functional>
#include <memory>
#include <vector>

#include "net/transport/connection.hpp"
#include "net/wire/frame_decoder.hpp"

namespace btcnet::transport {

class sim_network;

class sim_connection final : public connection {
 public:
  sim_connection(sim_network& net, std::uint64_t link, int side, std::uint32_t magic,
                 wire::endpoint local, wire::endpoint remote);
  ~sim_connection() override;

  void start(std::shared_ptr<connection_handler> handler) override;
  bool send(wire::bytes frame) override;
  void close() override;
  // The simulation models no receive buffer limit: a simulated peer is charged nothing here.
  void consumed(std::size_t) override {}
  const wire::endpoint& remote() const override { return remote_; }
  const wire::endpoint& local() const override { return local_; }
  connection_stats stats() const override { return stats_; }
  void on_release(std::function<void()> fn) override;

  // From the network: bytes the other end sent (held until start, as a socket buffers them), and
  // the end of the link (the other end closed, or the link died).
  void arrive(wire::bytes bytes);
  void reset(std::error_code reason);

 private:
  struct frame_sink;
  void decode(wire::byte_span bytes);
  void finish(std::error_code reason);  // closed: release, then on_closed once

  sim_network& net_;
  std::uint64_t link_;
  int side_;
  wire::endpoint local_;
  wire::endpoint remote_;
  wire::frame_decoder decoder_;
  connection_stats stats_;
  std::shared_ptr<connection_handler> handler_;
  std::deque<wire::bytes> unread_;        // arrived before start
  std::optional<std::error_code> ended_;  // closed before start: reported at start
  bool closed_ = false;
  std::vector<std::function<void()>> release_hooks_;
  bool released_ = false;
};

}  // namespace btcnet::transport
