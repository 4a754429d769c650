// Thousands of btcnet nodes in one process: every node is the real set of actors (node.hpp) on a
// simulated internet (transport::sim_network), and CAF's test coordinator runs them all on one
// thread in virtual time. One event loop advances both clocks together: the network's events
// (frames, dials, the simulation's own steps) and CAF's timers (retries, pings, address dumps).
// The same options and seed give the same run, event for event.
#pragma once

#include <caf/all.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <vector>

#include "actors/node/node.hpp"
#include "net/transport/sim_network.hpp"
#include "tools/sim/adversary.hpp"

namespace btcnet::sim {

struct sim_options {
  std::size_t nodes = 100;
  std::uint64_t seed = 1;
  std::uint32_t target_outbound = 8;  // btcd defaultTargetOutbound
  std::uint32_t max_peers = 125;      // btcd defaultMaxPeers
  // How many /16 groups the nodes spread over (0: one group per node).
  std::size_t groups = 0;
  // The first `start_first` nodes come up one by one over `start_spread`, in a fixed order; the
  // rest wait for start_at (a scenario's late joiners).
  std::size_t start_first = std::numeric_limits<std::size_t>::max();
  caf::timespan start_spread = std::chrono::seconds(10);
  transport::sim_link_profile link;
  // btcd's log levels for every node ("off", "warn", "info", ...): one process logs for all.
  std::string log_level = "off";
};

// What one node looks like at a moment.
struct node_sample {
  std::uint32_t outbound = 0;
  std::uint32_t inbound = 0;
  std::uint64_t new_entries = 0;
  std::uint64_t tried_entries = 0;
};

class simulation {
 public:
  explicit simulation(sim_options options);
  ~simulation();
  simulation(const simulation&) = delete;
  simulation& operator=(const simulation&) = delete;

  // Runs the event loop for `span` of virtual time.
  void run_for(caf::timespan span);
  caf::timespan elapsed() const;
  caf::actor_clock::time_point now() const { return start_ + elapsed(); }
  // Brings node i up at `when` (no earlier than now); a started node is left alone.
  void start_at(std::size_t i, caf::actor_clock::time_point when);
  // Node i leaves at `when`: its actors stop (its peers see their connections close), the DNS
  // seed stops handing it out and dials to it are refused. A node that left does not come back.
  void stop_at(std::size_t i, caf::actor_clock::time_point when);

  std::size_t size() const { return nodes_.size(); }
  // Node i's address: a routable-looking IPv4 address (11.0.0.0 - 99.255.255.255, none of it
  // private or reserved) in group i % groups, port 8333.
  const wire::endpoint& address(std::size_t i) const { return addresses_[i]; }
  bool started(std::size_t i) const { return started_[i]; }  // up now
  bool left(std::size_t i) const { return left_[i]; }
  bool leaving(std::size_t i) const { return leaving_[i]; }  // stop_at was called: left or soon

  // Asks every started node (unstarted ones read as zero).
  std::vector<node_sample> sample();
  // Where each node's address book holds `where` (nowhere for unstarted nodes).
  std::vector<actors::address_place> find(const wire::endpoint& where);
  // The addresses of node i's outbound peers.
  std::vector<wire::endpoint> outbound_peers(std::size_t i);
  // How many of `addresses` node i's address book holds in its tried table.
  std::size_t tried_among(std::size_t i, const std::vector<wire::endpoint>& addresses);

  // Adds `count` misbehaving hosts of one kind (addresses in 101.0.0.0-126.255.255.255), each
  // listening; with `in_seed` the DNS seed hands them out like honest nodes. Returns their
  // addresses. Eclipse attackers announce every adversary added so far and in this call.
  std::vector<wire::endpoint> add_adversaries(adversary_kind kind, std::size_t count, bool in_seed);
  // Adversary `address` connects to node i at `when` (and pushes its addresses there).
  void attack_at(const wire::endpoint& address, std::size_t i, caf::actor_clock::time_point when);

  transport::sim_network& network() { return *net_; }
  const sim_options& options() const { return options_; }

 private:
  static caf::actor_system_config& init(caf::actor_system_config& cfg);
  actors::node_options node_options(std::size_t i) const;
  void start_node(std::size_t i);
  void stop_node(std::size_t i);
  std::vector<wire::endpoint> seed_answer();
  template <class T, class Handle, class Msg>
  std::vector<T> ask_all(const std::function<Handle(const actors::node&)>& pick, Msg msg);

  sim_options options_;
  // Declared before the actor system, so destroyed after it: connections still held by actors
  // that go away with the system hang up on a network that is still there. Made once the
  // system's clock exists (both clocks start at the same point).
  std::unique_ptr<transport::sim_network> net_;
  caf::actor_system_config cfg_;
  caf::actor_system sys_;
  caf::scheduler::test_coordinator& sched_;
  caf::actor_clock::time_point start_;
  std::vector<wire::endpoint> addresses_;
  std::vector<std::unique_ptr<actors::node>> nodes_;
  std::vector<bool> started_;
  std::vector<bool> left_;
  std::vector<bool> leaving_;
  std::vector<wire::endpoint> seed_pool_;  // what the DNS seed hands out: started nodes and
                                           // adversaries added in_seed
  std::vector<std::unique_ptr<adversary>> adversaries_;
  std::uint64_t seed_draws_ = 0;
};

}  // namespace btcnet::sim
