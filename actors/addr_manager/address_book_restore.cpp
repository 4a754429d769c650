// Rebuilding a book from a peers.json image, with btcd's consistency checks (deserializePeers)
// and the ones btcd's Go maps made implicit.
#include <algorithm>
#include <limits>

#include "actors/addr_manager/address_book.hpp"
#include "net/address/address_text.hpp"

namespace btcnet::addr_manager {
namespace {

constexpr std::size_t none = std::numeric_limits<std::size_t>::max();

struct ref_count {
  std::uint32_t new_refs = 0;
  std::uint32_t tried = 0;
  std::uint32_t last_bucket = 0;  // 1 + the last new bucket counted, to spot duplicates
};

std::string key_of(const book_image& img, std::uint32_t i) {
  return address::address_key(img.addresses[i].addr.where);
}

std::string check_shape(const book_image& img) {
  if (img.new_buckets.size() > new_bucket_count) return "more than 1024 new buckets";
  if (img.tried_buckets.size() > tried_bucket_count) return "more than 64 tried buckets";
  for (const auto& b : img.new_buckets) {
    // btcd's off-by-one lets a new bucket reach 65 entries; more cannot come from btcd.
    if (b.size() > new_bucket_size + 1) return "a new bucket holds more than 65 addresses";
  }
  for (const auto& b : img.tried_buckets) {
    if (b.size() > tried_bucket_size) return "a tried bucket holds more than 256 addresses";
  }
  return {};
}

std::string count_refs(const book_image& img, std::vector<ref_count>& refs) {
  refs.assign(img.addresses.size(), {});
  for (std::uint32_t b = 0; b < img.new_buckets.size(); ++b) {
    for (std::uint32_t i : img.new_buckets[b]) {
      if (i >= refs.size()) return "new bucket names an address not in the list";
      if (refs[i].last_bucket == b + 1) return "new bucket lists " + key_of(img, i) + " twice";
      refs[i].last_bucket = b + 1;
      ++refs[i].new_refs;
    }
  }
  for (const auto& bucket : img.tried_buckets) {
    for (std::uint32_t i : bucket) {
      if (i >= refs.size()) return "tried bucket names an address not in the list";
      ++refs[i].tried;
    }
  }
  for (std::uint32_t i = 0; i < refs.size(); ++i) {
    const ref_count& r = refs[i];
    if (r.new_refs == 0 && r.tried == 0) return "address " + key_of(img, i) + " in no bucket";
    if (r.new_refs > 0 && r.tried > 0) return "address " + key_of(img, i) + " both new and tried";
    if (r.tried > 1) return "address " + key_of(img, i) + " in tried more than once";
    if (r.new_refs > new_buckets_per_address)
      return "address " + key_of(img, i) + " in more than 8 new buckets";
  }
  return {};
}

// Per new bucket, the position of the member to leave out: a 65th entry (btcd's off-by-one)
// costs the bucket its oldest address.
std::vector<std::size_t> trimmed_members(const book_image& img, std::vector<ref_count>& refs) {
  std::vector<std::size_t> dropped(img.new_buckets.size(), none);
  for (std::size_t b = 0; b < img.new_buckets.size(); ++b) {
    const auto& members = img.new_buckets[b];
    if (members.size() <= new_bucket_size) continue;
    auto oldest = std::min_element(members.begin(), members.end(), [&](auto x, auto y) {
      return img.addresses[x].addr.time < img.addresses[y].addr.time;
    });
    --refs[*oldest].new_refs;
    dropped[b] = static_cast<std::size_t>(oldest - members.begin());
  }
  return dropped;
}

}  // namespace

restore_result address_book::restore(const book_image& img, std::uint64_t rng_seed) {
  restore_result result;
  std::vector<ref_count> refs;
  if (result.error = check_shape(img); !result.error.empty()) return result;
  if (result.error = count_refs(img, refs); !result.error.empty()) return result;
  const std::vector<std::size_t> dropped = trimmed_members(img, refs);
  std::vector<bool> keep(refs.size());
  for (std::size_t i = 0; i < refs.size(); ++i) keep[i] = refs[i].new_refs > 0 || refs[i].tried > 0;

  address_book book(img.key, rng_seed);
  std::vector<entry_id> ids;
  if (result.error = book.restore_entries(img, keep, ids); !result.error.empty()) return result;
  book.restore_buckets(img, ids, dropped);
  result.book.emplace(std::move(book));
  return result;
}

// Creates the entries of the image (all but those `keep` drops), in image order.
std::string address_book::restore_entries(const book_image& img, const std::vector<bool>& keep,
                                          std::vector<entry_id>& ids) {
  const std::size_t n = img.addresses.size();
  index_.reserve(n);
  live_.reserve(n);
  live_pos_.reserve(n);
  ids.assign(n, 0);
  for (std::uint32_t i = 0; i < n; ++i) {
    if (!keep[i]) continue;  // trimmed out of its only bucket
    const stored_address& s = img.addresses[i];
    wire::peer_address addr = s.addr, source = s.source;
    addr.where = address::normalize(addr.where);
    source.where = address::normalize(source.where);
    if (lookup(addr.where)) return "address " + key_of(img, i) + " listed twice";
    ids[i] = create_entry(addr, source);
    known_address& ka = at(ids[i]);
    ka.attempts = std::max(s.attempts, 0);
    ka.last_attempt = s.last_attempt;
    ka.last_success = s.last_success;
  }
  return {};
}

// Puts the entries in the image's buckets (new bucket members at `dropped[b]` excepted).
void address_book::restore_buckets(const book_image& img, const std::vector<entry_id>& ids,
                                   const std::vector<std::size_t>& dropped) {
  for (std::size_t b = 0; b < img.new_buckets.size(); ++b) {
    const auto& members = img.new_buckets[b];
    for (std::size_t k = 0; k < members.size(); ++k)
      if (k != dropped[b]) link_new(ids[members[k]], b);
  }
  for (std::size_t b = 0; b < img.tried_buckets.size(); ++b) {
    for (std::uint32_t i : img.tried_buckets[b]) {
      known_address& ka = at(ids[i]);
      set_tried(ka, true);
      ka.tried_bucket = static_cast<std::uint16_t>(b);
      tried_.push(b, ids[i]);
    }
  }
}

}  // namespace btcnet::addr_manager
