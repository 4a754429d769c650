#include "net/transport/sim_network.hpp"

#include <algorithm>

#include "net/transport/errors.hpp"
#include "net/transport/sim_connection.hpp"

namespace btcnet::transport {
namespace {

using time_point = sim_network::time_point;

// A host is its IP address; ports belong to its listeners and connections.
wire::endpoint host_key(wire::endpoint e) {
  e.port = 0;
  return e;
}

bool is_unspecified(const wire::endpoint& e) {
  return std::all_of(e.addr.begin(), e.addr.begin() + static_cast<std::ptrdiff_t>(e.size()),
                     [](std::uint8_t b) { return b == 0; });
}

// splitmix64: a fixed, well-mixed hash, so a pair's latency is the same on every run.
std::uint64_t mix(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

std::uint64_t hash_host(std::uint64_t h, const wire::endpoint& e) {
  for (std::size_t i = 0; i < e.size(); ++i) h = mix(h ^ e.addr[i]);
  return h;
}

}  // namespace

// One end's view of the network: dials come from its address.
class sim_host final : public network {
 public:
  sim_host(sim_network& net, wire::endpoint address) : net_(net), address_(address) {}

  std::shared_ptr<dial_operation> connect(const dial_target& target, connect_done done) override {
    return net_.connect(address_, target, std::move(done));
  }
  std::shared_ptr<listening> listen(const wire::endpoint& where, accept_handler on_accept,
                                    accept_error_handler, std::error_code& ec) override {
    wire::endpoint at = where;
    if (is_unspecified(at)) {
      at = address_;
      at.port = where.port;
    }
    if (host_key(at) != address_) {
      ec = std::make_error_code(std::errc::address_not_available);
      return nullptr;
    }
    if (at.port == 0) at.port = next_port();
    return net_.listen(at, std::move(on_accept), ec);
  }
  void resolve(const std::string& host, std::uint16_t port, resolve_done done) override {
    net_.resolve(address_, host, port, std::move(done));
  }

  // Ephemeral ports, as Linux hands them out (net.ipv4.ip_local_port_range starts at 32768),
  // wrapping round to its start.
  std::uint16_t next_port() {
    if (next_port_ == 0) next_port_ = 32768;
    return next_port_++;
  }

 private:
  sim_network& net_;
  wire::endpoint address_;
  std::uint16_t next_port_ = 32768;
};

class sim_listening final : public listening {
 public:
  sim_listening(sim_network& net, wire::endpoint where, accept_handler on_accept)
      : net_(net), where_(where), on_accept_(std::move(on_accept)) {}
  ~sim_listening() override { stop(); }

  wire::endpoint local() const override { return where_; }
  listener_stats stats() const override { return {accepted_, 0}; }
  void stop() override {
    if (stopped_) return;
    stopped_ = true;
    net_.stop_listening(where_);
  }
  void accept(connection_ptr conn) {
    ++accepted_;
    on_accept_(std::move(conn));
  }

 private:
  sim_network& net_;
  wire::endpoint where_;
  accept_handler on_accept_;
  std::uint64_t accepted_ = 0;
  bool stopped_ = false;
};

namespace {

class sim_dial final : public dial_operation {
 public:
  explicit sim_dial(connect_done done) : done_(std::move(done)) {}
  void cancel() override { canceled_ = true; }
  bool canceled() const { return canceled_; }
  void finish(std::error_code ec, connection_ptr conn = nullptr) {
    if (!done_) return;
    auto done = std::move(done_);
    done_ = nullptr;
    done(ec, std::move(conn));
  }

