// Loopback source addresses for the load's connections: 127.a.b.1, a different /24 for each
// connection slot, so that a node's per-/24 limit on handshakes in progress (btcd: 8) measures
// the node and not the load tool's single address, and a ban of one hostile case's address does
// not touch the others.
#pragma once

#include <boost/asio/ip/address_v4.hpp>
#include <cstdint>

namespace btcnet::load {

// Slot 0 is 127.1.0.1; the 254 x 256 /24 prefixes of 127.1.0.0-127.254.255.0 repeat after that.
inline boost::asio::ip::address_v4 source_address(std::uint32_t slot) {
  const std::uint32_t prefix = slot % (254u * 256u);
  return boost::asio::ip::address_v4((127u << 24) | ((1 + prefix / 256) << 16) |
                                     ((prefix % 256) << 8) | 1u);
}

}  // namespace btcnet::load
