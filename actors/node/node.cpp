#include "actors/node/node.hpp"

#include <caf/actor_system.hpp>
#include <caf/scoped_actor.hpp>

#include "actors/common/log.hpp"

namespace btcnet::actors {

node::node(caf::actor_system& sys, transport::network& net, node_options options)
    : sys_(sys), net_(net), options_(std::move(options)) {
  const auto& o = options_;
  const auto permanent = static_cast<std::uint32_t>(o.connect.size() + o.add_peers.size());
  const bool automatic = o.automatic && o.connect.empty();
  limits_ = compute_peer_limits(o.server.max_peers, permanent, automatic);
  if (o.target_outbound) limits_.target_outbound = *o.target_outbound;

  // The introspection point first, so that every other actor can register with it.
  intro_ = spawn_introspection(sys, o.server.peer.clock);
  const auto& registry = intro_.registry;
  auto addresses = o.addresses;
  addresses.registry = registry;
  addr_manager_ = spawn_addr_manager(sys, addresses);
  auto server_cfg = o.server;
  server_cfg.listening = !o.listen.empty();
  server_cfg.registry = registry;
  server_cfg.peer.registry = registry;
  server_ = spawn_server(sys, server_cfg, {addr_manager_});
  dialer_ = spawn_dialer(sys, net, {registry});
  conn_manager_config cm;
  cm.target_outbound = automatic ? limits_.target_outbound : 0;
  cm.retry_duration = o.retry_duration;
  cm.max_inbound = limits_.max_inbound;
  cm.registry = registry;
  conn_manager_ = spawn_conn_manager(
      sys, cm,
      {dialer_, automatic ? address_source_actor{server_} : address_source_actor{}, server_});
  caf::anon_send(server_, set_conn_manager{conn_manager_});
  if (!o.seeding.seeds.empty()) {
    auto seeding = o.seeding;
    seeding.registry = registry;
    if (!seeding.lookup)
      seeding.lookup = [&net, port = seeding.default_port](const std::string& host, auto done) {
        net.resolve(host, port, std::move(done));
      };
    dns_seeder_ = spawn_dns_seeder(sys, std::move(seeding), addr_manager_);
  }
}

node::~node() {
  stop();
}

std::error_code node::start(std::string& failed_address) {
  for (const auto& where : options_.listen) {
    std::error_code ec;
    auto l = spawn_listener(sys_, net_, {where, intro_.registry}, conn_manager_, ec);
    if (!l) {
      failed_address = where.to_string();
      return ec;
    }
    listeners_.push_back(l);
  }
  if (listeners_.empty() && !options_.listen.empty())
    return std::make_error_code(std::errc::invalid_argument);
  if (!options_.listen.empty() && limits_.max_inbound == 0)
    log::srvr().info("Inbound connections disabled");
  // btcd initListeners: bound addresses are local addresses (BoundPrio); the address book keeps
  // only routable ones. Unspecified binds (0.0.0.0, ::) would need interface enumeration.
  constexpr std::uint8_t bound_priority = 1;
  for (const auto& where : options_.listen)
    caf::anon_send(addr_manager_,
                   add_local_address{{0, options_.server.peer.services, where}, bound_priority});
  for (const auto* list : {&options_.connect, &options_.add_peers})
    for (const auto& target : *list) caf::anon_send(conn_manager_, connect_request{target, true});
  caf::anon_send(conn_manager_, start_atom::value);
  if (dns_seeder_) caf::anon_send(dns_seeder_, seed_now{});
  return {};
}

void node::stop() {
  if (stopped_) return;
  stopped_ = true;
  for (auto& l : listeners_) caf::anon_send_exit(l, caf::exit_reason::user_shutdown);
  caf::anon_send(conn_manager_, stop_atom::value);
  // The server's state tells every peer to disconnect as it goes; the address manager saves.
  for (const caf::actor& a :
       {caf::actor_cast<caf::actor>(conn_manager_), caf::actor_cast<caf::actor>(server_),
        caf::actor_cast<caf::actor>(dialer_), caf::actor_cast<caf::actor>(addr_manager_),
        caf::actor_cast<caf::actor>(dns_seeder_), caf::actor_cast<caf::actor>(intro_.registry),
        caf::actor_cast<caf::actor>(intro_.tracer)})
    if (a) caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
}

std::vector<std::uint16_t> node::listen_ports() const {
  std::vector<std::uint16_t> ports;
  caf::scoped_actor self{sys_};
  for (const auto& l : listeners_)
    self->request(l, std::chrono::seconds(5), get_listener_state{})
        .receive(
            [&](const listener_snapshot& s) {
              ports.push_back(static_cast<std::uint16_t>(
                  std::stoi(s.address.substr(s.address.rfind(':') + 1))));
            },
            [](caf::error&) {});
  return ports;
}

}  // namespace btcnet::actors
