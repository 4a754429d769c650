// btcnetd's configuration: command-line flags and an optional config file turned into a validated
// node_config, with btcd's flag names, defaults and rules (btcd config.go loadConfig;
// btcd-reference §3). Flags override the file. No global state and no I/O besides reading the
// config file.
//
// Paths (ours, since btcd keeps everything under ~/.btcd):
//   --datadir     default $HOME/.btcnet; the node uses <datadir>/<network dir> (params data_dir,
//                 e.g. "regtest", "testnet" for testnet3), as btcd namespaces its data directory.
//   --configfile  default <datadir>/btcnetd.conf, where <datadir> is the one given on the command
//                 line. A missing default file is fine; a missing --configfile is an error. As in
//                 btcd, the default file is not read when --regtest, --simnet or --signet is given
//                 on the command line.
//   --logdir      default <datadir>/logs; the node logs to <logdir>/<network dir>, as btcd does.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "actors/server/peer_limits.hpp"
#include "apps/btcnetd/config_values.hpp"
#include "net/params/network_params.hpp"
#include "net/wire/net_address.hpp"

namespace btcnet::node {

// btcd config.go defaults.
inline constexpr int default_max_peers = 125;
inline constexpr std::chrono::hours default_ban_duration{24};
inline constexpr std::uint32_t default_ban_threshold = 100;
inline constexpr std::string_view default_debug_level = "info";
// Ours: the config file name and the directory under $HOME.
inline constexpr std::string_view config_file_name = "btcnetd.conf";
inline constexpr std::string_view home_dir_name = ".btcnet";

// btcd HEAD's outbound reservation, shared with the node.
using actors::compute_peer_limits;
using actors::peer_limits;

// A SOCKS5 proxy (--proxy or --onion) with its credentials.
struct proxy_config {
  host_port address;
  std::string user;
  std::string pass;
  // Random credentials per connection (Tor stream isolation). btcd applies --torisolation to the
  // main proxy only without --onion and when --proxyuser or --proxypass is given; to the onion
  // proxy always.
  bool isolation = false;

  friend bool operator==(const proxy_config&, const proxy_config&) = default;
};

// Where host names are resolved (btcd config.go dial/lookup set-up).
enum class dns_route : std::uint8_t {
  system,       // the system resolver
  proxy,        // Tor RESOLVE through --proxy (a proxy, no --onion, no --noonion)
  onion_proxy,  // Tor RESOLVE through --onion ("bridge mode": --proxy and --onion)
};

struct node_config {
  params::network network = params::network::mainnet;
  std::filesystem::path data_dir;     // <datadir>/<network dir>
  std::filesystem::path log_dir;      // <logdir>/<network dir>
  std::filesystem::path config_file;  // the file that was read; empty when none was

  bool disable_listen = false;               // --nolisten, or --connect/--proxy without --listen
  std::vector<wire::endpoint> listen;        // empty when listening is disabled
  std::vector<host_port> connect_peers;      // --connect, normalised and de-duplicated
  std::vector<host_port> add_peers;          // --addpeer, likewise
  std::vector<wire::endpoint> external_ips;  // --externalip
  bool disable_dns_seed = false;             // --nodnsseed, or implied by --connect / simnet
  int max_peers = default_max_peers;         // --maxpeers
  bool automatic_outbound = true;            // false on simnet and with --connect (btcd)
  peer_limits limits;                        // from max_peers and the peers above

  std::chrono::nanoseconds ban_duration = default_ban_duration;  // --banduration
  std::uint32_t ban_threshold = default_ban_threshold;           // --banthreshold
  bool disable_banning = false;                                  // --nobanning
  std::vector<ip_network> whitelist;                             // --whitelist

  std::optional<proxy_config> proxy;  // --proxy, --proxyuser, --proxypass
  std::optional<proxy_config> onion;  // --onion, --onionuser, --onionpass
  bool no_onion = false;              // --noonion: dialling .onion fails
  bool tor_isolation = false;         // --torisolation as given
  dns_route dns = dns_route::system;

  std::vector<std::string> ua_comments;         // --uacomment
  std::vector<std::string> agent_blacklist;     // --agentblacklist
  std::vector<std::string> agent_whitelist;     // --agentwhitelist
  log_levels log_level = default_log_levels();  // --debuglevel, every subsystem present

  bool disable_rpc = false;  // --norpc
  // --rpclisten, default 127.0.0.1:<network rpc port>; empty with --norpc.
  std::vector<wire::endpoint> rpc_listen;
  std::string rpc_user;  // with rpc_pass, or both empty (cookie auth)
  std::string rpc_pass;
};

// What main() needs from its environment; tests pass their own.
struct config_env {
  std::string home;  // $HOME
  // Environment lookup for $VAR in paths (btcd expands them); may be empty.
  std::function<std::optional<std::string>(std::string_view)> getenv;
};

struct config_result {
  std::optional<node_config> config;  // set when the node should start
  bool print_and_exit = false;        // --help, --version, --debuglevel=show: print `output`
  std::string output;
  std::string error;  // for stderr; set whenever exit_code != 0
  int exit_code = 0;
  std::vector<std::string> warnings;  // notes btcd prints too; log them at startup
};

// `args` excludes the program name.
config_result parse_config(std::span<const std::string> args, const config_env& env);
config_result parse_config(int argc, const char* const* argv, const config_env& env);

// <root>/<network dir>: where a node's files live (btcnet-cli finds the node the same way).
std::filesystem::path network_data_dir(const std::filesystem::path& root, params::network net);
// $HOME/.btcnet, or .btcnet when HOME is unset.
std::filesystem::path default_data_root(const config_env& env);

}  // namespace btcnet::node
