#include "net/address/address_text.hpp"

#include <algorithm>
#include <charconv>

#include "net/address/address_errors.hpp"
#include "net/address/classification.hpp"
#include "net/address/ip_ranges.hpp"

namespace btcnet::address {
namespace {

constexpr std::string_view onion_suffix = ".onion";
constexpr std::size_t torv2_host_length = 22;  // btcd wire.TorV2EncodedSize: 16 base32 + ".onion"
constexpr std::size_t torv2_size = 10;

void append_dotted(std::string& out, const std::uint8_t* b) {
  char buf[16];
  std::size_t n = 0;
  for (int i = 0; i < 4; ++i) {
    if (i) buf[n++] = '.';
    const unsigned v = b[i];
    if (v >= 100) buf[n++] = static_cast<char>('0' + v / 100);
    if (v >= 10) buf[n++] = static_cast<char>('0' + v / 10 % 10);
    buf[n++] = static_cast<char>('0' + v % 10);
  }
  out.append(buf, n);
}

void append_port(std::string& out, std::uint16_t port) {
  char buf[8];
  out.append(buf, std::to_chars(buf, buf + sizeof buf, port).ptr);
}

// Dotted-quad IPv4 the way inet_pton (and Go's ParseIP) accept it: four decimal octets, no
// leading zeros. A fast path for loading keys; anything else goes to the general parser.
std::optional<wire::endpoint> parse_dotted(std::string_view s, std::uint16_t port) {
  std::array<std::uint8_t, 4> octets{};
  std::size_t i = 0;
  for (int k = 0; k < 4; ++k) {
    if (k > 0 && (i >= s.size() || s[i++] != '.')) return std::nullopt;
    const std::size_t start = i;
    unsigned v = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9' && i - start < 3) v = v * 10 + (s[i++] - '0');
    const std::size_t len = i - start;
    if (len == 0 || v > 255 || (len > 1 && s[start] == '0')) return std::nullopt;
    octets[k] = static_cast<std::uint8_t>(v);
  }
  if (i != s.size()) return std::nullopt;
  return wire::endpoint::ipv4(octets[0], octets[1], octets[2], octets[3], port);
}

// The first longest run of at least two zero groups, as [begin, end) group indexes.
std::pair<int, int> longest_zero_run(const std::array<std::uint16_t, 8>& groups) {
  int best_begin = -1, best_end = -1;
  for (int i = 0; i < 8; ++i) {
    int j = i;
    while (j < 8 && groups[j] == 0) ++j;
    if (j - i >= 2 && j - i > best_end - best_begin) best_begin = i, best_end = j;
  }
  return {best_begin, best_end};
}

// Go's base32.StdEncoding.DecodeString(strings.ToUpper(s)) for a 16-character Tor v2 name.
std::optional<std::array<std::uint8_t, torv2_size>> decode_torv2(std::string_view s) {
  std::array<std::uint8_t, torv2_size> out{};
  std::uint32_t buffer = 0;
  int bits = 0;
  std::size_t n = 0;
  for (char c : s) {
    int v = -1;
    if (c >= 'a' && c <= 'z') v = c - 'a';
    if (c >= 'A' && c <= 'Z') v = c - 'A';
    if (c >= '2' && c <= '7') v = c - '2' + 26;
    if (v < 0) return std::nullopt;
    buffer = (buffer << 5) | static_cast<std::uint32_t>(v);
    bits += 5;
    if (bits >= 8) out[n++] = static_cast<std::uint8_t>(buffer >> (bits -= 8));
  }
  return out;
}

}  // namespace

std::string format_ip16(const std::array<std::uint8_t, 16>& ip) {
  std::string out;
  if (legacy_ip{ip}.is_v4()) {
    append_dotted(out, ip.data() + 12);
    return out;
  }
  std::array<std::uint16_t, 8> groups{};
  for (int i = 0; i < 8; ++i)
    groups[i] = static_cast<std::uint16_t>(ip[2 * i] << 8 | ip[2 * i + 1]);
  const auto [zb, ze] = longest_zero_run(groups);
  static constexpr char hex[] = "0123456789abcdef";
  for (int i = 0; i < 8; ++i) {
    if (i == zb) {
      out += "::";
      i = ze - 1;
      continue;
    }
    if (i > 0 && i != ze) out += ':';
    const std::uint16_t g = groups[i];
    bool started = false;
    for (int shift = 12; shift >= 0; shift -= 4) {
      const int d = (g >> shift) & 0xf;
      if (d || started || shift == 0) out += hex[d], started = true;
    }
  }
  return out;
}

std::string host_text(const wire::endpoint& e) {
  if (e.net == wire::network_id::ipv4) {
    std::string out;
    append_dotted(out, e.addr.data());
    return out;
  }
  if (is_onioncat(e) && e.net == wire::network_id::ipv6) {
    wire::endpoint v2{wire::network_id::torv2, {}, e.port};
    std::copy_n(e.addr.begin() + 6, torv2_size, v2.addr.begin());
    return v2.host();
  }
  if (e.net == wire::network_id::ipv6 || e.net == wire::network_id::cjdns) {
    std::array<std::uint8_t, 16> ip{};
    std::copy_n(e.addr.begin(), 16, ip.begin());
    return format_ip16(ip);
  }
  return e.host();
}

std::string address_key(const wire::endpoint& e) {
  std::string out;
  append_address_key(out, e);
  return out;
}

void append_address_key(std::string& out, const wire::endpoint& e) {
  if (e.net == wire::network_id::ipv4) {
    append_dotted(out, e.addr.data());
  } else {
    const std::string host = host_text(e);
    const bool bracket = host.find(':') != std::string::npos;
    if (bracket) out += '[';
    out += host;
    if (bracket) out += ']';
  }
  out += ':';
  append_port(out, e.port);
}

std::error_code split_host_port(std::string_view text, host_port& out) {
  const auto colon = text.rfind(':');
  if (colon == std::string_view::npos) return address_errc::missing_port;
  std::size_t j = 0, k = 0;
  if (text.front() == '[') {
    const auto end = text.find(']');
    if (end == std::string_view::npos) return address_errc::bad_brackets;
    if (end + 1 == text.size()) return address_errc::missing_port;
    if (end + 1 != colon) {
      return text[end + 1] == ':' ? address_errc::too_many_colons : address_errc::missing_port;
    }
    out.host = text.substr(1, end - 1);
    j = 1, k = end + 1;
  } else {
    out.host = text.substr(0, colon);
    if (out.host.find(':') != std::string_view::npos) return address_errc::too_many_colons;
  }
  if (text.find('[', j) != std::string_view::npos) return address_errc::bad_brackets;
  if (text.find(']', k) != std::string_view::npos) return address_errc::bad_brackets;
  out.port = text.substr(colon + 1);
  return {};
}

std::optional<std::uint16_t> parse_port(std::string_view s) {
  if (s.empty()) return std::nullopt;
  std::uint32_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<std::uint32_t>(c - '0');
    if (v > 0xffff) return std::nullopt;
  }
  return static_cast<std::uint16_t>(v);
}

