#include "net/address/reachability.hpp"

#include "net/address/classification.hpp"
#include "net/address/ip_ranges.hpp"

namespace btcnet::address {
namespace {

using wire::network_id;

bool routable_ipv4(const wire::endpoint& e) {
  return is_routable(e) && is_ipv4(e);
}

// Remote on an overlay network: same network is private; an IPv4 local works for Tor only
// (exits connect out to IPv4); otherwise nothing better than the default.
reachability from_overlay(const wire::endpoint& local, network remote_net) {
  const network local_net = network_of(local);
  if (remote_net == network::onion) {
    if (local.net == network_id::torv3 && local_net == network::onion)
      return reachability::private_net;
    if (is_onioncat(local)) return reachability::unreachable;  // v3 remotes cannot reach v2
    if (routable_ipv4(local)) return reachability::ipv4;
    return reachability::default_reach;
  }
  return local_net == remote_net ? reachability::private_net : reachability::default_reach;
}

reachability from_onioncat(const wire::endpoint& local) {
  if (is_onioncat(local)) return reachability::private_net;
  if (routable_ipv4(local)) return reachability::ipv4;
  return reachability::default_reach;
}

reachability from_teredo(const wire::endpoint& local, const legacy_ip& lip) {
  if (!is_routable(local)) return reachability::default_reach;
  if (is_rfc4380(lip)) return reachability::teredo;
  if (lip.is_v4()) return reachability::ipv4;
  return reachability::ipv6_weak;
}

reachability from_ipv6(const wire::endpoint& local, const legacy_ip& lip) {
  const bool tunnelled = is_rfc3964(lip) || is_rfc6052(lip) || is_rfc6145(lip);
  if (!is_routable(local)) return reachability::default_reach;
  if (is_rfc4380(lip)) return reachability::teredo;
  if (lip.is_v4()) return reachability::ipv4;
  return tunnelled ? reachability::ipv6_weak : reachability::ipv6_strong;
}

}  // namespace

reachability reachability_from(const wire::endpoint& local, const wire::endpoint& remote) {
  if (!is_routable(remote)) return reachability::unreachable;
  const auto rip = legacy_form(remote);
  if (!rip) return from_overlay(local, network_of(remote));  // TorV3, I2P, CJDNS
  const auto lip = legacy_form(local);
  if (!lip) return reachability::default_reach;  // btcd: "can't be sure" for a TorV3 local
  if (is_onioncat(*rip)) return from_onioncat(local);
  if (is_rfc4380(*rip)) return from_teredo(local, *lip);
  if (rip->is_v4()) return routable_ipv4(local) ? reachability::ipv4 : reachability::unreachable;
  return from_ipv6(local, *lip);
}

}  // namespace btcnet::address
