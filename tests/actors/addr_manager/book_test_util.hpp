// Shared helpers for the address book tests: addresses from text, a fixed key and clock.
#pragma once

#include <gtest/gtest.h>

#include <string_view>

#include "actors/addr_manager/address_book.hpp"
#include "net/address/address_text.hpp"
#include "net/wire/protocol.hpp"

namespace btcnet::addr_manager::test {

inline constexpr unix_time t0 = 1'700'000'000;  // 2023-11-14, the tests' "now"

inline book_key fixed_key() {
  book_key k{};
  for (std::size_t i = 0; i < k.size(); ++i) k[i] = static_cast<std::uint8_t>(i);
  return k;
}

inline wire::endpoint ep(std::string_view key) {
  auto e = address::parse_address_key(key);
  EXPECT_TRUE(e.has_value()) << "cannot parse " << key;
  return e.value_or(wire::endpoint{});
}

inline wire::peer_address pa(std::string_view key, unix_time seen = t0,
                             std::uint64_t services = wire::node_network) {
  return {static_cast<std::uint32_t>(seen), services, ep(key)};
}

inline wire::endpoint ipv4(unsigned a, unsigned b, unsigned c, unsigned d,
                           std::uint16_t port = 8333) {
  return wire::endpoint::ipv4(static_cast<std::uint8_t>(a), static_cast<std::uint8_t>(b),
                              static_cast<std::uint8_t>(c), static_cast<std::uint8_t>(d), port);
}

inline wire::peer_address at(const wire::endpoint& e, unix_time seen = t0,
                             std::uint64_t services = wire::node_network) {
  return {static_cast<std::uint32_t>(seen), services, e};
}

}  // namespace btcnet::addr_manager::test
