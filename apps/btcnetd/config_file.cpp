#include "apps/btcnetd/config_file.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace btcnet::node {
namespace {

std::string_view trim(std::string_view s) {
  const auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string line_error(int line, const std::string& what) {
  return "line " + std::to_string(line) + ": " + what;
}

// A double-quoted value: strips the quotes and resolves \" and \\ (go-flags unquotes these).
std::string unquote(std::string_view value) {
  if (value.size() < 2 || value.front() != '"' || value.back() != '"') return std::string(value);
  value = value.substr(1, value.size() - 2);
  std::string out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '\\' && i + 1 < value.size() && (value[i + 1] == '"' || value[i + 1] == '\\'))
      ++i;
    out += value[i];
  }
  return out;
}

// One non-blank, non-comment line.
bool parse_line(std::string_view line, int number, std::vector<config_entry>& entries,
                std::string& error) {
  if (line.front() == '[') {
    // The section name btcd's options live in; go-flags matches group names case-insensitively.
    if (line.back() == ']' && lower(trim(line.substr(1, line.size() - 2))) == "application options")
      return true;
    error = line_error(number, "unknown section " + std::string(line) +
                                   " (only [Application Options] is accepted)");
    return false;
  }
  const auto eq = line.find('=');
  const auto key = trim(line.substr(0, eq));
  if (eq == std::string_view::npos || key.empty()) {
    error = line_error(number, "expected key=value, got '" + std::string(line) + "'");
    return false;
  }
  entries.push_back({std::string(key), unquote(trim(line.substr(eq + 1))), number});
  return true;
}

}  // namespace

bool parse_config_text(std::string_view text, std::vector<config_entry>& entries,
                       std::string& error) {
  int number = 0;
  while (!text.empty()) {
    const auto end = text.find('\n');
    const auto line = trim(text.substr(0, end));
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    ++number;
    if (line.empty() || line.front() == ';' || line.front() == '#') continue;
    if (!parse_line(line, number, entries, error)) return false;
  }
  return true;
}

read_status read_text_file(const std::filesystem::path& path, std::string& text,
                           std::string& error) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (status.type() == std::filesystem::file_type::not_found) return read_status::missing;
  if (std::filesystem::is_directory(status)) {
    error = "cannot read config file " + path.string() + ": it is a directory";
    return read_status::failed;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot read config file " + path.string() + ": " + std::strerror(errno);
    return read_status::failed;
  }
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) {
    error = "cannot read config file " + path.string() + ": read error";
    return read_status::failed;
  }
  text = content.str();
  return read_status::ok;
}

}  // namespace btcnet::node
