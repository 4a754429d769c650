// The flags every client uses to find a running node, as btcnetd names them: the network
// (--testnet, --testnet4, --regtest, --simnet, --signet), --datadir, and --rpcserver /
// --rpcuser / --rpcpass to override what the node recorded in its data directory.
#pragma once

#include <CLI/CLI.hpp>
#include <filesystem>
#include <optional>
#include <string>

#include "net/params/network_params.hpp"
#include "net/rpc/node_locator.hpp"

namespace btcnet::apps {

struct node_flags {
  bool testnet = false, testnet4 = false, regtest = false, simnet = false, signet = false;
  std::string datadir;
  std::string rpc_server, rpc_user, rpc_pass;
};

struct node_target {
  params::network network = params::network::mainnet;
  std::filesystem::path data_dir;  // <datadir>/<network dir>
  rpc::locate_request locate;
};

void add_node_flags(CLI::App& app, node_flags& flags);

// nullopt with `error` set when more than one network is chosen; `home` is $HOME.
std::optional<node_target> resolve_node(const node_flags& flags, const std::string& home,
                                        std::string& error);

}  // namespace btcnet::apps
