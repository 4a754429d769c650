// A fixed grid of buckets of entry ids, with O(1) uniform choice of a non-empty bucket.
#pragma once

#include <cassert>
#include <cstdint>
#include <span>
#include <vector>

namespace btcnet::addr_manager {

using entry_id = std::uint32_t;

// `Count` buckets of at most `Size` ids each, stored contiguously. The list of non-empty buckets
// lets selection pick a random non-empty bucket directly: btcd draws random buckets until one is
// non-empty, which is the same uniform choice but costs ~1000 draws on an almost empty table.
template <std::size_t Count, std::size_t Size>
class bucket_table {
 public:
  bucket_table() : ids_(Count * Size), sizes_(Count, 0), nonempty_pos_(Count, -1) {}

  static constexpr std::size_t bucket_count() { return Count; }
  static constexpr std::size_t bucket_size() { return Size; }

  std::size_t size(std::size_t b) const { return sizes_[b]; }
  bool full(std::size_t b) const { return sizes_[b] >= Size; }
  std::span<const entry_id> bucket(std::size_t b) const {
    return {ids_.data() + b * Size, sizes_[b]};
  }
  std::size_t nonempty_count() const { return nonempty_.size(); }
  std::size_t nonempty_bucket(std::size_t i) const { return nonempty_[i]; }

  void push(std::size_t b, entry_id id) {
    assert(!full(b));
    ids_[b * Size + sizes_[b]] = id;
    if (sizes_[b]++ == 0) mark_nonempty(b);
  }
  // Removes `id` from bucket b (order is not kept: the last entry takes its place).
  bool erase(std::size_t b, entry_id id) {
    entry_id* first = ids_.data() + b * Size;
    for (std::uint32_t i = 0; i < sizes_[b]; ++i) {
      if (first[i] != id) continue;
      first[i] = first[--sizes_[b]];
      if (sizes_[b] == 0) mark_empty(b);
      return true;
    }
    return false;
  }
  void replace(std::size_t b, std::size_t index, entry_id id) { ids_[b * Size + index] = id; }

 private:
  void mark_nonempty(std::size_t b) {
    nonempty_pos_[b] = static_cast<std::int32_t>(nonempty_.size());
    nonempty_.push_back(static_cast<std::uint32_t>(b));
  }
  void mark_empty(std::size_t b) {
    const std::int32_t pos = nonempty_pos_[b];
    const std::uint32_t last = nonempty_.back();
    nonempty_[pos] = last;
    nonempty_pos_[last] = pos;
    nonempty_.pop_back();
    nonempty_pos_[b] = -1;
  }

  std::vector<entry_id> ids_;
  std::vector<std::uint32_t> sizes_;
  std::vector<std::uint32_t> nonempty_;
  std::vector<std::int32_t> nonempty_pos_;
};

}  // namespace btcnet::addr_manager
