#include "apps/btcnetd/config_values.hpp"

#include <algorithm>
#include <charconv>
#include <filesystem>

namespace btcnet::node {
namespace {

constexpr std::array<std::string_view, 7> level_names{"trace", "debug",    "info", "warn",
                                                      "error", "critical", "off"};

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// 'text', built by appending (GCC 12 warns falsely on "'" + std::string(...), -Wrestrict).
std::string in_quotes(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out += '\'';
  out += text;
  out += '\'';
  return out;
}

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), is_digit);
}

std::string subsystem_list() {
  std::string out;
  for (auto name : log_subsystems) out += (out.empty() ? "" : ", ") + std::string(name);
  return out;
}

std::optional<log_level> level_or_error(std::string_view text, std::string& error) {
  auto level = log_level_from_string(text);
  if (!level)
    error = "invalid debug level " + in_quotes(text) +
            " (valid: trace, debug, info, warn, error, critical, off)";
  return level;
}

// One SUBSYS=level item of a --debuglevel list.
bool apply_debug_pair(std::string_view pair, log_levels& levels, std::string& error) {
  const auto eq = pair.find('=');
  if (eq == std::string_view::npos) {
    error = "invalid subsystem=level pair " + in_quotes(pair);
    return false;
  }
  const auto subsystem = pair.substr(0, eq);
  const auto it = levels.find(subsystem);
  if (it == levels.end()) {
    error = "unknown subsystem " + in_quotes(subsystem) + " (supported: " + subsystem_list() + ")";
    return false;
  }
  const auto level = level_or_error(pair.substr(eq + 1), error);
  if (level) it->second = *level;
  return level.has_value();
}

// ---- Go durations ----

constexpr std::uint64_t max_duration_magnitude = std::uint64_t{1} << 63;

