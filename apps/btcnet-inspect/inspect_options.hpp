// btcnet-inspect's command line: how to find the node (btcnetd's flags), and what to do — the
// interactive view (default), one JSON snapshot (--json), the trace (trace [--follow]), or a
// control (disconnect, connect, ban).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "apps/common/node_flags.hpp"

namespace btcnet::inspect {

enum class mode { top, snapshot, trace, disconnect, connect, ban };

struct inspect_options {
  apps::node_target node;
  mode what = mode::top;
  // trace
  bool follow = false;
  bool start = false;  // start a trace first (and stop it on exit when following)
  std::vector<std::string> kinds, types;
  std::string peer;
  double interval_seconds = 0.25;
  // controls
  std::string target;            // a peer id or address, an address to connect, a host to ban
  std::int64_t ban_seconds = 0;  // 0: the node's ban duration
  double refresh_seconds = 1.0;  // the interactive view
};

struct inspect_parse_result {
  std::optional<inspect_options> options;
  std::string output;  // --help / --version text
  std::string error;
  int exit_code = 0;
};

inspect_parse_result parse_inspect(std::span<const std::string> args, const std::string& home);

}  // namespace btcnet::inspect
