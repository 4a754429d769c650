// The address book: every address the node knows, in btcd's "new" and "tried" tables
// (btcd addrmgr.AddrManager semantics; see docs in btcd-reference §1.6–1.8).
//
// A plain single-threaded class with no I/O: the clock (`now`, Unix seconds) and the random
// generator's seed come from the caller, so every run is reproducible. The addr_manager actor owns
// one and serialises access; peers_json.hpp saves and loads it.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "actors/addr_manager/book_constants.hpp"
#include "actors/addr_manager/bucket_hash.hpp"
#include "actors/addr_manager/bucket_table.hpp"
#include "actors/addr_manager/endpoint_index.hpp"
#include "actors/addr_manager/known_address.hpp"
#include "actors/addr_manager/local_addresses.hpp"
#include "net/address/classification.hpp"
#include "net/wire/net_address.hpp"

namespace btcnet::addr_manager {

struct table_counts {
  std::size_t new_entries = 0;
  std::size_t tried_entries = 0;
  std::size_t total() const { return new_entries + tried_entries; }
  friend bool operator==(const table_counts&, const table_counts&) = default;
};
// Indexed by address::network (ipv4, ipv6, onion, i2p, cjdns), for Core's getaddrmaninfo.
using network_counts = std::array<table_counts, address::network_count>;

struct bucket_summary {
  std::size_t new_entries = 0;     // addresses in the new table
  std::size_t new_references = 0;  // sum of new bucket sizes (an address may be in up to 8)
  std::size_t tried_entries = 0;
  std::size_t new_buckets_used = 0;
  std::size_t new_buckets_full = 0;
  std::size_t new_max_fill = 0;
  std::size_t tried_buckets_used = 0;
  std::size_t tried_buckets_full = 0;
  std::size_t tried_max_fill = 0;
  std::vector<std::uint16_t> new_fill;    // per new bucket (1024)
  std::vector<std::uint16_t> tried_fill;  // per tried bucket (64)
};

// Everything peers.json holds, with bucket members as indexes into `addresses`.
struct stored_address {
  wire::peer_address addr;
  wire::peer_address source;
  std::int32_t attempts = 0;
  unix_time last_attempt = never;
  unix_time last_success = never;
};
struct book_image {
  book_key key{};
  std::vector<stored_address> addresses;
  std::vector<std::vector<std::uint32_t>> new_buckets;    // at most new_bucket_count lists
  std::vector<std::vector<std::uint32_t>> tried_buckets;  // at most tried_bucket_count lists
};

struct restore_result;

class address_book {
 public:
  // `key` is the secret that places addresses in buckets: random at first start, then persisted.
  address_book(const book_key& key, std::uint64_t rng_seed);

  // ---- learning addresses (btcd AddAddress / AddAddresses / AddAddressByIP) ----
  // Non-routable addresses are ignored. A known address gets the newer timestamp and the union of
  // services; while in the new table it may gain another new bucket, with probability
  // 1/(2·refs), up to 8.
  void add_address(const wire::peer_address& addr, const wire::peer_address& source, unix_time now);
  void add_addresses(std::span<const wire::peer_address> addrs, const wire::peer_address& source,
                     unix_time now);
  // "ip:port" (IPv6 in brackets), source = itself, services 0, timestamp now. Errors as btcd:
  // missing_port / too_many_colons / bad_brackets (Go *net.AddrError), invalid_ip, invalid_port.
  std::error_code add_address_by_ip(std::string_view host_port, unix_time now);

  // ---- connection outcomes (unknown addresses are ignored) ----
  void attempt(const wire::endpoint& where, unix_time now);    // attempts++, last attempt = now
  void connected(const wire::endpoint& where, unix_time now);  // timestamp = now if > 20 min old
  // Successful handshake: attempts = 0, last success = last attempt = now (timestamp untouched,
  // not to leak who we are connected to); moves a new address to tried, sending the oldest entry
  // of a full tried bucket back to the new table.
  void good(const wire::endpoint& where, unix_time now);
  void set_services(const wire::endpoint& where, std::uint64_t services);

  // ---- choosing (btcd GetAddress / AddressCache / NeedMoreAddresses) ----
  // A random address to dial, or nullopt if the book is empty: tried or new table 50/50 (when both
  // have entries), then a random non-empty bucket and entry, accepted with probability
  // factor·chance (factor starts at 1 and grows 1.2× per rejection).
  std::optional<known_address> select(unix_time now);
  // For a getaddr reply: 23% of all known addresses (bad ones included, as btcd), at most 2500,
  // chosen by a partial Fisher–Yates shuffle.
  std::vector<wire::peer_address> address_cache();
  // Up to `count` distinct addresses in random order that `keep` accepts (getnodeaddresses).
  std::vector<wire::peer_address> random_addresses(
      std::size_t count, const std::function<bool(const wire::peer_address&)>& keep);
  bool need_more_addresses() const { return size() < need_address_threshold; }

