// The node's network: getnetworkinfo, getnettotals, getnodeaddresses, getaddrmaninfo.
#include <chrono>

#include "actors/peer/peer_json.hpp"
#include "actors/rpc/method_table.hpp"
#include "net/wire/protocol.hpp"

namespace btcnet::actors {
namespace {

using namespace rpc::error_code;

constexpr std::int64_t max_node_addresses_count = 0x7fffffff;
constexpr std::array<std::string_view, 5> network_names{"ipv4", "ipv6", "onion", "i2p", "cjdns"};

json network_info(const node_info& info, const server_snapshot& s,
                  const local_address_list& locals) {
  json networks = json::array();
  for (const auto& n : info.networks)
    networks.push_back({{"name", n.name},
                        {"limited", !n.reachable},
                        {"reachable", n.reachable},
                        {"proxy", n.proxy},
                        {"proxy_randomize_credentials", n.proxy_randomize_credentials}});
  json local = json::array();
  for (const auto& l : locals)
    local.push_back({{"address", l.where.host()}, {"port", l.where.port}, {"score", l.score}});
  return {{"version", info.version},
          {"subversion", info.subversion},
          {"protocolversion", info.protocol_version},
          {"localservices", services_hex(info.services)},
          {"localservicesnames", wire::service_names(info.services)},
          {"localrelay", info.relay},
          {"timeoffset", 0},
          {"networkactive", true},
          {"connections", s.inbound + s.outbound + s.persistent},
          {"connections_in", s.inbound},
          {"connections_out", s.outbound + s.persistent},
          {"networks", networks},
          {"localaddresses", local},
          {"warnings", json::array()}};
}

caf::result<rpc::outcome> getnetworkinfo(rpc_state& st, const rpc_args&) {
  // Two replies are needed: the server's counts, then our local addresses.
  auto rp = st.self->make_response_promise<rpc::outcome>();
  auto fail = [rp](caf::error& e) mutable {
    rp.deliver(failure(internal_error, caf::to_string(e)));
  };
  st.self->request(st.links.server, st.config.timeout, get_server_state{})
      .then(
          [&st, rp, fail](server_snapshot& s) mutable {
            if (!st.links.addr_manager) {
              rp.deliver(success(network_info(st.config.info, s, {})));
              return;
            }
            st.self->request(st.links.addr_manager, st.config.timeout, get_local_addresses{})
                .then(
                    [&st, rp, s](local_address_list& l) mutable {
                      rp.deliver(success(network_info(st.config.info, s, l)));
                    },
                    fail);
          },
          fail);
  return rp;
}

caf::result<rpc::outcome> getnettotals(rpc_state& st, const rpc_args&) {
  auto rp = st.self->make_response_promise<rpc::outcome>();
  auto fail = [rp](caf::error& e) mutable {
    rp.deliver(failure(internal_error, caf::to_string(e)));
  };
  st.self->request(st.links.server, st.config.timeout, get_server_state{})
      .then(
          [&st, rp, fail](server_snapshot& s) mutable {
            st.self->request(st.links.server, st.config.timeout, get_peers{})
                .then(
                    [rp, s](peer_list& peers) mutable {
                      std::uint64_t sent = s.closed_bytes_sent, received = s.closed_bytes_received;
                      for (const auto& p : peers) {
                        sent += p.bytes_sent;
                        received += p.bytes_received;
                      }
                      const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch());
                      rp.deliver(success({{"totalbytesrecv", received},
                                          {"totalbytessent", sent},
                                          {"timemillis", millis.count()},
                                          {"uploadtarget",
                                           {{"timeframe", 86400},
                                            {"target", 0},
                                            {"target_reached", false},
                                            {"serve_historical_blocks", true},
                                            {"bytes_left_in_cycle", 0},
                                            {"time_left_in_cycle", 0}}}}));
                    },
                    fail);
          },
          fail);
  return rp;
}

caf::result<rpc::outcome> getnodeaddresses(rpc_state& st, const rpc_args& args) {
  const auto count = args.integer_or(0, 1);
  if (count < 0 || count > max_node_addresses_count)
    throw rpc_failure(invalid_parameter, "Address count out of range");
  const auto network = args.text_or(1, "");
  if (!network.empty() &&
      std::find(network_names.begin(), network_names.end(), network) == network_names.end())
    throw rpc_failure(invalid_parameter, "Network not recognized: " + network);
  return ask<address_list>(st, st.links.addr_manager,
                           sample_addresses{static_cast<std::size_t>(count), network},
                           [](address_list& l) {
                             json out = json::array();
                             for (const auto& a : l)
                               out.push_back({{"time", a.time},
                                              {"services", a.services},
                                              {"address", a.where.host()},
                                              {"port", a.where.port},
                                              {"network", network_name(a.where)}});
                             return success(std::move(out));
                           });
}

caf::result<rpc::outcome> getaddrmaninfo(rpc_state& st, const rpc_args&) {
  return ask<addr_manager_snapshot>(
      st, st.links.addr_manager, get_addr_manager_state{}, [](addr_manager_snapshot& s) {
        json out = json::object();
        for (const auto& n : s.networks)
          out[n.network] = {{"new", n.new_entries},
                            {"tried", n.tried_entries},
                            {"total", n.new_entries + n.tried_entries}};
        out["all_networks"] = {{"new", s.new_entries},
                               {"tried", s.tried_entries},
                               {"total", s.new_entries + s.tried_entries}};
        return success(std::move(out));
      });
}

caf::result<rpc::outcome> addpeeraddress(rpc_state& st, const rpc_args& args) {
  const auto host = args.text(0);
  const auto port = args.integer_or(1, -1);
  if (port < 0 || port > 65535) throw rpc_failure(invalid_parameter, "Invalid port");
  auto where = wire::endpoint::parse_host(host, static_cast<std::uint16_t>(port));
  if (!where) return failure(client_invalid_ip_or_subnet, "Invalid IP address: " + host);
  const wire::peer_address a{static_cast<std::uint32_t>(st.unix_now()), wire::node_network, *where};
  return ask<bool>(st, st.links.addr_manager, add_peer_address{a, args.flag_or(2, false)},
                   [](bool kept) {
                     return success({{"success", kept}});
                   });
}

}  // namespace

const std::vector<method_spec>& network_methods() {
  static const std::vector<method_spec> table{
      {"getnetworkinfo",
       "Network",
       {},
       "Returns an object containing various state info regarding P2P networking.",
       getnetworkinfo},
      {"getnettotals",
       "Network",
       {},
       "Returns information about network traffic, including bytes in, bytes out, and current "
       "system time.",
       getnettotals},
      {"getnodeaddresses",
       "Network",
       {"count?", "network?"},
       "Return known addresses, after filtering for quality and recency. count: how many (default "
       "1, 0 for all); network: only ipv4, ipv6, onion, i2p or cjdns.",
       getnodeaddresses},
      {"getaddrmaninfo",
       "Network",
       {},
       "Provides information about the node's address manager by returning the number of "
       "addresses in the new and tried tables and their sum for all networks.",
       getaddrmaninfo},
      {"addpeeraddress",
       "Network",
       {"address", "port", "tried?"},
       "Add an address to the address manager as if a peer had announced it (for testing and "
       "clusters); tried: move it to the tried table. Returns {\"success\": whether it is kept}; "
       "addresses that are not publicly routable are not.",
       addpeeraddress},
  };
  return table;
}

}  // namespace btcnet::actors
