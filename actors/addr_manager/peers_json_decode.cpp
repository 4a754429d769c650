// Reading peers.json the way btcd's deserializePeers does (see peers_json.hpp), into a
// book_image; address_book::restore then checks the buckets.
#include <algorithm>
#include <cstring>
#include <limits>
#include <set>
#include <unordered_map>

#include "actors/addr_manager/json_reader.hpp"
#include "actors/addr_manager/peers_json.hpp"
#include "net/address/address_text.hpp"
#include "net/wire/protocol.hpp"

namespace btcnet::addr_manager {
namespace {

// Address text -> index, as an open-addressing table: the bucket lists name ~20,000 keys, and
// node-based maps spend most of the load time on cache misses here.
class text_index {
 public:
  void reserve(std::size_t n) {
    std::size_t cap = 16;
    while (cap < 2 * n) cap <<= 1;
    slots_.assign(cap, 0);
    texts_.reserve(n);
  }
  // Keeps the first index for a text seen twice.
  void insert(std::string_view text) {
    const auto index = static_cast<std::uint32_t>(texts_.size());
    texts_.push_back(text);
    if (texts_.size() * 2 > slots_.size()) rehash(slots_.size() * 2);
    place(text, index);
  }
  std::optional<std::uint32_t> find(std::string_view text) const {
    for (std::size_t i = hash(text) & mask();; i = (i + 1) & mask()) {
      if (slots_[i] == 0) return std::nullopt;
      if (texts_[slots_[i] - 1] == text) return slots_[i] - 1;
    }
  }

 private:
  std::size_t mask() const { return slots_.size() - 1; }
  // 8 bytes at a time (FNV-style multiply, then a final mix); keys are ~20 bytes.
  static std::uint64_t hash(std::string_view s) {
    std::uint64_t h = 14695981039346656037ULL ^ s.size();
    std::size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
      std::uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
      h ^= h >> 29;
    }
    for (; i < s.size(); ++i) h = (h ^ static_cast<unsigned char>(s[i])) * 1099511628211ULL;
    h ^= h >> 32;
    h *= 0xbf58476d1ce4e5b9ULL;
    return h ^ (h >> 31);
  }
  void place(std::string_view text, std::uint32_t index) {
    for (std::size_t i = hash(text) & mask();; i = (i + 1) & mask()) {
      if (slots_[i] == 0) {
        slots_[i] = index + 1;
        return;
      }
      if (texts_[slots_[i] - 1] == text) return;
    }
  }
  void rehash(std::size_t cap) {
    slots_.assign(cap, 0);
    for (std::uint32_t i = 0; i < texts_.size(); ++i) place(texts_[i], i);
  }

  std::vector<std::uint32_t> slots_ = std::vector<std::uint32_t>(16, 0);
  std::vector<std::string_view> texts_;
};

// One address object as read, before its text becomes endpoints.
struct raw_entry {
  std::string_view addr, src;
  std::int64_t attempts = 0, timestamp = 0, last_attempt = 0, last_success = 0;
  std::uint64_t services = 0, src_services = 0;
  bool addr_cjdns = false, src_cjdns = false;
  std::vector<std::int64_t> new_buckets;  // BtcnetExtraAddresses only
  std::optional<std::int64_t> tried_bucket;
};

// Bucket numbers an extra (I2P / CJDNS) address carries itself.
struct extra_placement {
  std::uint32_t index;
  std::vector<std::int64_t> new_buckets;
  std::optional<std::int64_t> tried_bucket;
};

// Parses the JSON with Go's leniency (unknown members skipped, null leaves a field at its zero
// value, array elements beyond a Go array's length dropped) straight into a book image: each
// address is converted as soon as it is read; bucket keys are resolved once everything is read.
class decoder {
 public:
  explicit decoder(std::string_view text) : r_(text), text_size_(text.size()) {}

