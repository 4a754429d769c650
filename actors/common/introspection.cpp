// Names of the introspection enums, for reports, traces and filters.
#include "actors/common/introspection.hpp"

#include <array>

namespace btcnet::actors {
namespace {

constexpr std::array<const char*, actor_kind_count> kind_names{
    "conn_manager", "dialer",     "listener", "addr_manager", "server",
    "peer",         "dns_seeder", "rpc",      "registry",     "tracer"};

}  // namespace

const char* to_string(actor_kind k) {
  const auto i = static_cast<std::size_t>(k);
  return i < kind_names.size() ? kind_names[i] : "?";
}

std::optional<actor_kind> actor_kind_from(std::string_view name) {
  for (std::size_t i = 0; i < kind_names.size(); ++i)
    if (name == kind_names[i]) return static_cast<actor_kind>(i);
  return std::nullopt;
}

const char* to_string(trace_direction d) {
  switch (d) {
    case trace_direction::message:
      return "message";
    case trace_direction::wire_in:
      return "wire_in";
    case trace_direction::wire_out:
      return "wire_out";
  }
  return "?";
}

}  // namespace btcnet::actors
