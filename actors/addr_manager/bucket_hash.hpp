// Bucket placement exactly as btcd computes it (getNewBucket / getTriedBucket), so that the same
// secret key and addresses give the same buckets as btcd. H = double SHA-256, LE64 = the first
// 8 bytes of a hash read little-endian, ‖ = concatenation, groups are group_key() strings.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace btcnet::addr_manager {

using book_key = std::array<std::uint8_t, 32>;

// A fresh secret key from the system's CSPRNG (btcd reads crypto/rand at reset()), for a book
// with no peers.json; afterwards the key is kept in the file.
book_key random_book_key();

// new bucket = LE64(H(key ‖ src_group ‖ le64(slot))) % 1024, where
// slot = LE64(H(key ‖ addr_group ‖ src_group)) % 64: a source group reaches at most 64 buckets.
std::uint64_t new_bucket_slot(const book_key& key, std::string_view addr_group,
                              std::string_view src_group);
std::size_t new_bucket_of_slot(const book_key& key, std::string_view src_group, std::uint64_t slot);
std::size_t new_bucket(const book_key& key, std::string_view addr_group,
                       std::string_view src_group);

// tried bucket = LE64(H(key ‖ addr_group ‖ le64(x))) % 64, where
// x = LE64(H(key ‖ address_key)) % 8: an address group reaches at most 8 tried buckets.
std::size_t tried_bucket(const book_key& key, std::string_view address_key,
                         std::string_view addr_group);

}  // namespace btcnet::addr_manager
