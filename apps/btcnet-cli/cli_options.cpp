#include "apps/btcnet-cli/cli_options.hpp"

#include <CLI/CLI.hpp>

#include "apps/btcnetd/config.hpp"
#include "btcnet/version.hpp"

namespace btcnet::cli {

nlohmann::json parse_argument(const std::string& text) {
  auto value = nlohmann::json::parse(text, nullptr, false);
  if (value.is_discarded()) return text;
  return value;
}

namespace {

std::optional<params::network> pick_network(
    const std::vector<std::pair<bool, params::network>>& flags, std::string& error) {
  std::optional<params::network> chosen;
  for (const auto& [set, net] : flags) {
    if (!set) continue;
    if (chosen) {
      error = "only one of --testnet, --testnet4, --regtest, --simnet and --signet may be given";
      return std::nullopt;
    }
    chosen = net;
  }
  return chosen.value_or(params::network::mainnet);
}

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
  bool testnet = false, testnet4 = false, regtest = false, simnet = false, signet = false;
  bool version = false;
  std::string datadir;
  cli_options o;
  std::vector<std::string> positional;
  app.add_flag("--testnet", testnet, "Use the test network (version 3)");
  app.add_flag("--testnet4", testnet4, "Use the test network (version 4)");
  app.add_flag("--regtest", regtest, "Use the regression test network");
  app.add_flag("--simnet", simnet, "Use the simulation test network");
  app.add_flag("--signet", signet, "Use the signet test network");
  app.add_option("--datadir", datadir, "The node's data directory (default ~/.btcnet)");
  app.add_option(
      "--rpcserver", o.locate.rpc_server,
      "host:port of the RPC server (default: what the node recorded in its data directory)");
  app.add_option("--rpcuser", o.locate.user, "RPC user (default: the node's cookie)");
  app.add_option("--rpcpass", o.locate.pass, "RPC password");
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
  auto net = pick_network({{testnet, params::network::testnet3},
                           {testnet4, params::network::testnet4},
                           {regtest, params::network::regtest},
                           {simnet, params::network::simnet},
                           {signet, params::network::signet}},
                          result.error);
  if (!net) {
    result.exit_code = 1;
    return result;
  }
  o.network = *net;
  const std::filesystem::path root =
      datadir.empty() ? node::default_data_root({home, {}}) : std::filesystem::path(datadir);
  o.data_dir = node::network_data_dir(root, o.network);
  o.locate.data_dir = o.data_dir;
  o.locate.default_server = "127.0.0.1:" + std::to_string(params::params_for(o.network).rpc_port);
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
