// Our own addresses and which one to advertise to a given peer (btcd AddLocalAddress /
// GetBestLocalAddress).
#pragma once

#include <cstdint>
#include <system_error>
#include <vector>

#include "actors/addr_manager/book_constants.hpp"
#include "net/wire/net_address.hpp"

namespace btcnet::addr_manager {

// How a local address was learned; higher is more trusted (btcd AddressPriority).
enum class address_priority : int {
  interface_prio = 0,  // on a local interface
  bound = 1,           // explicitly bound to (--listen)
  upnp = 2,            // from UPnP
  http = 3,            // from an external HTTP service
  manual = 4,          // --externalip
};

class local_addresses {
 public:
  struct entry {
    wire::peer_address addr;
    int score = 0;
  };

  // Refuses non-routable addresses (address_errc::not_routable). A known address's score becomes
  // priority + 1 when the new priority is higher than its score (btcd's rule, kept as is).
  std::error_code add(const wire::peer_address& addr, address_priority priority);

  // The local address with the best reachability from `remote`, ties broken by higher score,
  // earlier-added first (btcd iterates a Go map: ties are arbitrary there). As in btcd, an entry
  // only beats the initial (reach 0, score 0) when its reach or score is higher. With none:
  // 0.0.0.0 (IPv4 or Tor remote) or :: (others), port 0, services NETWORK|WITNESS|BLOOM, time now.
  wire::peer_address best_for(const wire::endpoint& remote, unix_time now) const;

  const std::vector<entry>& entries() const { return entries_; }

 private:
  std::vector<entry> entries_;
};

}  // namespace btcnet::addr_manager
