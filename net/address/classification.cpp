#include "net/address/classification.hpp"

#include <algorithm>

#include "net/address/ip_ranges.hpp"

namespace btcnet::address {
namespace {

constexpr std::uint8_t cjdns_prefix = 0xfc;  // Core's CJDNS_PREFIX

// btcd IsRoutable for IP addresses. IPv4 ranges never contain IPv6 addresses and vice versa,
// so each family only tests its own ranges.
bool legacy_routable(const legacy_ip& ip) {
  if (ip.is_v4()) {
    return !(is_unspecified(ip) || is_broadcast(ip) || is_rfc1918(ip) || is_rfc2544(ip) ||
             is_rfc3927(ip) || is_rfc5737(ip) || is_rfc6598(ip) || is_loopback(ip) || is_zero4(ip));
  }
  return !(is_unspecified(ip) || is_rfc4862(ip) || is_rfc3849(ip) || is_rfc4843(ip) ||
           is_rfc7343(ip) || is_loopback(ip) || (is_zero6(ip) && !is_rfc6145(ip)) ||
           (is_rfc4193(ip) && !is_onioncat(ip)));
}

}  // namespace

const char* to_string(network n) {
  switch (n) {
    case network::ipv4:
      return "ipv4";
    case network::ipv6:
      return "ipv6";
    case network::onion:
      return "onion";
    case network::i2p:
      return "i2p";
    case network::cjdns:
      return "cjdns";
  }
  return "unknown";
}

network network_of(const wire::endpoint& e) {
  switch (e.net) {
    case wire::network_id::torv2:
    case wire::network_id::torv3:
      return network::onion;
    case wire::network_id::i2p:
      return network::i2p;
    case wire::network_id::cjdns:
      return network::cjdns;
    default:
      break;
  }
  if (is_ipv4(e)) return network::ipv4;
  return is_onioncat(e) ? network::onion : network::ipv6;
}

wire::endpoint normalize(const wire::endpoint& e) {
  wire::endpoint out{e.net, {}, e.port};
  std::copy_n(e.addr.begin(), std::min<std::size_t>(e.size(), out.addr.size()), out.addr.begin());
  if (e.net == wire::network_id::ipv6 || e.net == wire::network_id::torv2) {
    const auto ip = legacy_form(e);
    out = wire::endpoint::from_ip16(ip->bytes, e.port);
  }
  return out;
}

bool is_ipv4(const wire::endpoint& e) {
  const auto ip = legacy_form(e);
  return ip && ip->is_v4();
}

bool is_onioncat(const wire::endpoint& e) {
  const auto ip = legacy_form(e);
  return ip && is_onioncat(*ip);
}

bool is_valid(const wire::endpoint& e) {
  if (e.net == wire::network_id::cjdns) return e.addr[0] == cjdns_prefix;
  const auto ip = legacy_form(e);
  return !ip || (!is_unspecified(*ip) && !is_broadcast(*ip));
}

bool is_local(const wire::endpoint& e) {
  const auto ip = legacy_form(e);
  return ip && (is_loopback(*ip) || is_zero4(*ip));
}

bool is_zero(const wire::endpoint& e) {
  const auto ip = legacy_form(e);
  return ip && (is_zero4(*ip) || (is_zero6(*ip) && !is_rfc6145(*ip)));
}

bool is_routable(const wire::endpoint& e) {
  const auto ip = legacy_form(e);
  return ip ? legacy_routable(*ip) : is_valid(e);
}

}  // namespace btcnet::address
