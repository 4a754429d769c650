// btcnet-cli's command line: bitcoin-cli's shape (options, then a method and its arguments) with
// btcnetd's network flags and data directory, so that `btcnet-cli --regtest --datadir=D getpeerinfo`
// finds the node that `btcnetd --regtest --datadir=D` started.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "net/params/network_params.hpp"
#include "net/rpc/node_locator.hpp"

namespace btcnet::cli {

struct cli_options {
  params::network network = params::network::mainnet;
  std::filesystem::path data_dir;  // <datadir>/<network dir>
  rpc::locate_request locate;
  int timeout_seconds = 900;  // bitcoin-cli -rpcclienttimeout default
  bool netinfo = false;       // -netinfo: a summary of the peers instead of a method
  bool named = false;         // -named: arguments are name=value
  std::string method;
  nlohmann::json params = nlohmann::json::array();
};

struct cli_parse_result {
  std::optional<cli_options> options;
  std::string output;  // --help / --version text
  std::string error;
  int exit_code = 0;
};

// `args` excludes the program name; `home` is $HOME.
cli_parse_result parse_cli(std::span<const std::string> args, const std::string& home);

// bitcoin-cli's rule: an argument that parses as JSON is that value, otherwise a string.
nlohmann::json parse_argument(const std::string& text);

}  // namespace btcnet::cli
