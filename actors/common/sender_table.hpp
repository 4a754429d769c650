// Messages an actor received, counted per sending actor, in a table of bounded size. A busy actor
// (the server, the address manager, the registry) hears from every peer that ever connected: an
// exact table would grow with the node's connection history, without bound. Up to `capacity`
// senders the counts are exact. Past it, a new sender takes over the entry with the fewest
// messages and counts on from there (Metwally, Agrawal, El Abbadi 2005, "Space-Saving"): the
// busiest senders stay in the table, and a count exceeds its sender's true count by at most the
// count it took over.
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

#include "actors/common/introspection.hpp"

namespace btcnet::actors {

class sender_table {
 public:
  static constexpr std::size_t capacity = 32;
  // A peer hears from a handful of actors (its bridge, the server, the registry, itself).
  static constexpr std::size_t first_reserve = 4;

  // One message from actor `id` (0: from outside any actor).
  void count(std::uint64_t id) noexcept {
    if (id != last_id_ || entries_.empty()) [[unlikely]] {
      last_ = slot_for(id);
      last_id_ = id;
    }
    ++entries_[last_].messages;
  }

  std::span<const sender_count> entries() const { return entries_; }
  // The sender of the last message counted.
  std::uint64_t last() const { return last_id_; }

 private:
  std::size_t slot_for(std::uint64_t id) noexcept {
    for (std::size_t i = 0; i < entries_.size(); ++i)
      if (entries_[i].actor_id == id) return i;
    if (entries_.size() < capacity) {
      if (entries_.empty()) entries_.reserve(first_reserve);
      entries_.push_back({id, 0});
      return entries_.size() - 1;
    }
    const auto fewest = std::min_element(
        entries_.begin(), entries_.end(),
        [](const sender_count& a, const sender_count& b) { return a.messages < b.messages; });
    fewest->actor_id = id;  // keeps the count it takes over (Space-Saving)
    return static_cast<std::size_t>(fewest - entries_.begin());
  }

  std::vector<sender_count> entries_;
  std::uint64_t last_id_ = 0;
  std::size_t last_ = 0;
};

}  // namespace btcnet::actors
