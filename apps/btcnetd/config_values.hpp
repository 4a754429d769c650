// Parsers for the values btcnetd's options take, each following the btcd rule it replaces
// (btcd config.go, server.go). Pure functions: no I/O, no name resolution.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "net/wire/net_address.hpp"

namespace btcnet::node {

// ---- --debuglevel ----------------------------------------------------------------------------

// btcd's levels (btclog), plus "off".
enum class log_level : std::uint8_t { trace, debug, info, warn, error, critical, off };

std::string_view to_string(log_level level);
std::optional<log_level> log_level_from_string(std::string_view text);

// btcd's tags for the subsystems we share (AMGR, CMGR, PEER, RPCS, SRVR) plus ours: DIAL (dialer),
// LSTN (listeners), NODE (the app, btcd's BTCD). Sorted, as btcd's supportedSubsystems() lists
// them.
inline constexpr std::array<std::string_view, 8> log_subsystems{"AMGR", "CMGR", "DIAL", "LSTN",
                                                                "NODE", "PEER", "RPCS", "SRVR"};

// Level per subsystem; every entry of log_subsystems is present.
using log_levels = std::map<std::string, log_level, std::less<>>;

// Every subsystem at btcd's defaultLogLevel, info.
log_levels default_log_levels();

// btcd parseAndSetDebugLevels: a bare level applies to every subsystem; otherwise a comma-separated
// list of SUBSYS=level pairs, the others keeping info. Unknown subsystems and levels are errors.
std::optional<log_levels> parse_debug_levels(std::string_view text, std::string& error);

// ---- --banduration -------------------------------------------------------------------------

// Go's time.ParseDuration, which btcd's time.Duration options use: an optional sign, then one or
// more decimal numbers (fractions allowed) each with a unit ns, us, µs, ms, s, m or h ("24h",
// "1h30m", "1.5s"); a lone "0" needs no unit. Overflow of int64 nanoseconds is an error.
std::optional<std::chrono::nanoseconds> parse_go_duration(std::string_view text);

// ---- --whitelist ---------------------------------------------------------------------------

// An IP network as btcd's --whitelist takes it: Go's net.ParseCIDR ("192.168.1.0/24", "fd00::/8"),
// or a lone IP as /32 or /128. Held as 16 bytes with IPv4 in its IPv4-mapped form, so that one
// masked comparison, plus a family check, gives Go's IPNet.Contains.
struct ip_network {
  std::array<std::uint8_t, 16> base{};  // already masked, as Go's ParseCIDR returns it
  int prefix_bits = 0;                  // over the 16-byte form (IPv4 /24 is 120)
  bool ipv4 = false;                    // written as IPv4: printed with prefix_bits - 96

  bool contains(const wire::endpoint& address) const;
  std::string to_string() const;

  friend bool operator==(const ip_network&, const ip_network&) = default;
};

std::optional<ip_network> parse_ip_network(std::string_view text, std::string& error);

// ---- addresses ------------------------------------------------------------------------------

// A host (IP literal without brackets, onion name or DNS name) and port.
struct host_port {
  std::string host;
  std::uint16_t port = 0;

  std::string to_string() const;  // IPv6 hosts in brackets, as Go's net.JoinHostPort writes them

  friend bool operator==(const host_port&, const host_port&) = default;
};

// Go's net.SplitHostPort, except that text without a port (a bare host, "[v6]" or a bare IPv6
// literal with several colons) yields no port instead of an error: btcd's normalizeAddress then
// appends the default port. A written port must be a decimal number below 65536.
struct split_address {
  std::string host;
  std::optional<std::uint16_t> port;
};
std::optional<split_address> split_host_port(std::string_view text, std::string& error);

// btcd normalizeAddress for --connect/--addpeer: the default port when none is written. IP literal
// hosts are written canonically so that duplicates are found; names are kept for later resolution
// (btcd resolves at connect time). Port 0 is refused.
std::optional<host_port> parse_peer_address(std::string_view text, std::uint16_t default_port,
                                            std::string& error);

// btcd parseListeners for --listen/--rpclisten: the default port when none is written; an empty
// host is every interface, i.e. both 0.0.0.0 and ::; an IPv6 zone is dropped; other hosts must be
// IP literals. Port 0 (an ephemeral port) is allowed.
std::optional<std::vector<wire::endpoint>> parse_listen_address(std::string_view text,
                                                                std::uint16_t default_port,
                                                                std::string& error);

// btcd initListeners for --externalip: ip[:port] with the network's port by default. btcd also
// resolves DNS names here; we take IP literals and onion/I2P names only (no I/O while parsing).
std::optional<wire::endpoint> parse_external_address(std::string_view text,
                                                     std::uint16_t default_port,
                                                     std::string& error);

// A SOCKS5 proxy address: btcd requires host:port (net.SplitHostPort must succeed).
std::optional<host_port> parse_proxy_address(std::string_view text, std::string& error);

// ---- misc -----------------------------------------------------------------------------------

// Go's strconv.ParseBool, which go-flags uses for bool options in the config file.
std::optional<bool> parse_bool(std::string_view text);

// btcd cleanAndExpandPath: a leading ~ becomes `home`, then $VAR and ${VAR} are replaced through
// `lookup` (unset variables become empty, as Go's os.ExpandEnv does), then the path is normalised.
std::string expand_path(std::string_view path, std::string_view home,
                        const std::function<std::optional<std::string>(std::string_view)>& lookup);

}  // namespace btcnet::node
