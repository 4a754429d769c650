// An IP network in CIDR form, for --whitelist (btcd accepts "ip/bits" or a single IP).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "net/wire/net_address.hpp"

namespace btcnet::actors {

struct subnet {
  wire::endpoint base;  // ipv4 or ipv6; the port is ignored
  int prefix_bits = 0;

  // "10.0.0.0/8", "2001:db8::/32", or a single address (/32 or /128).
  static std::optional<subnet> parse(std::string_view text);
  bool contains(const wire::endpoint& e) const;
  // Canonical "address/bits", host bits cleared ("10.1.2.3/8" -> "10.0.0.0/8").
  std::string to_string() const;

  friend bool operator==(const subnet&, const subnet&) = default;
};

}  // namespace btcnet::actors
