#include "apps/btcnetd/config.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <charconv>
#include <memory>
#include <utility>

#include "apps/btcnetd/config_file.hpp"
#include "btcnet/version.hpp"

namespace btcnet::node {
namespace {

// Every option as text, converted and checked after parsing so that each error names its flag
// and values from the file and the command line go through the same checks.
struct raw_options {
  std::string datadir, configfile, logdir;
  std::vector<std::string> listen, connect, addpeer, whitelist, externalip;
  std::string maxpeers = std::to_string(default_max_peers);
  std::string banduration = "24h";  // btcd defaultBanDuration, as --banduration text
  std::string banthreshold = std::to_string(default_ban_threshold);
  std::string proxy, proxyuser, proxypass, onion, onionuser, onionpass;
  std::vector<std::string> uacomment, agentblacklist, agentwhitelist;
  std::string debuglevel{default_debug_level};
  std::vector<std::string> rpclisten;
  std::string rpcuser, rpcpass;
  bool nolisten = false, nobanning = false, noonion = false, torisolation = false;
  bool nodnsseed = false, norpc = false, version = false;
  bool testnet = false, testnet4 = false, regtest = false, simnet = false, signet = false;
};

CLI::Option* add_text(CLI::App& app, const std::string& names, std::string& target,
                      const std::string& help) {
  return app.add_option(names, target, help)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);  // go-flags: the last one wins
}

CLI::Option* add_list(CLI::App& app, const std::string& names, std::vector<std::string>& target,
                      const std::string& help) {
  return app.add_option(names, target, help)->allow_extra_args(false);  // one value per flag
}

void add_path_options(CLI::App& app, raw_options& raw) {
  add_text(app, "-b,--datadir", raw.datadir, "Directory to store data")
      ->type_name("PATH")
      ->capture_default_str();
  add_text(app, "-C,--configfile", raw.configfile, "Path to configuration file")
      ->type_name("PATH")
      ->default_str("<datadir>/btcnetd.conf");
  add_text(app, "--logdir", raw.logdir, "Directory to log output")
      ->type_name("PATH")
      ->default_str("<datadir>/logs");
}

void add_network_options(CLI::App& app, raw_options& raw) {
  const char* group = "Network";
  app.add_flag("--testnet", raw.testnet, "Use the test network (version 3)")->group(group);
  app.add_flag("--testnet4", raw.testnet4, "Use the test network (version 4)")->group(group);
  app.add_flag("--regtest", raw.regtest, "Use the regression test network")->group(group);
  app.add_flag("--simnet", raw.simnet, "Use the simulation test network")->group(group);
  app.add_flag("--signet", raw.signet, "Use the signet test network")->group(group);
}

void add_peer_options(CLI::App& app, raw_options& raw) {
  const char* group = "Peers";
  add_list(app, "--listen", raw.listen,
           "Interface/port to listen on (repeatable; default all interfaces, network port)")
      ->type_name("ADDR")
      ->group(group);
  app.add_flag("--nolisten", raw.nolisten,
               "Disable listening (implied by --connect or --proxy without --listen)")
      ->group(group);
  add_list(app, "--connect", raw.connect, "Connect only to this peer (repeatable)")
      ->type_name("HOST[:PORT]")
      ->group(group);
  add_list(app, "-a,--addpeer", raw.addpeer, "Add a peer to connect with at startup (repeatable)")
      ->type_name("HOST[:PORT]")
      ->group(group);
  add_text(app, "--maxpeers", raw.maxpeers, "Max number of inbound and outbound peers (> 0)")
      ->type_name("INT")
      ->capture_default_str()
      ->group(group);
  add_list(app, "--externalip", raw.externalip,
           "IP[:port] to advertise as our address (repeatable)")
      ->type_name("IP[:PORT]")
      ->group(group);
  app.add_flag("--nodnsseed", raw.nodnsseed, "Disable DNS seeding for peers")->group(group);
  add_list(app, "--uacomment", raw.uacomment, "Comment to add to the user agent (BIP 14)")
      ->group(group);
  add_list(app, "--agentblacklist", raw.agentblacklist,
           "Reject peers whose user agent contains this substring (repeatable)")
      ->group(group);
  add_list(app, "--agentwhitelist", raw.agentwhitelist,
           "Require peer user agents to contain one of these substrings (repeatable)")
      ->group(group);
}

void add_ban_options(CLI::App& app, raw_options& raw) {
  const char* group = "Banning";
  add_text(app, "--banduration", raw.banduration, "How long to ban misbehaving peers (min 1s)")
      ->type_name("DURATION")
      ->capture_default_str()
      ->group(group);
  add_text(app, "--banthreshold", raw.banthreshold,
           "Ban score above which a misbehaving peer is banned")
      ->type_name("INT")
      ->capture_default_str()
      ->group(group);
  app.add_flag("--nobanning", raw.nobanning, "Disable banning of misbehaving peers")->group(group);
  add_list(app, "--whitelist", raw.whitelist, "IP network or IP never to ban (repeatable)")
      ->type_name("IP[/BITS]")
      ->group(group);
}

void add_proxy_options(CLI::App& app, raw_options& raw) {
  const char* group = "Proxy";
  add_text(app, "--proxy", raw.proxy, "Connect via SOCKS5 proxy (eg. 127.0.0.1:9050)")
      ->type_name("HOST:PORT")
      ->group(group);
  add_text(app, "--proxyuser", raw.proxyuser, "Username for proxy server")->group(group);
  add_text(app, "--proxypass", raw.proxypass, "Password for proxy server")->group(group);
  add_text(app, "--onion", raw.onion, "Connect to .onion addresses via this SOCKS5 proxy")
      ->type_name("HOST:PORT")
      ->group(group);
  add_text(app, "--onionuser", raw.onionuser, "Username for onion proxy server")->group(group);
  add_text(app, "--onionpass", raw.onionpass, "Password for onion proxy server")->group(group);
  app.add_flag("--noonion", raw.noonion, "Disable connecting to tor hidden services")->group(group);
  app.add_flag("--torisolation", raw.torisolation,
               "Randomise proxy credentials per connection (Tor stream isolation)")
      ->group(group);
}

void add_other_options(CLI::App& app, raw_options& raw) {
  add_text(app, "-d,--debuglevel", raw.debuglevel,
           "Level for all subsystems {trace, debug, info, warn, error, critical, off}, or "
           "SUBSYS=level,... -- use show to list subsystems")
      ->type_name("LEVEL")
      ->capture_default_str()
      ->group("Logging");
  const char* group = "RPC";
  add_list(app, "--rpclisten", raw.rpclisten, "Interface/port for RPC (default 127.0.0.1)")
      ->type_name("ADDR")
      ->group(group);
  add_text(app, "-u,--rpcuser", raw.rpcuser, "Username for RPC connections")->group(group);
  add_text(app, "-P,--rpcpass", raw.rpcpass, "Password for RPC connections")->group(group);
  app.add_flag("--norpc", raw.norpc, "Disable the RPC server")->group(group);
  app.add_flag("-V,--version", raw.version, "Display version information and exit");
}

std::unique_ptr<CLI::App> make_app(raw_options& raw) {
  auto app =
      std::make_unique<CLI::App>("btcnetd: a Bitcoin P2P node (btcd's P2P layer)", "btcnetd");
  add_path_options(*app, raw);
  add_network_options(*app, raw);
  add_peer_options(*app, raw);
  add_ban_options(*app, raw);
  add_proxy_options(*app, raw);
  add_other_options(*app, raw);
  app->footer(
      "Every long option can also be set in the config file as key=value. Data goes to "
      "<datadir>/<network>, logs to <logdir>/<network>.");
  return app;
}

raw_options default_raw_options(const config_env& env) {
  raw_options raw;
  raw.datadir = default_data_root(env).string();
  return raw;
}

// ---- results ----

config_result failure(std::string error) {
  config_result r;
  r.error = std::move(error);
  r.exit_code = 1;
  return r;
}

config_result print(std::string text) {
  config_result r;
  r.print_and_exit = true;
  r.output = std::move(text);
  return r;
}

// The arguments for CLI11, with "--name=" split into "--name" and "": CLI11 would otherwise take
// the next argument as the value, where go-flags (btcd) sets an empty one.
std::vector<std::string> cli_arguments(std::span<const std::string> args) {
  std::vector<std::string> out;
  for (const auto& arg : args) {
    const bool empty_value = arg.starts_with("--") && arg.size() > 3 && arg.back() == '=' &&
                             arg.find('=') == arg.size() - 1;
    out.push_back(empty_value ? arg.substr(0, arg.size() - 1) : arg);
    if (empty_value) out.emplace_back();
  }
  return out;
}

// Runs CLI11 over `args` (in order); a result when parsing ends the run (error or --help).
std::optional<config_result> run_parser(CLI::App& app, std::vector<std::string> args) {
  std::reverse(args.begin(), args.end());  // CLI11 takes them last first
  try {
    app.parse(args);
  } catch (const CLI::CallForHelp&) {
    return print(app.help());
  } catch (const CLI::ParseError& e) {
    return failure(e.what());
  }
  return std::nullopt;
}

// ---- the config file ----

std::string expand(std::string_view path, const config_env& env) {
  return expand_path(path, env.home, env.getenv);
}

struct loaded_file {
  std::vector<std::string> args;  // entries as command-line arguments
  std::filesystem::path path;     // empty when no file was read
};

// One entry as a command-line argument, unless the command line already sets that option.
std::optional<std::string> entry_to_arg(const CLI::App& cli, const raw_options& cli_raw,
                                        const config_entry& entry, std::vector<std::string>& args) {
  const std::string line = "line " + std::to_string(entry.line) + ": ";
  const auto* option = cli.get_option_no_throw("--" + entry.key);
  if (option == nullptr || entry.key == "help") return line + "unknown option '" + entry.key + "'";
  if (entry.key == "configfile" || entry.key == "version") return std::nullopt;  // no effect there
  if (option->count() > 0) return std::nullopt;  // the command line wins (btcd parses it last)
  // btcd loadConfig: "Don't add peers from the config file when in regression test mode".
  if (entry.key == "addpeer" && cli_raw.regtest) return std::nullopt;
  if (option->get_expected_max() != 0) {  // an option with a value (flags expect none)
    args.push_back("--" + entry.key + "=" + entry.value);
    return std::nullopt;
  }
  const auto on = parse_bool(entry.value);
  if (!on) return line + entry.key + " takes 1/0 or true/false, not '" + entry.value + "'";
  if (*on) args.push_back("--" + entry.key);
  return std::nullopt;
}

// The config file to read, or nothing: btcd skips its default file on regtest, simnet and signet.
std::optional<std::filesystem::path> config_path(const CLI::App& cli, const raw_options& raw,
                                                 const config_env& env) {
  if (cli.count("--configfile") > 0) return std::filesystem::path(expand(raw.configfile, env));
  if (raw.regtest || raw.simnet || raw.signet) return std::nullopt;
  return std::filesystem::path(expand(raw.datadir, env)) / config_file_name;
}

std::optional<std::string> load_config_file(const CLI::App& cli, const raw_options& cli_raw,
                                            const config_env& env, loaded_file& out) {
  const auto path = config_path(cli, cli_raw, env);
  if (!path) return std::nullopt;
  std::string text, error;
  switch (read_text_file(*path, text, error)) {
    case read_status::missing:
      if (cli.count("--configfile") == 0) return std::nullopt;
      return "--configfile: " + path->string() + " does not exist";
    case read_status::failed:
      return error;
    case read_status::ok:
      break;
  }
  std::vector<config_entry> entries;
  const std::string where = "config file " + path->string() + ", ";
  if (!parse_config_text(text, entries, error)) return where + error;
  for (const auto& entry : entries)
    if (auto e = entry_to_arg(cli, cli_raw, entry, out.args)) return where + *e;
  out.path = *path;
  return std::nullopt;
}

// ---- building node_config ----

struct build_context {
  const raw_options& raw;
  const config_env& env;
  node_config& config;
  std::vector<std::string>& warnings;
  const params::network_params* params = nullptr;
};

template <class T>
std::optional<T> parse_integer(std::string_view text) {
  T value{};
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc{} || ptr != end) return std::nullopt;
  return value;
}

