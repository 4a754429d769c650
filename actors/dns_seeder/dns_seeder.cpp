#include "actors/dns_seeder/dns_seeder.hpp"

#include <caf/actor_system.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/common/fast_rng.hpp"
#include "actors/common/instrument.hpp"
#include "actors/common/log.hpp"

namespace btcnet::actors {
namespace {

struct seeder_state {
  static inline const char* name = "dns_seeder";
  actors::probe probe;
  dns_seeder_config config;
  addr_manager_actor addr_manager;
  fast_rng rng;
  seed_snapshot counts;
};

using seeder_impl = instrumented<dns_seeder_actor>;
using seeder_pointer = seeder_impl::stateful_pointer<seeder_state>;

void start_lookups(seeder_pointer self) {
  auto& st = self->state;
  for (const auto& host : st.config.seeds) {
    ++st.counts.pending;
    // The answer comes back as a message: the resolver's thread never touches the state.
    st.config.lookup(host, [self = dns_seeder_actor{self}, host](
                               std::error_code ec, std::vector<wire::endpoint> found) {
      caf::anon_send(self, seed_resolved{host, ec, std::move(found)});
    });
  }
}

void on_resolved(seeder_pointer self, seed_resolved& r) {
  auto& st = self->state;
  if (st.counts.pending > 0) --st.counts.pending;
  if (r.error || r.addresses.empty()) {
    ++st.counts.failed;
    log::cmgr().info("DNS discovery failed on seed {}: {}", r.host,
                     r.error ? r.error.message() : "no addresses");
    return;
  }
  const std::int64_t now = st.config.clock.unix_now(self->clock());
  address_list list;
  for (auto& where : r.addresses) {
    where.port = st.config.default_port;
    const auto age = seed_age_min + static_cast<std::int64_t>(st.rng() % seed_age_spread);
    list.push_back({static_cast<std::uint32_t>(now - age), 0, where});
  }
  ++st.counts.succeeded;
  st.counts.addresses += list.size();
  log::cmgr().info("{} addresses found from DNS seed {}", list.size(), r.host);
  const auto source = list.front().where;
  if (st.addr_manager) self->send(st.addr_manager, add_addresses{std::move(list), source});
}

seeder_impl::behavior_type seeder_fn(seeder_pointer self, dns_seeder_config config,
                                     addr_manager_actor addr_manager) {
  auto& st = self->state;
  st.config = std::move(config);
  st.addr_manager = std::move(addr_manager);
  st.rng = fast_rng(st.config.rng_seed);
  st.probe.attach(self, st.config.registry, actor_kind::dns_seeder, "dns_seeder");
  st.probe.on_summary([&st] {
    return nlohmann::json{{"seeds", st.config.seeds},
                          {"pending", st.counts.pending},
                          {"succeeded", st.counts.succeeded},
                          {"failed", st.counts.failed},
                          {"addresses", st.counts.addresses}};
  });
  return instrument<seeder_impl::behavior_type>(
      st.probe, [self](seed_now) { start_lookups(self); },
      [self](seed_resolved& r) { on_resolved(self, r); },
      [self](get_seed_state) { return self->state.counts; });
}

}  // namespace

dns_seeder_actor spawn_dns_seeder(caf::actor_system& sys, dns_seeder_config config,
                                  addr_manager_actor addr_manager) {
  return caf::actor_cast<dns_seeder_actor>(
      sys.spawn(seeder_fn, std::move(config), std::move(addr_manager)));
}

}  // namespace btcnet::actors
