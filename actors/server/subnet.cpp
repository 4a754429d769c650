#include "actors/server/subnet.hpp"

#include <algorithm>
#include <charconv>

namespace btcnet::actors {

std::optional<subnet> subnet::parse(std::string_view text) {
  const auto slash = text.find('/');
  auto base = wire::endpoint::parse_host(text.substr(0, slash), 0);
  if (!base || !base->is_ip()) return std::nullopt;
  const int max_bits = base->net == wire::network_id::ipv4 ? 32 : 128;
  int bits = max_bits;
  if (slash != std::string_view::npos) {
    const auto digits = text.substr(slash + 1);
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), bits);
    if (ec != std::errc{} || end != digits.data() + digits.size() || digits.empty())
      return std::nullopt;
    if (bits < 0 || bits > max_bits) return std::nullopt;
  }
  return subnet{*base, bits};
}

bool subnet::contains(const wire::endpoint& e) const {
  if (e.net != base.net || !e.is_ip()) return false;
  const int full_bytes = prefix_bits / 8;
  for (int i = 0; i < full_bytes; ++i)
    if (e.addr[i] != base.addr[i]) return false;
  const int rest = prefix_bits % 8;
  if (rest == 0) return true;
  const std::uint8_t mask = static_cast<std::uint8_t>(0xff << (8 - rest));
  return (e.addr[full_bytes] & mask) == (base.addr[full_bytes] & mask);
}

std::string subnet::to_string() const {
  wire::endpoint masked = base;
  masked.port = 0;
  const int width = base.net == wire::network_id::ipv4 ? 4 : 16;
  for (int i = 0; i < width; ++i) {
    const int keep = std::clamp(prefix_bits - i * 8, 0, 8);
    masked.addr[i] &= static_cast<std::uint8_t>(0xff00 >> keep);
  }
  return masked.host() + "/" + std::to_string(prefix_bits);
}

}  // namespace btcnet::actors
