// btcd's configuration file format (go-flags' INI parser as btcd uses it): `key=value` lines named
// after the long options, `;` or `#` comment lines, an optional `[Application Options]` section
// header, keys repeatable for list options.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace btcnet::node {

struct config_entry {
  std::string key;  // a long option name without "--"
  std::string value;
  int line = 0;  // 1-based, for error messages
};

// Parses the text of a config file. Blank lines and comment lines are skipped; key and value are
// trimmed; a value wrapped in double quotes is unquoted (\" and \\ escapes), as go-flags does.
// Any other section than [Application Options], or a line without '=', is an error "line N: ...".
bool parse_config_text(std::string_view text, std::vector<config_entry>& entries,
                       std::string& error);

enum class read_status { ok, missing, failed };

// Reads a whole file. `missing` when it does not exist (the caller decides whether that matters);
// `failed` with `error` naming the path for anything else (a directory, no permission, I/O error).
read_status read_text_file(const std::filesystem::path& path, std::string& text,
                           std::string& error);

}  // namespace btcnet::node
