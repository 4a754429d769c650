#include "tools/sim/simulation.hpp"

#include <algorithm>
#include <stdexcept>

#include "actors/common/log.hpp"
#include "net/params/network_params.hpp"
#include "net/wire/protocol.hpp"

namespace btcnet::sim {
namespace {

constexpr std::uint16_t sim_port = 8333;
constexpr const char* seed_name = "seed.btcnet.sim";
constexpr std::size_t seed_answer_size = 25;  // about what one DNS seed answer carries
// The simulated calendar starts here (2025-06-15), so that address timestamps look current.
constexpr std::int64_t sim_unix_start = 1'750'000'000;

// splitmix64, for per-node seeds derived from the run's seed.
std::uint64_t mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}
std::uint64_t derive(std::uint64_t seed, std::size_t node, std::uint64_t purpose) {
  return mix(mix(seed ^ mix(node)) ^ purpose);
}

wire::endpoint address_for(std::size_t i, std::size_t groups) {
  const std::size_t g = i % groups, k = i / groups;
  return wire::endpoint::ipv4(
      static_cast<std::uint8_t>(11 + g % 89), static_cast<std::uint8_t>((g / 89) % 256),
      static_cast<std::uint8_t>((k / 250) % 256), static_cast<std::uint8_t>(1 + k % 250), sim_port);
}

}  // namespace

caf::actor_system_config& simulation::init(caf::actor_system_config& cfg) {
  cfg.set("scheduler.policy", caf::atom("testing"));
  return cfg;
}

simulation::simulation(sim_options options)
    : options_(std::move(options)),
      sys_(init(cfg_)),
      sched_(dynamic_cast<caf::scheduler::test_coordinator&>(sys_.scheduler())),
      start_(sched_.clock().now()) {
  if (options_.nodes == 0) throw std::invalid_argument("a simulation needs at least one node");
  const std::size_t groups = options_.groups == 0 ? options_.nodes : options_.groups;
  if (groups > 89 * 256) throw std::invalid_argument("at most 22,784 /16 groups");
  if (options_.nodes / groups >= 250 * 256) throw std::invalid_argument("too many nodes per group");
  if (!log::set_levels(options_.log_level))
    throw std::invalid_argument("bad log level '" + options_.log_level + "'");
  sys_.await_actors_before_shutdown(false);
  net_ = std::make_unique<transport::sim_network>(
      params::params_for(params::network::mainnet).magic, options_.link, options_.seed, start_);
  net_->set_seed_source([this](const std::string& name) {
    return name == seed_name ? seed_answer() : std::vector<wire::endpoint>{};
  });
  for (std::size_t i = 0; i < options_.nodes; ++i) {
    addresses_.push_back(address_for(i, groups));
    nodes_.push_back(
        std::make_unique<actors::node>(sys_, net_->host(addresses_[i]), node_options(i)));
  }
  started_.assign(options_.nodes, false);
  left_.assign(options_.nodes, false);
  leaving_.assign(options_.nodes, false);
  // Node i comes up at i/n of the spread: the first nodes find the seed nearly empty, as on a
  // young network; later ones find more.
  const std::size_t first = std::min(options_.start_first, options_.nodes);
  for (std::size_t i = 0; i < first; ++i)
    start_at(i, start_ + options_.start_spread * static_cast<std::int64_t>(i) /
                             static_cast<std::int64_t>(first));
}

simulation::~simulation() {
  for (auto& n : nodes_) n->stop();
  sched_.run();
  net_->clear();  // pending events hold actor handles: drop them while the system lives
  adversaries_.clear();
  nodes_.clear();
  sched_.run();
}

