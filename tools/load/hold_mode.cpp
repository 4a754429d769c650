// hold: open N handshaked peers and keep them (answering the target's pings); report the target's
// memory before and after, so its cost per idle peer, and the round trips of rounds of pings to
// every peer over time (the target answers each while holding them all).
#include <functional>
#include <memory>
#include <vector>

#include "tools/load/latency.hpp"
#include "tools/load/modes.hpp"
#include "tools/load/peer_set.hpp"

namespace btcnet::load {
namespace {

// A round's tally, shared with the callbacks of pings that may outlive the round.
struct round_tally {
  latency rtts;
  std::size_t waiting = 0;
  std::size_t failed = 0;
};

// One ping to every live peer, sent all at once or evenly over `spread` (as a node's peers, each
// on its own ping timer, ping it at unsynchronised moments); the round's latencies once all have
// answered (or `limit` passed). `send_ms` says how long the sending took: in a burst the last
// pings leave that much later, and pongs wait unread meanwhile (this tool has one thread), so a
// burst's latencies include it.
nlohmann::json ping_round(load_context& ctx, peer_set& set, clock::duration spread,
                          std::chrono::milliseconds limit) {
  auto tally = std::make_shared<round_tally>();
  std::vector<std::shared_ptr<load_client>> live;
  for (auto& p : set.peers)
    if (p->open()) live.push_back(p);
  const auto began = clock::now();
  auto sent_all = began;
  std::size_t next = 0;
  auto send_due = [&] {
    const auto elapsed = clock::now() - began;
    const std::size_t due = elapsed >= spread
                                ? live.size()
                                : static_cast<std::size_t>(static_cast<double>(live.size()) *
                                                           std::chrono::duration<double>(elapsed) /
                                                           std::chrono::duration<double>(spread));
    for (; next < due; ++next) {
      ++tally->waiting;
      live[next]->ping([tally](std::error_code ec, clock::duration rtt) {
        --tally->waiting;
        if (ec)
          ++tally->failed;
        else
          tally->rtts.add(rtt);
      });
    }
    if (next == live.size()) sent_all = clock::now();
  };
  boost::asio::steady_timer pacer(ctx.io);
  std::function<void()> pace = [&] {
    send_due();
    if (next == live.size()) return;
    pacer.expires_after(std::chrono::milliseconds(1));
    pacer.async_wait([&](const boost::system::error_code& e) {
      if (!e) pace();  // cancelled (the round timed out): touches nothing
    });
  };
  pace();
  ctx.run_until([&] { return next == live.size() && tally->waiting == 0; },
                limit + std::chrono::duration_cast<std::chrono::milliseconds>(spread));
  pacer.cancel();
  auto out = tally->rtts.summary();
  out["unanswered"] = live.size() - next + tally->waiting + tally->failed;
  out["send_ms"] = std::chrono::duration<double, std::milli>(sent_all - began).count();
  return out;
}

}  // namespace

nlohmann::json run_hold(load_context& ctx, const hold_settings& s) {
  const auto rss_before = ctx.process.rss_kib();
  peer_set set;
  const auto began = clock::now();
  set.open(ctx, s.peers, s.concurrency, std::chrono::minutes(10));
  const double connect_seconds = std::chrono::duration<double>(clock::now() - began).count();
  ctx.report(std::to_string(set.peers.size()) + " peers held, " + std::to_string(set.failed) +
             " failed, in " + std::to_string(connect_seconds) + " s");
  ctx.run_until([] { return false; }, std::chrono::seconds(2));  // let the target settle
  const auto rss_after = ctx.process.rss_kib();
  nlohmann::json rounds = nlohmann::json::array();
  const auto interval = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::duration<double>(s.ping_interval));
  const auto spread =
      std::chrono::duration_cast<clock::duration>(std::chrono::duration<double>(s.round_spread));
  const auto end = clock::now() + std::chrono::duration_cast<clock::duration>(
                                      std::chrono::duration<double>(s.seconds));
  while (clock::now() < end) {
    const auto round_start = clock::now();
    auto r = ping_round(ctx, set, spread, std::chrono::seconds(30));
    r["at_s"] = std::chrono::duration<double>(round_start - began).count();
    r["live"] = set.live();
    rounds.push_back(std::move(r));
    ctx.run_until([] { return false; }, interval);
  }
  nlohmann::json out = {{"mode", "hold"},
                        {"peers", s.peers},
                        {"held", set.peers.size()},
                        {"failed", set.failed},
                        {"connect_seconds", connect_seconds},
                        {"round_spread_seconds", s.round_spread},
                        {"rounds", rounds},
                        {"still_open", set.live()}};
  if (rss_before && rss_after) {
    out["target_rss_before_kib"] = *rss_before;
    out["target_rss_after_kib"] = *rss_after;
    if (!set.peers.empty())
      out["target_bytes_per_peer"] = static_cast<double>(*rss_after - *rss_before) * 1024.0 /
                                     static_cast<double>(set.peers.size());
  }
  bool answered = !rounds.empty();
  for (const auto& r : rounds) answered = answered && r["unanswered"] == 0;
  out["ok"] = set.failed == 0 && answered && set.live() == set.peers.size();
  set.close_all();
  ctx.run_until([] { return false; }, std::chrono::milliseconds(200));
  return out;
}

}  // namespace btcnet::load
