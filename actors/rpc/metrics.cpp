#include "actors/rpc/metrics.hpp"

#include <fmt/format.h>

#include <map>

namespace btcnet::actors {
namespace {

struct kind_totals {
  std::uint64_t actors = 0;
  std::map<std::string, handler_count> by_type;
  std::array<std::uint64_t, latency_buckets> latency{};
  std::uint64_t busy_ns = 0;
  std::uint32_t mailbox_max = 0;
  std::uint64_t traced = 0;
  std::uint64_t trace_limited = 0;
};

void header(std::string& out, const char* name, const char* type, const char* help) {
  out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
}

std::map<std::string, kind_totals> totals_by_kind(const report_list& reports) {
  std::map<std::string, kind_totals> out;
  for (const auto& r : reports) {
    auto& t = out[to_string(r.kind)];
    ++t.actors;
    for (const auto& h : r.handlers) {
      auto& sum = t.by_type[h.type];
      sum.messages += h.messages;
      sum.nanoseconds += h.nanoseconds;
    }
    for (std::size_t i = 0; i < latency_buckets; ++i) t.latency[i] += r.latency[i];
    t.busy_ns += r.busy_ns;
    t.mailbox_max = std::max(t.mailbox_max, r.mailbox);
    t.traced += r.traced;
    t.trace_limited += r.trace_limited;
  }
  return out;
}

void actor_metrics(std::string& out, const std::map<std::string, kind_totals>& kinds) {
  header(out, "btcnet_actors", "gauge", "Actors of the node, by kind.");
  for (const auto& [kind, t] : kinds)
    out += fmt::format("btcnet_actors{{kind=\"{}\"}} {}\n", kind, t.actors);
  header(out, "btcnet_actor_messages_total", "counter",
         "Messages handled, by actor kind and message type.");
  for (const auto& [kind, t] : kinds)
    for (const auto& [type, h] : t.by_type)
      out += fmt::format("btcnet_actor_messages_total{{kind=\"{}\",type=\"{}\"}} {}\n", kind, type,
                         h.messages);
  header(out, "btcnet_actor_handling_seconds_total", "counter",
         "Time spent handling messages, by actor kind and message type.");
  for (const auto& [kind, t] : kinds)
    for (const auto& [type, h] : t.by_type)
      out += fmt::format("btcnet_actor_handling_seconds_total{{kind=\"{}\",type=\"{}\"}} {:.9f}\n",
                         kind, type, static_cast<double>(h.nanoseconds) * 1e-9);
}

void latency_metrics(std::string& out, const std::map<std::string, kind_totals>& kinds) {
  header(out, "btcnet_actor_handling_seconds", "histogram",
         "Handling time of one message, by actor kind.");
  for (const auto& [kind, t] : kinds) {
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < latency_buckets; ++i) {
      cumulative += t.latency[i];
      const std::string le =
          i < latency_bounds_ns.size()
              ? fmt::format("{:g}", static_cast<double>(latency_bounds_ns[i]) * 1e-9)
              : "+Inf";
      out += fmt::format("btcnet_actor_handling_seconds_bucket{{kind=\"{}\",le=\"{}\"}} {}\n", kind,
                         le, cumulative);
    }
    out += fmt::format("btcnet_actor_handling_seconds_sum{{kind=\"{}\"}} {:.9f}\n", kind,
                       static_cast<double>(t.busy_ns) * 1e-9);
    out += fmt::format("btcnet_actor_handling_seconds_count{{kind=\"{}\"}} {}\n", kind, cumulative);
  }
  header(out, "btcnet_actor_mailbox_depth", "gauge",
         "Largest sampled mailbox depth among the actors of a kind.");
  for (const auto& [kind, t] : kinds)
    out += fmt::format("btcnet_actor_mailbox_depth{{kind=\"{}\"}} {}\n", kind, t.mailbox_max);
  header(out, "btcnet_trace_events_total", "counter", "Trace events recorded, by actor kind.");
  for (const auto& [kind, t] : kinds)
    out += fmt::format("btcnet_trace_events_total{{kind=\"{}\"}} {}\n", kind, t.traced);
  header(out, "btcnet_trace_limited_total", "counter",
         "Trace events dropped by the rate limit, by actor kind.");
  for (const auto& [kind, t] : kinds)
    out += fmt::format("btcnet_trace_limited_total{{kind=\"{}\"}} {}\n", kind, t.trace_limited);
}

void server_metrics(std::string& out, const server_snapshot& s) {
  header(out, "btcnet_peers", "gauge", "Peers past their handshake, by connection type.");
  out += fmt::format("btcnet_peers{{type=\"inbound\"}} {}\n", s.inbound);
  out += fmt::format("btcnet_peers{{type=\"outbound\"}} {}\n", s.outbound);
  out += fmt::format("btcnet_peers{{type=\"manual\"}} {}\n", s.persistent);
  header(out, "btcnet_pending_handshakes", "gauge", "Connections still in their handshake.");
  out += fmt::format("btcnet_pending_handshakes {}\n", s.pending_handshakes);
  header(out, "btcnet_banned", "gauge", "Banned hosts and subnets.");
  out += fmt::format("btcnet_banned {}\n", s.banned);
}

}  // namespace

std::string prometheus_text(const report_list& reports, const server_snapshot& server) {
  std::string out;
  const auto kinds = totals_by_kind(reports);
  actor_metrics(out, kinds);
  latency_metrics(out, kinds);
  server_metrics(out, server);
  return out;
}

}  // namespace btcnet::actors
