// Why a textual address was refused (btcd AddAddressByIP / DeserializeNetAddress failures).
#pragma once

#include <system_error>

namespace btcnet::address {

enum class address_errc {
  ok = 0,
  missing_port = 1,  // Go's net.SplitHostPort: "missing port in address" (*net.AddrError)
  too_many_colons,   // "too many colons in address" (*net.AddrError)
  bad_brackets,      // "missing ']' in address" and friends (*net.AddrError)
  invalid_ip,        // host is not an IP literal or a .onion / .b32.i2p name
  invalid_port,      // port not a decimal number in 0..65535
  not_routable,      // btcd AddLocalAddress: "address %s is not routable"
};

const std::error_category& address_category() noexcept;
std::error_code make_error_code(address_errc e) noexcept;

}  // namespace btcnet::address

template <>
struct std::is_error_code_enum<btcnet::address::address_errc> : std::true_type {};