template <class T>
void append_unique(std::vector<T>& out, const T& value) {
  if (std::find(out.begin(), out.end(), value) == out.end()) out.push_back(value);
}

std::string select_network(build_context& ctx) {
  const std::pair<bool, params::network> flags[] = {{ctx.raw.testnet, params::network::testnet3},
                                                    {ctx.raw.testnet4, params::network::testnet4},
                                                    {ctx.raw.regtest, params::network::regtest},
                                                    {ctx.raw.simnet, params::network::simnet},
                                                    {ctx.raw.signet, params::network::signet}};
  const char* names[] = {"--testnet", "--testnet4", "--regtest", "--simnet", "--signet"};
  std::string given;
  for (std::size_t i = 0; i < std::size(flags); ++i) {
    if (!flags[i].first) continue;
    given += (given.empty() ? "" : " and ") + std::string(names[i]);
    ctx.config.network = flags[i].second;
  }
  ctx.params = &params::params_for(ctx.config.network);
  if (given.find(" and ") == std::string::npos) return {};
  return given + " cannot be used together: choose one network";
}

std::string set_paths(build_context& ctx) {
  const std::filesystem::path root = expand(ctx.raw.datadir, ctx.env);
  ctx.config.data_dir = network_data_dir(root, ctx.config.network);
  const std::filesystem::path logs = ctx.raw.logdir.empty()
                                         ? root / "logs"
                                         : std::filesystem::path(expand(ctx.raw.logdir, ctx.env));
  ctx.config.log_dir = network_data_dir(logs, ctx.config.network);
  return {};
}

