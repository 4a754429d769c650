// btcnet-inspect's one-shot commands: the JSON snapshot, the trace (once or following), and the
// controls. Each returns the process's exit code.
#pragma once

#include <iosfwd>

#include "apps/btcnet-inspect/inspect_options.hpp"
#include "apps/btcnet-inspect/node_client.hpp"

namespace btcnet::inspect {

// {"node": getnetworkinfo, "uptime", "actors": every actor's report with its state, "peers"}.
nlohmann::json snapshot(node_client& node);

int print_snapshot(node_client& node, std::ostream& out);
int print_trace(node_client& node, const inspect_options& o, std::ostream& out);
int run_control(node_client& node, const inspect_options& o, std::ostream& out);

// The trace options object the node's "trace" method takes.
nlohmann::json trace_options(const inspect_options& o);

}  // namespace btcnet::inspect
