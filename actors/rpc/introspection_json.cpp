#include "actors/rpc/introspection_json.hpp"

namespace btcnet::actors {

using nlohmann::json;

namespace {

std::uint64_t micros(std::uint64_t ns) {
  return ns / 1000;
}

std::string name_or(const actor_names& names, std::uint64_t id) {
  if (id == 0) return "transport";
  auto it = names.find(id);
  return it == names.end() ? "actor " + std::to_string(id) : it->second;
}

json latency_json(const actor_report& r) {
  json out = json::array();
  for (std::size_t i = 0; i < r.latency.size(); ++i) {
    json bucket = {{"count", r.latency[i]}};
    bucket["le_us"] = i < latency_bounds_ns.size() ? json(latency_bounds_ns[i] / 1000) : json();
    out.push_back(std::move(bucket));
  }
  return out;
}

}  // namespace

actor_names names_of(const actor_list& actors) {
  actor_names out;
  for (const auto& a : actors) out[a.id] = a.name;
  return out;
}

json actor_row_json(const actor_report& r) {
  return {{"id", r.id},           {"kind", to_string(r.kind)},    {"name", r.name},
          {"started", r.started}, {"messages", r.messages},       {"busy_us", micros(r.busy_ns)},
          {"mailbox", r.mailbox}, {"mailbox_max", r.mailbox_max}, {"idle_ms", r.idle_ms},
          {"traced", r.traced}};
}

json actor_report_json(const actor_report& r, const actor_names& names) {
  json out = actor_row_json(r);
  json handlers = json::array();
  for (const auto& h : r.handlers)
    handlers.push_back({{"type", h.type},
                        {"messages", h.messages},
                        {"busy_us", micros(h.nanoseconds)},
                        {"mean_us", h.messages ? static_cast<double>(h.nanoseconds) / 1000.0 /
                                                     static_cast<double>(h.messages)
                                               : 0.0}});
  json senders = json::array();
  for (const auto& s : r.senders)
    senders.push_back(
        {{"id", s.actor_id}, {"name", name_or(names, s.actor_id)}, {"messages", s.messages}});
  out["handlers"] = std::move(handlers);
  out["latency"] = latency_json(r);
  out["senders"] = std::move(senders);
  out["trace_limited"] = r.trace_limited;
  out["state"] = r.state.is_null() ? json::object() : r.state;
  return out;
}

json actor_graph_json(const report_list& reports) {
  json nodes = json::array();
  json edges = json::array();
  bool transport = false;
  for (const auto& r : reports) {
    nodes.push_back({{"id", r.id},
                     {"kind", to_string(r.kind)},
                     {"name", r.name},
                     {"messages", r.messages},
                     {"busy_us", micros(r.busy_ns)},
                     {"mailbox", r.mailbox}});
    for (const auto& s : r.senders) {
      transport |= s.actor_id == 0;
      edges.push_back({{"from", s.actor_id}, {"to", r.id}, {"messages", s.messages}});
    }
  }
  if (transport)
    nodes.push_back({{"id", 0},
                     {"kind", "transport"},
                     {"name", "sockets and timers"},
                     {"messages", 0},
                     {"busy_us", 0},
                     {"mailbox", 0}});
  return {{"nodes", std::move(nodes)}, {"edges", std::move(edges)}};
}

json trace_event_json(const trace_event& e, const time_source& clock, const actor_names& names) {
  const caf::actor_clock::time_point at{std::chrono::microseconds(e.time_us)};
  json out = {{"seq", e.seq},
              {"time", clock.unix_seconds_at(at)},
              {"direction", to_string(e.direction)},
              {"kind", to_string(e.kind)},
              {"type", e.type},
              {"summary", e.summary}};
  // A wire event's other end is the remote peer, not an actor.
  if (e.direction != trace_direction::wire_in)
    out["from"] = e.from, out["from_name"] = name_or(names, e.from);
  if (e.direction != trace_direction::wire_out)
    out["to"] = e.to, out["to_name"] = name_or(names, e.to);
  if (!e.peer.empty()) out["peer"] = e.peer;
  return out;
}

std::optional<trace_filter> trace_filter_from(const json& options, std::string& error) {
  trace_filter f;
  if (!options.is_object()) return f;
  for (const auto& k : options.value("kinds", json::array())) {
    auto kind = k.is_string() ? actor_kind_from(k.get<std::string>()) : std::nullopt;
    if (!kind) {
      error = "Unknown actor kind " + k.dump();
      return std::nullopt;
    }
    f.kinds.push_back(*kind);
  }
  for (const auto& t : options.value("types", json::array()))
    if (t.is_string()) f.types.push_back(t.get<std::string>());
  if (options.contains("peer") && options["peer"].is_string())
    f.peer = options["peer"].get<std::string>();
  return f;
}

}  // namespace btcnet::actors