actors::node_options simulation::node_options(std::size_t i) const {
  const auto& mainnet = params::params_for(params::network::mainnet);
  const auto clock = actors::time_source{sim_unix_start, start_};
  actors::node_options o;
  o.listen = {addresses_[i]};
  o.target_outbound = options_.target_outbound;
  o.server.max_peers = options_.max_peers;
  o.server.default_port = sim_port;
  o.server.rng_seed = derive(options_.seed, i, 1);
  auto& peer = o.server.peer;
  peer.magic = mainnet.magic;
  peer.services = wire::node_network;  // a full node as far as its peers can tell
  peer.user_agent = "/btcnet-sim:0.1.0/";
  peer.clock = clock;
  o.addresses.clock = clock;
  o.addresses.rng_seed = derive(options_.seed, i, 2);
  addr_manager::book_key key{};
  for (std::size_t b = 0; b < key.size(); b += 8) {
    const std::uint64_t word = derive(options_.seed, i, 3 + b);
    for (std::size_t j = 0; j < 8; ++j) key[b + j] = static_cast<std::uint8_t>(word >> (8 * j));
  }
  o.addresses.key = key;
  o.seeding.seeds = {seed_name};
  o.seeding.default_port = sim_port;
  o.seeding.clock = clock;
  o.seeding.rng_seed = derive(options_.seed, i, 4);
  return o;
}

void simulation::start_at(std::size_t i, caf::actor_clock::time_point when) {
  net_->at(when, [this, i] { start_node(i); });
}

void simulation::stop_at(std::size_t i, caf::actor_clock::time_point when) {
  leaving_[i] = true;  // at once: a second leave step at the same instant picks another node
  net_->at(when, [this, i] { stop_node(i); });
}

void simulation::start_node(std::size_t i) {
  if (started_[i] || left_[i]) return;
  std::string where;
  if (auto ec = nodes_[i]->start(where))
    throw std::runtime_error("simulated node " + where + " cannot listen: " + ec.message());
  started_[i] = true;
  seed_pool_.push_back(addresses_[i]);
}

void simulation::stop_node(std::size_t i) {
  if (!started_[i]) return;
  nodes_[i]->stop();
  started_[i] = false;
  left_[i] = true;
  seed_pool_.erase(std::remove(seed_pool_.begin(), seed_pool_.end(), addresses_[i]),
                   seed_pool_.end());
}

// A DNS seed answers with a sample of the nodes it knows to be up (btcd's seeders crawl the
// network for good nodes); the sample is drawn from the run's seed.
std::vector<wire::endpoint> simulation::seed_answer() {
  std::vector<wire::endpoint> pool = seed_pool_;
  const std::size_t n = std::min(seed_answer_size, pool.size());
  for (std::size_t k = 0; k < n; ++k) {  // a partial shuffle: the first n are the answer
    const std::size_t pick = k + derive(options_.seed, seed_draws_++, 5) % (pool.size() - k);
    std::swap(pool[k], pool[pick]);
  }
  pool.resize(n);
  return pool;
}

void simulation::run_for(caf::timespan span) {
  auto& clock = sched_.clock();
  const auto end = clock.now() + span;
  for (;;) {
    sched_.run();
    const auto& timers = clock.schedule();
    const auto next_timer =
        timers.empty() ? caf::actor_clock::time_point::max() : timers.begin()->first;
    const auto next_net = net_->next_event().value_or(caf::actor_clock::time_point::max());
    const auto next = std::min(next_timer, next_net);
    if (next > end) break;
    // CAF's clock first (advancing by zero fires the timers already due), so that actors
    // that run after the network's events see its time.
    sched_.advance_time(std::max(next - clock.now(), caf::timespan{0}));
    net_->run_until(next);
  }
  if (end > clock.now()) sched_.advance_time(end - clock.now());
  net_->run_until(end);
  sched_.run();
}

caf::timespan simulation::elapsed() const {
  return sched_.clock().now() - start_;
}

template <class T, class Handle, class Msg>
std::vector<T> simulation::ask_all(const std::function<Handle(const actors::node&)>& pick,
                                   Msg msg) {
  caf::scoped_actor self{sys_};
  std::vector<T> out(nodes_.size());
  std::vector<std::size_t> asked;
  std::vector<decltype(self->request(pick(*nodes_[0]), caf::infinite, msg))> replies;
  for (std::size_t i = 0; i < nodes_.size(); ++i) {
    if (!started_[i]) continue;
    asked.push_back(i);
    replies.push_back(self->request(pick(*nodes_[i]), caf::infinite, msg));
  }
  sched_.run();
  for (std::size_t k = 0; k < replies.size(); ++k)
    replies[k].receive([&](T& x) { out[asked[k]] = std::move(x); },
                       [&](caf::error& e) {
                         throw std::runtime_error("node " + addresses_[asked[k]].to_string() +
                                                  " did not answer: " + sys_.render(e));
                       });
  return out;
}

