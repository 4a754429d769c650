#include "actors/addr_manager/addr_manager.hpp"

#include <caf/actor_system.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <limits>

#include "actors/addr_manager/address_book.hpp"
#include "actors/addr_manager/peers_json.hpp"
#include "actors/common/instrument.hpp"
#include "actors/common/log.hpp"
#include "net/address/classification.hpp"
#include "net/address/group_key.hpp"

namespace btcnet::actors {
namespace {

struct save_tick {};
BTCNET_INSPECT(save_tick)

using addr_manager_impl = instrumented<addr_manager_actor>::extend<caf::reacts_to<save_tick>>;

struct addr_manager_state {
  static inline const char* name = "addr_manager";
  addr_manager_impl::pointer self = nullptr;
  actors::probe probe;
  addr_manager_config config;
  std::optional<addr_manager::address_book> book;
  std::string last_error;

  std::int64_t now() const { return config.clock.unix_now(self->clock()); }

  void load() {
    addr_manager::load_outcome outcome;
    if (!config.file.empty())
      outcome = addr_manager::load_peers(config.file, config.rng_seed, now());
    if (outcome.book) {
      book = std::move(outcome.book);
      log::amgr().info("Loaded {} addresses from file '{}'", book->size(), config.file.string());
      return;
    }
    if (outcome.result == addr_manager::load_outcome::status::set_aside) {
      last_error = outcome.warning;
      log::amgr().warn("Address file {}: {}", config.file.string(), outcome.warning);
    }
    book.emplace(config.key ? *config.key : addr_manager::random_book_key(), config.rng_seed);
  }

  bool save() {
    if (config.file.empty()) return true;
    if (auto ec = addr_manager::save_peers(*book, config.file)) {
      last_error = "saving " + config.file.string() + ": " + ec.message();
      log::amgr().error("{}", last_error);
      return false;
    }
    return true;
  }

  // btcd newAddressFunc, inside the book's owner so no address leaves it half-checked.
  selected_address select(const select_address& req) {
    const std::int64_t t = now();
    for (int tries = 0; tries < select_tries; ++tries) {
      auto ka = book->select(t);
      if (!ka) break;
      const auto& where = ka->addr.where;
      if (std::find(req.exclude_groups.begin(), req.exclude_groups.end(),
                    address::group_key(where)) != req.exclude_groups.end())
        continue;
      if (tries < skip_recent_until_try && t - ka->last_attempt < addr_manager::recent_attempt)
        continue;
      if (tries < skip_other_port_until_try && req.default_port != 0 &&
          where.port != req.default_port)
        continue;
      book->attempt(where, t);
      return {true, ka->addr};
    }
    return {};
  }

  addr_manager_snapshot snapshot() const {
    addr_manager_snapshot s;
    s.new_entries = book->new_count();
    s.tried_entries = book->tried_count();
    const auto summary = book->summary();
    s.new_buckets_used = summary.new_buckets_used;
    s.tried_buckets_used = summary.tried_buckets_used;
    const auto& counts = book->counts_by_network();
    for (std::size_t n = 0; n < address::network_count; ++n)
      s.networks.push_back({address::to_string(static_cast<address::network>(n)),
                            counts[n].new_entries, counts[n].tried_entries});
    s.file = config.file.string();
    s.last_error = last_error;
    return s;
  }

  ~addr_manager_state() {
    if (book) save();  // btcd saves at shutdown too
  }
};

// The inspector's view: new/tried counts, buckets in use, counts per network, the file.
nlohmann::json summary(const addr_manager_snapshot& s) {
  nlohmann::json networks = nlohmann::json::object();
  for (const auto& n : s.networks)
    networks[n.network] = {{"new", n.new_entries}, {"tried", n.tried_entries}};
  return {{"new", s.new_entries},
          {"tried", s.tried_entries},
          {"new_buckets_used", s.new_buckets_used},
          {"tried_buckets_used", s.tried_buckets_used},
          {"networks", networks},
          {"file", s.file},
          {"last_error", s.last_error}};
}

addr_manager_impl::behavior_type addr_manager_fn(
    addr_manager_impl::stateful_pointer<addr_manager_state> self, addr_manager_config config) {
  auto& st = self->state;
  st.self = self;
  st.config = std::move(config);
  st.load();
  self->delayed_send(self, st.config.dump_interval, save_tick{});
  st.probe.attach(self, st.config.registry, actor_kind::addr_manager, "addr_manager");
  st.probe.on_summary([&st] { return summary(st.snapshot()); });
  return instrument<addr_manager_impl::behavior_type>(
      st.probe,
      [&st](add_addresses& a) {
        st.book->add_addresses(a.addresses, wire::peer_address{0, 0, a.source}, st.now());
      },
      [&st](const select_address& r) { return st.select(r); },
      [&st](const mark_attempt& m) { st.book->attempt(m.where, st.now()); },
      [&st](const mark_connected& m) { st.book->connected(m.where, st.now()); },
      [&st](const mark_good& m) { st.book->good(m.where, st.now()); },
      [&st](const set_services& m) { st.book->set_services(m.where, m.services); },
      [&st](get_address_cache) { return st.book->address_cache(); },
      [&st](need_more_addresses) { return st.book->need_more_addresses(); },
      [&st](const add_local_address& a) {
        st.book->add_local_address(a.address,
                                   static_cast<addr_manager::address_priority>(a.priority));
      },
      [&st](const best_local_address& b) {
        return st.book->best_local_address(b.remote, st.now());
      },
      [](const get_group_key& g) { return address::group_key(g.where); },
      [&st](get_addr_manager_state) { return st.snapshot(); },
      [&st](save_addresses) { return st.save(); },
      [&st](const sample_addresses& s) {
        auto keep = [&s](const wire::peer_address& a) {
          return s.network.empty() || s.network == address::to_string(address::network_of(a.where));
        };
        const auto count = s.count == 0 ? std::numeric_limits<std::size_t>::max() : s.count;
        return st.book->random_addresses(count, keep);
      },
      [&st](get_local_addresses) {
        local_address_list out;
        for (const auto& e : st.book->locals().entries())
          out.push_back({e.addr.where, static_cast<std::int32_t>(e.score)});
        return out;
      },
      [&st](const add_peer_address& a) {
        const auto now = st.now();
        st.book->add_address(a.address, a.address, now);
        if (a.tried) st.book->good(a.address.where, now);
        return st.book->find(a.address.where) != nullptr;
      },
      [&st](const find_address& f) {
        const auto* known = st.book->find(f.where);
        return address_place{known != nullptr, known && known->tried};
      },
      [self, &st](save_tick) {
        st.save();
        self->delayed_send(self, st.config.dump_interval, save_tick{});
      });
}

}  // namespace

addr_manager_actor spawn_addr_manager(caf::actor_system& sys, addr_manager_config config) {
  return caf::actor_cast<addr_manager_actor>(sys.spawn(addr_manager_fn, std::move(config)));
}

}  // namespace btcnet::actors
