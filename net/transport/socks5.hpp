// SOCKS5 client messages (RFC 1928) with username/password authentication (RFC 1929): pure
// byte building and parsing; the dialer drives them over a socket.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <system_error>

#include "net/wire/byte_io.hpp"

namespace btcnet::transport::socks5 {

inline constexpr std::uint8_t version = 0x05;
inline constexpr std::uint8_t method_no_auth = 0x00;
inline constexpr std::uint8_t method_user_pass = 0x02;
inline constexpr std::uint8_t method_none_acceptable = 0xff;
inline constexpr std::uint8_t user_pass_version = 0x01;  // RFC 1929
inline constexpr std::uint8_t cmd_connect = 0x01;
inline constexpr std::uint8_t atyp_ipv4 = 0x01;
inline constexpr std::uint8_t atyp_domain = 0x03;
inline constexpr std::uint8_t atyp_ipv6 = 0x04;
// RFC 1929 and RFC 1928 length fields are one byte.
inline constexpr std::size_t max_field_length = 255;

struct credentials {
  std::string username;
  std::string password;
};

// The method-selection greeting: offers no-auth, or username/password when we have credentials.
wire::bytes greeting(bool with_credentials);
// Parses the server's 2-byte method choice; returns the method or an error.
std::error_code parse_method_choice(wire::byte_span reply, bool with_credentials,
                                    std::uint8_t& method);
// RFC 1929 request; both fields are truncated to 255 bytes.
wire::bytes auth_request(const credentials& c);
std::error_code parse_auth_reply(wire::byte_span reply);
// CONNECT to a host given as an IP literal or a domain name (".onion" names included).
wire::bytes connect_request(const std::string& host, std::uint16_t port);
// The first 5 bytes of a CONNECT reply tell how many more follow; returns that count or an error.
std::error_code parse_connect_reply_head(wire::byte_span head, std::size_t& remaining);

// Random credentials for Tor stream isolation: Tor puts streams with different SOCKS
// credentials on different circuits (IsolateSOCKSAuth).
credentials isolation_credentials();

}  // namespace btcnet::transport::socks5
