#include "actors/addr_manager/bucket_hash.hpp"

#include <openssl/rand.h>

#include <algorithm>
#include <stdexcept>

#include "actors/addr_manager/book_constants.hpp"
#include "net/wire/hash.hpp"

namespace btcnet::addr_manager {
namespace {

// The concatenated hash input; every part is short (key 32, group keys and address keys < 80).
class hash_input {
 public:
  explicit hash_input(const book_key& key) { append(key.data(), key.size()); }
  hash_input& operator<<(std::string_view s) {
    append(reinterpret_cast<const std::uint8_t*>(s.data()), s.size());
    return *this;
  }
  hash_input& operator<<(std::uint64_t v) {
    std::uint8_t le[8];
    for (int i = 0; i < 8; ++i) le[i] = static_cast<std::uint8_t>(v >> (8 * i));
    append(le, sizeof le);
    return *this;
  }
  // LE64 of the first 8 bytes of the double SHA-256.
  std::uint64_t hash64() const {
    const wire::hash256 h = wire::sha256d({buf_.data(), size_});
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = (v << 8) | h[i];
    return v;
  }

 private:
  void append(const std::uint8_t* p, std::size_t n) {
    if (size_ + n > buf_.size()) throw std::length_error("bucket hash input too long");
    std::copy_n(p, n, buf_.data() + size_);
    size_ += n;
  }

  std::array<std::uint8_t, 256> buf_{};
  std::size_t size_ = 0;
};

}  // namespace

book_key random_book_key() {
  book_key key{};
  if (RAND_bytes(key.data(), static_cast<int>(key.size())) != 1)
    throw std::runtime_error("no randomness available for the address book key");
  return key;
}

std::uint64_t new_bucket_slot(const book_key& key, std::string_view addr_group,
                              std::string_view src_group) {
  return (hash_input(key) << addr_group << src_group).hash64() % new_buckets_per_group;
}

std::size_t new_bucket_of_slot(const book_key& key, std::string_view src_group,
                               std::uint64_t slot) {
  return (hash_input(key) << src_group << slot).hash64() % new_bucket_count;
}

std::size_t new_bucket(const book_key& key, std::string_view addr_group,
                       std::string_view src_group) {
  return new_bucket_of_slot(key, src_group, new_bucket_slot(key, addr_group, src_group));
}

std::size_t tried_bucket(const book_key& key, std::string_view address_key,
                         std::string_view addr_group) {
  const std::uint64_t x = (hash_input(key) << address_key).hash64() % tried_buckets_per_group;
  return (hash_input(key) << addr_group << x).hash64() % tried_bucket_count;
}

}  // namespace btcnet::addr_manager
