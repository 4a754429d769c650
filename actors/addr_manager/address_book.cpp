#include "actors/addr_manager/address_book.hpp"

#include <algorithm>
#include <cassert>
#include <limits>

#include "net/address/address_errors.hpp"
#include "net/address/address_text.hpp"
#include "net/address/group_key.hpp"

namespace btcnet::addr_manager {
namespace {

std::uint32_t clamp_time(unix_time t) {
  return static_cast<std::uint32_t>(
      std::clamp<unix_time>(t, 0, std::numeric_limits<std::uint32_t>::max()));
}

// btcd accepts a candidate when rand.Intn(2^30) < factor · chance · 2^30.
constexpr std::uint64_t accept_scale = std::uint64_t{1} << 30;

}  // namespace

// The source of a batch of addresses: its group and, lazily, the new bucket of each of the 64
// slots its group may use (the second bucket hash depends only on these), so a batch of up to
// 1000 addresses from one peer costs one hash per address instead of two.
struct address_book::source_memo {
  wire::peer_address source;
  std::string group;
  std::array<std::int16_t, new_buckets_per_group> bucket_of_slot;

  explicit source_memo(const wire::peer_address& src) : source(src) {
    source.where = address::normalize(src.where);
    group = address::group_key(source.where);
    bucket_of_slot.fill(-1);
  }
  std::size_t bucket(const book_key& key, std::string_view addr_group) {
    const std::uint64_t slot = new_bucket_slot(key, addr_group, group);
    if (bucket_of_slot[slot] < 0) {
      bucket_of_slot[slot] = static_cast<std::int16_t>(new_bucket_of_slot(key, group, slot));
    }
    return static_cast<std::size_t>(bucket_of_slot[slot]);
  }
};

address_book::address_book(const book_key& key, std::uint64_t rng_seed)
    : key_(key), rng_(rng_seed) {}

// Lemire's multiply-shift with rejection: uniform in [0, n), n > 0.
std::uint64_t address_book::random_below(std::uint64_t n) {
  unsigned __int128 m = static_cast<unsigned __int128>(rng_()) * n;
  auto low = static_cast<std::uint64_t>(m);
  if (low < n) {
    const std::uint64_t threshold = (0 - n) % n;
    while (low < threshold) {
      m = static_cast<unsigned __int128>(rng_()) * n;
      low = static_cast<std::uint64_t>(m);
    }
  }
  return static_cast<std::uint64_t>(m >> 64);
}

const entry_id* address_book::find_id(const wire::endpoint& where) const {
  return lookup(address::normalize(where));
}

const known_address* address_book::find(const wire::endpoint& where) const {
  const entry_id* id = find_id(where);
  return id ? &at(*id) : nullptr;
}

// ---- learning addresses ----

void address_book::add_address(const wire::peer_address& addr, const wire::peer_address& source,
                               unix_time now) {
  source_memo memo(source);
  update_address(addr, memo, now);
}

void address_book::add_addresses(std::span<const wire::peer_address> addrs,
                                 const wire::peer_address& source, unix_time now) {
  source_memo memo(source);
  for (const auto& a : addrs) update_address(a, memo, now);
}

std::error_code address_book::add_address_by_ip(std::string_view host_port, unix_time now) {
  address::host_port hp;
  if (auto ec = address::split_host_port(host_port, hp)) return ec;
  const auto ip = address::parse_ip_literal(hp.host, 0);
  if (!ip) return address::address_errc::invalid_ip;
  const auto port = address::parse_port(hp.port);
  if (!port) return address::address_errc::invalid_port;
  wire::peer_address na{clamp_time(now), 0, *ip};
  na.where.port = *port;
  add_address(na, na, now);
  return {};
}

// btcd updateAddress.
void address_book::update_address(const wire::peer_address& addr, source_memo& src, unix_time now) {
  if (!address::is_routable(addr.where)) return;
  wire::peer_address na = addr;
  na.where = address::normalize(addr.where);
  const entry_id* known = lookup(na.where);
  if (known && !refresh(at(*known), na)) return;
  const entry_id id = known ? *known : create_entry(na, src.source);
  const std::size_t bucket = src.bucket(key_, address::group_key(na.where));
  const known_address& ka = at(id);
  const auto* refs_end = ka.new_buckets.begin() + ka.refs;
  if (std::find(ka.new_buckets.begin(), refs_end, bucket) != refs_end) return;
  // btcd expires only when the bucket holds more than 64 (so it can reach 65); we make room
  // whenever it is full, so no bucket ever exceeds 64.
  if (new_.full(bucket)) expire_new(bucket, now);
  link_new(id, bucket);
}

// A known address heard of again: a newer timestamp or new service bits are taken (btcd takes
// the announced timestamp even when only the services are new). True when it may also gain
// another new bucket: not tried, fewer than 8 references, and luck with odds 1 in 2·refs.
bool address_book::refresh(known_address& ka, const wire::peer_address& na) {
  if (na.time > ka.addr.time || (ka.addr.services & na.services) != na.services) {
    ka.addr.time = na.time;
    ka.addr.services |= na.services;
  }
  if (ka.tried || ka.refs == new_buckets_per_address) return false;
  return random_below(2u * ka.refs) == 0;
}

entry_id address_book::create_entry(const wire::peer_address& addr,
                                    const wire::peer_address& source) {
  entry_id id;
  if (free_slots_.empty()) {
    id = static_cast<entry_id>(slot_count_++);
    if ((id & chunk_mask) == 0)
      chunks_.push_back(std::make_unique<known_address[]>(chunk_mask + 1));
    live_pos_.push_back(0);
  } else {
    id = free_slots_.back();
    free_slots_.pop_back();
  }
  known_address& ka = at(id);
  ka = known_address{};
  ka.addr = addr;
  ka.source = source;
  ka.net = address::network_of(addr.where);
  live_pos_[id] = static_cast<std::uint32_t>(live_.size());
  live_.push_back(id);
  index_.insert(addr.where, id);
  ++n_new_;
  count(ka, +1);
  return id;
}

void address_book::remove_entry(entry_id id) {
  const known_address& ka = at(id);
  count(ka, -1);
  (ka.tried ? n_tried_ : n_new_) -= 1;
  index_.erase(ka.addr.where, where_of());
  const std::uint32_t pos = live_pos_[id];
  live_[pos] = live_.back();
  live_pos_[live_[pos]] = pos;
  live_.pop_back();
  free_slots_.push_back(id);
}

void address_book::count(const known_address& ka, int delta) {
  auto& c = per_network_[static_cast<std::size_t>(ka.net)];
  (ka.tried ? c.tried_entries : c.new_entries) += static_cast<std::size_t>(delta);
}

void address_book::link_new(entry_id id, std::size_t bucket) {
  known_address& ka = at(id);
  new_.push(bucket, id);
  ka.new_buckets[ka.refs++] = static_cast<std::uint16_t>(bucket);
}

// Drops one reference; an address left in no bucket leaves the book.
void address_book::unlink_new(entry_id id, std::size_t bucket) {
  known_address& ka = at(id);
  new_.erase(bucket, id);
  auto* end = ka.new_buckets.begin() + ka.refs;
  auto* it = std::find(ka.new_buckets.begin(), end, bucket);
  *it = *(end - 1);
  if (--ka.refs == 0) remove_entry(id);
}

// btcd expireNew: drop every bad entry of the bucket, then the oldest of the rest.
void address_book::expire_new(std::size_t bucket, unix_time now) {
  std::array<entry_id, new_bucket_size> ids{};
  const auto members = new_.bucket(bucket);
  const std::size_t n = members.size();
  std::copy(members.begin(), members.end(), ids.begin());
  std::optional<entry_id> oldest;
  for (std::size_t i = 0; i < n; ++i) {
    const known_address& ka = at(ids[i]);
    if (is_bad(ka, now)) {
      unlink_new(ids[i], bucket);
      continue;
    }
    if (!oldest || ka.addr.time <= at(*oldest).addr.time) oldest = ids[i];
  }
  if (oldest) unlink_new(*oldest, bucket);
}

// ---- connection outcomes ----

void address_book::attempt(const wire::endpoint& where, unix_time now) {
  const entry_id* id = find_id(where);
  if (!id) return;
  known_address& ka = at(*id);
  if (ka.attempts < std::numeric_limits<std::int32_t>::max()) ++ka.attempts;
  ka.last_attempt = now;
}

void address_book::connected(const wire::endpoint& where, unix_time now) {
  const entry_id* id = find_id(where);
  if (!id) return;
  known_address& ka = at(*id);
  if (now > unix_time{ka.addr.time} + connected_refresh) ka.addr.time = clamp_time(now);
}

void address_book::set_services(const wire::endpoint& where, std::uint64_t services) {
  if (const entry_id* id = find_id(where)) at(*id).addr.services = services;
}

void address_book::good(const wire::endpoint& where, unix_time now) {
  const entry_id* id = find_id(where);
  if (!id) return;
  known_address& ka = at(*id);
  ka.last_success = now;
  ka.last_attempt = now;
  ka.attempts = 0;
  if (!ka.tried) move_to_tried(*id);
}

// The oldest-timestamp entry of a tried bucket (btcd pickTried: first of equals).
std::size_t address_book::oldest_in_tried(std::size_t bucket) const {
  const auto members = tried_.bucket(bucket);
  std::size_t oldest = 0;
  for (std::size_t i = 1; i < members.size(); ++i) {
    if (at(members[i]).addr.time < at(members[oldest]).addr.time) oldest = i;
  }
  return oldest;
}

// Moves an entry between the new and tried counts (its buckets are the caller's business).
void address_book::set_tried(known_address& ka, bool tried) {
  count(ka, -1);
  (ka.tried ? n_tried_ : n_new_) -= 1;
  ka.tried = tried;
  count(ka, +1);
  (ka.tried ? n_tried_ : n_new_) += 1;
}

// btcd Good: leave every new bucket (remembering the lowest-numbered one) and enter the tried
// bucket, making room there if it is full.
void address_book::move_to_tried(entry_id id) {
  known_address& ka = at(id);
  assert(ka.refs > 0);  // a new entry is always in at least one new bucket
  const std::size_t old_bucket =
      *std::min_element(ka.new_buckets.begin(), ka.new_buckets.begin() + ka.refs);
  for (std::uint8_t i = 0; i < ka.refs; ++i) new_.erase(ka.new_buckets[i], id);
  ka.refs = 0;
  set_tried(ka, true);
  const std::string where_key = address::address_key(ka.addr.where);
  const std::size_t bucket =
      addr_manager::tried_bucket(key_, where_key, address::group_key(ka.addr.where));
  ka.tried_bucket = static_cast<std::uint16_t>(bucket);
  if (tried_.full(bucket)) {
    replace_oldest_tried(bucket, id, old_bucket);
  } else {
    tried_.push(bucket, id);
  }
}

// A full tried bucket's oldest entry gives its place to `id` and goes back to the new table: to
// its own new bucket, or to `freed` (the bucket `id` just left) if its own is full.
void address_book::replace_oldest_tried(std::size_t bucket, entry_id id, std::size_t freed) {
  const std::size_t slot = oldest_in_tried(bucket);
  const entry_id evicted = tried_.bucket(bucket)[slot];
  tried_.replace(bucket, slot, id);
  known_address& rm = at(evicted);
  std::size_t back = addr_manager::new_bucket(key_, address::group_key(rm.addr.where),
                                              address::group_key(rm.source.where));
  if (new_.full(back)) back = freed;
  set_tried(rm, false);
  link_new(evicted, back);
}

// ---- choosing ----

known_address* address_book::pick(bool from_tried, double factor, unix_time now) {
  std::span<const entry_id> members;
  if (from_tried) {
    members = tried_.bucket(tried_.nonempty_bucket(random_below(tried_.nonempty_count())));
  } else {
    members = new_.bucket(new_.nonempty_bucket(random_below(new_.nonempty_count())));
  }
  known_address& ka = at(members[random_below(members.size())]);
  // chance() is never 0 (at worst the smallest denormal), so the growing factor (which ends at
  // +inf) accepts something eventually.
  const double c = chance(ka, now);
  const double draw = static_cast<double>(random_below(accept_scale));
  return draw < factor * c * static_cast<double>(accept_scale) ? &ka : nullptr;
}

std::optional<known_address> address_book::select(unix_time now) {
  if (size() == 0) return std::nullopt;
  const bool from_tried = n_tried_ > 0 && (n_new_ == 0 || random_below(2) == 0);
  for (double factor = 1.0;; factor *= 1.2) {
    if (known_address* ka = pick(from_tried, factor, now)) return *ka;
  }
}

std::vector<wire::peer_address> address_book::address_cache() {
  const std::size_t want = std::min(live_.size() * get_addr_percent / 100, get_addr_max);
  return random_addresses(want, {});
}

std::vector<wire::peer_address> address_book::random_addresses(
    std::size_t count, const std::function<bool(const wire::peer_address&)>& keep) {
  // A partial Fisher-Yates shuffle: stops as soon as `count` entries were kept.
  const std::size_t n = live_.size();
  std::vector<entry_id> ids = live_;
  std::vector<wire::peer_address> out;
  out.reserve(std::min(count, n));
  for (std::size_t i = 0; i < n && out.size() < count; ++i) {
    std::swap(ids[i], ids[i + random_below(n - i)]);
    const auto& addr = at(ids[i]).addr;
    if (!keep || keep(addr)) out.push_back(addr);
  }
  return out;
}

}  // namespace btcnet::addr_manager
