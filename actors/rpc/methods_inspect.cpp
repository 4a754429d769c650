// Introspection: listactors, getactorinfo, getactorgraph, trace, getmetrics — the node's actors,
// their counters and state, and the message trace, answered from the registry.
#include "actors/rpc/introspection_json.hpp"
#include "actors/rpc/method_table.hpp"
#include "actors/rpc/metrics.hpp"

namespace btcnet::actors {
namespace {

using namespace rpc::error_code;

collect_reports of_kind(const rpc_args& args, std::size_t index) {
  collect_reports c;
  if (!args.has(index)) return c;
  const auto name = args.text(index);
  if (name.empty()) return c;
  auto kind = actor_kind_from(name);
  if (!kind) throw rpc_failure(invalid_parameter, "Unknown actor kind " + name);
  c.kinds.push_back(*kind);
  return c;
}

caf::result<rpc::outcome> listactors(rpc_state& st, const rpc_args& args) {
  auto c = of_kind(args, 0);
  c.with_state = args.flag_or(1, false);
  if (!c.with_state)
    return ask<report_list>(st, st.links.registry, c, [](report_list& reports) {
      json out = json::array();
      for (const auto& r : reports) out.push_back(actor_row_json(r));
      return success(std::move(out));
    });
  return ask_both<report_list, actor_list>(st, st.links.registry, c, st.links.registry,
                                           list_actors{},
                                           [](report_list& reports, actor_list& actors) {
                                             const auto names = names_of(actors);
                                             json out = json::array();
                                             for (const auto& r : reports)
                                               out.push_back(actor_report_json(r, names));
                                             return success(std::move(out));
                                           });
}

caf::result<rpc::outcome> getactorinfo(rpc_state& st, const rpc_args& args) {
  const auto id = args.integer_or(0, -1);
  if (id <= 0) throw rpc_failure(invalid_parameter, "Actor id must be a positive integer");
  collect_reports c;
  c.ids.push_back(static_cast<std::uint64_t>(id));
  c.with_state = true;
  return ask_both<report_list, actor_list>(
      st, st.links.registry, c, st.links.registry, list_actors{},
      [id](report_list& reports, actor_list& actors) {
        if (reports.empty())
          return failure(invalid_parameter, "No actor with id " + std::to_string(id));
        return success(actor_report_json(reports.front(), names_of(actors)));
      });
}

caf::result<rpc::outcome> getactorgraph(rpc_state& st, const rpc_args& args) {
  return ask<report_list>(st, st.links.registry, of_kind(args, 0),
                          [](report_list& reports) { return success(actor_graph_json(reports)); });
}

trace_filter filter_of(const json& options) {
  std::string error;
  auto f = trace_filter_from(options, error);
  if (!f) throw rpc_failure(invalid_parameter, error);
  return *f;
}

std::size_t size_option(const json& options, const char* key, std::size_t fallback) {
  if (!options.is_object() || !options.contains(key)) return fallback;
  const auto& v = options[key];
  if (!v.is_number_unsigned())
    throw rpc_failure(type_error, std::string(key) + " must be a non-negative integer");
  return v.get<std::size_t>();
}

caf::result<rpc::outcome> trace(rpc_state& st, const rpc_args& args) {
  const auto command = args.text(0);
  const json options = args.has(1) ? args.at(1) : json::object();
  if (!options.is_object()) throw rpc_failure(type_error, "options must be an object");
  if (command == "start") {
    start_trace t{filter_of(options), size_option(options, "capacity", 0), 0};
    if (options.contains("rate") && options["rate"].is_number())
      t.events_per_second = options["rate"].get<double>();
    return ask<bool>(st, st.links.registry, t, [](bool ok) {
      if (!ok) return failure(misc_error, "Tracing is not available");
      return success({{"started", true}});
    });
  }
  if (command == "stop")
    return ask<bool>(st, st.links.registry, stop_trace{}, [](bool was) {
      return success({{"stopped", was}});
    });
  if (command == "read") {
    read_trace r{size_option(options, "since", 0), size_option(options, "max", 1000),
                 filter_of(options)};
    return ask_both<trace_page, actor_list>(
        st, st.links.registry, r, st.links.registry, list_actors{},
        [&st](trace_page& page, actor_list& actors) {
          const auto names = names_of(actors);
          json events = json::array();
          for (const auto& e : page.events)
            events.push_back(trace_event_json(e, st.config.clock, names));
          return success({{"events", std::move(events)},
                          {"next", page.next},
                          {"overwritten", page.overwritten},
                          {"enabled", page.enabled},
                          {"capacity", page.capacity}});
        });
  }
  throw rpc_failure(misc_error, "trace \"command\": command must be start, stop or read");
}

caf::result<rpc::outcome> getmetrics(rpc_state& st, const rpc_args&) {
  return ask_both<report_list, server_snapshot>(st, st.links.registry, collect_reports{},
                                                st.links.server, get_server_state{},
                                                [](report_list& reports, server_snapshot& s) {
                                                  return success(prometheus_text(reports, s));
                                                });
}

}  // namespace

const std::vector<method_spec>& inspect_methods() {
  static const std::vector<method_spec> table{
      {"listactors",
       "Inspect",
       {"kind?", "verbose?"},
       "Lists the node's actors (optionally of one kind: conn_manager, dialer, listener, "
       "addr_manager, server, peer, dns_seeder, rpc, registry, tracer) with their message "
       "counts, handling time, mailbox depth and idle time; verbose: each actor's whole report, "
       "as getactorinfo gives it.",
       listactors},
      {"getactorinfo",
       "Inspect",
       {"id"},
       "Everything one actor reports: messages and handling time by type, a latency histogram, "
       "its senders, and its own state summary.",
       getactorinfo},
      {"getactorgraph",
       "Inspect",
       {"kind?"},
       "The actors as nodes and who sends to whom as edges, with message counts.",
       getactorgraph},
      {"trace",
       "Inspect",
       {"command", "options?"},
       "Message trace. start {kinds, types, peer, capacity, rate}: record the messages between "
       "the covered actors and their peers' wire messages into a ring buffer (rate: events per "
       "second for the whole node); stop; read {since, max, kinds, types, peer}: events from "
       "sequence number `since`, and `next` to continue from.",
       trace},
      {"getmetrics",
       "Inspect",
       {},
       "The node's metrics in Prometheus text format (also served at /metrics).",
       getmetrics},
  };
  return table;
}

}  // namespace btcnet::actors
