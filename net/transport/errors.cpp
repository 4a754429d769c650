#include "net/transport/errors.hpp"

#include "net/wire/error_category.hpp"

namespace btcnet::transport {
namespace {

const char* describe(transport_errc e) {
  switch (e) {
    case transport_errc::send_buffer_full:
      return "send buffer limit exceeded";
    case transport_errc::dial_timed_out:
      return "connection timed out";
    case transport_errc::dial_canceled:
      return "dial canceled";
    case transport_errc::unsupported_address:
      return "address cannot be dialled without a proxy";
    case transport_errc::no_address_available:
      return "no address available to connect to";
    case transport_errc::onion_disabled:
      return "tor has been disabled";
    case transport_errc::proxy_protocol_error:
      return "proxy error: not a SOCKS5 reply";
    case transport_errc::proxy_auth_rejected:
      return "proxy error: authentication rejected";
    case transport_errc::proxy_general_failure:
      return "proxy error: general failure";
    case transport_errc::proxy_not_allowed:
      return "proxy error: connection not allowed";
    case transport_errc::proxy_network_unreachable:
      return "proxy error: network unreachable";
    case transport_errc::proxy_host_unreachable:
      return "proxy error: host unreachable";
    case transport_errc::proxy_connection_refused:
      return "proxy error: connection refused";
    case transport_errc::proxy_ttl_expired:
      return "proxy error: TTL expired";
    case transport_errc::proxy_command_not_supported:
      return "proxy error: command not supported";
    case transport_errc::proxy_address_type_not_supported:
      return "proxy error: address type not supported";
  }
  return "unknown transport error";
}

}  // namespace

const std::error_category& transport_category() noexcept {
  static const wire::enum_error_category<transport_errc> category("transport", describe);
  return category;
}

std::error_code make_error_code(transport_errc e) noexcept {
  return {static_cast<int>(e), transport_category()};
}

}  // namespace btcnet::transport