 private:
  connect_done done_;
  bool canceled_ = false;
};

}  // namespace

struct sim_network::link {
  wire::endpoint addr[2];  // side 0 dialled, side 1 accepted
  std::weak_ptr<sim_connection> end[2];
  duration delay{};
  time_point free_at[2]{};       // when each direction's sender is free again (bandwidth)
  time_point last_arrival[2]{};  // each direction stays in order
  bool closed[2]{};              // a side hung up
  bool fin_held[2]{};            // ... while the link was cut
  std::vector<wire::bytes> held[2];
  bool cut = false;
  std::uint64_t cut_epoch = 0;  // which partition cut it, for its user timeout
};

sim_network::sim_network(std::uint32_t magic, sim_link_profile profile, std::uint64_t seed,
                         time_point start)
    : magic_(magic), profile_(profile), seed_(seed), rng_(seed), now_(start) {}

sim_network::~sim_network() = default;

network& sim_network::host(const wire::endpoint& address) {
  const auto key = host_key(address);
  auto& h = hosts_[key];
  if (!h) h = std::make_unique<sim_host>(*this, key);
  return *h;
}

void sim_network::schedule(time_point at, std::function<void()> fn) {
  events_.push({std::max(at, now_), next_seq_++, std::move(fn)});
}

std::optional<time_point> sim_network::next_event() const {
  if (events_.empty()) return std::nullopt;
  return events_.top().at;
}

std::size_t sim_network::run_until(time_point t) {
  std::size_t n = 0;
  while (!events_.empty() && events_.top().at <= t) {
    // The queue's top is const; moving its function out before pop() is safe (pop does not read
    // the moved-from element's function).
    auto run = std::move(const_cast<event&>(events_.top()).run);
    now_ = events_.top().at;
    events_.pop();
    run();
    ++n;
  }
  now_ = std::max(now_, t);
  return n;
}

void sim_network::clear() {
  events_ = {};
  listeners_.clear();
  seeds_ = nullptr;
}

sim_network::duration sim_network::one_way(const wire::endpoint& a, const wire::endpoint& b) const {
  const auto ka = host_key(a), kb = host_key(b);
  const auto& lo = std::min(ka, kb);
  const auto& hi = std::max(ka, kb);
  const std::uint64_t h = hash_host(hash_host(mix(seed_), lo), hi);
  const double share = static_cast<double>(h >> 11) / static_cast<double>(1ull << 53);
  return profile_.latency + std::chrono::duration_cast<duration>(profile_.jitter * share);
}

bool sim_network::is_cut(const wire::endpoint& a, const wire::endpoint& b) const {
  return side_of_ && side_of_(host_key(a)) != side_of_(host_key(b));
}

// ---- dialling and listening ----

std::shared_ptr<dial_operation> sim_network::connect(const wire::endpoint& from,
                                                     const dial_target& target, connect_done done) {
  ++stats_.dials;
  auto op = std::make_shared<sim_dial>(std::move(done));
  const auto to = wire::endpoint::parse_host(target.host, target.port);
  if (!to) {  // a name: the simulation has no DNS for peers
    ++stats_.dials_failed;
    schedule(now_, [op] { op->finish(std::make_error_code(std::errc::address_not_available)); });
    return op;
  }
  if (!hosts_.count(host_key(*to)) || is_cut(from, *to)) {  // nobody answers: SYNs time out
    ++stats_.dials_failed;
    schedule(now_ + profile_.connect_timeout, [op] {
      op->finish(op->canceled() ? transport_errc::dial_canceled : transport_errc::dial_timed_out);
    });
    return op;
  }
  // SYN and SYN-ACK: the dialler holds a connection after one round trip.
  schedule(now_ + 2 * one_way(from, *to), [this, op, from, to = *to] {
    if (op->canceled()) return op->finish(transport_errc::dial_canceled);
    if (is_cut(from, to)) return op->finish(transport_errc::dial_timed_out);
    auto it = listeners_.find(to);
    if (it == listeners_.end() || it->second.expired()) {
      ++stats_.dials_failed;
      return op->finish(std::make_error_code(std::errc::connection_refused));
    }
    open_link(from, to, [op](std::error_code ec, connection_ptr c) { op->finish(ec, c); });
  });
  return op;
}

void sim_network::open_link(const wire::endpoint& from, const wire::endpoint& to,
                            const connect_done& done) {
  const std::uint64_t id = next_link_++;
  wire::endpoint from_port = host_key(from);
  from_port.port = static_cast<sim_host&>(host(from)).next_port();
  link l;
  l.addr[0] = from_port;
  l.addr[1] = to;
  l.delay = one_way(from, to);
  auto dialler = std::make_shared<sim_connection>(*this, id, 0, magic_, from_port, to);
  auto acceptor = std::make_shared<sim_connection>(*this, id, 1, magic_, to, from_port);
  l.end[0] = dialler;
  l.end[1] = acceptor;
  links_.emplace(id, std::move(l));
  ++stats_.links_opened;
  ++stats_.links_open;
  listeners_.at(to).lock()->accept(std::move(acceptor));
  done({}, std::move(dialler));
}

std::shared_ptr<listening> sim_network::listen(const wire::endpoint& where,
                                               accept_handler on_accept, std::error_code& ec) {
  auto& slot = listeners_[where];
  if (!slot.expired()) {
    ec = std::make_error_code(std::errc::address_in_use);
    return nullptr;
  }
  auto l = std::make_shared<sim_listening>(*this, where, std::move(on_accept));
  slot = l;
  return l;
}

void sim_network::stop_listening(const wire::endpoint& where) {
  listeners_.erase(where);
}

void sim_network::resolve(const wire::endpoint& from, const std::string& name, std::uint16_t port,
                          resolve_done done) {
  std::vector<wire::endpoint> found = seeds_ ? seeds_(name) : std::vector<wire::endpoint>{};
  for (auto& e : found)
    if (e.port == 0) e.port = port;
  // A round trip to a resolver about as far as a peer.
  const auto at = now_ + 2 * one_way(from, from);
  schedule(at, [found = std::move(found), done = std::move(done)] {
    if (found.empty()) return done(std::make_error_code(std::errc::address_not_available), {});
    done({}, found);
  });
}

// ---- bytes on links ----

void sim_network::transmit(std::uint64_t id, int side, wire::bytes frame) {
  auto it = links_.find(id);
  if (it == links_.end() || it->second.closed[side]) return;
  ++stats_.frames;
  stats_.bytes += frame.size();
  link& l = it->second;
  if (l.cut) return l.held[side].push_back(std::move(frame));
  send_now(id, l, side, std::move(frame));
}

void sim_network::send_now(std::uint64_t id, link& l, int side, wire::bytes frame) {
  const auto on_wire = std::chrono::duration_cast<duration>(
      std::chrono::duration<double>(static_cast<double>(frame.size()) / profile_.bandwidth));
  l.free_at[side] = std::max(now_, l.free_at[side]) + on_wire;
  time_point arrival = l.free_at[side] + l.delay;
  if (profile_.loss > 0) {
    std::uniform_real_distribution<double> draw(0.0, 1.0);
    while (draw(rng_) < profile_.loss) arrival += profile_.retransmit_timeout;
  }
  arrival = std::max(arrival, l.last_arrival[side]);  // TCP delivers in order
  l.last_arrival[side] = arrival;
  schedule(arrival, [this, id, to = 1 - side, bytes = std::move(frame)]() mutable {
    auto it = links_.find(id);
    if (it == links_.end()) return;
    if (auto c = it->second.end[to].lock()) c->arrive(std::move(bytes));
  });
}

void sim_network::hang_up(std::uint64_t id, int side) {
  auto it = links_.find(id);
  if (it == links_.end()) return;
  link& l = it->second;
  if (l.closed[side]) return;
  l.closed[side] = true;
  const int other = 1 - side;
  if (l.closed[other]) {  // both ends are done
    links_.erase(it);
    --stats_.links_open;
    return;
  }
  if (l.cut) {
    l.fin_held[side] = true;
    return;
  }
  // The FIN follows whatever data is still in flight.
  const time_point at = std::max(now_ + l.delay, l.last_arrival[side]);
  schedule(at, [this, id, other] {
    auto it = links_.find(id);
    if (it == links_.end() || it->second.closed[other]) return;
    auto conn = it->second.end[other].lock();
    links_.erase(it);
    --stats_.links_open;
    if (conn) conn->reset(std::make_error_code(std::errc::connection_reset));
  });
}

// ---- partitions ----

void sim_network::partition(std::function<int(const wire::endpoint&)> side_of) {
  side_of_ = std::move(side_of);
  const std::uint64_t epoch = ++partition_epoch_;
  std::vector<std::uint64_t> restored;
  for (auto& [id, l] : links_) {
    const bool cut = is_cut(l.addr[0], l.addr[1]);
    if (cut && !l.cut) {
      l.cut = true;
      l.cut_epoch = epoch;
      schedule(now_ + profile_.user_timeout, [this, id = id, epoch] {
        auto it = links_.find(id);
        if (it != links_.end() && it->second.cut && it->second.cut_epoch == epoch)
          reset_link(id, std::make_error_code(std::errc::timed_out));
      });
    } else if (!cut && l.cut) {
      restored.push_back(id);
    }
  }
  for (auto id : restored) restore(id);
}

void sim_network::heal() {
  partition(nullptr);
}

void sim_network::restore(std::uint64_t id) {
  link& l = links_.at(id);
  l.cut = false;
  for (int side : {0, 1}) {
    for (auto& frame : l.held[side]) send_now(id, l, side, std::move(frame));
    l.held[side].clear();
  }
  // Hang-ups held while cut go out after the data (the second may erase the link).
  for (int side : {0, 1}) {
    auto it = links_.find(id);
    if (it == links_.end() || !it->second.fin_held[side]) continue;
    it->second.fin_held[side] = false;
    it->second.closed[side] = false;
    hang_up(id, side);
  }
}

void sim_network::reset_link(std::uint64_t id, std::error_code reason) {
  auto it = links_.find(id);
  if (it == links_.end()) return;
  std::shared_ptr<sim_connection> ends[2] = {it->second.end[0].lock(), it->second.end[1].lock()};
  bool closed[2] = {it->second.closed[0], it->second.closed[1]};
  links_.erase(it);
  --stats_.links_open;
  for (int side : {0, 1})
    if (ends[side] && !closed[side]) ends[side]->reset(reason);
}

}  // namespace btcnet::transport
