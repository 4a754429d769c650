// Endpoints from text for the address tests (Go's net.ParseIP + NetAddressV2FromBytes).
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "net/address/address_text.hpp"

namespace btcnet::address::test {

inline wire::endpoint ip(const std::string& text, std::uint16_t port = 8333) {
  auto e = parse_host(text, port);
  EXPECT_TRUE(e.has_value()) << "cannot parse " << text;
  return e.value_or(wire::endpoint{});
}

}  // namespace btcnet::address::test
