#include "actors/addr_manager/local_addresses.hpp"

#include <algorithm>

#include "net/address/address_errors.hpp"
#include "net/address/classification.hpp"
#include "net/address/reachability.hpp"
#include "net/wire/protocol.hpp"

namespace btcnet::addr_manager {

std::error_code local_addresses::add(const wire::peer_address& addr, address_priority priority) {
  if (!address::is_routable(addr.where)) return address::address_errc::not_routable;
  const wire::endpoint where = address::normalize(addr.where);
  const int prio = static_cast<int>(priority);
  auto it = std::find_if(entries_.begin(), entries_.end(),
                         [&](const entry& e) { return e.addr.where == where; });
  if (it == entries_.end()) {
    wire::peer_address copy = addr;
    copy.where = where;
    entries_.push_back({copy, prio});
  } else if (it->score < prio) {
    it->score = prio + 1;
  }
  return {};
}

wire::peer_address local_addresses::best_for(const wire::endpoint& remote, unix_time now) const {
  int best_reach = 0;
  int best_score = 0;
  const entry* best = nullptr;
  for (const entry& e : entries_) {
    const int reach = static_cast<int>(address::reachability_from(e.addr.where, remote));
    if (reach > best_reach || (reach == best_reach && e.score > best_score)) {
      best_reach = reach, best_score = e.score, best = &e;
    }
  }
  if (best) return best->addr;
  wire::peer_address none;
  none.time = static_cast<std::uint32_t>(now);
  none.services = wire::node_network | wire::node_witness | wire::node_bloom;
  const bool v4 = remote.net == wire::network_id::torv3 || address::is_ipv4(remote) ||
                  address::is_onioncat(remote);
  none.where =
      v4 ? wire::endpoint::ipv4(0, 0, 0, 0, 0) : wire::endpoint{wire::network_id::ipv6, {}, 0};
  return none;
}

}  // namespace btcnet::addr_manager