  // ---- our own addresses ----
  std::error_code add_local_address(const wire::peer_address& addr, address_priority priority) {
    return locals_.add(addr, priority);
  }
  wire::peer_address best_local_address(const wire::endpoint& remote, unix_time now) const {
    return locals_.best_for(remote, now);
  }
  const local_addresses& locals() const { return locals_; }

  // ---- inspection ----
  std::size_t size() const { return n_new_ + n_tried_; }
  std::size_t new_count() const { return n_new_; }
  std::size_t tried_count() const { return n_tried_; }
  const network_counts& counts_by_network() const { return per_network_; }
  bucket_summary summary() const;
  const book_key& key() const { return key_; }
  const known_address* find(const wire::endpoint& where) const;
  std::span<const entry_id> new_bucket(std::size_t b) const { return new_.bucket(b); }
  std::span<const entry_id> tried_bucket(std::size_t b) const { return tried_.bucket(b); }
  const known_address& entry(entry_id id) const { return at(id); }
  template <class F>
  void for_each(F&& f) const {
    for (entry_id id : live_) f(id, at(id));
  }
  // Every structural invariant (index, buckets, back-references, counts); "" when all hold.
  std::string check_invariants() const;

  // ---- persistence ----
  // Rebuilds a book from a peers.json image, refusing inconsistent ones as btcd does (a bucket
  // naming an unknown address, an address in no bucket, or in both tables) and also duplicates,
  // more than 8 new buckets per address, over-full buckets. A new bucket of 65 (btcd's off-by-one
  // allows it) is trimmed to 64 by dropping its oldest entry.
  static restore_result restore(const book_image& image, std::uint64_t rng_seed);

 private:
  using new_table = bucket_table<new_bucket_count, new_bucket_size>;
  using tried_table = bucket_table<tried_bucket_count, tried_bucket_size>;
  struct source_memo;
  // Entries live in fixed-size chunks: growing never moves them (no copying, stable references).
  static constexpr std::size_t chunk_bits = 10;
  static constexpr std::size_t chunk_mask = (std::size_t{1} << chunk_bits) - 1;

  known_address& at(entry_id id) { return chunks_[id >> chunk_bits][id & chunk_mask]; }
  const known_address& at(entry_id id) const { return chunks_[id >> chunk_bits][id & chunk_mask]; }
  auto where_of() const {
    return [this](entry_id id) -> const wire::endpoint& { return at(id).addr.where; };
  }
  // The id of a normalized endpoint, or null.
  const entry_id* lookup(const wire::endpoint& normalized) const {
    return index_.find(normalized, where_of());
  }

  std::uint64_t random_below(std::uint64_t n);
  const entry_id* find_id(const wire::endpoint& where) const;
  void update_address(const wire::peer_address& addr, source_memo& src, unix_time now);
  bool refresh(known_address& ka, const wire::peer_address& na);
  entry_id create_entry(const wire::peer_address& addr, const wire::peer_address& source);
  void remove_entry(entry_id id);
  void link_new(entry_id id, std::size_t bucket);
  void unlink_new(entry_id id, std::size_t bucket);
  void expire_new(std::size_t bucket, unix_time now);
  std::size_t oldest_in_tried(std::size_t bucket) const;
  void set_tried(known_address& ka, bool tried);
  void move_to_tried(entry_id id);
  void replace_oldest_tried(std::size_t bucket, entry_id id, std::size_t freed);
  void count(const known_address& ka, int delta);
  known_address* pick(bool from_tried, double factor, unix_time now);
  std::string restore_entries(const book_image& img, const std::vector<bool>& keep,
                              std::vector<entry_id>& ids);
  void restore_buckets(const book_image& img, const std::vector<entry_id>& ids,
                       const std::vector<std::size_t>& dropped);

  book_key key_;
  std::mt19937_64 rng_;
  std::vector<std::unique_ptr<known_address[]>> chunks_;  // by entry_id
  std::size_t slot_count_ = 0;                            // ids handed out so far
  std::vector<entry_id> free_slots_;                      // ids to reuse
  std::vector<entry_id> live_;                            // ids in use, in no particular order
  std::vector<std::uint32_t> live_pos_;                   // by entry_id: position in live_
  endpoint_index index_;
  new_table new_;
  tried_table tried_;
  std::size_t n_new_ = 0;
  std::size_t n_tried_ = 0;
  network_counts per_network_{};
  local_addresses locals_;
};

struct restore_result {
  std::optional<address_book> book;  // set on success
  std::string error;                 // why the image is inconsistent, otherwise
};

}  // namespace btcnet::addr_manager
