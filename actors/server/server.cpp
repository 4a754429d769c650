#include "actors/server/server.hpp"

#include <caf/actor_system.hpp>

#include "actors/common/log.hpp"
#include "actors/conn_manager/conn_manager.hpp"
#include "actors/server/server_state.hpp"
#include "net/address/classification.hpp"
#include "net/address/group_key.hpp"

namespace btcnet::actors {

// ---- pure policy ----

bool undesired_user_agent(const std::string& agent, const std::vector<std::string>& blacklist,
                          const std::vector<std::string>& whitelist) {
  for (const auto& bad : blacklist)
    if (agent.find(bad) != std::string::npos) return true;
  if (whitelist.empty()) return false;
  for (const auto& good : whitelist)
    if (agent.find(good) != std::string::npos) return false;
  return true;
}

std::string admission_prefix(const wire::endpoint& e) {
  wire::endpoint p = e;
  p.port = 0;
  const std::size_t keep = e.net == wire::network_id::ipv4 ? 3 : 8;  // /24 or /64
  for (std::size_t i = keep; i < p.addr.size(); ++i) p.addr[i] = 0;
  return p.host() + (e.net == wire::network_id::ipv4 ? "/24" : "/64");
}

// ---- connections ----

namespace {

// How long the address manager may take to pick an address (a local actor).
constexpr caf::timespan select_timeout = std::chrono::seconds(10);

wire::endpoint target_endpoint(const transport::dial_target& t, const transport::connection& c) {
  return wire::endpoint::parse_host(t.host, t.port).value_or(c.remote());
}

}  // namespace

server_peer& server_state::spawn(transport::connection_ptr conn, peer_identity identity) {
  identity.id = ++last_peer_id;
  identity.version_nonce = rng();
  recent_nonces.push_back(identity.version_nonce);
  if (recent_nonces.size() > recent_nonce_count) recent_nonces.pop_front();
  for (const auto& net : config.whitelist) identity.whitelisted |= net.contains(identity.address);
  server_actor me = self;
  auto handle = spawn_peer(self->system(), std::move(conn), shared_peer_config, identity,
                           peer_links{me, links.addr_manager});
  self->monitor(handle);
  peer_of_actor.emplace(handle.id(), identity.id);
  auto& p = peers[identity.id];
  p.handle = handle;
  p.identity = identity;
  return p;
}

void server_state::outbound_connected(const on_connection& e) {
  const wire::endpoint where = target_endpoint(e.request.target, *e.conn);
  for (const auto& [id, p] : peers) {
    if (p.identity.address != where) continue;
    // btcd issue #1702: one connection per remote is enough.
    log::srvr().debug("Already connected to {}: dropping the new connection", where);
    e.conn->close();
    return release_request(e.request);
  }
  if (is_banned(where)) {
    e.conn->close();
    return release_request(e.request);
  }
  peer_identity id;
  id.address = where;
  // Core: addnode add and onetry connections are both manual (no required services).
  const bool manual = e.request.permanent || onetry_requests.count(e.request.id) > 0;
  id.type = manual ? connection_type::manual : connection_type::outbound_full_relay;
  spawn(e.conn, id).request = e.request;
}

void server_state::inbound_accepted(const transport::connection_ptr& conn) {
  const wire::endpoint remote = conn->remote();
  if (is_banned(remote)) {
    log::srvr().debug("Rejected inbound connection from banned {}", remote.host());
    return conn->close();
  }
  const std::string prefix = admission_prefix(remote);
  if (pending_by_prefix[prefix] >= max_pending_inbound_per_prefix) {
    log::srvr().debug("Rejected {}: inbound source handshake limit reached", remote);
    return conn->close();
  }
  ++pending_by_prefix[prefix];
  peer_identity id;
  id.address = remote;
  id.inbound = true;
  id.type = connection_type::inbound;
  spawn(conn, id).prefix = prefix;
}

// ---- peer lifecycle (btcd handleAddPeerMsg / handleDonePeerMsg) ----

namespace {

void release_prefix(server_state& st, server_peer& p) {
  if (p.prefix.empty()) return;
  if (--st.pending_by_prefix[p.prefix] == 0) st.pending_by_prefix.erase(p.prefix);
  p.prefix.clear();
}

}  // namespace

bool server_state::reject_added(server_peer& p, const peer_stats& s) {
  auto refuse = [&](const std::string& why) {
    log::srvr().info("Rejecting peer {}: {}", p.identity.address, why);
    self->send(p.handle, disconnect_peer{why});
    return true;
  };
  if (undesired_user_agent(s.user_agent, config.agent_blacklist, config.agent_whitelist))
    return refuse("undesired user agent " + s.user_agent);
  if (is_banned(p.identity.address)) return refuse("banned");
  if (count_added(true) + count_added(false) >= config.max_peers)
    return refuse("max peers reached");
  return false;
}

void server_state::on_added(const peer_added& a) {
  auto it = peers.find(a.id);
  if (it == peers.end()) return;
  server_peer& p = it->second;
  release_prefix(*this, p);
  if (reject_added(p, a.stats)) return;
  p.added = true;
  ++(p.identity.inbound ? added_inbound : added_outbound);
  p.user_agent = a.stats.user_agent;
  const auto& where = p.identity.address;
  log::srvr().debug("New peer {} ({}, {})", where,  // btcd: Debugf
                    p.identity.inbound ? "inbound" : "outbound", a.stats.user_agent);
  if (!links.addr_manager) return;
  self->send(links.addr_manager, mark_connected{where});
  if (p.identity.inbound) return;
  p.group = address::group_key(where);
  ++outbound_groups[p.group];
  self->send(links.addr_manager, set_services{where, a.stats.services});
  self->send(links.addr_manager, mark_good{where});
  self->request(links.addr_manager, select_timeout, need_more_addresses{})
      .then(
          [handle = p.handle, this](bool more) {
            if (more) self->send(handle, send_getaddr{});
          },
          [](caf::error&) {});
  if (!config.listening) return;
  // btcd handleAddPeerMsg: tell outbound peers where to reach us, if that is routable.
  self->request(links.addr_manager, select_timeout, best_local_address{where})
      .then(
          [handle = p.handle, this](wire::peer_address& local) {
            if (!address::is_routable(local.where)) return;
            local.time = static_cast<std::uint32_t>(unix_now());
            self->send(handle, push_addresses{{local}});
          },
          [](caf::error&) {});
}

void server_state::on_done(std::uint64_t id, const std::string& reason) {
  auto it = peers.find(id);
  if (it == peers.end()) return;
  server_peer& p = it->second;
  release_prefix(*this, p);
  if (p.added) --(p.identity.inbound ? added_inbound : added_outbound);
  if (p.added && !p.group.empty() && --outbound_groups[p.group] <= 0)
    outbound_groups.erase(p.group);
  ticks.cancel(id);
  peer_of_actor.erase(p.handle.id());
  if (p.request) release_request(*p.request);
  if (p.added) log::srvr().debug("Lost peer {} ({})", p.identity.address, reason);
  peers.erase(it);
}

void server_state::release_request(const conn_request_info& request) {
  if (!conn_manager) return;
  const std::uint64_t id = request.id;
  if (removed_requests.erase(id) > 0) return;  // the operator removed it: no retry (btcd bug)
  if (onetry_requests.erase(id) > 0) {         // tried once: no retry, no replacement
    self->send(conn_manager, remove_request{id});
  } else if (request.permanent) {
    self->send(conn_manager, disconnect_request{id, false});  // retry with back-off
  } else {
    self->send(conn_manager, remove_request{id});
    self->send(conn_manager, new_conn_req{});
  }
}

// ---- the peers' timers (tick_schedule.hpp says why the server keeps them) ----

namespace {

// Wake-ups are rounded up to 10 ms, so that the deadlines of many peers share one.
constexpr caf::timespan wakeup_granularity = std::chrono::milliseconds(10);

caf::actor_clock::time_point rounded_up(caf::actor_clock::time_point t) {
  const auto steps =
      (t.time_since_epoch() + wakeup_granularity - caf::timespan(1)) / wakeup_granularity;
  return caf::actor_clock::time_point(steps * wakeup_granularity);
}

}  // namespace

void server_state::schedule_peer_tick(const schedule_tick& s) {
  if (!peers.count(s.id)) return;
  const auto when = self->clock().now() + s.delay;
  ticks.schedule(s.id, when);
  arm_wakeup(when);
}

void server_state::arm_wakeup(caf::actor_clock::time_point when) {
  when = rounded_up(when);
  if (wakeup_at && *wakeup_at <= when) return;  // an earlier wake-up will see to it
  wakeup_at = when;
  self->delayed_send(self, when - self->clock().now(), server_wakeup{});
}

void server_state::on_wakeup() {
  const auto now = self->clock().now();
  if (wakeup_at && *wakeup_at <= now) wakeup_at.reset();
  for (const auto id : ticks.take_due(now))
    if (auto it = peers.find(id); it != peers.end()) self->send(it->second.handle, peer_tick{});
  if (auto next = ticks.next()) arm_wakeup(*next);
}

// ---- addresses ----

caf::result<address_candidate> server_state::select_address() {
  if (!links.addr_manager) return address_candidate{};
  auto rp = self->make_response_promise<address_candidate>();
  actors::select_address req;
  for (const auto& [group, count] : outbound_groups) req.exclude_groups.push_back(group);
  req.default_port = config.default_port;
  self->request(links.addr_manager, select_timeout, req)
      .then(
          [rp](const selected_address& s) mutable {
            address_candidate c;
            if (s.found) c = {true, {s.address.where.host(), s.address.where.port}};
            rp.deliver(std::move(c));
          },
          [rp](caf::error&) mutable { rp.deliver(address_candidate{}); });
  return rp;
}

void server_state::relay(const relay_addresses& r) {
  address_list routable;
  for (const auto& a : r.addresses)
    if (address::is_routable(a.where)) routable.push_back(a);
  if (routable.empty()) return;
  std::vector<const server_peer*> targets;
  for (const auto& [id, p] : peers)
    if (p.added && id != r.from_id) targets.push_back(&p);
  for (std::size_t i = 0; i < address_relay_fanout && !targets.empty(); ++i) {
    const std::size_t pick = rng() % targets.size();
    self->send(targets[pick]->handle, push_addresses{routable});
    targets.erase(targets.begin() + static_cast<std::ptrdiff_t>(pick));
  }
}

// ---- bans (operator commands in server_operator.cpp) ----

bool server_state::is_banned(const wire::endpoint& address) {
  return banned.is_banned(address, unix_now());
}

void server_state::ban_misbehaving(const ban_peer& b) {
  if (!b.address.is_ip()) {  // an onion or I2P peer has no IP to ban: drop just this one
    if (auto it = peers.find(b.id); it != peers.end())
      self->send(it->second.handle, disconnect_peer{b.reason});
    return;
  }
  const int bits = b.address.net == wire::network_id::ipv4 ? 32 : 128;
  on_ban(subnet{b.address, bits}, b.reason, unix_now() + ban_seconds());
}

void server_state::on_ban(const subnet& net, const std::string& reason, std::int64_t until) {
  const std::int64_t now = unix_now();
  banned.ban(net, until, now);
  log::srvr().info("Banned {} for {}s: {}", net.to_string(), until - now, reason);
  save_bans();
  for (const auto& [id, p] : peers)
    if (net.contains(p.identity.address)) self->send(p.handle, disconnect_peer{"banned"});
}

// ---- the actor ----

namespace {

server_impl::behavior_type server_fn(server_pointer self, server_config config,
                                     server_links links) {
  auto& st = self->state;
  st.self = self;
  st.config = std::move(config);
  st.shared_peer_config = std::make_shared<const peer_config>(st.config.peer);
  st.links = std::move(links);
  st.rng = fast_rng(st.config.rng_seed.value_or(
      static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()) ^
      reinterpret_cast<std::uintptr_t>(self)));
  st.load_bans();
  self->set_down_handler([&st](caf::down_msg& dm) {
    if (auto it = st.peer_of_actor.find(dm.source.id()); it != st.peer_of_actor.end())
      st.on_done(it->second, "peer actor ended");
  });
  st.probe.attach(self, st.config.registry, actor_kind::server, "server");
  st.probe.on_summary([&st] { return st.summary(); });
  // btcd's names for the conn manager's callbacks: outboundPeerConnected, inboundPeerConnected.
  return instrument<server_impl::behavior_type>(
      st.probe,
      labeled("outbound_peer_connected",
              [&st](const on_connection& e) { st.outbound_connected(e); }),
      [](const on_disconnection&) {},
      labeled("inbound_peer_connected", [&st](const on_accept& e) { st.inbound_accepted(e.conn); }),
      [&st](get_address) { return st.select_address(); },
      [&st](const peer_added& a) { st.on_added(a); },
      [&st](const peer_done& d) {
        st.closed_bytes_sent += d.bytes_sent;
        st.closed_bytes_received += d.bytes_received;
        st.on_done(d.id, d.reason);
      },
      [&st](ping_peers) {
        for (const auto& [id, p] : st.peers) st.self->send(p.handle, ping_now{});
      },
      [&st](const check_nonce& c) {
        return std::find(st.recent_nonces.begin(), st.recent_nonces.end(), c.nonce) !=
               st.recent_nonces.end();
      },
      [&st](const ban_peer& b) { st.ban_misbehaving(b); },
      [&st](const relay_addresses& r) { st.relay(r); },
      [&st](const schedule_tick& s) { st.schedule_peer_tick(s); },
      [&st](server_wakeup) { st.on_wakeup(); },
      [&st](const connect_node& c) { return st.connect(c); },
      [&st](const remove_node& r) { return st.remove(r); },
      [&st](const disconnect_node& d) { return st.disconnect(d); },
      [&st](const ban_host& b) { return st.operator_ban(b); },
      [&st](const unban_host& u) { return st.operator_unban(u); },
      [&st](list_bans) { return st.bans(); }, [&st](clear_bans) { st.clear_all_bans(); },
      [&st](get_peers) { return st.all_peer_stats(); },
      [&st](get_added_nodes) { return st.added(); },
      [&st](get_server_state) { return st.snapshot(); },
      [&st](const set_conn_manager& s) { st.conn_manager = s.conn_manager; });
}

}  // namespace

server_actor spawn_server(caf::actor_system& sys, server_config config, server_links links) {
  return caf::actor_cast<server_actor>(sys.spawn(server_fn, std::move(config), std::move(links)));
}

}  // namespace btcnet::actors
