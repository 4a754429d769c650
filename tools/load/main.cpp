// btcnet-load: a load generator that speaks the Bitcoin wire protocol to any node — ours, Bitcoin
// Core, btcd — on loopback only. Modes: handshake, hold, flood, hostile, connflood (see
// tools/load/modes.hpp). Progress on stderr; one JSON object with the results on stdout; exit code
// 1 when the run's checks failed (hostile: the target died or stopped serving), 2 on bad usage.
#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <iostream>

#include "net/params/network_params.hpp"
#include "tools/load/modes.hpp"

namespace {

using namespace btcnet;

// Loopback only, unless the caller says it runs inside a private network namespace.
bool allowed_target(const boost::asio::ip::address& a, bool any) {
  if (any) return true;
  if (a.is_v4()) return (a.to_v4().to_uint() >> 24) == 127;
  return a.is_loopback();
}

// Up to the hard limit: 10,000 connections need 10,000 descriptors.
rlim_t raise_open_files() {
  rlimit r{};
  if (::getrlimit(RLIMIT_NOFILE, &r) != 0) return 0;
  r.rlim_cur = r.rlim_max;
  ::setrlimit(RLIMIT_NOFILE, &r);
  ::getrlimit(RLIMIT_NOFILE, &r);
  return r.rlim_cur;
}

std::optional<std::uint32_t> magic_of(const std::string& network) {
  for (auto net : {params::network::mainnet, params::network::testnet3, params::network::testnet4,
                   params::network::regtest, params::network::simnet, params::network::signet}) {
    const auto& p = params::params_for(net);
    if (network == p.name) return p.magic;
  }
  return std::nullopt;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"btcnet-load: Bitcoin P2P load against a node on loopback", "btcnet-load"};
  app.require_subcommand(1);
  std::string target, network = "regtest";
  int pid = 0;
  bool any_target = false, quiet = false;
  auto common = [&](CLI::App* sub) {
    sub->add_option("--target", target, "host:port of the node (127.0.0.0/8 or ::1)")->required();
    sub->add_option("--network", network, "mainnet, testnet3, testnet4, regtest, simnet, signet");
    sub->add_option("--pid", pid, "the target's pid: its CPU time and memory are read from /proc");
    sub->add_flag("--allow-any-target", any_target,
                  "allow a target outside loopback (only inside a private network namespace)");
    sub->add_flag("--quiet", quiet, "no progress on stderr");
  };
  load::handshake_settings hs;
  auto* handshake = app.add_subcommand("handshake", "connect, handshake, ping, close; repeat");
  common(handshake);
  handshake->add_option("--total", hs.total, "handshakes to complete");
  handshake->add_option("--concurrency", hs.concurrency, "at once")->check(CLI::PositiveNumber);
  load::hold_settings ho;
  auto* hold = app.add_subcommand("hold", "open and hold N handshaked idle peers");
  common(hold);
  hold->add_option("--peers", ho.peers, "peers to hold");
  hold->add_option("--concurrency", ho.concurrency, "handshakes in progress while connecting");
  hold->add_option("--seconds", ho.seconds, "how long to hold them");
  hold->add_option("--ping-interval", ho.ping_interval, "seconds between rounds of pings");
  hold->add_option("--round-spread", ho.round_spread,
                   "seconds over which a round's pings are spread evenly (0: all at once)")
      ->check(CLI::NonNegativeNumber);
  load::flood_settings fs;
  auto* flood = app.add_subcommand("flood", "sustained message load from N peers");
  common(flood);
  flood->add_option("--peers", fs.peers, "peers");
  flood->add_option("--msg", fs.message, "ping, addr or inv")
      ->check(CLI::IsMember({"ping", "addr", "inv"}));
  flood->add_option("--rate", fs.rate, "messages per second in all (0: as fast as answered)");
  flood->add_option("--window", fs.window, "pings in flight per peer when --rate is 0");
  flood->add_option("--seconds", fs.seconds, "how long");
  load::hostile_settings hx;
  auto* hostile = app.add_subcommand("hostile", "malformed and abusive peers, each checked");
  common(hostile);
  hostile->add_flag("--short", hx.short_form, "skip the waits for the 30 s handshake timeout");
  hostile->add_option("--rss-limit-mb", hx.rss_limit_mib, "the target's memory bound (with --pid)");
  hostile->add_option("--case", hx.cases, "only these cases")
      ->check(CLI::IsMember(load::hostile_cases()));
  load::connflood_settings cs;
  auto* connflood = app.add_subcommand("connflood", "connection attempts at a fixed rate");
  common(connflood);
  connflood->add_option("--rate", cs.rate, "attempts per second");
  connflood->add_option("--seconds", cs.seconds, "how long");
  connflood->add_option("--max-open", cs.max_open, "attempts in flight at most");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }

  load::load_context ctx;
  ctx.progress = !quiet;
  boost::system::error_code ec;
  const auto colon = target.rfind(':');
  const auto host = colon == std::string::npos ? target : target.substr(0, colon);
  auto address = boost::asio::ip::make_address(
      host.size() > 1 && host.front() == '[' ? host.substr(1, host.size() - 2) : host, ec);
  if (ec || colon == std::string::npos) {
    std::cerr << "btcnet-load: --target must be ip:port, not " << target << "\n";
    return 2;
  }
  if (!allowed_target(address, any_target)) {
    std::cerr << "btcnet-load: refusing target " << target
              << " outside 127.0.0.0/8 and ::1 (--allow-any-target inside a private network "
                 "namespace only)\n";
    return 2;
  }
  const auto magic = magic_of(network);
  if (!magic) {
    std::cerr << "btcnet-load: unknown network " << network << "\n";
    return 2;
  }
  ctx.target = {address, static_cast<std::uint16_t>(std::stoi(target.substr(colon + 1)))};
  ctx.client.magic = *magic;
  ctx.process = load::target_process(pid);
  ctx.report("open-file limit " + std::to_string(raise_open_files()));
  nlohmann::json out;
  if (handshake->parsed()) out = load::run_handshake(ctx, hs);
  if (hold->parsed()) out = load::run_hold(ctx, ho);
  if (flood->parsed()) out = load::run_flood(ctx, fs);
  if (hostile->parsed()) out = load::run_hostile(ctx, hx);
  if (connflood->parsed()) out = load::run_connflood(ctx, cs);
  out["target"] = target;
  std::cout << out.dump(2) << std::endl;
  return out.value("ok", false) ? 0 : 1;
}
