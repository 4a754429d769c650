#include "apps/common/node_flags.hpp"

#include "apps/btcnetd/config.hpp"

namespace btcnet::apps {

void add_node_flags(CLI::App& app, node_flags& f) {
  app.add_flag("--testnet", f.testnet, "Use the test network (version 3)");
  app.add_flag("--testnet4", f.testnet4, "Use the test network (version 4)");
  app.add_flag("--regtest", f.regtest, "Use the regression test network");
  app.add_flag("--simnet", f.simnet, "Use the simulation test network");
  app.add_flag("--signet", f.signet, "Use the signet test network");
  app.add_option("--datadir", f.datadir, "The node's data directory (default ~/.btcnet)");
  app.add_option("--rpcserver", f.rpc_server,
                 "host:port of the RPC server (default: what the node recorded in its data "
                 "directory)");
  app.add_option("--rpcuser", f.rpc_user, "RPC user (default: the node's cookie)");
  app.add_option("--rpcpass", f.rpc_pass, "RPC password");
}

std::optional<node_target> resolve_node(const node_flags& f, const std::string& home,
                                        std::string& error) {
  const std::pair<bool, params::network> choices[] = {{f.testnet, params::network::testnet3},
                                                      {f.testnet4, params::network::testnet4},
                                                      {f.regtest, params::network::regtest},
                                                      {f.simnet, params::network::simnet},
                                                      {f.signet, params::network::signet}};
  node_target t;
  int chosen = 0;
  for (const auto& [set, net] : choices)
    if (set) {
      t.network = net;
      ++chosen;
    }
  if (chosen > 1) {
    error = "only one of --testnet, --testnet4, --regtest, --simnet and --signet may be given";
    return std::nullopt;
  }
  const std::filesystem::path root =
      f.datadir.empty() ? node::default_data_root({home, {}}) : std::filesystem::path(f.datadir);
  t.data_dir = node::network_data_dir(root, t.network);
  t.locate = {t.data_dir, f.rpc_server,
              "127.0.0.1:" + std::to_string(params::params_for(t.network).rpc_port), f.rpc_user,
              f.rpc_pass};
  return t;
}

}  // namespace btcnet::apps