std::string set_max_peers(build_context& ctx) {
  const auto value = parse_integer<int>(ctx.raw.maxpeers);
  if (!value) return "--maxpeers: '" + ctx.raw.maxpeers + "' is not an integer";
  // btcd HEAD validateMaxPeers.
  if (*value <= 0) return "--maxpeers must be greater than zero, got " + ctx.raw.maxpeers;
  ctx.config.max_peers = *value;
  return {};
}

std::string set_debug_levels(build_context& ctx) {
  std::string error;
  const auto levels = parse_debug_levels(ctx.raw.debuglevel, error);
  if (!levels) return "--debuglevel: " + error;
  ctx.config.log_level = *levels;
  return {};
}

std::string set_banning(build_context& ctx) {
  const auto duration = parse_go_duration(ctx.raw.banduration);
  if (!duration)
    return "--banduration: '" + ctx.raw.banduration +
           "' is not a duration (examples: 24h, 30m, 1h30m, 45s)";
  if (*duration < std::chrono::seconds(1))
    return "--banduration may not be less than 1s, got '" + ctx.raw.banduration + "'";
  const auto threshold = parse_integer<std::uint32_t>(ctx.raw.banthreshold);
  if (!threshold)
    return "--banthreshold: '" + ctx.raw.banthreshold + "' is not an integer in 0..4294967295";
  ctx.config.ban_duration = *duration;
  ctx.config.ban_threshold = *threshold;
  ctx.config.disable_banning = ctx.raw.nobanning;
  return {};
}

