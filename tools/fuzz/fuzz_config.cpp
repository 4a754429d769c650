// libFuzzer target: btcnetd's configuration, the INI file parser and then every entry it yields as
// a command-line flag through btcd's validation rules (the path a config file's values take).
// Besides "no crash, no leak": a refused configuration always says why and exits non-zero.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "apps/btcnetd/config.hpp"
#include "apps/btcnetd/config_file.hpp"

using namespace btcnet::node;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<config_entry> entries;
  std::string error;
  if (!parse_config_text(text, entries, error)) {
    if (error.empty()) std::abort();
    return 0;
  }
  // The data directory points nowhere, so its default config file is simply absent.
  std::vector<std::string> args{"--datadir=/nonexistent"};
  for (const config_entry& e : entries) args.push_back("--" + e.key + "=" + e.value);
  const config_env env{"/nonexistent", {}};
  const config_result result = parse_config(args, env);
  if (result.exit_code != 0 && result.error.empty()) std::abort();
  if (result.exit_code == 0 && !result.config && !result.print_and_exit) std::abort();
  return 0;
}