  std::string run(book_image& img) {
    img_ = &img;
    by_text_.reserve(text_size_ / 180);  // btcd writes ~200 bytes per address
    img.new_buckets.resize(new_bucket_count);
    img.tried_buckets.resize(tried_bucket_count);
    std::string_view name;
    bool first = true;
    if (r_.begin_object()) {
      while (r_.next_member(name, first)) member(name);
    }
    if (!r_.at_end()) r_.fail("trailing data");
    if (!r_.ok()) return "error reading peers.json: " + r_.error();
    if (version_ > serialisation_version)
      return "unknown version " + std::to_string(version_) + " in serialized addrmanager";
    if (version_ == 1) assume_node_network();
    if (auto err = place(new_keys_, img.new_buckets); !err.empty()) return err;
    if (auto err = place(tried_keys_, img.tried_buckets); !err.empty()) return err;
    return place_extra();
  }

 private:
  void member(std::string_view name) {
    // A member named twice is never written by btcd or by us; reading both would merge lists
    // (a second NewBuckets once ran past the bucket table), so the file is refused as corrupt.
    if (!seen_.insert(std::string(name)).second)
      return r_.fail("member " + std::string(name) + " appears twice");
    if (r_.peek_null()) return;
    if (json_name_is(name, "Version")) return void(r_.read_int(version_));
    if (json_name_is(name, "Key")) return key();
    if (json_name_is(name, "Addresses")) return entries(false);
    if (json_name_is(name, "NewBuckets")) return buckets(new_keys_, new_bucket_count);
    if (json_name_is(name, "TriedBuckets")) return buckets(tried_keys_, tried_bucket_count);
    if (json_name_is(name, "BtcnetExtraAddresses")) return entries(true);
    r_.skip_value();
  }

  void key() {
    bool first = true;
    std::size_t i = 0;
    if (!r_.begin_array()) return;
    while (r_.next_element(first)) {
      std::uint64_t v = 0;
      if (!r_.read_uint(v)) return;
      if (v > 0xff) return r_.fail("Key byte out of range");
      if (i < img_->key.size()) img_->key[i++] = static_cast<std::uint8_t>(v);
    }
  }

  void entries(bool extension) {
    bool first = true;
    if (!r_.begin_array()) return;
    img_->addresses.reserve(img_->addresses.size() + text_size_ / 180);  // ~200 bytes each
    raw_entry e;
    while (r_.next_element(first)) {
      if (r_.peek_null()) return r_.fail("null address entry");
      e = raw_entry{};
      if (extension || !btcd_layout_entry(e)) entry(e, extension);
      if (!r_.ok()) return;
      if (auto err = add(e, extension); !err.empty()) return r_.fail(err);
    }
  }

  enum class field_id {
    none,
    addr,
    src,
    attempts,
    timestamp,
    last_attempt,
    last_success,
    services,
    src_services,
    addr_network,
    src_network,
    new_buckets,
    tried_bucket
  };

  // A member name equal to a literal; the constant length lets the compiler inline the compare.
  template <std::size_t N>
  static bool named(std::string_view name, const char (&literal)[N]) {
    return name.size() == N - 1 && std::memcmp(name.data(), literal, N - 1) == 0;
  }

  // Member names as btcd spells them are matched exactly; other spellings case-insensitively,
  // as Go does.
  static field_id field_of(std::string_view name) {
    if (named(name, "Addr")) return field_id::addr;
    if (named(name, "Src")) return field_id::src;
    if (named(name, "Attempts")) return field_id::attempts;
    if (named(name, "TimeStamp")) return field_id::timestamp;
    if (named(name, "LastAttempt")) return field_id::last_attempt;
    if (named(name, "LastSuccess")) return field_id::last_success;
    if (named(name, "Services")) return field_id::services;
    if (named(name, "SrcServices")) return field_id::src_services;
    return field_by_any_case(name);
  }

  static field_id field_by_any_case(std::string_view name) {
    static constexpr std::pair<std::string_view, field_id> fields[] = {
        {"Addr", field_id::addr},
        {"Src", field_id::src},
        {"Attempts", field_id::attempts},
        {"TimeStamp", field_id::timestamp},
        {"LastAttempt", field_id::last_attempt},
        {"LastSuccess", field_id::last_success},
        {"Services", field_id::services},
        {"SrcServices", field_id::src_services},
        {"AddrNetwork", field_id::addr_network},
        {"SrcNetwork", field_id::src_network},
        {"NewBuckets", field_id::new_buckets},
        {"TriedBucket", field_id::tried_bucket},
    };
    for (const auto& [text, id] : fields)
      if (json_name_is(name, text)) return id;
    return field_id::none;
  }

