#include "net/address/ip_ranges.hpp"

#include <algorithm>
#include <initializer_list>

namespace btcnet::address {
namespace {

constexpr std::array<std::uint8_t, 12> v4_mapped_prefix{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
constexpr std::array<std::uint8_t, 6> onioncat_prefix{0xfd, 0x87, 0xd8, 0x7e, 0xeb, 0x43};

// A CIDR block in the 16-byte form; IPv4 blocks are stored IPv4-mapped with 96 added to `bits`.
struct cidr {
  std::array<std::uint8_t, 16> net{};
  int bits = 0;
  bool v4 = false;
};

constexpr cidr v4_block(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d, int bits) {
  cidr r{{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, a, b, c, d}, 96 + bits, true};
  return r;
}

// IPv6 block from its leading 16-bit groups.
constexpr cidr v6_block(std::initializer_list<std::uint16_t> groups, int bits) {
  cidr r{};
  int i = 0;
  for (std::uint16_t g : groups) {
    r.net[i++] = static_cast<std::uint8_t>(g >> 8);
    r.net[i++] = static_cast<std::uint8_t>(g);
  }
  r.bits = bits;
  return r;
}

bool contains(const cidr& block, const legacy_ip& ip) {
  if (block.v4 != ip.is_v4()) return false;
  const int full = block.bits / 8;
  if (!std::equal(block.net.begin(), block.net.begin() + full, ip.bytes.begin())) return false;
  const int rest = block.bits % 8;
  if (rest == 0) return true;
  const auto mask = static_cast<std::uint8_t>(0xff << (8 - rest));
  return (ip.bytes[full] & mask) == (block.net[full] & mask);
}

bool any_contains(std::initializer_list<cidr> blocks, const legacy_ip& ip) {
  return std::any_of(blocks.begin(), blocks.end(), [&](const cidr& b) { return contains(b, ip); });
}

}  // namespace

bool legacy_ip::is_v4() const {
  return std::equal(v4_mapped_prefix.begin(), v4_mapped_prefix.end(), bytes.begin());
}

std::optional<legacy_ip> legacy_form(const wire::endpoint& e) {
  legacy_ip ip;
  switch (e.net) {
    case wire::network_id::ipv4:
      std::copy(v4_mapped_prefix.begin(), v4_mapped_prefix.end(), ip.bytes.begin());
      std::copy_n(e.addr.begin(), 4, ip.bytes.begin() + 12);
      return ip;
    case wire::network_id::ipv6:
      std::copy_n(e.addr.begin(), 16, ip.bytes.begin());
      return ip;
    case wire::network_id::torv2:  // btcd's torv2Addr.onionCatEncoding()
      std::copy(onioncat_prefix.begin(), onioncat_prefix.end(), ip.bytes.begin());
      std::copy_n(e.addr.begin(), 10, ip.bytes.begin() + 6);
      return ip;
    default:
      return std::nullopt;
  }
}

bool is_rfc1918(const legacy_ip& ip) {
  return any_contains(
      {v4_block(10, 0, 0, 0, 8), v4_block(172, 16, 0, 0, 12), v4_block(192, 168, 0, 0, 16)}, ip);
}
bool is_rfc2544(const legacy_ip& ip) {
  return contains(v4_block(198, 18, 0, 0, 15), ip);
}
bool is_rfc3849(const legacy_ip& ip) {
  return contains(v6_block({0x2001, 0x0db8}, 32), ip);
}
bool is_rfc3927(const legacy_ip& ip) {
  return contains(v4_block(169, 254, 0, 0, 16), ip);
}
bool is_rfc3964(const legacy_ip& ip) {
  return contains(v6_block({0x2002}, 16), ip);
}
bool is_rfc4193(const legacy_ip& ip) {
  return contains(v6_block({0xfc00}, 7), ip);
}
bool is_rfc4380(const legacy_ip& ip) {
  return contains(v6_block({0x2001, 0x0000}, 32), ip);
}
bool is_rfc4843(const legacy_ip& ip) {
  return contains(v6_block({0x2001, 0x0010}, 28), ip);
}
bool is_rfc4862(const legacy_ip& ip) {
  return contains(v6_block({0xfe80, 0, 0, 0}, 64), ip);
}
bool is_rfc5737(const legacy_ip& ip) {
  return any_contains(
      {v4_block(192, 0, 2, 0, 24), v4_block(198, 51, 100, 0, 24), v4_block(203, 0, 113, 0, 24)},
      ip);
}
bool is_rfc6052(const legacy_ip& ip) {
  return contains(v6_block({0x0064, 0xff9b, 0, 0, 0, 0}, 96), ip);
}
bool is_rfc6145(const legacy_ip& ip) {
  return contains(v6_block({0, 0, 0, 0, 0xffff, 0}, 96), ip);
}
bool is_rfc6598(const legacy_ip& ip) {
  return contains(v4_block(100, 64, 0, 0, 10), ip);
}
bool is_rfc7343(const legacy_ip& ip) {
  return contains(v6_block({0x2001, 0x0020}, 28), ip);
}
bool is_onioncat(const legacy_ip& ip) {
  return contains(v6_block({0xfd87, 0xd87e, 0xeb43}, 48), ip);
}
bool is_zero4(const legacy_ip& ip) {
  return contains(v4_block(0, 0, 0, 0, 8), ip);
}
bool is_zero6(const legacy_ip& ip) {
  return contains(v6_block({0}, 16), ip);
}
bool is_he_net(const legacy_ip& ip) {
  return contains(v6_block({0x2001, 0x0470}, 32), ip);
}

bool is_loopback(const legacy_ip& ip) {
  if (ip.is_v4()) return ip.bytes[12] == 127;
  return contains(v6_block({0, 0, 0, 0, 0, 0, 0, 1}, 128), ip);
}
bool is_unspecified(const legacy_ip& ip) {
  return contains(v4_block(0, 0, 0, 0, 32), ip) || contains(v6_block({}, 128), ip);
}
bool is_broadcast(const legacy_ip& ip) {
  return contains(v4_block(255, 255, 255, 255, 32), ip);
}

}  // namespace btcnet::address