std::string set_whitelist(build_context& ctx) {
  for (const auto& text : ctx.raw.whitelist) {
    std::string error;
    const auto net = parse_ip_network(text, error);
    if (!net) return "--whitelist: " + error;
    append_unique(ctx.config.whitelist, *net);
  }
  return {};
}

std::string parse_peer_list(const std::vector<std::string>& texts, std::uint16_t port,
                            const char* flag, std::vector<host_port>& out) {
  for (const auto& text : texts) {
    std::string error;
    const auto peer = parse_peer_address(text, port, error);
    if (!peer) return std::string(flag) + ": " + error;
    append_unique(out, *peer);  // btcd normalizeAddresses removes duplicates
  }
  return {};
}

std::string set_peers(build_context& ctx) {
  auto& c = ctx.config;
  if (!ctx.raw.connect.empty() && !ctx.raw.addpeer.empty())
    return "--addpeer and --connect cannot be mixed";
  const auto port = ctx.params->p2p_port;
  if (auto e = parse_peer_list(ctx.raw.connect, port, "--connect", c.connect_peers); !e.empty())
    return e;
  if (auto e = parse_peer_list(ctx.raw.addpeer, port, "-a/--addpeer", c.add_peers); !e.empty())
    return e;
  // btcd: --connect means no DNS seeding; simnet never seeds; neither picks addresses itself.
  const bool simnet = c.network == params::network::simnet;
  c.disable_dns_seed = ctx.raw.nodnsseed || simnet || !c.connect_peers.empty();
  c.automatic_outbound = !simnet && c.connect_peers.empty();
  const auto permanent = c.connect_peers.empty() ? c.add_peers.size() : c.connect_peers.size();
  c.limits = compute_peer_limits(static_cast<std::uint32_t>(c.max_peers),
                                 static_cast<std::uint32_t>(permanent), c.automatic_outbound);
  return {};
}

