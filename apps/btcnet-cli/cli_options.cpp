#include "apps/btcnet-cli/cli_options.hpp"

#include <CLI/CLI.hpp>

#include "apps/common/node_flags.hpp"
#include "btcnet/version.hpp"

namespace btcnet::cli {

nlohmann::json parse_argument(const std::string& text) {
  auto value = nlohmann::json::parse(text, nullptr, false);
  if (value.is_discarded()) return text;
  return value;
}

namespace {

// -named: "key=value" pairs become an object.
std::optional<nlohmann::json> named_params(const std::vector<std::string>& args,
                                           std::string& error) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& a : args) {
    const auto eq = a.find('=');
    if (eq == std::string::npos || eq == 0) {
      error = "No '=' in named argument '" + a + "', this may be because of a missing -named";
      return std::nullopt;
    }
    out[a.substr(0, eq)] = parse_argument(a.substr(eq + 1));
  }
  return out;
}

// prefix_command() keeps options it does not know as extras instead of failing, so an unknown
// option before the method would pass silently; after the method, anything is an argument.
std::optional<std::string> unknown_option_before(const CLI::App& app,
                                                 std::span<const std::string> args,
                                                 const std::string& method) {
  for (const auto& a : args) {
    if (a == method) break;
    if (a.size() < 2 || a.front() != '-') continue;
    if (!app.get_option_no_throw(a.substr(0, a.find('=')))) return a;
  }
  return std::nullopt;
}

}  // namespace

cli_parse_result parse_cli(std::span<const std::string> args, const std::string& home) {
  cli_parse_result result;
  CLI::App app{"btcnet-cli: send a command to a running btcnetd's JSON-RPC server", "btcnet-cli"};
  apps::node_flags flags;
  bool version = false;
  cli_options o;
  std::vector<std::string> positional;
  apps::add_node_flags(app, flags);
  app.add_option("--timeout", o.timeout_seconds, "Seconds to wait for a reply")
      ->check(CLI::Range(1, 365 * 86400));
  app.add_flag("--netinfo,-n", o.netinfo, "Print a summary of the node's peers");
  app.add_flag("--named", o.named, "Arguments are name=value pairs");
  app.add_flag("--version", version, "Print the version and exit");
  app.add_option("method_and_args", positional, "The RPC method, then its arguments");
  app.prefix_command();  // everything after the method is an argument, even "-1"
  try {
    std::vector<std::string> reversed(args.rbegin(), args.rend());
    app.parse(reversed);
  } catch (const CLI::CallForHelp&) {
    result.output = app.help();
    return result;
  } catch (const CLI::ParseError& e) {
    result.error = e.what();
    result.exit_code = 1;
    return result;
  }
  if (version) {
    result.output = std::string("btcnet-cli ") + version_string + "\n";
    return result;
  }
  for (auto& extra : app.remaining()) positional.push_back(extra);
  auto target = apps::resolve_node(flags, home, result.error);
  if (!target) {
    result.exit_code = 1;
    return result;
  }
  o.network = target->network;
  o.data_dir = target->data_dir;
  o.locate = target->locate;
  if (!o.netinfo) {
    if (positional.empty()) {
      result.error = "too few parameters (need at least a command; try 'help')";
      result.exit_code = 1;
      return result;
    }
    o.method = positional.front();
    if (auto unknown = unknown_option_before(app, args, o.method)) {
      result.error = "unknown option '" + *unknown + "' (try --help)";
      result.exit_code = 1;
      return result;
    }
    const std::vector<std::string> rest(positional.begin() + 1, positional.end());
    if (o.named) {
      auto named = named_params(rest, result.error);
      if (!named) {
        result.exit_code = 1;
        return result;
      }
      o.params = *named;
    } else {
      for (const auto& a : rest) o.params.push_back(parse_argument(a));
    }
  }
  result.options = std::move(o);
  return result;
}

}  // namespace btcnet::cli
