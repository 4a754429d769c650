// peers.json in btcd's format, version 2 (addrmgr serializedAddrManager), so a btcd user can copy
// their file over and btcd can read ours:
//
//   {"Version":2,"Key":[32 numbers],
//    "Addresses":[{"Addr":"1.2.3.4:8333","Src":"5.6.7.8:8333","Attempts":0,"TimeStamp":unix,
//                  "LastAttempt":unix,"LastSuccess":unix,"Services":n,"SrcServices":n}, ...],
//    "NewBuckets":[[address keys] × 1024],"TriedBuckets":[[address keys] × 64]}
//
// Field order and compact layout are what Go's json.Encoder writes; "never" is Go's zero time
// (-62135596800). Version 1 files (no services) load with NODE_NETWORK for both services, as btcd
// does. Two deliberate differences from btcd's loader: TimeStamp is restored (btcd resets every
// timestamp to the load time), and a bad file is renamed aside instead of deleted.
//
// I2P and CJDNS addresses (and addresses learned from such peers) cannot be written where btcd
// looks: btcd would try to resolve "….b32.i2p" by DNS and reject the whole file. They go in an
// extra member btcd's decoder ignores, each entry carrying its own bucket numbers:
//   "BtcnetExtraAddresses":[{...the fields above..., "AddrNetwork":"cjdns"?, "SrcNetwork":"cjdns"?,
//                            "NewBuckets":[n,...], "TriedBucket":n?}]
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>

#include "actors/addr_manager/address_book.hpp"

namespace btcnet::addr_manager {

std::string encode_peers_json(const address_book& book, int version = serialisation_version);
// The same text delivered in pieces of about 1 MiB, in order.
using peers_json_sink = std::function<void(std::string_view)>;
void encode_peers_json(const address_book& book, int version, const peers_json_sink& sink);

struct decode_result {
  std::optional<book_image> image;
  std::string error;  // set when the text is not a peers.json btcd would load
};
decode_result decode_peers_json(std::string_view text);

// Writes the book to `file` atomically: a temporary file in the same directory, fsync, rename
// over `file`, fsync of the directory. A crash at any point leaves the old or the new file.
// The caller (the actor) saves every dump_address_interval (10 min) and at shutdown.
std::error_code save_peers(const address_book& book, const std::filesystem::path& file);

struct load_outcome {
  enum class status {
    loaded,     // `book` holds the file's addresses and key
    missing,    // no file: start a fresh book with a new random key
    set_aside,  // unreadable, unparsable or inconsistent: renamed aside, start fresh
  };
  status result = status::missing;
  std::optional<address_book> book;
  std::string warning;                   // for set_aside: what was wrong, where the file went
  std::filesystem::path set_aside_path;  // peers.json.corrupt-<now>
};
load_outcome load_peers(const std::filesystem::path& file, std::uint64_t rng_seed, unix_time now);

}  // namespace btcnet::addr_manager
