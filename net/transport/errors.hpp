// Transport failures that are not plain socket errors: dial outcomes, SOCKS5 replies (RFC 1928
// §6), and our own limits.
#pragma once

#include <system_error>

namespace btcnet::transport {

enum class transport_errc {
  send_buffer_full = 1,              // the peer does not read; see default_send_buffer_limit
  dial_timed_out,                    // no TCP connection within the dial timeout
  dial_canceled,                     // the dial was canceled by its requester
  unsupported_address,               // e.g. an onion address without a proxy for it
  no_address_available,              // the address source had no candidate for an automatic request
  onion_disabled,                    // --noonion
  proxy_protocol_error,              // the proxy spoke something other than SOCKS5
  proxy_auth_rejected,               // no acceptable auth method, or wrong username/password
  proxy_general_failure,             // SOCKS5 reply 0x01
  proxy_not_allowed,                 // 0x02
  proxy_network_unreachable,         // 0x03
  proxy_host_unreachable,            // 0x04
  proxy_connection_refused,          // 0x05
  proxy_ttl_expired,                 // 0x06
  proxy_command_not_supported,       // 0x07
  proxy_address_type_not_supported,  // 0x08
};

const std::error_category& transport_category() noexcept;
std::error_code make_error_code(transport_errc e) noexcept;

}  // namespace btcnet::transport

template <>
struct std::is_error_code_enum<btcnet::transport::transport_errc> : std::true_type {};
