// The operator's commands (Bitcoin Core's addnode / disconnectnode / setban / getpeerinfo /
// getaddednodeinfo semantics, carried out on btcd's tables).
#include <charconv>

#include "actors/common/log.hpp"
#include "actors/server/server_state.hpp"

namespace btcnet::actors {
namespace {

constexpr caf::timespan stats_timeout = std::chrono::seconds(5);

// "host", "host:port", "[v6]:port" or a bare IPv6 address; nullopt when malformed.
std::optional<transport::dial_target> parse_target(const std::string& text,
                                                   std::uint16_t default_port) {
  std::string host = text;
  std::uint16_t port = default_port;
  const auto colon = text.rfind(':');
  const bool bracketed = !text.empty() && text.front() == '[';
  const bool bare_v6 = !bracketed && text.find(':') != colon;
  if (colon != std::string::npos && !bare_v6 && (!bracketed || text[colon - 1] == ']')) {
    const char* first = text.data() + colon + 1;
    const char* last = text.data() + text.size();
    if (std::from_chars(first, last, port).ptr != last || port == 0) return std::nullopt;
    host = text.substr(0, colon);
  }
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  if (host.empty() || host.find_first_of(" /[]") != std::string::npos) return std::nullopt;
  return transport::dial_target{host, port};
}

}  // namespace

std::string server_state::connect(const connect_node& c) {
  auto target = parse_target(c.address, config.default_port);
  if (!target) return "Error: Invalid address " + c.address;
  if (!conn_manager) return "Error: not started";
  if (c.permanent)
    for (const auto& [id, t] : added_nodes)
      if (t.host == target->host && t.port == target->port) return "Error: Node already added";
  if (count_added(true) + count_added(false) >= config.max_peers) return "Error: max peers reached";
  self->request(conn_manager, caf::infinite, connect_request{*target, c.permanent})
      .then(
          [this, t = *target, permanent = c.permanent](std::uint64_t id) {
            if (id == 0) return;
            if (permanent)
              added_nodes.emplace(id, t);
            else
              onetry_requests.insert(id);
          },
          [](caf::error&) {});
  return "";
}

std::string server_state::remove(const remove_node& r) {
  auto target = parse_target(r.address, config.default_port);
  for (auto it = added_nodes.begin(); it != added_nodes.end(); ++it) {
    const bool by_address =
        target && it->second.host == target->host && it->second.port == target->port;
    if (!by_address && std::to_string(it->first) != r.address) continue;
    removed_requests.insert(it->first);
    self->send(conn_manager, remove_request{it->first});
    log::srvr().info("Removed permanent peer {}", it->second.to_string());
    added_nodes.erase(it);
    return "";
  }
  return "Error: Node has not been added.";
}

std::string server_state::disconnect(const disconnect_node& d) {
  auto target = d.address.empty() ? std::nullopt : parse_target(d.address, config.default_port);
  for (const auto& [id, p] : peers) {
    const bool match = d.address.empty() ? id == d.id
                                         : target &&
                                               p.identity.address.host() ==
                                                   wire::endpoint::parse_host(target->host, 0)
                                                       .value_or(wire::endpoint{})
                                                       .host() &&
                                               p.identity.address.port == target->port;
    if (!match) continue;
    self->send(p.handle, disconnect_peer{"disconnected by operator"});
    return "";
  }
  return "Node not found in connected nodes";
}

caf::result<peer_list> server_state::all_peer_stats() {
  std::vector<peer_actor> handles;
  for (const auto& [id, p] : peers)
    if (p.added) handles.push_back(p.handle);
  if (handles.empty()) return peer_list{};
  auto rp = self->make_response_promise<peer_list>();
  auto gathered = std::make_shared<peer_list>();
  auto remaining = std::make_shared<std::size_t>(handles.size());
  auto finish_one = [rp, gathered, remaining]() mutable {
    if (--*remaining == 0) rp.deliver(std::move(*gathered));
  };
  for (const auto& h : handles)
    self->request(h, stats_timeout, get_peer_stats{})
        .then(
            [gathered, finish_one](const peer_stats& s) mutable {
              gathered->push_back(s);
              finish_one();
            },
            [finish_one](caf::error&) mutable { finish_one(); });  // it went away meanwhile
  return rp;
}

added_node_list server_state::added() const {
  added_node_list out;
  for (const auto& [id, t] : added_nodes) {
    bool connected = false;
    for (const auto& [pid, p] : peers) connected |= p.added && p.request && p.request->id == id;
    out.push_back({t.to_string(), id, connected});
  }
  return out;
}

ban_list server_state::bans() {
  ban_list out;
  for (const auto& r : banned.list(unix_now()))
    out.push_back({r.net.to_string(), r.until, r.created});
  return out;
}

std::string server_state::operator_ban(const ban_host& b) {
  auto net = subnet::parse(b.host);
  if (!net) return "Error: Invalid IP/Subnet";
  const std::int64_t now = unix_now();
  // Core: a host is "already banned" when any ban covers it, a subnet when it is banned itself.
  const bool single = net->prefix_bits == (net->base.net == wire::network_id::ipv4 ? 32 : 128);
  if (single ? banned.is_banned(net->base, now) : banned.contains(*net))
    return "Error: IP/Subnet already banned";
  const std::int64_t until =
      b.absolute ? b.seconds : now + (b.seconds > 0 ? b.seconds : ban_seconds());
  if (until <= now) return "Error: Absolute timestamp is in the past";
  on_ban(*net, "banned by operator", until);
  return "";
}

std::string server_state::operator_unban(const unban_host& u) {
  auto net = subnet::parse(u.host);
  if (!net) return "Error: Invalid IP/Subnet";
  if (!banned.unban(*net))
    return "Error: Unban failed. Requested address/subnet was not previously manually banned.";
  log::srvr().info("Unbanned {}", net->to_string());
  save_bans();
  return "";
}

void server_state::clear_all_bans() {
  banned.clear();
  log::srvr().info("Cleared all bans");
  save_bans();
}

void server_state::load_bans() {
  if (config.ban_file.empty()) return;
  auto loaded = load_ban_file(config.ban_file, unix_now());
  if (!loaded.warning.empty()) log::srvr().warn("{}", loaded.warning);
  banned = std::move(loaded.table);
  if (banned.size() > 0)
    log::srvr().info("Loaded {} bans from {}", banned.size(), config.ban_file.string());
}

void server_state::save_bans() {
  if (config.ban_file.empty()) return;
  if (auto error = save_ban_file(config.ban_file, banned); !error.empty())
    log::srvr().error("Could not save bans: {}", error);
}

server_snapshot server_state::snapshot() const {
  server_snapshot s;
  for (const auto& [id, p] : peers) {
    if (!p.added)
      ++s.pending_handshakes;
    else if (p.identity.inbound)
      ++s.inbound;
    else if (p.request && p.request->permanent)
      ++s.persistent;
    else
      ++s.outbound;
  }
  s.max_peers = config.max_peers;
  s.banned = static_cast<std::uint32_t>(banned.size());
  s.closed_bytes_sent = closed_bytes_sent;
  s.closed_bytes_received = closed_bytes_received;
  s.peer_deadlines = static_cast<std::uint32_t>(ticks.size());
  for (const auto& [group, count] : outbound_groups)
    s.outbound_groups.push_back(group + "=" + std::to_string(count));
  return s;
}

// The inspector's view of the server's tables (the peer and ban lists are capped).
nlohmann::json server_state::summary() {
  constexpr std::size_t max_listed = 200;
  const auto counts = snapshot();
  nlohmann::json list = nlohmann::json::array();
  for (const auto& [id, p] : peers) {
    if (list.size() == max_listed) break;
    list.push_back({{"id", id},
                    {"address", p.identity.address.to_string()},
                    {"inbound", p.identity.inbound},
                    {"connection_type", to_string(p.identity.type)},
                    {"handshake_done", p.added},
                    {"group", p.group},
                    {"user_agent", p.user_agent}});
  }
  nlohmann::json ban_json = nlohmann::json::array();
  for (const auto& b : bans())
    if (ban_json.size() < max_listed)
      ban_json.push_back({{"address", b.address}, {"banned_until", b.banned_until}});
  nlohmann::json added_json = nlohmann::json::array();
  for (const auto& a : added())
    added_json.push_back({{"address", a.address}, {"connected", a.connected}});
  return {{"inbound", counts.inbound},
          {"outbound", counts.outbound},
          {"persistent", counts.persistent},
          {"pending_handshakes", counts.pending_handshakes},
          {"max_peers", counts.max_peers},
          {"peers", list},
          {"bans", ban_json},
          {"outbound_groups", outbound_groups},
          {"pending_by_prefix", pending_by_prefix},
          {"added_nodes", added_json}};
}

}  // namespace btcnet::actors
