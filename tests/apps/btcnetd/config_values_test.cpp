#include <gtest/gtest.h>

#include <map>

#include "apps/btcnetd/config_values.hpp"

namespace btcnet::node {
namespace {

using namespace std::chrono_literals;

wire::endpoint ip(std::string_view text, std::uint16_t port = 0) {
  auto e = wire::endpoint::parse_host(text, port);
  EXPECT_TRUE(e.has_value()) << text;
  return e.value_or(wire::endpoint{});
}

// ---- durations (Go time.ParseDuration behaviour) ----

TEST(GoDuration, AcceptsGoSyntax) {
  const std::pair<const char*, std::chrono::nanoseconds> cases[] = {
      {"0", 0ns},
      {"-0", 0ns},
      {"+0", 0ns},
      {"24h", 24h},
      {"30m", 30min},
      {"1h30m", 90min},
      {"45s", 45s},
      {"+5s", 5s},
      {"-5s", -5s},
      {"5.0s", 5s},
      {"5.6s", 5600ms},
      {"5.s", 5s},
      {".5s", 500ms},
      {"1.004s", 1004ms},
      {"100.00100s", 100001ms},
      {"10ns", 10ns},
      {"11us", 11us},
      {"12\u00b5s", 12us},
      {"12\u03bcs", 12us},
      {"13ms", 13ms},
      {"10.5s4m", 4min + 10500ms},
      {"-2m3.4s", -(2min + 3400ms)},
      {"1h2m3s4ms5us6ns", 1h + 2min + 3s + 4ms + 5us + 6ns},
      {"39h9m14.425s", 39h + 9min + 14425ms},
      {"0.3333333333333333333h", 20min},
      {"9223372036854775807ns", std::chrono::nanoseconds::max()},
      {"9223372036854775.807us", std::chrono::nanoseconds::max()},
      {"-9223372036854775808ns", std::chrono::nanoseconds::min()},
      {"0.100000000000000000000h", 6min},
  };
  for (const auto& [text, want] : cases) {
    const auto got = parse_go_duration(text);
    ASSERT_TRUE(got.has_value()) << text;
    EXPECT_EQ(got->count(), want.count()) << text;
  }
}

TEST(GoDuration, RejectsWhatGoRejects) {
  for (const char* text :
       {"", "3", "-", "s", ".", "-.", ".s", "+.s", "1d", "1hh", "1h 30m", " 1h", "1h-30m",
        "\x85\x85", "9223372036854775808ns", "9223372036854775.808us", "9223372036854ms775us808ns",
        "-9223372036854775809ns", "99999999999999999999h"})
    EXPECT_FALSE(parse_go_duration(text).has_value()) << text;
}

// ---- --whitelist networks ----

TEST(IpNetwork, Ipv4CidrIsMaskedAndMatchesItsRange) {
  std::string error;
  const auto net = parse_ip_network("192.168.1.77/24", error);
  ASSERT_TRUE(net) << error;
  EXPECT_EQ(net->to_string(), "192.168.1.0/24");
  EXPECT_TRUE(net->contains(ip("192.168.1.0")));
  EXPECT_TRUE(net->contains(ip("192.168.1.255", 8333)));
  EXPECT_FALSE(net->contains(ip("192.168.2.1")));
  EXPECT_FALSE(net->contains(ip("::ffff:c0a8:201")));
  EXPECT_TRUE(net->contains(ip("::ffff:192.168.1.9")));  // IPv4-mapped is IPv4, as in Go
  EXPECT_FALSE(net->contains(ip("2001:db8::1")));
}

TEST(IpNetwork, Ipv6CidrMatchesItsRange) {
  std::string error;
  const auto net = parse_ip_network("2001:db8:abcd::1/48", error);
  ASSERT_TRUE(net) << error;
  EXPECT_EQ(net->to_string(), "2001:db8:abcd::/48");
  EXPECT_TRUE(net->contains(ip("2001:db8:abcd:ffff::5")));
  EXPECT_FALSE(net->contains(ip("2001:db8:abce::1")));
  EXPECT_FALSE(net->contains(ip("10.0.0.1")));
}

TEST(IpNetwork, LoneAddressesAreSingleHostNetworks) {
  std::string error;
  const auto v4 = parse_ip_network("10.1.2.3", error);
  ASSERT_TRUE(v4) << error;
  EXPECT_EQ(v4->to_string(), "10.1.2.3/32");
  EXPECT_TRUE(v4->contains(ip("10.1.2.3", 1)));
  EXPECT_FALSE(v4->contains(ip("10.1.2.4")));
  const auto v6 = parse_ip_network("::1", error);
  ASSERT_TRUE(v6) << error;
  EXPECT_EQ(v6->to_string(), "::1/128");
  EXPECT_TRUE(v6->contains(ip("::1")));
  EXPECT_FALSE(v6->contains(ip("::2")));
  EXPECT_FALSE(v6->contains(ip("127.0.0.1")));
}

TEST(IpNetwork, ZeroPrefixesStayWithinTheirFamily) {
  std::string error;
  const auto all_v4 = parse_ip_network("0.0.0.0/0", error);
  const auto all_v6 = parse_ip_network("::/0", error);
  ASSERT_TRUE(all_v4 && all_v6);
  EXPECT_TRUE(all_v4->contains(ip("8.8.8.8")));
  EXPECT_FALSE(all_v4->contains(ip("2001:db8::1")));
  EXPECT_TRUE(all_v6->contains(ip("2001:db8::1")));
  EXPECT_FALSE(all_v6->contains(ip("8.8.8.8")));  // Go's IPNet.Contains: family mismatch
  const auto mapped = parse_ip_network("::ffff:0:0/96", error);
  ASSERT_TRUE(mapped);
  EXPECT_TRUE(mapped->contains(ip("8.8.8.8")));
}

TEST(IpNetwork, BoundaryPrefixLengths) {
  std::string error;
  EXPECT_TRUE(parse_ip_network("10.0.0.0/32", error));
  EXPECT_TRUE(parse_ip_network("10.0.0.0/0", error));
  EXPECT_TRUE(parse_ip_network("fd00::/128", error));
  EXPECT_TRUE(parse_ip_network("fd00::/0", error));
  const auto odd = parse_ip_network("10.0.0.255/31", error);
  ASSERT_TRUE(odd);
  EXPECT_EQ(odd->to_string(), "10.0.0.254/31");
  EXPECT_TRUE(odd->contains(ip("10.0.0.254")));
  EXPECT_FALSE(odd->contains(ip("10.0.0.253")));
}

TEST(IpNetwork, RejectsBadNetworks) {
  for (const char* text : {"10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/", "10.0.0.0/8x",
                           "10.0.0.0/1000", "::/129", "fd00::/200", "10.0.0.256", "10.0.0",
                           "example.com", "[::1]", "fe80::1%eth0", "", "/8", "1.2.3.4/8/8"}) {
    std::string error;
    EXPECT_FALSE(parse_ip_network(text, error)) << text;
    EXPECT_FALSE(error.empty()) << text;
  }
  std::string error;
  parse_ip_network("10.0.0.0/33", error);
  EXPECT_NE(error.find("prefix length"), std::string::npos) << error;
  parse_ip_network("::/129", error);
  EXPECT_NE(error.find("0-128"), std::string::npos) << error;
}

// ---- --debuglevel ----

TEST(DebugLevels, BareLevelAppliesToEverySubsystem) {
  for (const char* name : {"trace", "debug", "info", "warn", "error", "critical", "off"}) {
    std::string error;
    const auto levels = parse_debug_levels(name, error);
    ASSERT_TRUE(levels) << name << ": " << error;
    EXPECT_EQ(levels->size(), log_subsystems.size());
    for (const auto& [subsystem, level] : *levels) EXPECT_EQ(to_string(level), name) << subsystem;
  }
}

TEST(DebugLevels, PairsSetTheirSubsystemsAndLeaveOthersAtInfo) {
  std::string error;
  const auto levels = parse_debug_levels("CMGR=debug,PEER=trace,RPCS=off", error);
  ASSERT_TRUE(levels) << error;
  EXPECT_EQ(levels->at("CMGR"), log_level::debug);
  EXPECT_EQ(levels->at("PEER"), log_level::trace);
  EXPECT_EQ(levels->at("RPCS"), log_level::off);
  for (auto other : {"AMGR", "SRVR", "DIAL", "LSTN", "NODE"})
    EXPECT_EQ(levels->at(other), log_level::info) << other;
  const auto single = parse_debug_levels("SRVR=warn", error);
  ASSERT_TRUE(single) << error;
  EXPECT_EQ(single->at("SRVR"), log_level::warn);
  const auto later_wins = parse_debug_levels("AMGR=debug,AMGR=error", error);
  ASSERT_TRUE(later_wins) << error;
  EXPECT_EQ(later_wins->at("AMGR"), log_level::error);
}

TEST(DebugLevels, EverySubsystemIsKnown) {
  for (auto subsystem : log_subsystems) {
    std::string error;
    const auto levels = parse_debug_levels(std::string(subsystem) + "=critical", error);
    ASSERT_TRUE(levels) << subsystem << ": " << error;
    EXPECT_EQ(levels->at(std::string(subsystem)), log_level::critical);
  }
}

TEST(DebugLevels, ErrorsNameTheBadPart) {
  const std::pair<const char*, const char*> cases[] = {
      {"", "invalid debug level"},
      {"loud", "'loud'"},
      {"INFO", "'INFO'"},
      {"CMGR", "'CMGR'"},
      {"FOO=debug", "unknown subsystem 'FOO'"},
      {"cmgr=debug", "unknown subsystem 'cmgr'"},
      {"CMGR=loud", "'loud'"},
      {"CMGR=debug,", "pair ''"},
      {"CMGR=debug,PEER", "pair 'PEER'"},
      {"CMGR=debug=trace", "'debug=trace'"},
      {"=debug", "unknown subsystem ''"},
  };
  for (const auto& [text, needle] : cases) {
    std::string error;
    EXPECT_FALSE(parse_debug_levels(text, error)) << text;
    EXPECT_NE(error.find(needle), std::string::npos) << text << " -> " << error;
  }
  std::string error;
  parse_debug_levels("FOO=debug", error);
  EXPECT_NE(error.find("AMGR, CMGR, DIAL, LSTN, NODE, PEER, RPCS, SRVR"), std::string::npos);
}

// ---- addresses ----

TEST(HostPort, SplitsLikeGoButToleratesAMissingPort) {
  std::string error;
  const std::tuple<const char*, const char*, std::optional<std::uint16_t>> cases[] = {
      {"1.2.3.4:8333", "1.2.3.4", 8333},
      {"1.2.3.4", "1.2.3.4", std::nullopt},
      {"[::1]:99", "::1", 99},
      {"[::1]", "::1", std::nullopt},
      {"::1", "::1", std::nullopt},
      {":8333", "", 8333},
      {"", "", std::nullopt},
      {"host.example:0", "host.example", 0},
      {"[]:5", "", 5},
  };
  for (const auto& [text, host, port] : cases) {
    const auto got = split_host_port(text, error);
    ASSERT_TRUE(got) << text << ": " << error;
    EXPECT_EQ(got->host, host) << text;
    EXPECT_EQ(got->port, port) << text;
  }
  for (const char* bad : {"1.2.3.4:", "1.2.3.4:65536", "1.2.3.4:-1", "1.2.3.4:http", "[::1",
                          "[::1]x", "[::1]:", "a]b:1", "[a[b]:1"})
    EXPECT_FALSE(split_host_port(bad, error)) << bad;
}

TEST(HostPort, PeerAddressesGetTheDefaultPortAndCanonicalIps) {
  std::string error;
  const std::tuple<const char*, const char*> cases[] = {
      {"1.2.3.4", "1.2.3.4:18444"},
      {"1.2.3.4:9", "1.2.3.4:9"},
      {"::1", "[::1]:18444"},
      {"[0:0::1]:7", "[::1]:7"},
      {"seed.example.org", "seed.example.org:18444"},
      {"node_1.lan:1234", "node_1.lan:1234"},
  };
  for (const auto& [text, want] : cases) {
    const auto got = parse_peer_address(text, 18444, error);
    ASSERT_TRUE(got) << text << ": " << error;
    EXPECT_EQ(got->to_string(), want);
  }
  for (const char* bad : {"", ":8333", "1.2.3.4:0", "bad host", "a/b", "1.2.3.4:x"})
    EXPECT_FALSE(parse_peer_address(bad, 18444, error)) << bad;
}

TEST(HostPort, ListenAddressesAreIpLiteralsOrAllInterfaces) {
  std::string error;
  auto all = parse_listen_address("", 8333, error);
  ASSERT_TRUE(all) << error;
  EXPECT_EQ(*all, (std::vector{ip("0.0.0.0", 8333), ip("::", 8333)}));
  all = parse_listen_address(":9000", 8333, error);
  ASSERT_TRUE(all) << error;
  EXPECT_EQ(*all, (std::vector{ip("0.0.0.0", 9000), ip("::", 9000)}));
  auto one = parse_listen_address("127.0.0.1", 8333, error);
  ASSERT_TRUE(one) << error;
  EXPECT_EQ(*one, std::vector{ip("127.0.0.1", 8333)});
  one = parse_listen_address("[fe80::1%eth0]:0", 8333, error);
  ASSERT_TRUE(one) << error;
  EXPECT_EQ(*one, std::vector{ip("fe80::1", 0)});
  one = parse_listen_address("::1", 8333, error);
  ASSERT_TRUE(one) << error;
  EXPECT_EQ(*one, std::vector{ip("::1", 8333)});
  for (const char* bad : {"localhost", "localhost:8333", "1.2.3", "1.2.3.4:99999", "%eth0"})
    EXPECT_FALSE(parse_listen_address(bad, 8333, error)) << bad;
  parse_listen_address("localhost", 8333, error);
  EXPECT_EQ(error, "'localhost' is not a valid IP address");
}

TEST(HostPort, ExternalAddresses) {
  std::string error;
  const std::string onion = wire::endpoint{wire::network_id::torv3, {7, 7, 7}, 0}.host();
  EXPECT_EQ(parse_external_address("1.2.3.4", 8333, error), ip("1.2.3.4", 8333));
  EXPECT_EQ(parse_external_address("1.2.3.4:9", 8333, error), ip("1.2.3.4", 9));
  EXPECT_EQ(parse_external_address("[2001:db8::1]:9", 8333, error), ip("2001:db8::1", 9));
  EXPECT_EQ(parse_external_address(onion, 8333, error), ip(onion, 8333));
  for (const char* bad : {"example.com", "1.2.3.4:0", "", "1.2.3.4:x"})
    EXPECT_FALSE(parse_external_address(bad, 8333, error)) << bad;
}

TEST(HostPort, ProxyAddressesNeedAPort) {
  std::string error;
  const auto proxy = parse_proxy_address("127.0.0.1:9050", error);
  ASSERT_TRUE(proxy) << error;
  EXPECT_EQ(proxy->to_string(), "127.0.0.1:9050");
  EXPECT_EQ(parse_proxy_address("localhost:9050", error)->host, "localhost");
  EXPECT_EQ(parse_proxy_address("[::1]:1080", error)->to_string(), "[::1]:1080");
  for (const char* bad : {"127.0.0.1", ":9050", "localhost:0", "local host:1", "::1", ""})
    EXPECT_FALSE(parse_proxy_address(bad, error)) << bad;
}

// ---- misc ----

TEST(ParseBool, GoStrconvValues) {
  for (const char* t : {"1", "t", "T", "TRUE", "true", "True"}) EXPECT_EQ(parse_bool(t), true);
  for (const char* f : {"0", "f", "F", "FALSE", "false", "False"}) EXPECT_EQ(parse_bool(f), false);
  for (const char* bad : {"", "yes", "on", "tRuE", "2"}) EXPECT_FALSE(parse_bool(bad)) << bad;
}

TEST(ExpandPath, HomeVariablesAndCleaning) {
  const std::map<std::string, std::string, std::less<>> vars{{"DATA", "/srv/data"}, {"X", "x"}};
  const auto lookup = [&](std::string_view name) -> std::optional<std::string> {
    const auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
  EXPECT_EQ(expand_path("~/.btcnet", "/home/u", lookup), "/home/u/.btcnet");
  EXPECT_EQ(expand_path("~", "/home/u", lookup), "/home/u");
  EXPECT_EQ(expand_path("$DATA/node", "/home/u", lookup), "/srv/data/node");
  EXPECT_EQ(expand_path("${X}y/z", "/h", lookup), "xy/z");
  EXPECT_EQ(expand_path("/a/$UNSET/b", "/h", lookup), "/a/b");
  EXPECT_EQ(expand_path("/a/$/b", "/h", lookup), "/a/$/b");
  EXPECT_EQ(expand_path("/a//b/../c/", "/h", lookup), "/a/c");
  EXPECT_EQ(expand_path("rel/./dir", "/h", nullptr), "rel/dir");
  EXPECT_EQ(expand_path("", "/h", nullptr), ".");
  EXPECT_EQ(expand_path("/a/${X", "/h", lookup), "/a/${X");
}

}  // namespace
}  // namespace btcnet::node