std::vector<node_sample> simulation::sample() {
  const auto servers = ask_all<actors::server_snapshot, actors::server_actor>(
      [](const actors::node& n) { return n.server(); }, actors::get_server_state{});
  const auto books = ask_all<actors::addr_manager_snapshot, actors::addr_manager_actor>(
      [](const actors::node& n) { return n.addr_manager(); }, actors::get_addr_manager_state{});
  std::vector<node_sample> out(nodes_.size());
  for (std::size_t i = 0; i < out.size(); ++i)
    out[i] = {servers[i].outbound, servers[i].inbound, books[i].new_entries,
              books[i].tried_entries};
  return out;
}

std::vector<actors::address_place> simulation::find(const wire::endpoint& where) {
  return ask_all<actors::address_place, actors::addr_manager_actor>(
      [](const actors::node& n) { return n.addr_manager(); }, actors::find_address{where});
}

std::vector<wire::endpoint> simulation::outbound_peers(std::size_t i) {
  caf::scoped_actor self{sys_};
  auto reply = self->request(nodes_[i]->server(), caf::infinite, actors::get_peers{});
  sched_.run();
  std::vector<wire::endpoint> out;
  reply.receive(
      [&](const actors::peer_list& peers) {
        for (const auto& p : peers)
          if (!p.inbound) out.push_back(p.where);
      },
      [&](caf::error& e) { throw std::runtime_error("get_peers: " + sys_.render(e)); });
  return out;
}

std::size_t simulation::tried_among(std::size_t i, const std::vector<wire::endpoint>& addresses) {
  caf::scoped_actor self{sys_};
  std::vector<decltype(self->request(nodes_[i]->addr_manager(), caf::infinite,
                                     actors::find_address{}))>
      replies;
  for (const auto& a : addresses)
    replies.push_back(
        self->request(nodes_[i]->addr_manager(), caf::infinite, actors::find_address{a}));
  sched_.run();
  std::size_t tried = 0;
  for (auto& r : replies)
    r.receive([&](const actors::address_place& p) { tried += p.tried; },
              [&](caf::error& e) { throw std::runtime_error("find_address: " + sys_.render(e)); });
  return tried;
}

std::vector<wire::endpoint> simulation::add_adversaries(adversary_kind kind, std::size_t count,
                                                        bool in_seed) {
  std::vector<wire::endpoint> added;
  for (std::size_t k = 0; k < count; ++k) {
    const std::size_t j = adversaries_.size() + k;
    added.push_back(wire::endpoint::ipv4(static_cast<std::uint8_t>(101 + j % 26),
                                         static_cast<std::uint8_t>((j / 26) % 256),
                                         static_cast<std::uint8_t>(j / (26 * 256)), 1, sim_port));
  }
  std::vector<wire::endpoint> allies;
  for (const auto& a : adversaries_) allies.push_back(a->address());
  allies.insert(allies.end(), added.begin(), added.end());
  for (const auto& where : added) {
    adversary_config c;
    c.kind = kind;
    c.magic = params::params_for(params::network::mainnet).magic;
    c.allies = allies;
    c.seed = derive(options_.seed, adversaries_.size(), 6);
    c.unix_now = [this] {
      return sim_unix_start + std::chrono::duration_cast<std::chrono::seconds>(elapsed()).count();
    };
    adversaries_.push_back(std::make_unique<adversary>(*net_, where, std::move(c)));
    adversaries_.back()->listen();
    if (in_seed) seed_pool_.push_back(where);
  }
  return added;
}

void simulation::attack_at(const wire::endpoint& address, std::size_t i,
                           caf::actor_clock::time_point when) {
  for (auto& a : adversaries_)
    if (a->address() == address)
      net_->at(when, [a = a.get(), target = addresses_[i]] { a->attack(target); });
}

}  // namespace btcnet::sim
