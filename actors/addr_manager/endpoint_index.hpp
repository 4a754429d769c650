// The address book's index from endpoint to entry id: an open-addressing table (linear probing,
// backward-shift deletion) of ids and 32-bit hashes; endpoints are read back from the book's
// entries. A node-based std::unordered_map spent most of add()/good() on allocation and cache
// misses.
#pragma once

#include <cstdint>
#include <vector>

#include "actors/addr_manager/bucket_table.hpp"
#include "net/wire/net_address.hpp"

namespace btcnet::addr_manager {

class endpoint_index {
 public:
  // Hash of a normalized endpoint (unused address bytes zero).
  static std::uint32_t hash(const wire::endpoint& e);

  std::size_t size() const { return size_; }
  void reserve(std::size_t n) {
    while (capacity_for(n) > slots_.size()) grow();
  }

  // `where_of(id)` gives the endpoint of an indexed id. Returns the slot position or npos.
  template <class WhereOf>
  std::size_t position(const wire::endpoint& e, const WhereOf& where_of) const {
    if (size_ == 0) return npos;
    const std::uint32_t h = hash(e);
    for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
      const slot& s = slots_[i];
      if (s.id == empty) return npos;
      if (s.hash == h && where_of(s.id) == e) return i;
    }
  }
  template <class WhereOf>
  const entry_id* find(const wire::endpoint& e, const WhereOf& where_of) const {
    const std::size_t i = position(e, where_of);
    return i == npos ? nullptr : &slots_[i].id;
  }
  // Adds an id whose endpoint is not indexed yet.
  void insert(const wire::endpoint& e, entry_id id);
  template <class WhereOf>
  void erase(const wire::endpoint& e, const WhereOf& where_of) {
    const std::size_t i = position(e, where_of);
    if (i != npos) erase_at(i);
  }

 private:
  static constexpr entry_id empty = 0xffffffffu;
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);
  struct slot {
    entry_id id = empty;
    std::uint32_t hash = 0;  // also the home position: hash & mask_
  };
  static std::size_t capacity_for(std::size_t n) { return 2 * n; }  // load factor <= 1/2
  void grow();
  void place(slot s);
  void erase_at(std::size_t hole);

  std::vector<slot> slots_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

}  // namespace btcnet::addr_manager
