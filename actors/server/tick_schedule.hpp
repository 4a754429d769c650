// When each peer next wants a tick: one deadline per peer, the earliest first. The server keeps
// its peers' timers here instead of each peer keeping CAF timers of its own: a CAF delayed message
// cannot be cancelled and holds its receiver alive until it fires, so a closed peer would stay in
// memory for up to its idle timeout (5 minutes) — tens of thousands of them under connection churn.
#pragma once

#include <caf/actor_clock.hpp>
#include <cstdint>
#include <map>
#include <optional>
#include <unordered_map>
#include <vector>

namespace btcnet::actors {

class tick_schedule {
 public:
  using time_point = caf::actor_clock::time_point;

  // Replaces any deadline the peer had.
  void schedule(std::uint64_t id, time_point when) {
    cancel(id);
    by_peer_.emplace(id, queue_.emplace(when, id));
  }
  void cancel(std::uint64_t id) {
    auto it = by_peer_.find(id);
    if (it == by_peer_.end()) return;
    queue_.erase(it->second);
    by_peer_.erase(it);
  }
  // The peers whose deadline is at or before `now`, earliest first; they leave the schedule.
  std::vector<std::uint64_t> take_due(time_point now) {
    std::vector<std::uint64_t> due;
    while (!queue_.empty() && queue_.begin()->first <= now) {
      due.push_back(queue_.begin()->second);
      by_peer_.erase(queue_.begin()->second);
      queue_.erase(queue_.begin());
    }
    return due;
  }
  std::optional<time_point> next() const {
    if (queue_.empty()) return std::nullopt;
    return queue_.begin()->first;
  }
  std::size_t size() const { return by_peer_.size(); }

 private:
  std::multimap<time_point, std::uint64_t> queue_;
  std::unordered_map<std::uint64_t, std::multimap<time_point, std::uint64_t>::iterator> by_peer_;
};

}  // namespace btcnet::actors
