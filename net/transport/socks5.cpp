#include "net/transport/socks5.hpp"

#include <arpa/inet.h>
#include <openssl/rand.h>

#include <algorithm>

#include "net/transport/errors.hpp"

namespace btcnet::transport::socks5 {
namespace {

std::string truncated(const std::string& s) {
  return s.substr(0, max_field_length);
}

std::error_code reply_error(std::uint8_t rep) {
  switch (rep) {
    case 0x00:
      return {};
    case 0x01:
      return transport_errc::proxy_general_failure;
    case 0x02:
      return transport_errc::proxy_not_allowed;
    case 0x03:
      return transport_errc::proxy_network_unreachable;
    case 0x04:
      return transport_errc::proxy_host_unreachable;
    case 0x05:
      return transport_errc::proxy_connection_refused;
    case 0x06:
      return transport_errc::proxy_ttl_expired;
    case 0x07:
      return transport_errc::proxy_command_not_supported;
    case 0x08:
      return transport_errc::proxy_address_type_not_supported;
    default:
      return transport_errc::proxy_general_failure;
  }
}

}  // namespace

wire::bytes greeting(bool with_credentials) {
  if (with_credentials) return {version, 0x02, method_no_auth, method_user_pass};
  return {version, 0x01, method_no_auth};
}

std::error_code parse_method_choice(wire::byte_span reply, bool with_credentials,
                                    std::uint8_t& method) {
  if (reply.size() != 2 || reply[0] != version) return transport_errc::proxy_protocol_error;
  method = reply[1];
  if (method == method_no_auth) return {};
  if (method == method_user_pass && with_credentials) return {};
  return transport_errc::proxy_auth_rejected;
}

wire::bytes auth_request(const credentials& c) {
  wire::bytes out;
  out.push_back(user_pass_version);
  for (const std::string& field : {truncated(c.username), truncated(c.password)}) {
    out.push_back(static_cast<std::uint8_t>(field.size()));
    out.insert(out.end(), field.begin(), field.end());
  }
  return out;
}

std::error_code parse_auth_reply(wire::byte_span reply) {
  if (reply.size() != 2 || reply[0] != user_pass_version)
    return transport_errc::proxy_protocol_error;
  return reply[1] == 0x00 ? std::error_code{} : transport_errc::proxy_auth_rejected;
}

wire::bytes connect_request(const std::string& host, std::uint16_t port) {
  wire::bytes out{version, cmd_connect, 0x00};
  std::uint8_t ip[16];
  if (inet_pton(AF_INET, host.c_str(), ip) == 1) {
    out.push_back(atyp_ipv4);
    out.insert(out.end(), ip, ip + 4);
  } else if (inet_pton(AF_INET6, host.c_str(), ip) == 1) {
    out.push_back(atyp_ipv6);
    out.insert(out.end(), ip, ip + 16);
  } else {
    const std::string name = truncated(host);
    out.push_back(atyp_domain);
    out.push_back(static_cast<std::uint8_t>(name.size()));
    out.insert(out.end(), name.begin(), name.end());
  }
  out.push_back(static_cast<std::uint8_t>(port >> 8));
  out.push_back(static_cast<std::uint8_t>(port));
  return out;
}

std::error_code parse_connect_reply_head(wire::byte_span head, std::size_t& remaining) {
  if (head.size() != 5 || head[0] != version) return transport_errc::proxy_protocol_error;
  if (auto ec = reply_error(head[1])) return ec;
  switch (head[3]) {
    case atyp_ipv4:
      remaining = 4 - 1 + 2;
      return {};
    case atyp_ipv6:
      remaining = 16 - 1 + 2;
      return {};
    case atyp_domain:
      remaining = head[4] + 2;
      return {};
    default:
      return transport_errc::proxy_protocol_error;
  }
}

credentials isolation_credentials() {
  auto random_hex = [] {
    unsigned char raw[16];
    RAND_bytes(raw, sizeof raw);
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    for (unsigned char b : raw) out += {digits[b >> 4], digits[b & 15]};
    return out;
  };
  return {random_hex(), random_hex()};
}

}  // namespace btcnet::transport::socks5
