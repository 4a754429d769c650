// btcnetd: parse the configuration, lock the data directory, start the node's actors, and shut
// them down in order on SIGINT/SIGTERM (a second signal exits at once).
#include <signal.h>
#include <unistd.h>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <cstdlib>
#include <iostream>
#include <thread>

#include "actors/common/log.hpp"
#include "apps/btcnetd/node_setup.hpp"
#include "apps/btcnetd/rpc_setup.hpp"
#include "btcnet/version.hpp"
#include "net/params/network_params.hpp"

namespace {

int fail(const std::string& message) {
  std::cerr << "btcnetd: " << message << "\n";
  return 1;
}

sigset_t shutdown_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace btcnet;
  const char* home = std::getenv("HOME");
  const auto parsed = node::parse_config(
      argc, argv, {home ? home : "", [](std::string_view name) -> std::optional<std::string> {
                     const char* v = std::getenv(std::string(name).c_str());
                     return v ? std::optional<std::string>(v) : std::nullopt;
                   }});
  if (parsed.print_and_exit) {
    std::cout << parsed.output;
    return parsed.exit_code;
  }
  if (!parsed.config) return fail(parsed.error);
  const auto& config = *parsed.config;

  // Signals are taken by sigwait below; every thread started from here on inherits the mask.
  const sigset_t signals = shutdown_signals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  std::string error;
  node::data_dir_lock lock(config.data_dir, error);
  if (!lock.held()) return fail(error);
  if (auto e = node::setup_logging(config); !e.empty()) return fail(e);
  for (const auto& w : parsed.warnings) log::node().warn("{}", w);
  const auto [files_before, files_after] = node::raise_open_file_limit();
  if (files_after != files_before)
    log::node().info("Open-file limit raised from {} to {} (one per peer)", files_before,
                     files_after);
  else
    log::node().info("Open-file limit {}", files_after);
  if (!config.disable_dns_seed && config.dns != node::dns_route::system)
    log::node().warn(
        "DNS seeding is off behind a proxy (Tor name resolution is not supported "
        "yet); use --connect or --addpeer, or addnode over RPC");

  const auto threads = node::plan_threads(std::thread::hardware_concurrency());
  log::node().info("Threads: {} for I/O, {} for actors", threads.io_threads, threads.actor_workers);
  caf::actor_system_config cfg;
  node::apply(threads, cfg);
  caf::actor_system sys{cfg};
  transport::io_runtime io{threads.io_threads};
  transport::tcp_network network{io, node::network_config_from(config)};
  actors::node node(sys, network, node::node_options_from(config, sys));
  // The "stop" RPC ends the node the way a signal does.
  node::rpc_endpoint rpc(sys, io, config, node, [] { ::kill(::getpid(), SIGTERM); });
  auto abort_start = [&](const std::string& why) {
    log::node().critical("{}", why);
    rpc.stop();
    node.stop();
    sys.await_all_actors_done();
    io.stop();
    return 1;
  };
  std::string where;
  if (auto ec = node.start(where))
    return abort_start("Can't listen on " + where + ": " + ec.message());
  if (auto e = rpc.start(); !e.empty()) return abort_start(e);
  const auto& net = params::params_for(config.network);
  log::node().info("btcnetd {} on {} (magic 0x{:08x}), data directory {}", version_string, net.name,
                   net.magic, config.data_dir.string());
  for (auto port : node.listen_ports()) log::node().info("Listening on port {}", port);
  if (config.listen.empty()) log::node().info("Not listening (--nolisten)");
  for (const auto& a : rpc.addresses()) log::node().info("RPC server listening on {}", a);
  if (config.rpc_listen.empty()) log::node().info("RPC server disabled (--norpc)");

  int signal_number = 0;
  sigwait(&signals, &signal_number);
  log::node().info("Received signal ({}) -- shutting down...", strsignal(signal_number));
  std::thread force([signals] {
    int again = 0;
    sigwait(&signals, &again);
    std::_Exit(1);  // a second signal: leave now
  });
  force.detach();
  rpc.stop();
  node.stop();
  sys.await_all_actors_done();
  io.stop();
  log::node().info("Shutdown complete");
  return 0;
}
