// btcnet-inspect's command line: modes, the trace's filter, node discovery, mistakes.
#include "apps/btcnet-inspect/inspect_options.hpp"

#include <gtest/gtest.h>

namespace btcnet::inspect {
namespace {

inspect_parse_result parse(std::vector<std::string> args) {
  return parse_inspect(args, "/home/u");
}

TEST(InspectOptions, ModesAndWhereTheNodeIs) {
  auto top = parse({"--regtest", "--datadir=/d"});
  ASSERT_TRUE(top.options) << top.error;
  EXPECT_EQ(top.options->what, mode::top);
  EXPECT_EQ(top.options->node.data_dir, "/d/regtest");
  EXPECT_EQ(top.options->node.locate.data_dir, "/d/regtest");
  EXPECT_EQ(parse({"--json"}).options->what, mode::snapshot);
  EXPECT_EQ(parse({"--json"}).options->node.data_dir, "/home/u/.btcnet/mainnet");
  auto remote = parse({"--rpcserver=127.0.0.2:9", "--rpcuser=a", "--rpcpass=b", "--json"});
  EXPECT_EQ(remote.options->node.locate.rpc_server, "127.0.0.2:9");
  EXPECT_EQ(remote.options->node.locate.user, "a");
  EXPECT_EQ(parse({"disconnect", "7"}).options->what, mode::disconnect);
  EXPECT_EQ(parse({"connect", "127.0.0.1:8333"}).options->target, "127.0.0.1:8333");
  auto ban = parse({"ban", "10.0.0.0/8", "3600"});
  EXPECT_EQ(ban.options->what, mode::ban);
  EXPECT_EQ(ban.options->ban_seconds, 3600);
}

TEST(InspectOptions, TraceFilterAndFlagsAfterTheSubcommand) {
  auto r = parse({"trace", "--follow", "--start", "--kinds=peer,server", "--types", "version,verack",
                  "--peer", "127.0.0.1", "--regtest"});
  ASSERT_TRUE(r.options) << r.error;
  EXPECT_EQ(r.options->what, mode::trace);
  EXPECT_TRUE(r.options->follow);
  EXPECT_TRUE(r.options->start);
  EXPECT_EQ(r.options->kinds, (std::vector<std::string>{"peer", "server"}));
  EXPECT_EQ(r.options->types, (std::vector<std::string>{"version", "verack"}));
  EXPECT_EQ(r.options->peer, "127.0.0.1");
  EXPECT_EQ(r.options->node.network, params::network::regtest);
}

TEST(InspectOptions, MistakesAreClearErrors) {
  EXPECT_EQ(parse({"--regtest", "--testnet"}).exit_code, 1);
  EXPECT_NE(parse({"--regtest", "--testnet"}).error.find("only one of"), std::string::npos);
  EXPECT_EQ(parse({"--nosuch"}).exit_code, 1);
  EXPECT_EQ(parse({"disconnect"}).exit_code, 1);  // which peer?
  EXPECT_EQ(parse({"--json", "trace"}).exit_code, 1);
  EXPECT_EQ(parse({"--refresh=0"}).exit_code, 1);
  EXPECT_NE(parse({"--help"}).output.find("trace"), std::string::npos);
}

}  // namespace
}  // namespace btcnet::inspect