  // An entry exactly as btcd's encoder writes it, read without looking at member names (80% of
  // the file is these). Anything else is re-read by the general path from the same position.
  bool btcd_layout_entry(raw_entry& e) {
    const std::size_t start = r_.position();
    const int depth = r_.depth();
    const bool ok = r_.match(R"({"Addr":)") && r_.read_string(e.addr) && r_.match(R"(,"Src":)") &&
                    r_.read_string(e.src) && r_.match(R"(,"Attempts":)") &&
                    r_.read_int(e.attempts) && r_.match(R"(,"TimeStamp":)") &&
                    r_.read_int(e.timestamp) && r_.match(R"(,"LastAttempt":)") &&
                    r_.read_int(e.last_attempt) && r_.match(R"(,"LastSuccess":)") &&
                    r_.read_int(e.last_success) && r_.match(R"(,"Services":)") &&
                    r_.read_uint(e.services) && r_.match(R"(,"SrcServices":)") &&
                    r_.read_uint(e.src_services) && r_.match("}");
    if (ok) return true;
    r_.rewind(start, depth);
    e = raw_entry{};
    return false;
  }

  void entry(raw_entry& e, bool extension) {
    std::string_view name;
    bool first = true;
    if (!r_.begin_object()) return;
    while (r_.next_member(name, first)) {
      if (r_.peek_null()) continue;
      const field_id f = field_of(name);
      if (!read_field(e, f) && !(extension && read_extension_field(e, f))) r_.skip_value();
    }
  }

  bool read_field(raw_entry& e, field_id f) {
    switch (f) {
      case field_id::addr:
        return r_.read_string(e.addr), true;
      case field_id::src:
        return r_.read_string(e.src), true;
      case field_id::attempts:
        return r_.read_int(e.attempts), true;
      case field_id::timestamp:
        return r_.read_int(e.timestamp), true;
      case field_id::last_attempt:
        return r_.read_int(e.last_attempt), true;
      case field_id::last_success:
        return r_.read_int(e.last_success), true;
      case field_id::services:
        return r_.read_uint(e.services), true;
      case field_id::src_services:
        return r_.read_uint(e.src_services), true;
      default:
        return false;
    }
  }

  bool read_extension_field(raw_entry& e, field_id f) {
    std::string_view text;
    bool first = true;
    switch (f) {
      case field_id::addr_network:
        r_.read_string(text);
        e.addr_cjdns = text == "cjdns";
        return true;
      case field_id::src_network:
        r_.read_string(text);
        e.src_cjdns = text == "cjdns";
        return true;
      case field_id::tried_bucket:
        r_.read_int(e.tried_bucket.emplace());
        return true;
      case field_id::new_buckets:
        if (r_.begin_array()) {
          while (r_.next_element(first)) r_.read_int(e.new_buckets.emplace_back());
        }
        return true;
      default:
        return false;
    }
  }

  void buckets(std::vector<std::vector<std::string_view>>& out, std::size_t max) {
    bool first = true;
    if (!r_.begin_array()) return;
    while (r_.next_element(first)) {
      std::vector<std::string_view> dropped;
      auto& keys = out.size() < max ? out.emplace_back() : dropped;
      if (r_.peek_null()) continue;
      bool inner_first = true;
      if (!r_.begin_array()) return;
      while (r_.next_element(inner_first)) {
        if (!r_.read_string(keys.emplace_back())) return;
      }
    }
  }

  static std::optional<wire::endpoint> endpoint_of(std::string_view key, bool cjdns) {
    auto e = address::parse_address_key(key);
    if (e && cjdns && e->net == wire::network_id::ipv6) e->net = wire::network_id::cjdns;
    return e;
  }

  // Sources repeat (every address a peer sent shares it): parse each distinct one once.
  std::optional<wire::endpoint> source_of(const raw_entry& e) {
    auto [it, fresh] = sources_.try_emplace(e.src);
    if (fresh) it->second = endpoint_of(e.src, false);
    auto src = it->second;
    if (src && e.src_cjdns && src->net == wire::network_id::ipv6)
      src->net = wire::network_id::cjdns;
    return src;
  }