std::string parse_listen_list(const std::vector<std::string>& texts, std::uint16_t port,
                              const char* flag, std::vector<wire::endpoint>& out) {
  for (const auto& text : texts) {
    std::string error;
    const auto addresses = parse_listen_address(text, port, error);
    if (!addresses) return std::string(flag) + ": " + error;
    for (const auto& a : *addresses) append_unique(out, a);
  }
  return {};
}

std::string set_listen(build_context& ctx) {
  auto& c = ctx.config;
  // btcd: --proxy or --connect without --listen disables listening.
  c.disable_listen = ctx.raw.nolisten || ((!ctx.raw.proxy.empty() || !ctx.raw.connect.empty()) &&
                                          ctx.raw.listen.empty());
  // The default listener is every interface on the network's port.
  const std::vector<std::string> texts =
      ctx.raw.listen.empty() ? std::vector<std::string>{""} : ctx.raw.listen;
  if (auto e = parse_listen_list(texts, ctx.params->p2p_port, "--listen", c.listen); !e.empty())
    return e;
  if (c.disable_listen) c.listen.clear();
  return {};
}

std::string set_rpc(build_context& ctx) {
  auto& c = ctx.config;
  if (ctx.raw.rpcuser.empty() != ctx.raw.rpcpass.empty())
    return "--rpcuser and --rpcpass must be given together (or neither, for cookie auth)";
  c.rpc_user = ctx.raw.rpcuser;
  c.rpc_pass = ctx.raw.rpcpass;
  c.disable_rpc = ctx.raw.norpc;
  const std::vector<std::string> texts =
      ctx.raw.rpclisten.empty() ? std::vector<std::string>{"127.0.0.1"} : ctx.raw.rpclisten;
  auto error = parse_listen_list(texts, ctx.params->rpc_port, "--rpclisten", c.rpc_listen);
  if (c.disable_rpc) c.rpc_listen.clear();
  return error;
}

std::string set_user_agent(build_context& ctx) {
  for (const auto& comment : ctx.raw.uacomment)
    if (comment.find_first_of("/:()") != std::string::npos)
      return "--uacomment: '" + comment + "' must not contain '/', ':', '(' or ')'";
  ctx.config.ua_comments = ctx.raw.uacomment;
  ctx.config.agent_blacklist = ctx.raw.agentblacklist;
  ctx.config.agent_whitelist = ctx.raw.agentwhitelist;
  return {};
}

std::string set_external_ips(build_context& ctx) {
  for (const auto& text : ctx.raw.externalip) {
    std::string error;
    const auto address = parse_external_address(text, ctx.params->p2p_port, error);
    if (!address) return "--externalip: " + error;
    append_unique(ctx.config.external_ips, *address);
  }
  return {};
}

std::optional<proxy_config> make_proxy(const std::string& text, const std::string& user,
                                       const std::string& pass, const char* flag,
                                       std::string& error) {
  std::string why;
  const auto address = parse_proxy_address(text, why);
  if (!address) {
    error = std::string(flag) + ": " + why;
    return std::nullopt;
  }
  return proxy_config{*address, user, pass, false};
}