std::optional<std::uint64_t> duration_unit_nanos(std::string_view unit) {
  struct named_unit {
    std::string_view name;
    std::uint64_t nanos;
  };
  static constexpr named_unit units[] = {
      {"ns", 1},
      {"us", 1'000},
      {"\u00b5s", 1'000},
      {"\u03bcs", 1'000},
      {"ms", 1'000'000},
      {"s", 1'000'000'000},
      {"m", 60'000'000'000ULL},
      {"h", 3'600'000'000'000ULL},
  };
  for (const auto& u : units)
    if (u.name == unit) return u.nanos;
  return std::nullopt;
}

// Go's leadingInt: digits into `value`, failing past 2^63.
bool leading_int(std::string_view& s, std::uint64_t& value) {
  std::size_t i = 0;
  for (; i < s.size() && is_digit(s[i]); ++i) {
    if (value > max_duration_magnitude / 10) return false;
    value = value * 10 + static_cast<std::uint64_t>(s[i] - '0');
    if (value > max_duration_magnitude) return false;
  }
  s.remove_prefix(i);
  return true;
}

// Go's leadingFraction: digits after the point; precision beyond int64 is dropped, not an error.
void leading_fraction(std::string_view& s, std::uint64_t& value, double& scale) {
  std::size_t i = 0;
  bool overflow = false;
  for (; i < s.size() && is_digit(s[i]); ++i) {
    if (overflow || value > (max_duration_magnitude - 1) / 10) {
      overflow = true;
      continue;
    }
    value = value * 10 + static_cast<std::uint64_t>(s[i] - '0');
    scale *= 10;
  }
  s.remove_prefix(i);
}

// One "<number><unit>" term of a duration, added to `total`.
bool duration_term(std::string_view& s, std::uint64_t& total) {
  if (s.empty() || !(s.front() == '.' || is_digit(s.front()))) return false;
  std::uint64_t whole = 0, fraction = 0;
  double scale = 1;  // double, as Go's float64 rounds
  const auto before = s.size();
  if (!leading_int(s, whole)) return false;
  const bool has_whole = s.size() != before;
  bool has_fraction = false;
  if (!s.empty() && s.front() == '.') {
    s.remove_prefix(1);
    const auto after_point = s.size();
    leading_fraction(s, fraction, scale);
    has_fraction = s.size() != after_point;
  }
  if (!has_whole && !has_fraction) return false;
  std::size_t unit_len = 0;
  while (unit_len < s.size() && s[unit_len] != '.' && !is_digit(s[unit_len])) ++unit_len;
  const auto unit = duration_unit_nanos(s.substr(0, unit_len));
  if (!unit) return false;
  s.remove_prefix(unit_len);
  if (whole > max_duration_magnitude / *unit) return false;
  whole *= *unit;
  whole += static_cast<std::uint64_t>(static_cast<double>(fraction) *
                                      (static_cast<double>(*unit) / scale));
  if (whole > max_duration_magnitude) return false;
  total += whole;
  return total <= max_duration_magnitude;
}

// ---- addresses ----

std::optional<std::uint16_t> parse_port(std::string_view text) {
  unsigned value = 0;
  if (!all_digits(text) || text.size() > 5) return std::nullopt;
  std::from_chars(text.data(), text.data() + text.size(), value);
  if (value > 65535) return std::nullopt;
  return static_cast<std::uint16_t>(value);
}

bool valid_host_name(std::string_view host) {
  const auto ok = [](char c) {
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' ||
           c == '.' || c == '_';
  };
  return !host.empty() && host.size() <= 253 && std::all_of(host.begin(), host.end(), ok);
}

// Writes an IP literal or onion/I2P name canonically; leaves DNS names alone.
std::optional<std::string> canonical_host(std::string_view host) {
  if (auto e = wire::endpoint::parse_host(host, 0)) return e->host();
  if (valid_host_name(host)) return std::string(host);
  return std::nullopt;
}

struct host_and_port_text {
  std::string_view host;
  std::optional<std::string_view> port;
};

std::optional<host_and_port_text> split_text(std::string_view text, std::string& error) {
  if (!text.empty() && text.front() == '[') {
    const auto close = text.find(']');
    if (close == std::string_view::npos) {
      error = "missing ']' in address";
      return std::nullopt;
    }
    const auto rest = text.substr(close + 1);
    if (!rest.empty() && rest.front() != ':') {
      error = "unexpected text after ']'";
      return std::nullopt;
    }
    if (rest.empty()) return host_and_port_text{text.substr(1, close - 1), std::nullopt};
    return host_and_port_text{text.substr(1, close - 1), rest.substr(1)};
  }
  const auto colon = text.find(':');
  // No colon: just a host. More than one: a bare IPv6 literal, which has no port.
  if (colon == std::string_view::npos || text.find(':', colon + 1) != std::string_view::npos)
    return host_and_port_text{text, std::nullopt};
  return host_and_port_text{text.substr(0, colon), text.substr(colon + 1)};
}

}  // namespace

// ---- log levels ----

std::string_view to_string(log_level level) {
  return level_names[static_cast<std::size_t>(level)];
}

std::optional<log_level> log_level_from_string(std::string_view text) {
  for (std::size_t i = 0; i < level_names.size(); ++i)
    if (level_names[i] == text) return static_cast<log_level>(i);
  return std::nullopt;
}

log_levels default_log_levels() {
  log_levels levels;
  for (auto name : log_subsystems) levels.emplace(std::string(name), log_level::info);
  return levels;
}

std::optional<log_levels> parse_debug_levels(std::string_view text, std::string& error) {
  auto levels = default_log_levels();
  if (text.find_first_of(",=") == std::string_view::npos) {
    const auto level = level_or_error(text, error);
    if (!level) return std::nullopt;
    for (auto& entry : levels) entry.second = *level;
    return levels;
  }
  while (true) {
    const auto comma = text.find(',');
    if (!apply_debug_pair(text.substr(0, comma), levels, error)) return std::nullopt;
    if (comma == std::string_view::npos) return levels;
    text.remove_prefix(comma + 1);
  }
}

// ---- durations ----

std::optional<std::chrono::nanoseconds> parse_go_duration(std::string_view text) {
  bool negative = false;
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  if (text == "0") return std::chrono::nanoseconds{0};
  if (text.empty()) return std::nullopt;
  std::uint64_t total = 0;
  while (!text.empty())
    if (!duration_term(text, total)) return std::nullopt;
  if (negative) return std::chrono::nanoseconds{static_cast<std::int64_t>(0 - total)};
  if (total == max_duration_magnitude) return std::nullopt;
  return std::chrono::nanoseconds{static_cast<std::int64_t>(total)};
}

// ---- IP networks ----

bool ip_network::contains(const wire::endpoint& address) const {
  // Go's IPNet.Contains only matches within a family; an IPv4-mapped base makes an IPv4 network.
  constexpr std::array<std::uint8_t, 12> mapped{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  const bool v4_network = std::equal(mapped.begin(), mapped.end(), base.begin());
  if (!address.is_ip() || (address.net == wire::network_id::ipv4) != v4_network) return false;
  const auto ip = address.ip16();
  for (int bit = 0; bit < prefix_bits; ++bit) {
    const std::uint8_t mask = static_cast<std::uint8_t>(0x80 >> (bit % 8));
    if ((ip[bit / 8] & mask) != (base[bit / 8] & mask)) return false;
  }
  return true;
}

std::string ip_network::to_string() const {
  wire::endpoint e;
  if (ipv4) {
    e = wire::endpoint::ipv4(base[12], base[13], base[14], base[15], 0);
  } else {
    e.net = wire::network_id::ipv6;  // not from_ip16: keep IPv4-mapped text as IPv6
    std::copy(base.begin(), base.end(), e.addr.begin());
  }
  return e.host() + "/" + std::to_string(ipv4 ? prefix_bits - 96 : prefix_bits);
}

std::optional<ip_network> parse_ip_network(std::string_view text, std::string& error) {
  const auto slash = text.find('/');
  const auto ip_text = text.substr(0, slash);
  const auto ip = ip_text.starts_with('[') ? std::nullopt : wire::endpoint::parse_host(ip_text, 0);
  if (!ip || !ip->is_ip()) {
    error = in_quotes(text) + " is not an IP address or CIDR network";
    return std::nullopt;
  }
  ip_network net;
  net.ipv4 = ip_text.find(':') == std::string_view::npos;
  const int max_bits = net.ipv4 ? 32 : 128;
  int bits = max_bits;
  if (slash != std::string_view::npos) {
    const auto prefix = text.substr(slash + 1);
    if (!all_digits(prefix) || prefix.size() > 3 ||
        std::from_chars(prefix.data(), prefix.data() + prefix.size(), bits).ec != std::errc{} ||
        bits > max_bits) {
      error =
          in_quotes(text) + " has an invalid prefix length (0-" + std::to_string(max_bits) + ")";
      return std::nullopt;
    }
  }
  net.prefix_bits = net.ipv4 ? bits + 96 : bits;
  const auto full = ip->ip16();
  for (int bit = 0; bit < net.prefix_bits; ++bit)
    net.base[bit / 8] |= static_cast<std::uint8_t>(full[bit / 8] & (0x80 >> (bit % 8)));
  return net;
}

// ---- addresses ----

std::string host_port::to_string() const {
  if (host.find(':') != std::string::npos) return "[" + host + "]:" + std::to_string(port);
  return host + ":" + std::to_string(port);
}

std::optional<split_address> split_host_port(std::string_view text, std::string& error) {
  const auto parts = split_text(text, error);
  if (!parts) return std::nullopt;
  if (parts->host.find_first_of("[]") != std::string_view::npos) {
    error = "misplaced '[' or ']' in address";
    return std::nullopt;
  }
  split_address out{std::string(parts->host), std::nullopt};
  if (parts->port) {
    out.port = parse_port(*parts->port);
    if (!out.port) {
      error = "invalid port " + in_quotes(*parts->port);
      return std::nullopt;
    }
  }
  return out;
}

std::optional<host_port> parse_peer_address(std::string_view text, std::uint16_t default_port,
                                            std::string& error) {
  const auto split = split_host_port(text, error);
  if (!split) return std::nullopt;
  const auto host = canonical_host(split->host);
  if (!host) {
    error = in_quotes(split->host) + " is not a valid host name or IP address";
    return std::nullopt;
  }
  const std::uint16_t port = split->port.value_or(default_port);
  if (port == 0) {
    error = "port 0 is not a valid peer port";
    return std::nullopt;
  }
  return host_port{*host, port};
}

std::optional<std::vector<wire::endpoint>> parse_listen_address(std::string_view text,
                                                                std::uint16_t default_port,
                                                                std::string& error) {
  const auto split = split_host_port(text, error);
  if (!split) return std::nullopt;
  const std::uint16_t port = split->port.value_or(default_port);
  if (split->host.empty())
    return std::vector{wire::endpoint::ipv4(0, 0, 0, 0, port),
                       wire::endpoint::from_ip16(std::array<std::uint8_t, 16>{}, port)};
  std::string_view host = split->host;
  if (const auto zone = host.rfind('%'); zone != std::string_view::npos && zone > 0)
    host = host.substr(0, zone);
  const auto ip = wire::endpoint::parse_host(host, port);
  if (!ip || !ip->is_ip()) {
    error = in_quotes(host) + " is not a valid IP address";
    return std::nullopt;
  }
  return std::vector{*ip};
}

std::optional<wire::endpoint> parse_external_address(std::string_view text,
                                                     std::uint16_t default_port,
                                                     std::string& error) {
  const auto split = split_host_port(text, error);
  if (!split) return std::nullopt;
  const std::uint16_t port = split->port.value_or(default_port);
  const auto address = wire::endpoint::parse_host(split->host, port);
  if (!address) {
    error = in_quotes(split->host) + " is not an IP address or onion name";
    return std::nullopt;
  }
  if (port == 0) {
    error = "port 0 cannot be advertised";
    return std::nullopt;
  }
  return address;
}

std::optional<host_port> parse_proxy_address(std::string_view text, std::string& error) {
  const auto split = split_host_port(text, error);
  if (!split) return std::nullopt;
  if (!split->port || split->host.empty()) {
    error = in_quotes(text) + " is not host:port";
    return std::nullopt;
  }
  const auto host = canonical_host(split->host);
  if (!host || *split->port == 0) {
    error = in_quotes(text) + " is not a valid proxy address";
    return std::nullopt;
  }
  return host_port{*host, *split->port};
}

// ---- misc ----

std::optional<bool> parse_bool(std::string_view text) {
  for (auto t : {"1", "t", "T", "TRUE", "true", "True"})
    if (text == t) return true;
  for (auto f : {"0", "f", "F", "FALSE", "false", "False"})
    if (text == f) return false;
  return std::nullopt;
}

namespace {

bool is_name_char(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

// Replaces $NAME and ${NAME}; a '$' not followed by a name stays as written.
std::string expand_variables(
    std::string_view text,
    const std::function<std::optional<std::string>(std::string_view)>& lookup) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    std::size_t begin = i + 1, end = begin, resume = begin;
    if (text[i] == '$' && begin < text.size() && text[begin] == '{') {
      end = text.find('}', begin);
      resume = end == std::string_view::npos ? end : end + 1;
      ++begin;
    } else if (text[i] == '$') {
      while (end < text.size() && is_name_char(text[end])) ++end;
      resume = end;
    }
    if (text[i] != '$' || end == std::string_view::npos || end == begin) {
      out += text[i];
      continue;
    }
    if (lookup) out += lookup(text.substr(begin, end - begin)).value_or("");
    i = resume - 1;
  }
  return out;
}

}  // namespace

std::string expand_path(std::string_view path, std::string_view home,
                        const std::function<std::optional<std::string>(std::string_view)>& lookup) {
  std::string text(path);
  if (text.starts_with('~')) text = std::string(home) + text.substr(1);
  text = expand_variables(text, lookup);
  if (text.empty()) return ".";
  auto normal = std::filesystem::path(text).lexically_normal().string();
  if (normal.size() > 1 && normal.back() == '/') normal.pop_back();
  return normal.empty() ? "." : normal;
}

}  // namespace btcnet::node
