// How well a remote peer can reach one of our addresses (btcd getReachabilityFrom, Core
// CNetAddr::GetReachabilityFrom), used to choose which local address to advertise to it.
#pragma once

#include "net/wire/net_address.hpp"

namespace btcnet::address {

// btcd's constants, in its order (higher is better).
enum class reachability : int {
  unreachable = 0,
  default_reach = 1,
  teredo = 2,
  ipv6_weak = 3,
  ipv4 = 4,
  ipv6_strong = 5,
  private_net = 6,
};

// btcd's table exactly for IPv4 / IPv6 / Teredo / Tor remotes and locals. Extensions as Core:
// an I2P (CJDNS) remote reaches an I2P (CJDNS) local privately and anything else by default;
// an I2P or CJDNS local is "default" for other remotes, as btcd treats a TorV3 local.
reachability reachability_from(const wire::endpoint& local, const wire::endpoint& remote);

}  // namespace btcnet::address
