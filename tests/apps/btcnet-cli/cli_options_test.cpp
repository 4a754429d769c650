// btcnet-cli's command line: where it looks for the node, and bitcoin-cli's argument rules.
#include "apps/btcnet-cli/cli_options.hpp"

#include <gtest/gtest.h>

#include "apps/btcnet-cli/netinfo.hpp"

namespace btcnet::cli {
namespace {

cli_parse_result parse(std::vector<std::string> args) {
  return parse_cli(args, "/home/u");
}

TEST(CliOptions, ArgumentsAreJsonWhenTheyParseElseStrings) {
  EXPECT_EQ(parse_argument("3600"), 3600);
  EXPECT_EQ(parse_argument("true"), true);
  EXPECT_EQ(parse_argument("[1,2]"), nlohmann::json::array({1, 2}));
  EXPECT_EQ(parse_argument("127.0.0.1:8333"), "127.0.0.1:8333");
  EXPECT_EQ(parse_argument("add"), "add");
  EXPECT_EQ(parse_argument("\"quoted\""), "quoted");
  EXPECT_EQ(parse_argument(""), "");
}

TEST(CliOptions, NetworkAndDataDirectoryLocateTheNode) {
  auto r = parse({"--regtest", "--datadir=/d", "setban", "10.0.0.0/8", "add", "-1"});
  ASSERT_TRUE(r.options) << r.error;
  EXPECT_EQ(r.options->data_dir, "/d/regtest");
  EXPECT_EQ(r.options->locate.default_server, "127.0.0.1:18334");  // btcd's regtest RPC port
  EXPECT_EQ(r.options->method, "setban");
  EXPECT_EQ(r.options->params, nlohmann::json::parse(R"(["10.0.0.0/8","add",-1])"));
  auto main = parse({"getpeerinfo"});
  EXPECT_EQ(main.options->data_dir, "/home/u/.btcnet/mainnet");
  auto remote = parse({"--rpcserver=127.0.0.5:9", "--rpcuser=a", "--rpcpass=b", "uptime"});
  EXPECT_EQ(remote.options->locate.rpc_server, "127.0.0.5:9");
  EXPECT_EQ(remote.options->locate.user, "a");
}

TEST(CliOptions, NamedArguments) {
  auto r = parse({"--named", "getnodeaddresses", "count=5", "network=ipv4"});
  ASSERT_TRUE(r.options) << r.error;
  EXPECT_EQ(r.options->params, nlohmann::json::parse(R"({"count":5,"network":"ipv4"})"));
  auto bad = parse({"--named", "getnodeaddresses", "5"});
  EXPECT_FALSE(bad.options);
  EXPECT_NE(bad.error.find("No '='"), std::string::npos);
}

TEST(CliOptions, MistakesAreClearErrors) {
  EXPECT_NE(parse({}).error.find("too few parameters"), std::string::npos);
  EXPECT_NE(parse({"--regtest", "--testnet", "uptime"}).error.find("only one of"), std::string::npos);
  EXPECT_EQ(parse({"--nosuch", "uptime"}).exit_code, 1);
  EXPECT_EQ(parse({"--timeout=0", "uptime"}).exit_code, 1);
  EXPECT_TRUE(parse({"--netinfo"}).options);  // needs no method
  EXPECT_NE(parse({"--help"}).output.find("--rpcserver"), std::string::npos);
}

TEST(Netinfo, SummarisesPeers) {
  auto network = nlohmann::json::parse(R"({"subversion":"/btcnet:0.1.0/","version":100,
      "protocolversion":70016,"localaddresses":[{"address":"8.8.8.8","port":8333,"score":2}]})");
  auto peers = nlohmann::json::parse(R"([{"id":1,"inbound":true,"connection_type":"inbound",
      "network":"ipv4","pingtime":0.0123,"lastsend":990,"lastrecv":995,"addr":"8.8.4.4:8333",
      "version":70016,"subver":"/Satoshi:27.0.0/"},{"id":2,"inbound":false,
      "connection_type":"outbound-full-relay","network":"ipv6","addr":"[2001:db8::1]:8333"}])");
  const auto text = format_netinfo(network, peers, 1000);
  EXPECT_NE(text.find("8.8.4.4:8333"), std::string::npos) << text;
  EXPECT_NE(text.find("   12 "), std::string::npos) << text;  // ping in ms
  EXPECT_NE(text.find("full"), std::string::npos);
  EXPECT_NE(text.find("   peers    1    1      2"), std::string::npos) << text;
  EXPECT_NE(text.find("8.8.8.8:8333 (score 2)"), std::string::npos);
}

}  // namespace
}  // namespace btcnet::cli
