#include "actors/server/ban_table.hpp"

#include <nlohmann/json.hpp>

#include "net/storage/atomic_file.hpp"

namespace btcnet::actors {

using json = nlohmann::json;

namespace {
constexpr int ban_entry_version = 1;  // Bitcoin Core CBanEntry::CURRENT_VERSION
}

void ban_table::ban(const subnet& net, std::int64_t until, std::int64_t created) {
  bans_[net.to_string()] = ban_record{net, until, created};
}

bool ban_table::unban(const subnet& net) {
  return bans_.erase(net.to_string()) > 0;
}

bool ban_table::is_banned(const wire::endpoint& host, std::int64_t now) {
  for (auto it = bans_.begin(); it != bans_.end();) {
    if (it->second.until <= now) {
      it = bans_.erase(it);
      continue;
    }
    if (it->second.net.contains(host)) return true;
    ++it;
  }
  return false;
}

std::vector<ban_record> ban_table::list(std::int64_t now) {
  std::vector<ban_record> out;
  for (auto it = bans_.begin(); it != bans_.end();) {
    if (it->second.until <= now) {
      it = bans_.erase(it);
      continue;
    }
    out.push_back(it->second);
    ++it;
  }
  return out;
}

std::string ban_table::to_json() const {
  json nets = json::array();
  for (const auto& [text, r] : bans_)
    nets.push_back({{"version", ban_entry_version},
                    {"ban_created", r.created},
                    {"banned_until", r.until},
                    {"address", text}});
  return json{{"banned_nets", std::move(nets)}}.dump(1, '\t') + "\n";
}

std::optional<ban_table> ban_table::from_json(std::string_view text, std::int64_t now,
                                              std::string& error) {
  const json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    error = "not a JSON object";
    return std::nullopt;
  }
  auto nets = doc.find("banned_nets");
  if (nets == doc.end() || !nets->is_array()) {
    error = "no \"banned_nets\" array";
    return std::nullopt;
  }
  ban_table table;
  for (const auto& entry : *nets) {
    if (!entry.is_object() || !entry.contains("address") || !entry["address"].is_string() ||
        !entry.contains("banned_until") || !entry["banned_until"].is_number_integer() ||
        (entry.contains("ban_created") && !entry["ban_created"].is_number_integer())) {
      error = "malformed entry " + entry.dump().substr(0, 80);
      return std::nullopt;
    }
    auto net = subnet::parse(entry["address"].get<std::string>());
    if (!net) {
      error = "bad address " + entry["address"].get<std::string>();
      return std::nullopt;
    }
    const auto until = entry["banned_until"].get<std::int64_t>();
    const auto created = entry.value("ban_created", std::int64_t{0});
    if (until > now) table.ban(*net, until, created);
  }
  return table;
}

ban_load_result load_ban_file(const std::filesystem::path& file, std::int64_t now) {
  ban_load_result out;
  std::string text;
  if (auto ec = storage::read_whole_file(file, text)) {
    if (ec != std::errc::no_such_file_or_directory)
      out.warning = file.string() + ": " + ec.message() + "; starting without bans";
    return out;
  }
  std::string error;
  if (auto table = ban_table::from_json(text, now, error)) {
    out.table = std::move(*table);
    return out;
  }
  std::error_code ec;
  const auto aside = storage::set_aside(file, now, ec);
  out.warning =
      file.string() + ": " + error + "; " +
      (ec ? "could not move it aside (" + ec.message() + ")" : "moved to " + aside.string()) +
      ", starting without bans";
  return out;
}

std::string save_ban_file(const std::filesystem::path& file, const ban_table& table) {
  auto ec = storage::write_file_atomically(file, table.to_json());
  return ec ? file.string() + ": " + ec.message() : "";
}

}  // namespace btcnet::actors
