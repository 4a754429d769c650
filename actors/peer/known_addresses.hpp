// The addresses a peer is known to have (it sent them, or we sent them to it), so they are never
// sent back (btcd serverPeer.knownAddresses, an LRU of 5000). Keys are 64-bit hashes of the
// endpoint. Nothing is allocated until the first address (most peers stay idle), and the oldest
// keys are forgotten beyond capacity.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <unordered_set>

#include "net/wire/net_address.hpp"

namespace btcnet::actors {

class known_addresses {
 public:
  static constexpr std::size_t capacity = 5000;  // btcd newServerPeer knownAddresses

  bool contains(const wire::endpoint& e) const { return sets_ && sets_->keys.count(key(e)) > 0; }
  void add(const wire::endpoint& e) {
    if (!sets_) sets_ = std::make_unique<sets>();
    const std::uint64_t k = key(e);
    if (!sets_->keys.insert(k).second) return;
    sets_->order.push_back(k);
    if (sets_->order.size() > capacity) {
      sets_->keys.erase(sets_->order.front());
      sets_->order.pop_front();
    }
  }
  std::size_t size() const { return sets_ ? sets_->keys.size() : 0; }

 private:
  struct sets {
    std::unordered_set<std::uint64_t> keys;
    std::deque<std::uint64_t> order;
  };
  static std::uint64_t key(const wire::endpoint& e) { return wire::endpoint_hash{}(e); }

  std::unique_ptr<sets> sets_;
};

}  // namespace btcnet::actors
