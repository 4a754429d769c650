#include <gtest/gtest.h>

#include <unistd.h>
#include <fstream>

#include "apps/btcnetd/config.hpp"
#include "btcnet/version.hpp"

namespace btcnet::node {
namespace {

using namespace std::chrono_literals;
using params::network;
using strings = std::vector<std::string>;

// No config file exists under this home, so only the arguments count.
const config_env no_file_env{"/nonexistent/btcnetd-test-home", nullptr};

wire::endpoint ep(std::string_view host, std::uint16_t port) {
  auto e = wire::endpoint::parse_host(host, port);
  EXPECT_TRUE(e) << host;
  return e.value_or(wire::endpoint{});
}

node_config parse_ok(const strings& args, const config_env& env = no_file_env) {
  const auto r = parse_config(args, env);
  EXPECT_EQ(r.exit_code, 0) << r.error;
  EXPECT_EQ(r.error, "");
  EXPECT_FALSE(r.print_and_exit);
  EXPECT_TRUE(r.config.has_value());
  return r.config.value_or(node_config{});
}

// Fails the test unless parsing fails with a message holding every needle (the flag's name).
std::string parse_error(const strings& args, std::initializer_list<std::string_view> needles,
                        const config_env& env = no_file_env) {
  const auto r = parse_config(args, env);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_FALSE(r.config.has_value());
  EXPECT_FALSE(r.print_and_exit);
  for (auto needle : needles) EXPECT_NE(r.error.find(needle), std::string::npos) << r.error;
  return r.error;
}

// ---- defaults ----

TEST(ConfigDefaults, EveryDefaultMatchesBtcd) {
  const auto c = parse_ok({});
  EXPECT_EQ(c.network, network::mainnet);
  EXPECT_EQ(c.data_dir, "/nonexistent/btcnetd-test-home/.btcnet/mainnet");
  EXPECT_EQ(c.log_dir, "/nonexistent/btcnetd-test-home/.btcnet/logs/mainnet");
  EXPECT_EQ(c.config_file, "");
  EXPECT_FALSE(c.disable_listen);
  EXPECT_EQ(c.listen, (std::vector{ep("0.0.0.0", 8333), ep("::", 8333)}));
  EXPECT_TRUE(c.connect_peers.empty());
  EXPECT_TRUE(c.add_peers.empty());
  EXPECT_TRUE(c.external_ips.empty());
  EXPECT_FALSE(c.disable_dns_seed);
  EXPECT_EQ(c.max_peers, 125);
  EXPECT_TRUE(c.automatic_outbound);
  EXPECT_EQ(c.limits, (peer_limits{8, 8, 117}));
  EXPECT_EQ(c.ban_duration, 24h);
  EXPECT_EQ(c.ban_threshold, 100u);
  EXPECT_FALSE(c.disable_banning);
  EXPECT_TRUE(c.whitelist.empty());
  EXPECT_FALSE(c.proxy);
  EXPECT_FALSE(c.onion);
  EXPECT_FALSE(c.no_onion);
  EXPECT_FALSE(c.tor_isolation);
  EXPECT_EQ(c.dns, dns_route::system);
  EXPECT_TRUE(c.ua_comments.empty());
  EXPECT_TRUE(c.agent_blacklist.empty());
  EXPECT_TRUE(c.agent_whitelist.empty());
  EXPECT_EQ(c.log_level, default_log_levels());
  for (const auto& [subsystem, level] : c.log_level) EXPECT_EQ(level, log_level::info);
  EXPECT_FALSE(c.disable_rpc);
  EXPECT_EQ(c.rpc_listen, std::vector{ep("127.0.0.1", 8334)});
  EXPECT_EQ(c.rpc_user, "");
  EXPECT_EQ(c.rpc_pass, "");
  EXPECT_TRUE(parse_config(strings{}, no_file_env).warnings.empty());
}

TEST(ConfigDefaults, DataRootFollowsHome) {
  EXPECT_EQ(default_data_root(config_env{"/home/alice", nullptr}), "/home/alice/.btcnet");
  EXPECT_EQ(default_data_root(config_env{"", nullptr}), ".btcnet");
  EXPECT_EQ(network_data_dir("/d", network::testnet3), "/d/testnet");
}

TEST(ConfigDefaults, EachNetworkUsesItsPortsAndDirectory) {
  struct row {
    const char* flag;
    network net;
    std::uint16_t p2p, rpc;
    const char* dir;
  };
  for (const auto& r : {row{"--testnet", network::testnet3, 18333, 18334, "testnet"},
                        row{"--testnet4", network::testnet4, 48333, 48334, "testnet4"},
                        row{"--regtest", network::regtest, 18444, 18334, "regtest"},
                        row{"--simnet", network::simnet, 18555, 18556, "simnet"},
                        row{"--signet", network::signet, 38333, 38332, "signet"}}) {
    SCOPED_TRACE(r.flag);
    const auto c = parse_ok({r.flag, "--datadir=/d"});
    EXPECT_EQ(c.network, r.net);
    EXPECT_EQ(c.data_dir, std::filesystem::path("/d") / r.dir);
    EXPECT_EQ(c.log_dir, std::filesystem::path("/d/logs") / r.dir);
    EXPECT_EQ(c.listen, (std::vector{ep("0.0.0.0", r.p2p), ep("::", r.p2p)}));
    EXPECT_EQ(c.rpc_listen, std::vector{ep("127.0.0.1", r.rpc)});
  }
}

TEST(ConfigDefaults, SimnetDisablesDnsSeedingAndAutomaticOutbound) {
  const auto c = parse_ok({"--simnet"});
  EXPECT_TRUE(c.disable_dns_seed);
  EXPECT_FALSE(c.automatic_outbound);
  EXPECT_EQ(c.limits, (peer_limits{0, 0, 125}));
  EXPECT_FALSE(parse_ok({"--regtest"}).disable_dns_seed);
}

// ---- help, version, show ----

TEST(ConfigOutput, HelpPrintsUsageAndExitsZero) {
  for (const char* flag : {"--help", "-h"}) {
    const auto r = parse_config(strings{flag}, no_file_env);
    EXPECT_TRUE(r.print_and_exit) << flag;
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_FALSE(r.config);
    for (const char* name : {"--datadir", "--configfile", "--maxpeers", "--banduration",
                             "--whitelist", "--torisolation", "--debuglevel", "--rpclisten",
                             "--addpeer", "--signet", "--agentwhitelist", "125", "24h"})
      EXPECT_NE(r.output.find(name), std::string::npos) << name;
  }
}

TEST(ConfigOutput, VersionPrintsTheVersion) {
  for (const char* flag : {"--version", "-V"}) {
    const auto r = parse_config(strings{flag}, no_file_env);
    EXPECT_TRUE(r.print_and_exit);
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(r.output, "btcnetd version " + std::string(version_string) + "\n");
  }
}

TEST(ConfigOutput, DebugLevelShowListsSubsystems) {
  const auto r = parse_config(strings{"--debuglevel=show"}, no_file_env);
  EXPECT_TRUE(r.print_and_exit);
  EXPECT_EQ(r.output, "Supported subsystems [AMGR CMGR DIAL LSTN NODE PEER RPCS SRVR]\n");
}

// ---- command-line syntax ----

TEST(ConfigSyntax, UnknownFlagsAndStrayArgumentsAreErrors) {
  parse_error({"--bogus"}, {"--bogus"});
  parse_error({"stray"}, {"stray"});
  parse_error({"--maxpeers"}, {"--maxpeers"});                   // value missing
  parse_error({"--listen", "1.2.3.4", "5.6.7.8"}, {"5.6.7.8"});  // one value per --listen
  parse_error({"--testnet3"}, {"--testnet3"});
}

TEST(ConfigSyntax, EmptyValuesDoNotSwallowTheNextArgument) {
  const auto c = parse_ok({"--listen=", "--regtest", "--proxy=", "--rpcpass=-p", "--rpcuser=u"});
  EXPECT_EQ(c.network, network::regtest);
  EXPECT_EQ(c.listen, (std::vector{ep("0.0.0.0", 18444), ep("::", 18444)}));
  EXPECT_FALSE(c.proxy);
  EXPECT_EQ(c.rpc_pass, "-p");
}

TEST(ConfigSyntax, ScalarGivenTwiceTakesTheLast) {
  EXPECT_EQ(parse_ok({"--maxpeers=5", "--maxpeers", "7"}).max_peers, 7);
  EXPECT_TRUE(parse_ok({"--nolisten", "--nolisten"}).disable_listen);
}

// ---- paths ----

TEST(ConfigPaths, DatadirLogdirAndExpansion) {
  const config_env env{"/home/u", [](std::string_view name) -> std::optional<std::string> {
                         if (name == "SRV") return "/srv";
                         return std::nullopt;
                       }};
  auto c = parse_ok({"--datadir=~/nodes/a", "--regtest"}, env);
  EXPECT_EQ(c.data_dir, "/home/u/nodes/a/regtest");
  EXPECT_EQ(c.log_dir, "/home/u/nodes/a/logs/regtest");
  c = parse_ok({"-b", "$SRV/btc/", "--logdir", "${SRV}/log", "--testnet"}, env);
  EXPECT_EQ(c.data_dir, "/srv/btc/testnet");
  EXPECT_EQ(c.log_dir, "/srv/log/testnet");
}

// ---- networks ----

TEST(ConfigNetworks, NetworkFlagsAreMutuallyExclusive) {
  const char* flags[] = {"--testnet", "--testnet4", "--regtest", "--simnet", "--signet"};
  for (const char* a : flags)
    for (const char* b : flags)
      if (std::string_view(a) < std::string_view(b))
        parse_error({a, b}, {a, b, "cannot be used together"});
  parse_error({"--testnet", "--testnet4", "--regtest", "--simnet", "--signet"},
              {"--testnet and --testnet4 and --regtest and --simnet and --signet"});
}

// ---- listening ----

TEST(ConfigListen, ListenIsRepeatableNormalisedAndDeduplicated) {
  const auto c = parse_ok({"--regtest", "--listen=127.0.0.1", "--listen", "[::1]:9000",
                           "--listen=127.0.0.1:18444", "--listen=:7000", "--listen=[fe80::1%lo]"});
  EXPECT_FALSE(c.disable_listen);
  EXPECT_EQ(c.listen, (std::vector{ep("127.0.0.1", 18444), ep("::1", 9000), ep("0.0.0.0", 7000),
                                   ep("::", 7000), ep("fe80::1", 18444)}));
}

TEST(ConfigListen, ListenHostsMustBeIpLiterals) {
  parse_error({"--listen=localhost"}, {"--listen", "'localhost' is not a valid IP address"});
  parse_error({"--listen=1.2.3.4:99999"}, {"--listen", "99999"});
  parse_error({"--listen=[::1"}, {"--listen"});
}

TEST(ConfigListen, NolistenDisablesListening) {
  const auto c = parse_ok({"--nolisten"});
  EXPECT_TRUE(c.disable_listen);
  EXPECT_TRUE(c.listen.empty());
  // Invalid listen addresses are reported even when not listening.
  parse_error({"--nolisten", "--listen=nowhere"}, {"--listen"});
}

TEST(ConfigListen, ConnectOrProxyWithoutListenDisablesListening) {
  EXPECT_TRUE(parse_ok({"--connect=1.2.3.4"}).disable_listen);
  EXPECT_TRUE(parse_ok({"--proxy=127.0.0.1:9050"}).disable_listen);
  auto c = parse_ok({"--connect=1.2.3.4", "--listen=127.0.0.1"});
  EXPECT_FALSE(c.disable_listen);
  EXPECT_EQ(c.listen, std::vector{ep("127.0.0.1", 8333)});
  c = parse_ok({"--proxy=127.0.0.1:9050", "--listen=127.0.0.1:1"});
  EXPECT_FALSE(c.disable_listen);
  EXPECT_FALSE(parse_ok({"--addpeer=1.2.3.4"}).disable_listen);
}

// ---- peers ----

TEST(ConfigPeers, ConnectImpliesNoDnsSeedAndNoAutomaticOutbound) {
  const auto c = parse_ok({"--regtest", "--connect=127.0.0.1", "--connect", "127.0.0.1:18444",
                           "--connect=[::1]:5", "--connect=node.example"});
  EXPECT_EQ(c.connect_peers,
            (std::vector<host_port>{{"127.0.0.1", 18444}, {"::1", 5}, {"node.example", 18444}}));
  EXPECT_TRUE(c.disable_dns_seed);
  EXPECT_FALSE(c.automatic_outbound);
  EXPECT_EQ(c.limits, (peer_limits{0, 3, 122}));
}

TEST(ConfigPeers, AddpeerKeepsAutomaticOutbound) {
  const auto c = parse_ok({"-a", "1.2.3.4", "--addpeer=5.6.7.8:9", "-a1.2.3.4:8333"});
  EXPECT_EQ(c.add_peers, (std::vector<host_port>{{"1.2.3.4", 8333}, {"5.6.7.8", 9}}));
  EXPECT_FALSE(c.disable_dns_seed);
  EXPECT_TRUE(c.automatic_outbound);
  EXPECT_EQ(c.limits, (peer_limits{8, 10, 115}));
}

TEST(ConfigPeers, ConnectAndAddpeerCannotBeMixed) {
  parse_error({"--connect=1.2.3.4", "--addpeer=5.6.7.8"}, {"--addpeer", "--connect"});
}

TEST(ConfigPeers, BadPeerAddressesNameTheFlag) {
  parse_error({"--connect=1.2.3.4:0"}, {"--connect", "port 0"});
  parse_error({"--connect=bad host"}, {"--connect", "'bad host'"});
  parse_error({"--addpeer=1.2.3.4:x"}, {"--addpeer", "invalid port 'x'"});
}

TEST(ConfigPeers, MaxPeersMustBePositive) {
  const auto c = parse_ok({"--maxpeers=10"});
  EXPECT_EQ(c.max_peers, 10);
  EXPECT_EQ(c.limits, (peer_limits{8, 8, 2}));
  parse_error({"--maxpeers=0"}, {"--maxpeers", "greater than zero", "0"});
  parse_error({"--maxpeers=-3"}, {"--maxpeers", "greater than zero", "-3"});
  parse_error({"--maxpeers=abc"}, {"--maxpeers", "'abc'"});
  parse_error({"--maxpeers=12x"}, {"--maxpeers", "'12x'"});
  parse_error({"--maxpeers=99999999999"}, {"--maxpeers"});
}

TEST(ConfigPeers, NodnsseedExternalIpAndUserAgents) {
  const auto c =
      parse_ok({"--regtest", "--nodnsseed", "--externalip=1.2.3.4", "--externalip=[2001:db8::1]:9",
                "--externalip=1.2.3.4:18444", "--uacomment=first", "--uacomment=second comment",
                "--agentblacklist=bad", "--agentblacklist=worse", "--agentwhitelist=btcd",
                "--agentwhitelist=Satoshi"});
  EXPECT_TRUE(c.disable_dns_seed);
  EXPECT_EQ(c.external_ips, (std::vector{ep("1.2.3.4", 18444), ep("2001:db8::1", 9)}));
  EXPECT_EQ(c.ua_comments, (strings{"first", "second comment"}));
  EXPECT_EQ(c.agent_blacklist, (strings{"bad", "worse"}));
  EXPECT_EQ(c.agent_whitelist, (strings{"btcd", "Satoshi"}));
}

TEST(ConfigPeers, BadExternalIpAndUserAgentComments) {
  parse_error({"--externalip=example.com"}, {"--externalip", "'example.com'"});
  parse_error({"--externalip=1.2.3.4:0"}, {"--externalip"});
  for (const char* bad : {"a/b", "a:b", "a(b", "a)b"})
    parse_error({"--uacomment=ok", std::string("--uacomment=") + bad}, {"--uacomment", bad});
}

// ---- banning ----

TEST(ConfigBanning, DurationThresholdAndNobanning) {
  const auto c = parse_ok({"--banduration=1h30m", "--banthreshold=50", "--nobanning"});
  EXPECT_EQ(c.ban_duration, 90min);
  EXPECT_EQ(c.ban_threshold, 50u);
  EXPECT_TRUE(c.disable_banning);
  EXPECT_EQ(parse_ok({"--banduration=1s"}).ban_duration, 1s);
  EXPECT_EQ(parse_ok({"--banduration=45s"}).ban_duration, 45s);
  EXPECT_EQ(parse_ok({"--banduration", "30m"}).ban_duration, 30min);
  EXPECT_EQ(parse_ok({"--banthreshold=0"}).ban_threshold, 0u);
  EXPECT_EQ(parse_ok({"--banthreshold=4294967295"}).ban_threshold, 4294967295u);
}

TEST(ConfigBanning, BadDurationsAndThresholds) {
  parse_error({"--banduration=500ms"}, {"--banduration", "less than 1s", "500ms"});
  parse_error({"--banduration=0"}, {"--banduration", "less than 1s"});
  parse_error({"--banduration=-1h"}, {"--banduration", "less than 1s"});
  parse_error({"--banduration=1day"}, {"--banduration", "'1day'", "not a duration"});
  parse_error({"--banduration=24"}, {"--banduration", "'24'"});
  parse_error({"--banthreshold=-1"}, {"--banthreshold", "'-1'"});
  parse_error({"--banthreshold=4294967296"}, {"--banthreshold"});
  parse_error({"--banthreshold=ten"}, {"--banthreshold"});
}

TEST(ConfigBanning, WhitelistTakesNetworksAndAddresses) {
  const auto c = parse_ok({"--whitelist=10.0.0.0/8", "--whitelist=::1", "--whitelist=192.168.1.5",
                           "--whitelist=fd00::/8", "--whitelist=10.1.2.3/8"});
  ASSERT_EQ(c.whitelist.size(), 4u);  // 10.1.2.3/8 is 10.0.0.0/8 again
  EXPECT_EQ(c.whitelist[0].to_string(), "10.0.0.0/8");
  EXPECT_EQ(c.whitelist[1].to_string(), "::1/128");
  EXPECT_EQ(c.whitelist[2].to_string(), "192.168.1.5/32");
  EXPECT_EQ(c.whitelist[3].to_string(), "fd00::/8");
  EXPECT_TRUE(c.whitelist[0].contains(ep("10.200.0.1", 1)));
}

TEST(ConfigBanning, BadWhitelistEntriesNameTheFlag) {
  parse_error({"--whitelist=10.0.0.0/33"}, {"--whitelist", "10.0.0.0/33", "prefix length"});
  parse_error({"--whitelist=::/129"}, {"--whitelist", "prefix length"});
  parse_error({"--whitelist=example.com"}, {"--whitelist", "'example.com'"});
}

// ---- proxies ----

TEST(ConfigProxy, ProxyWithCredentialsResolvesThroughIt) {
  const auto c = parse_ok({"--proxy=127.0.0.1:9050", "--proxyuser=u", "--proxypass=p"});
  ASSERT_TRUE(c.proxy);
  EXPECT_EQ(c.proxy->address, (host_port{"127.0.0.1", 9050}));
  EXPECT_EQ(c.proxy->user, "u");
  EXPECT_EQ(c.proxy->pass, "p");
  EXPECT_FALSE(c.proxy->isolation);
  EXPECT_FALSE(c.onion);
  EXPECT_EQ(c.dns, dns_route::proxy);
}

TEST(ConfigProxy, DnsRouteFollowsBtcd) {
  EXPECT_EQ(parse_ok({"--proxy=localhost:9050", "--noonion"}).dns, dns_route::system);
  EXPECT_EQ(parse_ok({"--onion=127.0.0.1:9050"}).dns, dns_route::system);
  const auto bridge = parse_ok(
      {"--proxy=10.0.0.1:1080", "--onion=127.0.0.1:9050", "--onionuser=ou", "--onionpass=op"});
  EXPECT_EQ(bridge.dns, dns_route::onion_proxy);
  ASSERT_TRUE(bridge.onion);
  EXPECT_EQ(bridge.onion->address, (host_port{"127.0.0.1", 9050}));
  EXPECT_EQ(bridge.onion->user, "ou");
  EXPECT_EQ(bridge.onion->pass, "op");
  EXPECT_TRUE(parse_ok({"--noonion"}).no_onion);
}

TEST(ConfigProxy, TorIsolationRules) {
  parse_error({"--torisolation"}, {"--torisolation", "--proxy", "--onion"});
  // btcd: the main proxy isolates only when credentials were given and there is no onion proxy.
  auto c = parse_ok({"--proxy=127.0.0.1:9050", "--torisolation"});
  EXPECT_TRUE(c.tor_isolation);
  EXPECT_FALSE(c.proxy->isolation);
  const auto r = parse_config(strings{"--proxy=127.0.0.1:9050", "--proxyuser=u", "--torisolation"},
                              no_file_env);
  ASSERT_TRUE(r.config);
  EXPECT_TRUE(r.config->proxy->isolation);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find("overriding specified proxy user credentials"), std::string::npos);
  c = parse_ok({"--proxy=127.0.0.1:1", "--proxypass=p", "--onion=127.0.0.1:2", "--torisolation"});
  EXPECT_FALSE(c.proxy->isolation);
  EXPECT_TRUE(c.onion->isolation);
  EXPECT_TRUE(parse_ok({"--onion=127.0.0.1:2", "--torisolation"}).onion->isolation);
}

TEST(ConfigProxy, OnionConflictsWithNoonion) {
  parse_error({"--onion=127.0.0.1:9050", "--noonion"}, {"--noonion", "--onion"});
}

TEST(ConfigProxy, ProxyAddressesNeedHostAndPort) {
  parse_error({"--proxy=127.0.0.1"}, {"--proxy", "'127.0.0.1'"});
  parse_error({"--proxy=127.0.0.1:0"}, {"--proxy"});
  parse_error({"--onion=localhost"}, {"--onion", "'localhost'"});
}

// ---- logging ----

TEST(ConfigLogging, DebugLevelForms) {
  auto c = parse_ok({"--debuglevel=debug"});
  for (const auto& [subsystem, level] : c.log_level) EXPECT_EQ(level, log_level::debug);
  c = parse_ok({"-d", "CMGR=debug,PEER=trace"});
  EXPECT_EQ(c.log_level.at("CMGR"), log_level::debug);
  EXPECT_EQ(c.log_level.at("PEER"), log_level::trace);
  EXPECT_EQ(c.log_level.at("AMGR"), log_level::info);
  parse_error({"--debuglevel=loud"}, {"--debuglevel", "'loud'"});
  parse_error({"--debuglevel=XXXX=debug"}, {"--debuglevel", "unknown subsystem 'XXXX'"});
}

// ---- RPC ----

TEST(ConfigRpc, ListenUserAndPassword) {
  const auto c = parse_ok({"--regtest", "--rpclisten=127.0.0.1", "--rpclisten=[::1]:4000",
                           "--rpclisten=127.0.0.1:18334", "-u", "alice", "-P", "secret"});
  EXPECT_EQ(c.rpc_listen, (std::vector{ep("127.0.0.1", 18334), ep("::1", 4000)}));
  EXPECT_EQ(c.rpc_user, "alice");
  EXPECT_EQ(c.rpc_pass, "secret");
  const auto long_names = parse_ok({"--rpcuser=bob", "--rpcpass=pw"});
  EXPECT_EQ(long_names.rpc_user, "bob");
  EXPECT_EQ(long_names.rpc_pass, "pw");
}

TEST(ConfigRpc, UserAndPasswordComeTogether) {
  parse_error({"--rpcuser=alice"}, {"--rpcuser", "--rpcpass"});
  parse_error({"--rpcpass=secret"}, {"--rpcuser", "--rpcpass"});
}

TEST(ConfigRpc, NorpcAndBadListenAddresses) {
  const auto c = parse_ok({"--norpc"});
  EXPECT_TRUE(c.disable_rpc);
  EXPECT_TRUE(c.rpc_listen.empty());
  parse_error({"--rpclisten=localhost"}, {"--rpclisten", "'localhost'"});
}

// ---- config file ----

class ConfigFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("btcnetd_config_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Writes <dir>/btcnetd.conf, the default file for --datadir=<dir>.
  std::string write(const std::string& text, const std::string& name = "btcnetd.conf") {
    std::ofstream(dir_ / name) << text;
    return (dir_ / name).string();
  }
  std::string datadir() const { return "--datadir=" + dir_.string(); }

  std::filesystem::path dir_;
};

TEST_F(ConfigFile, DefaultFileInDatadirIsRead) {
  write(
      "; comment\n"
      "# comment\n"
      "[Application Options]\n"
      "maxpeers=20\n"
      "listen=127.0.0.1:1\n"
      "listen = 127.0.0.2:2\n"
      "nolisten=0\n"
      "nodnsseed=1\n"
      "nobanning=true\n"
      "banduration=2h\n"
      "uacomment=\"from file\"\n"
      "debuglevel=CMGR=trace\n");
  const auto c = parse_ok({datadir()});
  EXPECT_EQ(c.config_file, dir_ / "btcnetd.conf");
  EXPECT_EQ(c.max_peers, 20);
  EXPECT_EQ(c.listen, (std::vector{ep("127.0.0.1", 1), ep("127.0.0.2", 2)}));
  EXPECT_FALSE(c.disable_listen);
  EXPECT_TRUE(c.disable_dns_seed);
  EXPECT_TRUE(c.disable_banning);
  EXPECT_EQ(c.ban_duration, 2h);
  EXPECT_EQ(c.ua_comments, strings{"from file"});
  EXPECT_EQ(c.log_level.at("CMGR"), log_level::trace);
}

TEST_F(ConfigFile, CommandLineOverridesTheFile) {
  write("maxpeers=20\nlisten=127.0.0.1:1\nlisten=127.0.0.2:2\nrpcuser=file\nrpcpass=file\n");
  const auto c = parse_ok({datadir(), "--maxpeers=30", "--listen=127.0.0.3:3", "-u", "cli"});
  EXPECT_EQ(c.max_peers, 30);
  EXPECT_EQ(c.listen, std::vector{ep("127.0.0.3", 3)});  // lists are replaced, not merged
  EXPECT_EQ(c.rpc_user, "cli");
  EXPECT_EQ(c.rpc_pass, "file");
}

TEST_F(ConfigFile, FileSettingsTakePartInTheRules) {
  write("connect=1.2.3.4\n");
  EXPECT_EQ(parse_error({datadir(), "--addpeer=5.6.7.8"}, {"--addpeer", "--connect"}),
            "--addpeer and --connect cannot be mixed");
  write("connect=1.2.3.4\nconnect=1.2.3.4:8333\n");
  const auto c = parse_ok({datadir()});
  EXPECT_TRUE(c.disable_listen);
  EXPECT_TRUE(c.disable_dns_seed);
  EXPECT_EQ(c.connect_peers.size(), 1u);
  write("regtest=1\nmaxpeers=0\n");
  parse_error({datadir()}, {"--maxpeers", "greater than zero"});
  write("testnet=1\n");
  parse_error({datadir(), "--simnet", "--configfile=" + (dir_ / "btcnetd.conf").string()},
              {"--testnet", "--simnet"});
}

TEST_F(ConfigFile, ExplicitConfigFile) {
  const auto path = write("maxpeers=9\nbanthreshold=7\n", "other.conf");
  auto c = parse_ok({"--configfile=" + path});
  EXPECT_EQ(c.config_file, path);
  EXPECT_EQ(c.max_peers, 9);
  EXPECT_EQ(c.ban_threshold, 7u);
  c = parse_ok({"-C", path, "--regtest"});  // an explicit file is read on regtest too
  EXPECT_EQ(c.max_peers, 9);
}

TEST_F(ConfigFile, DefaultFileIsSkippedOnRegtestSimnetAndSignet) {
  write("maxpeers=0\n");  // would be an error if read
  for (const char* net : {"--regtest", "--simnet", "--signet"}) {
    const auto c = parse_ok({datadir(), net});
    EXPECT_EQ(c.config_file, "") << net;
    EXPECT_EQ(c.max_peers, 125) << net;
  }
  parse_error({datadir(), "--testnet"}, {"--maxpeers"});
}

TEST_F(ConfigFile, RegtestIgnoresAddpeerFromTheFile) {
  const auto path = write("addpeer=1.2.3.4\nmaxpeers=50\n", "regtest.conf");
  auto c = parse_ok({"--configfile=" + path, "--regtest"});
  EXPECT_TRUE(c.add_peers.empty());
  EXPECT_EQ(c.max_peers, 50);
  c = parse_ok({"--configfile=" + path, "--regtest", "-a", "5.6.7.8"});
  EXPECT_EQ(c.add_peers, (std::vector<host_port>{{"5.6.7.8", 18444}}));
  c = parse_ok({"--configfile=" + path, "--testnet"});
  EXPECT_EQ(c.add_peers, (std::vector<host_port>{{"1.2.3.4", 18333}}));
}

TEST_F(ConfigFile, MissingDefaultIsFineMissingExplicitIsAnError) {
  EXPECT_EQ(parse_ok({datadir()}).config_file, "");
  const auto missing = (dir_ / "nope.conf").string();
  parse_error({"--configfile=" + missing}, {"--configfile", missing, "does not exist"});
}

TEST_F(ConfigFile, UnreadableFileNamesThePath) {
  std::filesystem::create_directories(dir_ / "btcnetd.conf");  // a directory cannot be read
  parse_error({datadir()}, {(dir_ / "btcnetd.conf").string(), "directory"});
  parse_error({"--configfile=" + dir_.string()}, {dir_.string()});
}

TEST_F(ConfigFile, BadLinesReportPathAndLineNumber) {
  const auto path = write("maxpeers=3\n\nnot a setting\n");
  parse_error({datadir()}, {path, "line 3", "expected key=value"});
  write("; ok\nbogus=1\n");
  parse_error({datadir()}, {path, "line 2", "unknown option 'bogus'"});
  write("a=1.2.3.4\n");  // keys are long names only
  parse_error({datadir()}, {"line 1", "unknown option 'a'"});
  write("[Other Section]\n");
  parse_error({datadir()}, {"line 1", "Other Section"});
  write("maxpeers=1\nnolisten=yes\n");
  parse_error({datadir()}, {"line 2", "nolisten", "'yes'"});
  write("help=1\n");
  parse_error({datadir()}, {"line 1", "'help'"});
}

TEST_F(ConfigFile, FileValuesAreValidatedLikeFlags) {
  write("banduration=soon\n");
  parse_error({datadir()}, {"--banduration", "'soon'"});
  write("whitelist=10.0.0.0/40\n");
  parse_error({datadir()}, {"--whitelist"});
  write("rpcuser=alone\n");
  parse_error({datadir()}, {"--rpcuser", "--rpcpass"});
}

TEST_F(ConfigFile, DatadirInTheFileMovesTheData) {
  const auto path =
      write("datadir=" + (dir_ / "elsewhere").string() + "\nconfigfile=/ignored\nversion=1\n");
  auto c = parse_ok({"--configfile=" + path});
  EXPECT_EQ(c.data_dir, dir_ / "elsewhere" / "mainnet");
  EXPECT_EQ(c.log_dir, dir_ / "elsewhere" / "logs" / "mainnet");
  EXPECT_EQ(c.config_file, path);
  c = parse_ok({datadir()});  // --datadir on the command line wins over the file's
  EXPECT_EQ(c.data_dir, dir_ / "mainnet");
}

TEST_F(ConfigFile, EmptyAndDashLeadingValues) {
  write("listen=\nproxy=\nrpcuser=u\nrpcpass=-secret\nuacomment=\n");
  const auto c = parse_ok({datadir()});
  EXPECT_EQ(c.listen, (std::vector{ep("0.0.0.0", 8333), ep("::", 8333)}));
  EXPECT_FALSE(c.proxy);
  EXPECT_EQ(c.rpc_pass, "-secret");
  EXPECT_EQ(c.ua_comments, strings{""});
}

TEST_F(ConfigFile, EmptyFileChangesNothing) {
  write("");
  const auto c = parse_ok({datadir()});
  EXPECT_EQ(c.max_peers, 125);
  EXPECT_EQ(c.config_file, dir_ / "btcnetd.conf");
}

TEST(ConfigArgv, ArgcArgvOverloadSkipsTheProgramName) {
  const char* argv[] = {"btcnetd", "--regtest", "--maxpeers=3"};
  const auto r = parse_config(3, argv, no_file_env);
  ASSERT_TRUE(r.config) << r.error;
  EXPECT_EQ(r.config->network, network::regtest);
  EXPECT_EQ(r.config->max_peers, 3);
}

}  // namespace
}  // namespace btcnet::node
