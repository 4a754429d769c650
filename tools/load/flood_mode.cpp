// flood: N handshaked peers send a sustained load of one message kind. ping: the target answers
// each with a pong, so processed messages and their latency are measured directly (the pongs of
// a connection come back in order, so a queue of send times gives each round trip). addr and
// inv: the target answers nothing, so one peer pings ten times a second to measure how
// responsive it stays. addr entries are private-range addresses: no node would ever dial them.
#include <deque>

#include "tools/load/latency.hpp"
#include "tools/load/modes.hpp"
#include "tools/load/peer_set.hpp"

namespace btcnet::load {
namespace {

wire::bytes encoded(const client_options& o, const std::string& kind) {
  wire::bytes frame;
  if (kind == "ping") {
    wire::encode_frame(frame, o.magic, wire::msg::ping{0x666c6f6f64}, o.protocol);  // "flood"
  } else if (kind == "addr") {
    wire::msg::addr a;
    const auto now =
        static_cast<std::uint32_t>(std::chrono::duration_cast<std::chrono::seconds>(
                                       std::chrono::system_clock::now().time_since_epoch())
                                       .count());
    for (std::uint8_t i = 0; i < 10; ++i)  // RFC 1918: never routable
      a.addresses.push_back({now, wire::node_network, wire::endpoint::ipv4(10, 7, 0, i, 8333)});
    wire::encode_frame(frame, o.magic, a, o.protocol);
  } else {
    wire::msg::inv inv;
    for (std::uint32_t i = 0; i < 50; ++i) {
      wire::msg::inv_vector v{wire::inv_tx, {}};
      v.hash[0] = static_cast<std::uint8_t>(i);
      v.hash[1] = static_cast<std::uint8_t>(i >> 8);
      inv.entries.push_back(v);
    }
    wire::encode_frame(frame, o.magic, inv, o.protocol);
  }
  return frame;
}

struct flood_peer {
  std::shared_ptr<load_client> client;
  std::deque<clock::time_point> in_flight;  // send times of unanswered pings, in order
};

class flood_run {
 public:
  flood_run(load_context& ctx, const flood_settings& s, peer_set& set)
      : ctx_(ctx), s_(s), frame_(encoded(ctx.client, s.message)), ticker_(ctx.io) {
    for (auto& c : set.peers) peers_.push_back(std::make_unique<flood_peer>(flood_peer{c, {}}));
    for (auto& p : peers_)
      p->client->on_frame([this, p = p.get()](wire::command cmd, wire::byte_span) {
        if (cmd != wire::command::pong || p->in_flight.empty()) return;
        latency_.add(clock::now() - p->in_flight.front());
        p->in_flight.pop_front();
        ++answered_;
        if (sending_ && s_.rate == 0 && s_.message == "ping") send(*p);
      });
  }

  void start() {
    sending_ = true;
    if (s_.rate == 0 && s_.message == "ping") {
      for (auto& p : peers_)
        for (std::uint32_t i = 0; i < s_.window; ++i) send(*p);
      return;
    }
    last_tick_ = clock::now();
    tick();
  }
  void stop() {
    sending_ = false;
    ticker_.cancel();
  }
  bool drained() const {
    for (const auto& p : peers_)
      if (!p->in_flight.empty() && p->client->open()) return false;
    return true;
  }

  std::uint64_t sent() const { return sent_; }
  std::uint64_t answered() const { return answered_; }
  const latency& round_trips() const { return latency_; }

 private:
  void send(flood_peer& p) {
    if (!p.client->open()) return;
    p.client->send_bytes(frame_);
    if (s_.message == "ping") p.in_flight.push_back(clock::now());
    ++sent_;
  }

  void probe() {  // addr/inv floods: one ping on the first peer, answered in order
    auto& p = *peers_.front();
    if (!p.client->open()) return;
    p.client->send(wire::msg::ping{0x70726f6265});  // "probe"
    p.in_flight.push_back(clock::now());
  }

  void tick() {
    const auto now = clock::now();
    budget_ += s_.rate * std::chrono::duration<double>(now - last_tick_).count();
    last_tick_ = now;
    const double cap = s_.rate > 0 ? s_.rate / 10 : 1e9;  // never catch up more than 100 ms
    budget_ = std::min(budget_, cap);
    while (budget_ >= 1 && !peers_.empty()) {
      send(*peers_[next_++ % peers_.size()]);
      budget_ -= 1;
    }
    if (s_.message != "ping" && ++ticks_ % 100 == 0) probe();
    ticker_.expires_after(std::chrono::milliseconds(1));
    ticker_.async_wait([this](const boost::system::error_code& e) {
      if (!e && sending_) tick();
    });
  }

  load_context& ctx_;
  flood_settings s_;
  wire::bytes frame_;
  boost::asio::steady_timer ticker_;
  std::vector<std::unique_ptr<flood_peer>> peers_;
  latency latency_;
  std::uint64_t sent_ = 0, answered_ = 0, ticks_ = 0;
  std::size_t next_ = 0;
  double budget_ = 0;
  clock::time_point last_tick_;
  bool sending_ = false;
};

}  // namespace

nlohmann::json run_flood(load_context& ctx, const flood_settings& s) {
  peer_set set;
  set.open(ctx, s.peers, 100, std::chrono::minutes(5));
  nlohmann::json out = {{"mode", "flood"},
                        {"message", s.message},
                        {"peers", s.peers},
                        {"connected", set.peers.size()},
                        {"rate", s.rate}};
  if (set.peers.empty()) {
    out["ok"] = false;
    out["error"] = "no peer could complete a handshake";
    return out;
  }
  flood_run run(ctx, s, set);
  const auto cpu_before = ctx.process.cpu_seconds();
  const auto began = clock::now();
  run.start();
  ctx.run_until([] { return false; }, std::chrono::duration_cast<std::chrono::milliseconds>(
                                          std::chrono::duration<double>(s.seconds)));
  const double seconds = std::chrono::duration<double>(clock::now() - began).count();
  const auto answered_in_time = run.answered();
  run.stop();
  ctx.run_until([&] { return run.drained(); }, std::chrono::seconds(10));
  out["seconds"] = seconds;
  out["sent"] = run.sent();
  out["sent_per_second"] = static_cast<double>(run.sent()) / seconds;
  if (s.message == "ping")
    out["processed_per_second"] = static_cast<double>(answered_in_time) / seconds;
  out["latency"] = run.round_trips().summary();
  out["still_connected"] = set.live();
  if (cpu_before) out["target_cpu_seconds"] = *ctx.process.cpu_seconds() - *cpu_before;
  out["ok"] = set.live() == set.peers.size() && run.drained();
  set.close_all();
  ctx.run_until([] { return false; }, std::chrono::milliseconds(200));
  return out;
}

}  // namespace btcnet::load
