// libFuzzer target: the ban file loader (Core's banlist.json layout). Besides "no crash, no leak":
// a list the loader accepts must survive save -> load with the same bans.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "actors/server/ban_table.hpp"

using btcnet::actors::ban_record;
using btcnet::actors::ban_table;

namespace {

constexpr std::int64_t now = 1'700'000'000;

bool same(const std::vector<ban_record>& a, const std::vector<ban_record>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].net.to_string() != b[i].net.to_string() || a[i].until != b[i].until ||
        a[i].created != b[i].created)
      return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string error;
  auto first = ban_table::from_json(text, now, error);
  if (!first) {
    if (error.empty()) std::abort();  // a refusal always says why
    return 0;
  }
  auto second = ban_table::from_json(first->to_json(), now, error);
  if (!second || !same(first->list(now), second->list(now))) std::abort();
  return 0;
}
