// The kinds of actor a node is made of, as the registry, traces and the inspector name them.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace btcnet::actors {

enum class actor_kind : std::uint8_t {
  conn_manager,
  dialer,
  listener,
  addr_manager,
  server,
  peer,
  dns_seeder,
  rpc,
  registry,
  tracer,
};
inline constexpr std::size_t actor_kind_count = 10;
const char* to_string(actor_kind k);
std::optional<actor_kind> actor_kind_from(std::string_view name);

}  // namespace btcnet::actors
