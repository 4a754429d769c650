// The inspector's JSON: actors (a compact row for listings, the full report for one actor), the
// actor graph (actors and who sends to whom), trace events and trace filters.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "actors/common/time_source.hpp"
#include "actors/registry/protocol.hpp"

namespace btcnet::actors {

// Actor ids to names, for events and senders; id 0 is the transport (sockets, anonymous sends).
using actor_names = std::map<std::uint64_t, std::string>;
actor_names names_of(const actor_list& actors);

nlohmann::json actor_row_json(const actor_report& r);
nlohmann::json actor_report_json(const actor_report& r, const actor_names& names);
nlohmann::json actor_graph_json(const report_list& reports);
nlohmann::json trace_event_json(const trace_event& e, const time_source& clock,
                                const actor_names& names);

// {"kinds": [...], "types": [...], "peer": "..."}; nullopt with `error` set on a bad kind.
std::optional<trace_filter> trace_filter_from(const nlohmann::json& options, std::string& error);

}  // namespace btcnet::actors
