// The network group an address belongs to (btcd GroupKey), which bucket placement hashes so that
// one operator's addresses cannot fill the table.
#pragma once

#include <string>

#include "net/wire/net_address.hpp"

namespace btcnet::address {

// btcd's strings, byte for byte (they feed the bucket hashes):
//   TorV3 and onioncat        "tor:<n>", n = low 4 bits of the first key byte
//   loopback, 0.0.0.0/8       "local"
//   not routable              "unroutable"
//   IPv4                      the /16, "12.1.0.0"
//   RFC 6145 / 6052 / 3964 / 4380 (Teredo, inverted)  the embedded IPv4's /16
//   other IPv6                the /32 ("2602:100::"), /36 inside 2001:470::/32 (he.net)
// Extensions for networks btcd does not know:
//   I2P                       "i2p:<n>",   n = low 4 bits of address byte 0
//   CJDNS                     "cjdns:<n>", n = low 4 bits of address byte 1
// Core (netgroup.cpp GetGroup) groups Tor, I2P and CJDNS by network class plus 4 bits of the
// random part (the high nibble of byte 0; for CJDNS of byte 1, as byte 0 is the constant 0xfc).
// We keep btcd's "<net>:<n>" form and its choice of the low nibble: 16 groups per network either
// way.
std::string group_key(const wire::endpoint& e);

}  // namespace btcnet::address
