#include "net/address/group_key.hpp"

#include <algorithm>

#include "net/address/address_text.hpp"
#include "net/address/classification.hpp"
#include "net/address/ip_ranges.hpp"

namespace btcnet::address {
namespace {

// The /16 of an IPv4 address given by its first two bytes.
std::string ipv4_group(std::uint8_t a, std::uint8_t b) {
  return std::to_string(a) + '.' + std::to_string(b) + ".0.0";
}

std::string nibble_group(const char* prefix, std::uint8_t byte) {
  return prefix + std::to_string(byte & 0x0f);
}

std::string ipv6_group(const legacy_ip& ip) {
  const int bits = is_he_net(ip) ? 36 : 32;
  std::array<std::uint8_t, 16> masked{};
  std::copy_n(ip.bytes.begin(), bits / 8, masked.begin());
  if (bits % 8) masked[bits / 8] = ip.bytes[bits / 8] & 0xf0;
  return format_ip16(masked);
}

std::string legacy_group(const legacy_ip& ip) {
  const auto& b = ip.bytes;
  if (ip.is_v4() || is_rfc6145(ip) || is_rfc6052(ip)) return ipv4_group(b[12], b[13]);
  if (is_rfc3964(ip)) return ipv4_group(b[2], b[3]);
  if (is_rfc4380(ip)) return ipv4_group(b[12] ^ 0xff, b[13] ^ 0xff);
  if (is_onioncat(ip)) return nibble_group("tor:", b[6]);
  return ipv6_group(ip);
}

}  // namespace

std::string group_key(const wire::endpoint& e) {
  switch (e.net) {
    case wire::network_id::torv3:
      return nibble_group("tor:", e.addr[0]);
    case wire::network_id::i2p:
      return nibble_group("i2p:", e.addr[0]);
    case wire::network_id::cjdns:
      return is_routable(e) ? nibble_group("cjdns:", e.addr[1]) : "unroutable";
    default:
      break;
  }
  if (is_local(e)) return "local";
  if (!is_routable(e)) return "unroutable";
  return legacy_group(*legacy_form(e));
}

}  // namespace btcnet::address
