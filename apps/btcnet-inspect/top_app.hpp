// The interactive view: samples the node every refresh interval, draws the screen, and acts on
// keys (select, details, trace on/off, filter, sort, disconnect, ban, connect, quit).
#pragma once

#include "apps/btcnet-inspect/inspect_options.hpp"
#include "apps/btcnet-inspect/node_client.hpp"

namespace btcnet::inspect {

int run_top(node_client& node, const inspect_options& o);

}  // namespace btcnet::inspect