  static std::uint32_t clamp_u32(std::int64_t t) {
    return static_cast<std::uint32_t>(
        std::clamp<std::int64_t>(t, 0, std::numeric_limits<std::uint32_t>::max()));
  }

  std::string add(raw_entry& e, bool extension) {
    const auto addr = endpoint_of(e.addr, e.addr_cjdns);
    if (!addr) return "failed to deserialize netaddress " + std::string(e.addr);
    const auto src = source_of(e);
    if (!src) return "failed to deserialize netaddress " + std::string(e.src);
    stored_address s;
    s.addr = {clamp_u32(e.timestamp), e.services, *addr};
    s.source = {0, e.src_services, *src};
    s.attempts = static_cast<std::int32_t>(
        std::clamp<std::int64_t>(e.attempts, 0, std::numeric_limits<std::int32_t>::max()));
    s.last_attempt = e.last_attempt;
    s.last_success = e.last_success;
    const auto index = static_cast<std::uint32_t>(img_->addresses.size());
    if (extension) extras_.push_back({index, std::move(e.new_buckets), e.tried_bucket});
    by_text_.insert(e.addr);
    img_->addresses.push_back(s);
    return {};
  }

  // btcd: a version 1 file has no services; assume NODE_NETWORK for both.
  void assume_node_network() {
    for (stored_address& s : img_->addresses)
      s.addr.services = s.source.services = wire::node_network;
  }

  // btcd looks bucket keys up by their text; a key spelled differently (e.g. "[::ffff:1.2.3.4]")
  // is matched by the address it denotes.
  std::optional<std::uint32_t> lookup(std::string_view key) {
    if (auto i = by_text_.find(key)) return i;
    if (by_endpoint_.empty()) {
      for (std::uint32_t i = 0; i < img_->addresses.size(); ++i)
        by_endpoint_.emplace(img_->addresses[i].addr.where, i);
    }
    const auto e = address::parse_address_key(key);
    if (!e) return std::nullopt;
    auto it = by_endpoint_.find(*e);
    return it == by_endpoint_.end() ? std::nullopt : std::optional<std::uint32_t>(it->second);
  }

  std::string place(const std::vector<std::vector<std::string_view>>& from,
                    std::vector<std::vector<std::uint32_t>>& to) {
    for (std::size_t b = 0; b < from.size(); ++b) {
      to[b].reserve(from[b].size());
      for (std::string_view key : from[b]) {
        const auto i = lookup(key);
        if (!i) return "bucket contains " + std::string(key) + " but none in address list";
        to[b].push_back(*i);
      }
    }
    return {};
  }

  std::string place_extra() {
    for (const extra_placement& x : extras_) {
      const std::string key = address::address_key(img_->addresses[x.index].addr.where);
      for (std::int64_t b : x.new_buckets) {
        if (b < 0 || b >= static_cast<std::int64_t>(new_bucket_count))
          return "extra address " + key + " has a bad new bucket";
        img_->new_buckets[static_cast<std::size_t>(b)].push_back(x.index);
      }
      if (!x.tried_bucket) continue;
      if (*x.tried_bucket < 0 || *x.tried_bucket >= static_cast<std::int64_t>(tried_bucket_count))
        return "extra address " + key + " has a bad tried bucket";
      img_->tried_buckets[static_cast<std::size_t>(*x.tried_bucket)].push_back(x.index);
    }
    return {};
  }

  json_reader r_;
  std::size_t text_size_;
  book_image* img_ = nullptr;
  std::int64_t version_ = 0;
  std::vector<std::vector<std::string_view>> new_keys_, tried_keys_;
  std::set<std::string, std::less<>> seen_;  // top-level member names read so far
  std::vector<extra_placement> extras_;
  text_index by_text_;
  std::unordered_map<std::string_view, std::optional<wire::endpoint>> sources_;
  std::unordered_map<wire::endpoint, std::uint32_t, wire::endpoint_hash> by_endpoint_;
};

}  // namespace

decode_result decode_peers_json(std::string_view text) {
  decode_result result;
  book_image img;
  result.error = decoder(text).run(img);
  if (result.error.empty()) result.image = std::move(img);
  return result;
}

}  // namespace btcnet::addr_manager
