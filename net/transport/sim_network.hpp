// The simulated internet: hosts with addresses, listening ports, TCP-like links with latency,
// bandwidth and loss, partitions and DNS-seed-like lookups, all in memory and in virtual time.
// A simulation's event loop runs it beside CAF's test coordinator (the same clock drives both).
// Nothing here opens a socket, so a simulated node cannot reach the real network, whatever
// addresses its book holds. Every random choice comes from the seed: a run is reproducible.
//
// Not thread-safe: one thread runs the simulation's actors and this network.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <queue>
#include <random>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "net/transport/network.hpp"

namespace btcnet::transport {

class sim_connection;
class sim_host;
class sim_listening;

struct sim_link_profile {
  using duration = std::chrono::nanoseconds;
  // One-way delay between two hosts: `latency` plus a fixed share of `jitter` per pair of hosts.
  duration latency = std::chrono::milliseconds(40);
  duration jitter = std::chrono::milliseconds(60);
  double bandwidth = 1'000'000;  // bytes per second, each direction of each link
  // The chance that a frame is lost and retransmitted after `retransmit_timeout` (TCP keeps the
  // stream whole; a loss costs time, and holds back what follows).
  double loss = 0;
  duration retransmit_timeout = std::chrono::milliseconds(200);  // Linux's minimum RTO
  duration connect_timeout = std::chrono::seconds(30);           // btcd defaultConnectTimeout
  // A link cut by a partition for longer than this is reset (Linux gives up after ~15 minutes of
  // retransmissions, tcp_retries2 = 15).
  duration user_timeout = std::chrono::minutes(15);
};

struct sim_network_stats {
  std::uint64_t dials = 0;
  std::uint64_t dials_failed = 0;
  std::uint64_t links_opened = 0;
  std::uint64_t links_open = 0;
  std::uint64_t frames = 0;
  std::uint64_t bytes = 0;
};

class sim_network {
 public:
  using time_point = std::chrono::steady_clock::time_point;  // caf::actor_clock's
  using duration = std::chrono::nanoseconds;
  // DNS-seed-like answers: the addresses a lookup of `name` returns (empty: not found).
  using seed_source = std::function<std::vector<wire::endpoint>(const std::string& name)>;

  sim_network(std::uint32_t magic, sim_link_profile profile, std::uint64_t seed, time_point start);
  ~sim_network();
  sim_network(const sim_network&) = delete;
  sim_network& operator=(const sim_network&) = delete;

  // The network as the host with this IP address sees it (the port is ignored): what its node's
  // dialer, listeners and seeder use. Created on first use; lives as long as the sim_network.
  network& host(const wire::endpoint& address);
  void set_seed_source(seed_source source) { seeds_ = std::move(source); }

  // Links between hosts on different sides are cut: their frames wait, new dials across time out,
  // and a link cut for longer than the user timeout is reset. A new partition replaces the last;
  // heal() restores every link.
  void partition(std::function<int(const wire::endpoint&)> side_of);
  void heal();

  // Runs `fn` at `at` (no earlier than now): the simulation's own events, such as node starts and
  // scenario steps, share the network's queue and so interleave with it deterministically.
  void at(time_point when, std::function<void()> fn) { schedule(when, std::move(fn)); }

  // The event loop: the time of the next event, and running every event due by `t`.
  std::optional<time_point> next_event() const;
  std::size_t run_until(time_point t);
  time_point now() const { return now_; }
  // Drops every pending event and listener (before the actors they would call go away).
  void clear();

  const sim_network_stats& stats() const { return stats_; }

  // ---- for sim_host, sim_listening and sim_connection ----
  std::shared_ptr<dial_operation> connect(const wire::endpoint& from, const dial_target& target,
                                          connect_done done);
  std::shared_ptr<listening> listen(const wire::endpoint& where, accept_handler on_accept,
                                    std::error_code& ec);
  void stop_listening(const wire::endpoint& where);
  void resolve(const wire::endpoint& from, const std::string& name, std::uint16_t port,
               resolve_done done);
  void transmit(std::uint64_t link, int side, wire::bytes frame);
  void hang_up(std::uint64_t link, int side);

 private:
  struct link;
  struct event {
    time_point at;
    std::uint64_t seq;  // ties break by order of scheduling: deterministic
    std::function<void()> run;
    bool operator>(const event& o) const { return at != o.at ? at > o.at : seq > o.seq; }
  };

  void schedule(time_point at, std::function<void()> fn);
  duration one_way(const wire::endpoint& a, const wire::endpoint& b) const;
  bool is_cut(const wire::endpoint& a, const wire::endpoint& b) const;
  void open_link(const wire::endpoint& from, const wire::endpoint& to, const connect_done& done);
  void send_now(std::uint64_t id, link& l, int side, wire::bytes frame);
  void restore(std::uint64_t id);
  void reset_link(std::uint64_t id, std::error_code reason);

  std::uint32_t magic_;
  sim_link_profile profile_;
  std::uint64_t seed_;
  std::mt19937_64 rng_;
  time_point now_;
  std::uint64_t next_seq_ = 0;
  std::priority_queue<event, std::vector<event>, std::greater<>> events_;
  std::unordered_map<wire::endpoint, std::unique_ptr<sim_host>, wire::endpoint_hash> hosts_;
  std::unordered_map<wire::endpoint, std::weak_ptr<sim_listening>, wire::endpoint_hash> listeners_;
  std::map<std::uint64_t, link> links_;  // ordered: partitions visit links in a fixed order
  std::uint64_t next_link_ = 1;
  std::function<int(const wire::endpoint&)> side_of_;  // set while partitioned
  std::uint64_t partition_epoch_ = 0;                  // partitions so far
  seed_source seeds_;
  sim_network_stats stats_;
};

}  // namespace btcnet::transport
