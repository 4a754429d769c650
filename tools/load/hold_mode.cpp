// hold: open N handshaked peers and keep them (answering the target's pings); report the target's
// memory before and after, so its cost per idle peer, and the round trips of rounds of pings to
// every peer over time (the target answers each while holding them all).
#include "tools/load/latency.hpp"
#include "tools/load/modes.hpp"
#include "tools/load/peer_set.hpp"

namespace btcnet::load {
namespace {

// One ping to every live peer; the round's latencies once all have answered (or `limit`).
nlohmann::json ping_round(load_context& ctx, peer_set& set, std::chrono::milliseconds limit) {
  latency round;
  std::size_t waiting = 0, failed = 0;
  for (auto& p : set.peers) {
    if (!p->open()) continue;
    ++waiting;
    p->ping([&](std::error_code ec, clock::duration rtt) {
      --waiting;
      if (ec)
        ++failed;
      else
        round.add(rtt);
    });
  }
  ctx.run_until([&] { return waiting == 0; }, limit);
  auto out = round.summary();
  out["unanswered"] = waiting + failed;
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
  const auto end = clock::now() + std::chrono::duration_cast<clock::duration>(
                                      std::chrono::duration<double>(s.seconds));
  while (clock::now() < end) {
    const auto round_start = clock::now();
    auto r = ping_round(ctx, set, std::chrono::seconds(30));
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
