#include "apps/btcnet-inspect/inspect_options.hpp"

#include "btcnet/version.hpp"

namespace btcnet::inspect {

inspect_parse_result parse_inspect(std::span<const std::string> args, const std::string& home) {
  inspect_parse_result result;
  CLI::App app{
      "btcnet-inspect: look inside a running btcnetd — its actors, their state and the "
      "messages between them",
      "btcnet-inspect"};
  apps::node_flags flags;
  inspect_options o;
  bool json = false, version = false;
  apps::add_node_flags(app, flags);
  app.add_flag("--json", json,
               "Print one snapshot of every actor and its state as JSON, then exit");
  app.add_option("--refresh", o.refresh_seconds,
                 "Seconds between refreshes of the interactive view")
      ->check(CLI::Range(0.1, 60.0));
  app.add_flag("--version", version, "Print the version and exit");
  app.require_subcommand(0, 1);
  app.fallthrough();  // the node flags may come after the subcommand too

  auto* trace = app.add_subcommand("trace", "Print the message trace as JSON lines");
  trace->add_flag("--follow,-f", o.follow, "Keep printing new events until interrupted");
  trace->add_flag("--start", o.start, "Start a trace first (with the same filter)");
  trace->add_option("--kinds", o.kinds, "Only these actor kinds (comma separated)")->delimiter(',');
  trace->add_option("--types", o.types, "Only these message types or wire commands")
      ->delimiter(',');
  trace->add_option("--peer", o.peer, "Only events of peers whose address contains this");
  trace->add_option("--interval", o.interval_seconds, "Seconds between polls with --follow")
      ->check(CLI::Range(0.01, 60.0));
  auto* disconnect = app.add_subcommand("disconnect", "Disconnect a peer (its id or address)");
  disconnect->add_option("peer", o.target, "Peer id or address")->required();
  auto* connect = app.add_subcommand("connect", "Connect to an address once (addnode onetry)");
  connect->add_option("address", o.target, "host[:port]")->required();
  auto* ban = app.add_subcommand("ban", "Ban a host or subnet (setban add)");
  ban->add_option("host", o.target, "IP address or subnet")->required();
  ban->add_option("seconds", o.ban_seconds, "How long (default: the node's ban duration)")
      ->check(CLI::NonNegativeNumber);
  try {
    app.parse(std::vector<std::string>(args.rbegin(), args.rend()));
  } catch (const CLI::CallForHelp&) {
    result.output = app.help();
    return result;
  } catch (const CLI::ParseError& e) {
    result.error = e.what();
    result.exit_code = 1;
    return result;
  }
  if (version) {
    result.output = std::string("btcnet-inspect ") + version_string + "\n";
    return result;
  }
  auto node = apps::resolve_node(flags, home, result.error);
  if (!node) {
    result.exit_code = 1;
    return result;
  }
  o.node = *node;
  if (json) o.what = mode::snapshot;
  if (trace->parsed()) o.what = mode::trace;
  if (disconnect->parsed()) o.what = mode::disconnect;
  if (connect->parsed()) o.what = mode::connect;
  if (ban->parsed()) o.what = mode::ban;
  if (json && o.what != mode::snapshot) {
    result.error = "--json cannot be combined with a subcommand";
    result.exit_code = 1;
    return result;
  }
  result.options = std::move(o);
  return result;
}

}  // namespace btcnet::inspect
