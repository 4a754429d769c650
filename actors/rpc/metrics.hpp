// The node's metrics in Prometheus' text exposition format (version 0.0.4): per actor kind and
// message type (peers are summed: a node may hold thousands), handling-time histograms, mailbox
// depths, the peer tables and the trace counters. Served at /metrics and by getmetrics.
#pragma once

#include <string>

#include "actors/registry/protocol.hpp"
#include "actors/server/protocol.hpp"

namespace btcnet::actors {

std::string prometheus_text(const report_list& reports, const server_snapshot& server);

}  // namespace btcnet::actors
