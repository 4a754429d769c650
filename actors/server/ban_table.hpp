// The server's bans: subnets (a single host is a /32 or /128) with their expiry. btcd keeps bans
// in memory only; Bitcoin Core persists them (banlist.json), and so do we, in Core's layout:
//   {"banned_nets": [{"version": 1, "ban_created": <unix>, "banned_until": <unix>,
//                     "address": "1.2.3.4/32"}, ...]}
// A plain class without I/O besides load/save, so that it can be tested and fuzzed alone.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "actors/server/subnet.hpp"

namespace btcnet::actors {

struct ban_record {
  subnet net;
  std::int64_t until = 0;  // unix seconds
  std::int64_t created = 0;
};

class ban_table {
 public:
  // Replaces any ban on the same subnet.
  void ban(const subnet& net, std::int64_t until, std::int64_t created);
  bool unban(const subnet& net);
  void clear() { bans_.clear(); }
  // Expired bans are dropped as they are met.
  bool is_banned(const wire::endpoint& host, std::int64_t now);
  // Live bans, expired ones dropped.
  std::vector<ban_record> list(std::int64_t now);
  std::size_t size() const { return bans_.size(); }
  bool contains(const subnet& net) const { return bans_.count(net.to_string()) > 0; }

  std::string to_json() const;
  // Bans still in force at `now`; nullopt with `error` set when the text is not a ban list.
  static std::optional<ban_table> from_json(std::string_view text, std::int64_t now,
                                            std::string& error);

 private:
  std::map<std::string, ban_record> bans_;  // by canonical subnet text
};

// What loading the ban file found; a bad file is set aside (never deleted) and the node starts
// without bans.
struct ban_load_result {
  ban_table table;
  std::string warning;  // set when the file was unusable
};
ban_load_result load_ban_file(const std::filesystem::path& file, std::int64_t now);
// Atomic replacement: a crash leaves the old or the new list. Returns "" or the error.
std::string save_ban_file(const std::filesystem::path& file, const ban_table& table);

}  // namespace btcnet::actors
