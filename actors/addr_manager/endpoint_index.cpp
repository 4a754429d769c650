#include "actors/addr_manager/endpoint_index.hpp"

#include <cstring>

namespace btcnet::addr_manager {
namespace {

std::uint64_t mix(std::uint64_t x) {  // splitmix64's finaliser
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

}  // namespace

std::uint32_t endpoint_index::hash(const wire::endpoint& e) {
  std::uint64_t words[4];
  std::memcpy(words, e.addr.data(), sizeof words);
  std::uint64_t h =
      mix(words[0] ^ (std::uint64_t{e.port} << 40) ^ (static_cast<std::uint64_t>(e.net) << 56));
  if (e.size() > 8) h = mix(h ^ words[1]);
  if (e.size() > 16) h = mix(mix(h ^ words[2]) ^ words[3]);
  return static_cast<std::uint32_t>(h);
}

void endpoint_index::insert(const wire::endpoint& e, entry_id id) {
  if (capacity_for(size_ + 1) > slots_.size()) grow();
  place({id, hash(e)});
  ++size_;
}

void endpoint_index::place(slot s) {
  std::size_t i = s.hash & mask_;
  while (slots_[i].id != empty) i = (i + 1) & mask_;
  slots_[i] = s;
}

void endpoint_index::grow() {
  std::vector<slot> old = std::move(slots_);
  slots_.assign(old.empty() ? 64 : old.size() * 2, slot{});
  mask_ = slots_.size() - 1;
  for (const slot& s : old)
    if (s.id != empty) place(s);
}

// Linear probing deletion without tombstones: later slots of the same probe run move back.
void endpoint_index::erase_at(std::size_t hole) {
  std::size_t i = hole;
  for (std::size_t j = (i + 1) & mask_; slots_[j].id != empty; j = (j + 1) & mask_) {
    const std::size_t home = slots_[j].hash & mask_;
    const bool stays = i <= j ? (i < home && home <= j) : (i < home || home <= j);
    if (stays) continue;
    slots_[i] = slots_[j];
    i = j;
  }
  slots_[i] = slot{};
  --size_;
}

}  // namespace btcnet::addr_manager
