#include "apps/btcnet-inspect/commands.hpp"

#include <ostream>
#include <thread>

#include "apps/btcnet-inspect/terminal.hpp"

namespace btcnet::inspect {

using nlohmann::json;

json snapshot(node_client& node) {
  return {{"node", node.call("getnetworkinfo")},
          {"uptime", node.call("uptime")},
          {"actors", node.call("listactors", {nullptr, true})},
          {"peers", node.call("getpeerinfo")}};
}

int print_snapshot(node_client& node, std::ostream& out) {
  out << snapshot(node).dump(2) << "\n";
  return 0;
}

json trace_options(const inspect_options& o) {
  json options = json::object();
  if (!o.kinds.empty()) options["kinds"] = o.kinds;
  if (!o.types.empty()) options["types"] = o.types;
  if (!o.peer.empty()) options["peer"] = o.peer;
  return options;
}

namespace {

// Ends a trace this program started, however the loop ends.
struct started_trace {
  node_client& node;
  bool active = false;
  ~started_trace() {
    if (!active) return;
    try {
      node.call("trace", {"stop"});
    } catch (const call_error&) {  // the node went away: nothing to stop
    }
  }
};

}  // namespace

int print_trace(node_client& node, const inspect_options& o, std::ostream& out) {
  json options = trace_options(o);
  started_trace guard{node};
  if (o.start) {
    node.call("trace", {"start", options});
    guard.active = o.follow;
  }
  std::uint64_t next = 0;
  if (o.follow) catch_quit_signals();  // Ctrl-C ends the loop, and the trace we started
  do {
    json read = options;
    read["since"] = next;
    read["max"] = 1000;
    const json page = node.call("trace", {"read", read});
    for (const auto& e : page["events"]) out << e.dump() << "\n";
    out.flush();
    next = page["next"].get<std::uint64_t>();
    if (o.follow && page["events"].empty())
      std::this_thread::sleep_for(std::chrono::duration<double>(o.interval_seconds));
  } while (o.follow && out.good() && !quit_requested());
  return 0;
}

int run_control(node_client& node, const inspect_options& o, std::ostream& out) {
  json result;
  switch (o.what) {
    case mode::disconnect: {
      const bool id =
          !o.target.empty() && o.target.find_first_not_of("0123456789") == std::string::npos;
      result = id ? node.call("disconnectnode", {"", std::stoll(o.target)})
                  : node.call("disconnectnode", {o.target});
      break;
    }
    case mode::connect:
      result = node.call("addnode", {o.target, "onetry"});
      break;
    case mode::ban:
      result = o.ban_seconds > 0 ? node.call("setban", {o.target, "add", o.ban_seconds})
                                 : node.call("setban", {o.target, "add"});
      break;
    default:
      return 2;
  }
  out << (result.is_null() ? "ok" : result.dump()) << "\n";
  return 0;
}

}  // namespace btcnet::inspect
