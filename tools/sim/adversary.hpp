// Misbehaving hosts on the simulated internet. Not btcnet nodes: scripted peers on the far side of
// the wire (like btcnet-load's hostile mode), speaking just enough of the protocol to do harm:
//  - silent: accepts connections and never sends a byte (its peers' handshake timeout drops it);
//  - addr_spammer: connects to its targets, completes the handshake, then sends addr messages of
//    1,000 addresses of hosts that do not exist, every push interval;
//  - eclipse: answers getaddr, and pushes to its targets every interval, with the addresses of
//    its allies only (the attackers announce each other), and is an honest-looking peer otherwise.
#pragma once

#include <caf/actor_clock.hpp>
#include <memory>
#include <optional>
#include <random>
#include <string_view>
#include <vector>

#include "net/transport/sim_network.hpp"

namespace btcnet::sim {

enum class adversary_kind { silent, addr_spammer, eclipse };
std::optional<adversary_kind> adversary_kind_named(std::string_view name);

struct adversary_config {
  adversary_kind kind = adversary_kind::silent;
  std::uint32_t magic = 0;
  std::vector<wire::endpoint> allies;  // what an eclipse attacker announces
  caf::timespan push_interval = std::chrono::seconds(10);
  std::uint64_t seed = 0;  // the spammer's invented addresses
  // Unix time now, for address timestamps (the simulation's calendar).
  std::function<std::int64_t()> unix_now;
};

class adversary {
 public:
  adversary(transport::sim_network& net, wire::endpoint address, adversary_config config);
  ~adversary();
  adversary(const adversary&) = delete;
  adversary& operator=(const adversary&) = delete;

  // Accepts connections on its address (port 8333).
  void listen();
  // Connects to `target`; once the handshake is done, pushes addresses there (spammer, eclipse).
  void attack(const wire::endpoint& target);
  const wire::endpoint& address() const { return address_; }

  class session;  // one connection's protocol state

 private:
  friend class session;
  void start(transport::connection_ptr conn, bool outbound);
  std::vector<wire::peer_address> announcement();
  void push_later(std::weak_ptr<session> s);

  transport::sim_network& net_;
  wire::endpoint address_;
  adversary_config config_;
  std::mt19937_64 rng_;
  std::shared_ptr<transport::listening> listener_;
  std::vector<std::shared_ptr<session>> sessions_;
};

}  // namespace btcnet::sim
