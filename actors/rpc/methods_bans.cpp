// Bans: setban, listbanned, clearbanned (Core's semantics; bans persist in banlist.json).
#include "actors/rpc/method_table.hpp"

namespace btcnet::actors {
namespace {

using namespace rpc::error_code;

caf::result<rpc::outcome> setban(rpc_state& st, const rpc_args& args) {
  const auto target = args.text(0);
  const auto command = args.text(1);
  if (command == "add") {
    ban_host b{target, args.integer_or(2, 0), args.flag_or(3, false)};
    return ask<std::string>(st, st.links.server, b, [](std::string& r) {
      if (r.empty()) return success(nullptr);
      return failure(r.find("already") != std::string::npos ? client_node_already_added
                                                            : client_invalid_ip_or_subnet,
                     r);
    });
  }
  if (command == "remove")
    return ask<std::string>(st, st.links.server, unban_host{target}, [](std::string& r) {
      return r.empty() ? success(nullptr) : failure(client_invalid_ip_or_subnet, r);
    });
  throw rpc_failure(misc_error, "setban \"subnet\" \"command\": command must be add or remove");
}

caf::result<rpc::outcome> listbanned(rpc_state& st, const rpc_args&) {
  const std::int64_t now = st.unix_now();
  return ask<ban_list>(st, st.links.server, list_bans{}, [now](ban_list& bans) {
    json out = json::array();
    for (const auto& b : bans)
      out.push_back({{"address", b.address},
                     {"ban_created", b.ban_created},
                     {"banned_until", b.banned_until},
                     {"ban_duration", b.banned_until - b.ban_created},
                     {"time_remaining", std::max<std::int64_t>(b.banned_until - now, 0)}});
    return success(std::move(out));
  });
}

caf::result<rpc::outcome> clearbanned(rpc_state& st, const rpc_args&) {
  if (!st.links.server)
    return failure(client_p2p_disabled, "Error: Peer-to-peer functionality missing or disabled");
  st.self->send(st.links.server, clear_bans{});
  return success(nullptr);
}

}  // namespace

const std::vector<method_spec>& ban_methods() {
  static const std::vector<method_spec> table{
      {"setban",
       "Network",
       {"subnet", "command", "bantime?", "absolute?"},
       "Attempts to add or remove an IP/Subnet from the banned list. subnet: an IP or IP/netmask "
       "bits; command: 'add' or 'remove'; bantime: seconds (0: the --banduration default) or, "
       "with absolute=true, the unix time the ban ends.",
       setban},
      {"listbanned",
       "Network",
       {},
       "List all manually and automatically banned IPs/Subnets.",
       listbanned},
      {"clearbanned", "Network", {}, "Clear all banned IPs.", clearbanned},
  };
  return table;
}

}  // namespace btcnet::actors