// btcd config.go's dial/lookup set-up, as data.
void derive_tor_settings(build_context& ctx) {
  auto& c = ctx.config;
  const bool credentials = !ctx.raw.proxyuser.empty() || !ctx.raw.proxypass.empty();
  if (c.proxy && c.tor_isolation && !c.onion && credentials) {
    c.proxy->isolation = true;
    ctx.warnings.push_back("Tor isolation set -- overriding specified proxy user credentials");
  }
  if (c.onion && c.tor_isolation) {
    c.onion->isolation = true;
    if (!ctx.raw.onionuser.empty() || !ctx.raw.onionpass.empty())
      ctx.warnings.push_back("Tor isolation set -- overriding specified onion user credentials");
  }
  if (c.proxy && c.onion)
    c.dns = dns_route::onion_proxy;  // bridge mode: --proxy is not Tor
  else if (c.proxy && !c.no_onion)
    c.dns = dns_route::proxy;
}

std::string set_proxies(build_context& ctx) {
  auto& c = ctx.config;
  const auto& raw = ctx.raw;
  if (raw.noonion && !raw.onion.empty())
    return "--noonion and --onion cannot be used at the same time";
  if (raw.torisolation && raw.proxy.empty() && raw.onion.empty())
    return "--torisolation requires --proxy or --onion";
  std::string error;
  if (!raw.proxy.empty()) {
    c.proxy = make_proxy(raw.proxy, raw.proxyuser, raw.proxypass, "--proxy", error);
    if (!c.proxy) return error;
  }
  if (!raw.onion.empty()) {
    c.onion = make_proxy(raw.onion, raw.onionuser, raw.onionpass, "--onion", error);
    if (!c.onion) return error;
  }
  c.no_onion = raw.noonion;
  c.tor_isolation = raw.torisolation;
  derive_tor_settings(ctx);
  return {};
}

// In btcd loadConfig's order, so the first problem reported is the one btcd would report.
std::string build(build_context& ctx) {
  using step = std::string (*)(build_context&);
  constexpr step steps[] = {select_network, set_paths,      set_max_peers,    set_debug_levels,
                            set_banning,    set_whitelist,  set_peers,        set_listen,
                            set_rpc,        set_user_agent, set_external_ips, set_proxies};
  for (const auto s : steps)
    if (auto error = s(ctx); !error.empty()) return error;
  return {};
}

std::string supported_subsystems_text() {
  std::string out = "Supported subsystems [";
  for (std::size_t i = 0; i < log_subsystems.size(); ++i)
    out += (i == 0 ? "" : " ") + std::string(log_subsystems[i]);
  return out + "]\n";
}

config_result finish(const raw_options& raw, const config_env& env, loaded_file file) {
  // btcd: "--debuglevel=show" lists the subsystems and exits.
  if (raw.debuglevel == "show") return print(supported_subsystems_text());
  config_result result;
  node_config config;
  build_context ctx{raw, env, config, result.warnings};
  if (auto error = build(ctx); !error.empty()) return failure(std::move(error));
  config.config_file = std::move(file.path);
  result.config = std::move(config);
  return result;
}

}  // namespace

std::filesystem::path network_data_dir(const std::filesystem::path& root, params::network net) {
  return root / std::string(params::params_for(net).data_dir);
}

std::filesystem::path default_data_root(const config_env& env) {
  if (env.home.empty()) return std::filesystem::path(home_dir_name);
  return std::filesystem::path(env.home) / home_dir_name;
}

config_result parse_config(std::span<const std::string> args, const config_env& env) {
  // First pass: the command line alone, for --help, --version and where the config file is.
  auto cli_raw = default_raw_options(env);
  const auto cli = make_app(cli_raw);
  const auto cli_args = cli_arguments(args);
  if (auto done = run_parser(*cli, cli_args)) return *done;
  if (cli_raw.version) return print("btcnetd version " + std::string(version_string) + "\n");
  loaded_file file;
  if (auto error = load_config_file(*cli, cli_raw, env, file)) return failure(std::move(*error));
  // Second pass: file entries the command line does not override, then the command line.
  auto raw = default_raw_options(env);
  const auto app = make_app(raw);
  auto all = cli_arguments(file.args);
  all.insert(all.end(), cli_args.begin(), cli_args.end());
  if (auto done = run_parser(*app, std::move(all))) return *done;
  return finish(raw, env, std::move(file));
}

config_result parse_config(int argc, const char* const* argv, const config_env& env) {
  std::vector<std::string> args;
  for (int i = 1; i < argc; ++i) args.emplace_back(argv[i]);
  return parse_config(args, env);
}

}  // namespace btcnet::node
