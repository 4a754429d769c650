#include "apps/btcnetd/node_setup.hpp"

#include <sys/resource.h>

#include <fcntl.h>
#include <openssl/rand.h>
#include <sys/file.h>
#include <unistd.h>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>

#include "actors/common/log.hpp"
#include "btcnet/version.hpp"
#include "net/params/network_params.hpp"
#include "net/wire/messages.hpp"

namespace btcnet::node {
namespace {

transport::dial_target target_of(const host_port& hp) {
  return {hp.host, hp.port};
}

// Our CIDR form for the server's whitelist.
actors::subnet subnet_of(const ip_network& n) {
  if (n.ipv4) {
    return {wire::endpoint::ipv4(n.base[12], n.base[13], n.base[14], n.base[15], 0),
            n.prefix_bits - 96};
  }
  return {wire::endpoint::from_ip16(n.base, 0), n.prefix_bits};
}

std::optional<transport::proxy_settings> proxy_of(const std::optional<proxy_config>& p) {
  if (!p) return std::nullopt;
  transport::proxy_settings s;
  s.host = p->address.host;
  s.port = p->address.port;
  if (!p->user.empty() || !p->pass.empty())
    s.credentials = transport::socks5::credentials{p->user, p->pass};
  s.isolate = p->isolation;
  return s;
}

std::uint64_t random_seed() {
  std::uint64_t seed = 0;
  RAND_bytes(reinterpret_cast<unsigned char*>(&seed), sizeof seed);
  return seed;
}

}  // namespace

data_dir_lock::data_dir_lock(const std::filesystem::path& data_dir, std::string& error) {
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  if (ec) {
    error = "cannot create data directory " + data_dir.string() + ": " + ec.message();
    return;
  }
  const auto path = data_dir / ".lock";
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd_ < 0) {
    error = "cannot open " + path.string() + ": " + std::strerror(errno);
    return;
  }
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    error = "data directory " + data_dir.string() + " is in use by another btcnetd";
    ::close(fd_);
    fd_ = -1;
  }
}

data_dir_lock::~data_dir_lock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the lock
}

std::string setup_logging(const node_config& config) {
  std::string spec;
  for (const auto& [subsystem, level] : config.log_level) {
    if (!spec.empty()) spec += ',';
    spec += subsystem + "=" + std::string(to_string(level));
  }
  for (auto name : log_subsystems) log::subsystem(name);  // create them all before setting levels
  log::set_levels(spec);
  std::error_code ec;
  std::filesystem::create_directories(config.log_dir, ec);
  if (ec) return "cannot create log directory " + config.log_dir.string() + ": " + ec.message();
  try {
    log::add_file(config.log_dir / "btcnetd.log");
  } catch (const std::exception& e) {
    return std::string("cannot open the log file: ") + e.what();
  }
  return {};
}

std::string user_agent(const node_config& config) {
  const std::vector<std::string_view> comments(config.ua_comments.begin(),
                                               config.ua_comments.end());
  wire::msg::version v;
  // The configuration already refused comments with BIP14's reserved characters.
  v.add_user_agent("btcnet", version_string, comments);
  return v.user_agent;
}

std::pair<std::uint64_t, std::uint64_t> raise_open_file_limit() {
  rlimit r{};
  if (::getrlimit(RLIMIT_NOFILE, &r) != 0) return {0, 0};
  const std::uint64_t before = r.rlim_cur;
  r.rlim_cur = r.rlim_max;
  ::setrlimit(RLIMIT_NOFILE, &r);
  ::getrlimit(RLIMIT_NOFILE, &r);
  return {before, r.rlim_cur};
}

thread_plan plan_threads(unsigned hardware_threads) {
  thread_plan plan;
  plan.actor_workers = hardware_threads > plan.io_threads ? hardware_threads - plan.io_threads : 1;
  return plan;
}

void apply(const thread_plan& plan, caf::actor_system_config& cfg) {
  cfg.set("scheduler.max-threads", plan.actor_workers);
}

transport::tcp_network_config network_config_from(const node_config& config) {
  transport::tcp_network_config n;
  n.magic = params::params_for(config.network).magic;
  n.dial.proxy = proxy_of(config.proxy);
  n.dial.onion_proxy = proxy_of(config.onion);
  n.dial.onion_disabled = config.no_onion;
  return n;
}

actors::node_options node_options_from(const node_config& config, caf::actor_system& sys) {
  const auto& net = params::params_for(config.network);
  const auto clock =
      actors::time_source::anchored(sys.clock(), actors::time_source::system_unix_now());
  actors::node_options o;
  o.listen = config.listen;
  for (const auto& p : config.connect_peers) o.connect.push_back(target_of(p));
  for (const auto& p : config.add_peers) o.add_peers.push_back(target_of(p));
  o.automatic = config.automatic_outbound;
  o.server.max_peers = static_cast<std::uint32_t>(config.max_peers);
  o.server.ban_duration = std::chrono::duration_cast<caf::timespan>(config.ban_duration);
  o.server.default_port = net.p2p_port;
  o.server.agent_blacklist = config.agent_blacklist;
  o.server.agent_whitelist = config.agent_whitelist;
  for (const auto& n : config.whitelist) o.server.whitelist.push_back(subnet_of(n));
  auto& peer = o.server.peer;
  peer.magic = net.magic;
  peer.user_agent = user_agent(config);
  peer.banning = !config.disable_banning;
  peer.ban_threshold = config.ban_threshold;
  peer.addresses = config.network != params::network::simnet;  // btcd: simnet exchanges none
  peer.clock = clock;
  o.addresses.file = config.data_dir / "peers.json";
  o.server.ban_file = config.data_dir / "banlist.json";  // Bitcoin Core's name
  o.addresses.clock = clock;
  o.addresses.rng_seed = random_seed();
  // btcd seeds over DNS unless --nodnsseed (implied by --connect and simnet). Through a proxy btcd
  // asks Tor to resolve (SOCKS RESOLVE); we have no such lookup yet, so we do not seed there
  // rather than leak the lookups to the system resolver.
  if (!config.disable_dns_seed && config.dns == dns_route::system)
    for (const auto& seed : net.dns_seeds) o.seeding.seeds.emplace_back(seed.host);
  o.seeding.default_port = net.p2p_port;
  o.seeding.clock = clock;
  o.seeding.rng_seed = random_seed();
  return o;
}

}  // namespace btcnet::node
