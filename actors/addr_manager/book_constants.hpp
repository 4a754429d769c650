// btcd addrmgr constants (addrmgr/addrmanager.go, v0.24–v0.26), with Core's where noted.
#pragma once

#include <cstddef>
#include <cstdint>

namespace btcnet::addr_manager {

// Unix seconds. Every time the book uses is given by its caller, so tests control the clock.
using unix_time = std::int64_t;

// Go's zero time.Time as Unix seconds (time.Time{}.Unix()): btcd writes this for "never" in
// peers.json (LastAttempt / LastSuccess of an address never tried), and reads it back as IsZero().
inline constexpr unix_time never = -62135596800;

inline constexpr std::size_t new_bucket_count = 1024;        // btcd newBucketCount (Core 1024)
inline constexpr std::size_t new_bucket_size = 64;           // btcd newBucketSize (Core 64)
inline constexpr std::size_t tried_bucket_count = 64;        // btcd triedBucketCount (Core 256)
inline constexpr std::size_t tried_bucket_size = 256;        // btcd triedBucketSize (Core 64)
inline constexpr std::uint64_t tried_buckets_per_group = 8;  // btcd triedBucketsPerGroup
inline constexpr std::uint64_t new_buckets_per_group = 64;   // btcd newBucketsPerGroup
inline constexpr int new_buckets_per_address = 8;            // btcd newBucketsPerAddress

inline constexpr std::size_t need_address_threshold = 1000;  // btcd needAddressThreshold
inline constexpr std::size_t get_addr_max = 2500;            // btcd getAddrMax
inline constexpr std::size_t get_addr_percent = 23;          // btcd getAddrPercent

inline constexpr unix_time minute = 60;
inline constexpr unix_time day = 24 * 60 * minute;
inline constexpr unix_time num_missing_days = 30;  // btcd: unseen this long => bad
inline constexpr int num_retries = 3;              // btcd: failures with no success => bad
inline constexpr int max_failures = 10;            // btcd: failures within min_bad_days => bad
inline constexpr unix_time min_bad_days = 7;
inline constexpr unix_time recent_attempt = 10 * minute;     // chance() penalty window
inline constexpr unix_time bad_grace = 1 * minute;           // never bad this soon after an attempt
inline constexpr unix_time future_tolerance = 10 * minute;   // timestamps further ahead are bad
inline constexpr unix_time connected_refresh = 20 * minute;  // Connected() timestamp refresh
inline constexpr unix_time dump_address_interval = 10 * minute;  // btcd dumpAddressInterval

inline constexpr int serialisation_version = 2;  // btcd peers.json "Version"

}  // namespace btcnet::addr_manager
