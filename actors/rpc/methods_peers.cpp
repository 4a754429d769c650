// Peers: getconnectioncount, getpeerinfo, addnode, disconnectnode, getaddednodeinfo, ping.
#include "actors/peer/peer_json.hpp"
#include "actors/rpc/method_table.hpp"

namespace btcnet::actors {
namespace {

using namespace rpc::error_code;

// The server answers operator commands with "" or an error text; Core gives each a code.
rpc::outcome from_server(const std::string& reply, int code, std::string message = {}) {
  if (reply.empty()) return success(nullptr);
  return failure(code, message.empty() ? reply : message);
}

caf::result<rpc::outcome> getconnectioncount(rpc_state& st, const rpc_args&) {
  return ask<server_snapshot>(st, st.links.server, get_server_state{}, [](server_snapshot& s) {
    return success(s.inbound + s.outbound + s.persistent);
  });
}

caf::result<rpc::outcome> getpeerinfo(rpc_state& st, const rpc_args&) {
  return ask<peer_list>(st, st.links.server, get_peers{}, [](peer_list& peers) {
    std::sort(peers.begin(), peers.end(), [](auto& a, auto& b) { return a.id < b.id; });
    json out = json::array();
    for (const auto& p : peers) out.push_back(peer_info_json(p));
    return success(std::move(out));
  });
}

caf::result<rpc::outcome> addnode(rpc_state& st, const rpc_args& args) {
  const auto node = args.text(0);
  const auto command = args.text(1);
  if (command == "add" || command == "onetry")
    return ask<std::string>(st, st.links.server, connect_node{node, command == "add"},
                            [](std::string& r) {
                              const bool dup = r.find("already added") != std::string::npos;
                              const bool full = r.find("max peers") != std::string::npos;
                              return from_server(r, dup    ? client_node_already_added
                                                    : full ? client_node_capacity_reached
                                                           : client_invalid_ip_or_subnet);
                            });
  if (command == "remove")
    return ask<std::string>(st, st.links.server, remove_node{node}, [](std::string& r) {
      return from_server(r, client_node_not_added,
                         "Error: Node could not be removed. It has not been added previously.");
    });
  throw rpc_failure(misc_error,
                    "addnode \"node\" \"command\": command must be add, remove or onetry");
}

caf::result<rpc::outcome> disconnectnode(rpc_state& st, const rpc_args& args) {
  const bool by_address = args.has(0) && !args.text(0).empty();
  if (by_address == args.has(1))
    throw rpc_failure(invalid_params, "Only one of address and nodeid should be provided.");
  disconnect_node d;
  if (by_address)
    d.address = args.text(0);
  else
    d.id = static_cast<std::uint64_t>(args.integer_or(1, 0));
  return ask<std::string>(st, st.links.server, d, [](std::string& r) {
    return from_server(r, client_node_not_connected, "Node not found in connected nodes");
  });
}

caf::result<rpc::outcome> getaddednodeinfo(rpc_state& st, const rpc_args& args) {
  const auto only = args.text_or(0, "");
  return ask<added_node_list>(st, st.links.server, get_added_nodes{}, [only](added_node_list& l) {
    json out = json::array();
    for (const auto& n : l) {
      if (!only.empty() && n.address != only) continue;
      json addresses = json::array();
      if (n.connected) addresses.push_back({{"address", n.address}, {"connected", "outbound"}});
      out.push_back(
          {{"addednode", n.address}, {"connected", n.connected}, {"addresses", addresses}});
    }
    if (!only.empty() && out.empty())
      return failure(client_node_not_added, "Error: Node has not been added.");
    return success(std::move(out));
  });
}

caf::result<rpc::outcome> ping(rpc_state& st, const rpc_args&) {
  if (!st.links.server)
    return failure(client_p2p_disabled, "Error: Peer-to-peer functionality missing or disabled");
  st.self->send(st.links.server, ping_peers{});
  return success(nullptr);
}

}  // namespace

const std::vector<method_spec>& peer_methods() {
  static const std::vector<method_spec> table{
      {"getconnectioncount",
       "Network",
       {},
       "Returns the number of connections to other nodes.",
       getconnectioncount},
      {"getpeerinfo",
       "Network",
       {},
       "Returns data about each connected network peer as a json array of objects.",
       getpeerinfo},
      {"addnode",
       "Network",
       {"node", "command"},
       "Attempts to add or remove a node from the addnode list, or to try a connection to a node "
       "once. command: 'add' (a permanent peer, retried with back-off), 'remove', or 'onetry'.",
       addnode},
      {"disconnectnode",
       "Network",
       {"address?", "nodeid?"},
       "Immediately disconnects from the specified peer node, given by address or by nodeid "
       "(getpeerinfo's id; then address must be empty).",
       disconnectnode},
      {"getaddednodeinfo",
       "Network",
       {"node?"},
       "Returns information about the given added node, or all added nodes (onetry nodes are not "
       "listed).",
       getaddednodeinfo},
      {"ping",
       "Network",
       {},
       "Requests that a ping be sent to all other nodes, to measure ping time; results appear in "
       "getpeerinfo's pingtime and pingwait.",
       ping},
  };
  return table;
}

}  // namespace btcnet::actors