std::optional<wire::endpoint> parse_ip_literal(std::string_view host, std::uint16_t port) {
  if (host.find_first_of("[]%") != std::string_view::npos) return std::nullopt;
  const auto e = wire::endpoint::parse_host(host, port);
  if (!e || !e->is_ip()) return std::nullopt;
  return normalize(*e);
}

std::optional<wire::endpoint> parse_host(std::string_view host, std::uint16_t port) {
  if (host.size() == torv2_host_length && host.ends_with(onion_suffix)) {
    const auto raw = decode_torv2(host.substr(0, host.size() - onion_suffix.size()));
    if (!raw) return std::nullopt;
    wire::endpoint v2{wire::network_id::torv2, {}, port};
    std::copy(raw->begin(), raw->end(), v2.addr.begin());
    return normalize(v2);
  }
  if (auto v4 = parse_dotted(host, port)) return v4;
  if (host.find_first_of("[]%") != std::string_view::npos) return std::nullopt;
  const auto e = wire::endpoint::parse_host(host, port);
  if (!e) return std::nullopt;
  return normalize(*e);
}

std::optional<wire::endpoint> parse_address_key(std::string_view key) {
  host_port hp;
  if (split_host_port(key, hp)) return std::nullopt;
  const auto port = parse_port(hp.port);
  if (!port) return std::nullopt;
  return parse_host(hp.host, *port);
}

}  // namespace btcnet::address
