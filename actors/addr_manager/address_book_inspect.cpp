// Read-only views of the book: the bucket summary for the inspector and the invariant check
// the tests (and a freshly loaded file) are held to.
#include <algorithm>

#include "actors/addr_manager/address_book.hpp"

namespace btcnet::addr_manager {
namespace {

std::string id_text(entry_id id) {
  return "entry " + std::to_string(id);
}

template <class Table>
void summarise(const Table& t, std::vector<std::uint16_t>& fill, std::size_t& used,
               std::size_t& full, std::size_t& max_fill, std::size_t& references) {
  fill.resize(t.bucket_count());
  for (std::size_t b = 0; b < t.bucket_count(); ++b) {
    const std::size_t n = t.size(b);
    fill[b] = static_cast<std::uint16_t>(n);
    used += n > 0;
    full += t.full(b);
    max_fill = std::max(max_fill, n);
    references += n;
  }
}

}  // namespace

bucket_summary address_book::summary() const {
  bucket_summary s;
  s.new_entries = n_new_;
  s.tried_entries = n_tried_;
  std::size_t tried_refs = 0;
  summarise(new_, s.new_fill, s.new_buckets_used, s.new_buckets_full, s.new_max_fill,
            s.new_references);
  summarise(tried_, s.tried_fill, s.tried_buckets_used, s.tried_buckets_full, s.tried_max_fill,
            tried_refs);
  return s;
}

namespace {

// Checks one live entry against the tables; "" when consistent.
template <class NewTable, class TriedTable>
std::string check_entry(entry_id id, const known_address& ka, const NewTable& new_table,
                        const TriedTable& tried_table) {
  auto occurrences = [id](std::span<const entry_id> b) {
    return std::count(b.begin(), b.end(), id);
  };
  if (ka.tried) {
    if (ka.refs != 0) return id_text(id) + " is tried but has new references";
    if (ka.tried_bucket >= tried_table.bucket_count()) return id_text(id) + " bad tried bucket";
    if (occurrences(tried_table.bucket(ka.tried_bucket)) != 1)
      return id_text(id) + " not exactly once in its tried bucket";
    return {};
  }
  if (ka.refs < 1 || ka.refs > new_buckets_per_address)
    return id_text(id) + " has " + std::to_string(ka.refs) + " new references";
  for (std::uint8_t i = 0; i < ka.refs; ++i) {
    const std::uint16_t b = ka.new_buckets[i];
    if (b >= new_table.bucket_count()) return id_text(id) + " bad new bucket";
    if (std::count(ka.new_buckets.begin(), ka.new_buckets.begin() + ka.refs, b) != 1)
      return id_text(id) + " lists new bucket " + std::to_string(b) + " twice";
    if (occurrences(new_table.bucket(b)) != 1)
      return id_text(id) + " not exactly once in new bucket " + std::to_string(b);
  }
  return {};
}

}  // namespace

std::string address_book::check_invariants() const {
  if (live_.size() != index_.size()) return "index and entry list differ in size";
  if (live_.size() != n_new_ + n_tried_) return "new + tried count differs from entry count";
  std::size_t refs = 0, tried = 0;
  network_counts per_net{};
  for (std::size_t pos = 0; pos < live_.size(); ++pos) {
    const entry_id id = live_[pos];
    const known_address& ka = at(id);
    if (live_pos_[id] != pos) return id_text(id) + " has a stale position";
    const entry_id* indexed = lookup(ka.addr.where);
    if (!indexed || *indexed != id) return id_text(id) + " not indexed";
    if (auto err = check_entry(id, ka, new_, tried_); !err.empty()) return err;
    refs += ka.refs;
    tried += ka.tried;
    if (ka.net != address::network_of(ka.addr.where)) return id_text(id) + " has a stale network";
    auto& c = per_net[static_cast<std::size_t>(ka.net)];
    (ka.tried ? c.tried_entries : c.new_entries) += 1;
  }
  if (tried != n_tried_) return "tried count mismatch";
  const bucket_summary s = summary();
  if (s.new_references != refs) return "new buckets hold ids no entry references";
  if (s.new_max_fill > new_bucket_size) return "a new bucket exceeds 64";
  if (s.tried_max_fill > tried_bucket_size) return "a tried bucket exceeds 256";
  std::size_t tried_total = 0;
  for (auto f : s.tried_fill) tried_total += f;
  if (tried_total != n_tried_) return "tried buckets hold ids no entry references";
  if (new_.nonempty_count() != s.new_buckets_used) return "non-empty new bucket list is stale";
  if (tried_.nonempty_count() != s.tried_buckets_used) return "non-empty tried list is stale";
  for (std::size_t n = 0; n < per_net.size(); ++n) {
    if (per_net[n].new_entries != per_network_[n].new_entries ||
        per_net[n].tried_entries != per_network_[n].tried_entries)
      return std::string("per-network count mismatch for ") +
             address::to_string(static_cast<address::network>(n));
  }
  return {};
}

}  // namespace btcnet::addr_manager
