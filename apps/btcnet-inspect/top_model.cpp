#include "apps/btcnet-inspect/top_model.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace btcnet::inspect {

using nlohmann::json;

namespace {

constexpr const char* select_on = "\x1b[7m";  // reverse video for the selected row
constexpr const char* select_off = "\x1b[0m";

std::string fit(std::string s, int width) {
  const auto w = static_cast<std::size_t>(std::max(width, 0));
  if (s.size() > w) s.resize(w);
  return s;
}

std::string padded(std::string s, int width) {
  s = fit(std::move(s), width);
  s.resize(static_cast<std::size_t>(std::max(width, 0)), ' ');
  return s;
}

std::string duration(std::int64_t seconds) {
  if (seconds < 3600) return fmt::format("{}m{:02}s", seconds / 60, seconds % 60);
  if (seconds < 86400) return fmt::format("{}h{:02}m", seconds / 3600, seconds / 60 % 60);
  return fmt::format("{}d{:02}h", seconds / 86400, seconds / 3600 % 24);
}

template <class T>
T number(const json& j, const char* key, T fallback = T{}) {
  if (!j.is_object() || !j.contains(key) || !j[key].is_number()) return fallback;
  return j[key].get<T>();
}

std::string text(const json& j, const char* key) {
  return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
}

double rate(double now, double before, double seconds) {
  return seconds > 0 ? std::max(0.0, (now - before) / seconds) : 0;
}

std::string header(const sample& s, const view_state& v) {
  const auto in = number<int>(s.network, "connections_in");
  const auto out = number<int>(s.network, "connections_out");
  return fmt::format("btcnet-inspect | {} | up {} | {} in, {} out | trace {}", v.node_label,
                     duration(s.uptime), in, out, s.tracing ? "ON" : "off");
}

std::string requests_line(const sample& s) {
  const json& state =
      s.conn_manager.is_object() ? s.conn_manager.value("state", json::object()) : json::object();
  const json by_state = state.value("by_state", json::object());
  std::string line = "conn requests:";
  std::uint64_t retries = 0;
  for (const auto& [name, short_name] : {std::pair{"pending", "pending"},
                                         {"established", "estab"},
                                         {"failing", "failing"},
                                         {"canceled", "canceled"},
                                         {"disconnected", "disc"}}) {
    const json by = by_state.value(name, json::object());
    line += fmt::format(" {} {}", short_name, number<std::uint64_t>(by, "count"));
    retries += number<std::uint64_t>(by, "retries");
  }
  if (retries > 0) line += fmt::format(" retries {}", retries);
  return line + fmt::format(" | target {} failed {}", number<int>(state, "target_outbound"),
                            number<int>(state, "failed_attempts"));
}

bool kept(const kind_filter f, const std::string& kind) {
  switch (f) {
    case kind_filter::all:
      return true;
    case kind_filter::peers:
      return kind == "peer";
    case kind_filter::others:
      return kind != "peer";
  }
  return true;
}

std::vector<std::string> peer_rows(const sample& now, const sample* before, int width,
                                   std::size_t rows) {
  std::map<std::uint64_t, const json*> earlier;
  if (before)
    for (const auto& p : before->peers) earlier[number<std::uint64_t>(p, "id")] = &p;
  const double dt = before ? now.time - before->time : 0;
  std::vector<std::string> out{
      fit(fmt::format("{:>4} {:<28} {:<10} {:>8} {:>9} {:>9} {:>4}", "PEER", "ADDRESS", "TYPE",
                      "PING ms", "IN B/s", "OUT B/s", "BAN"),
          width)};
  for (const auto& p : now.peers) {
    if (out.size() > rows) break;
    const auto id = number<std::uint64_t>(p, "id");
    const json* b = earlier.count(id) ? earlier[id] : nullptr;
    const double in =
        b ? rate(number<double>(p, "bytesrecv"), number<double>(*b, "bytesrecv"), dt) : 0;
    const double outb =
        b ? rate(number<double>(p, "bytessent"), number<double>(*b, "bytessent"), dt) : 0;
    const std::string ping =
        p.contains("pingtime") ? fmt::format("{:.1f}", number<double>(p, "pingtime") * 1000) : "-";
    std::string type = text(p, "connection_type");
    if (type == "outbound-full-relay") type = "outbound";
    out.push_back(
        fit(fmt::format("{:>4} {:<28} {:<10} {:>8} {:>9.0f} {:>9.0f} {:>4}", id, text(p, "addr"),
                        type, ping, in, outb, number<int>(p, "banscore")),
            width));
  }
  return out;
}

std::vector<std::string> actor_table(const std::vector<actor_line>& lines, const view_state& v,
                                     int width, std::size_t rows) {
  // 80 columns: id 5, kind 12, name 21, msg/s 8, busy 6, mailbox 5, messages 9, idle 7.
  std::vector<std::string> out{
      fit(fmt::format("{:>5} {:<12} {:<21} {:>8} {:>6} {:>5} {:>9} {:>7}", "ID", "KIND", "NAME",
                      "MSG/S", "BUSY%", "MBOX", "MESSAGES", "IDLE"),
          width)};
  const std::size_t visible = rows > 0 ? rows - 1 : 0;
  const std::size_t first = v.selected >= visible ? v.selected - visible + 1 : 0;
  for (std::size_t i = first; i < lines.size() && out.size() < rows; ++i) {
    const auto& a = lines[i];
    const std::string idle = a.idle_ms < 0 ? "-" : fmt::format("{:.1f}s", a.idle_ms / 1000.0);
    std::string row = fmt::format("{:>5} {:<12} {:<21} {:>8.1f} {:>6.2f} {:>5} {:>9} {:>7}", a.id,
                                  fit(a.kind, 12), fit(a.name, 21), a.per_second, a.busy_percent,
                                  a.mailbox, a.messages, idle);
    if (i == v.selected) row = select_on + padded(row, width) + select_off;
    out.push_back(i == v.selected ? row : fit(row, width));
  }
  return out;
}

std::vector<std::string> detail_view(const view_state& v, int width, int height) {
  const json& d = *v.detail;
  std::vector<std::string> out;
  out.push_back(
      fit(fmt::format("actor #{} {} {} - {} messages, busy {:.1f} ms, mailbox {} (max {})",
                      number<std::uint64_t>(d, "id"), text(d, "kind"), text(d, "name"),
                      number<std::uint64_t>(d, "messages"), number<double>(d, "busy_us") / 1000,
                      number<int>(d, "mailbox"), number<int>(d, "mailbox_max")),
          width));
  out.push_back(fit(fmt::format("  {:<32} {:>10} {:>10} {:>10}", "MESSAGE TYPE", "MESSAGES",
                                "MEAN us", "BUSY ms"),
                    width));
  auto handlers = d.value("handlers", json::array());
  std::sort(handlers.begin(), handlers.end(), [](const json& a, const json& b) {
    return number<std::uint64_t>(a, "messages") > number<std::uint64_t>(b, "messages");
  });
  for (std::size_t i = 0; i < handlers.size() && i < 8; ++i)
    out.push_back(fit(fmt::format("  {:<32} {:>10} {:>10.1f} {:>10.2f}", text(handlers[i], "type"),
                                  number<std::uint64_t>(handlers[i], "messages"),
                                  number<double>(handlers[i], "mean_us"),
                                  number<double>(handlers[i], "busy_us") / 1000),
                      width));
  std::string latency = "latency:";
  for (const auto& b : d.value("latency", json::array())) {
    const auto us = b["le_us"].is_null() ? 0 : b["le_us"].get<std::uint64_t>();
    const std::string bound = us == 0         ? ">1s"
                              : us >= 1000000 ? fmt::format("{}s", us / 1000000)
                              : us >= 1000    ? fmt::format("{}ms", us / 1000)
                                              : fmt::format("{}us", us);
    latency += fmt::format(" {}:{}", bound, number<std::uint64_t>(b, "count"));
  }
  out.push_back(fit(latency, width));
  std::string senders = "senders:";
  for (const auto& s : d.value("senders", json::array()))
    senders += fmt::format(" {} {}", text(s, "name"), number<std::uint64_t>(s, "messages"));
  out.push_back(fit(senders, width));
  const std::size_t trace_rows =
      v.detail_trace.empty() ? 0 : std::min<std::size_t>(v.detail_trace.size() + 1, 7);
  const std::size_t budget = static_cast<std::size_t>(std::max(height, 0));
  out.push_back("state:");
  std::string state = d.value("state", json::object()).dump(1);
  std::size_t pos = 0;
  while (pos < state.size() && out.size() + trace_rows < budget) {
    const auto end = std::min(state.find('\n', pos), state.size());
    out.push_back(fit("  " + state.substr(pos, end - pos), width));
    pos = end + 1;
  }
  if (trace_rows) {
    out.push_back("recent trace:");
    const std::size_t skip = v.detail_trace.size() - (trace_rows - 1);
    for (std::size_t i = skip; i < v.detail_trace.size(); ++i) {
      const auto& e = v.detail_trace[i];
      out.push_back(fit(fmt::format("  {} {} {} {}", number<std::uint64_t>(e, "seq"),
                                    text(e, "direction"), text(e, "type"), text(e, "summary")),
                        width));
    }
  }
  return out;
}

}  // namespace

std::vector<actor_line> actor_lines(const sample& now, const sample* before, const view_state& v) {
  std::map<std::uint64_t, const json*> earlier;
  if (before)
    for (const auto& a : before->actors) earlier[number<std::uint64_t>(a, "id")] = &a;
  const double dt = before ? now.time - before->time : 0;
  std::vector<actor_line> out;
  for (const auto& a : now.actors) {
    actor_line l{number<std::uint64_t>(a, "id"),
                 text(a, "kind"),
                 text(a, "name"),
                 0,
                 0,
                 number<std::uint64_t>(a, "mailbox"),
                 number<std::uint64_t>(a, "messages"),
                 number<std::int64_t>(a, "idle_ms", -1)};
    if (!kept(v.filter, l.kind)) continue;
    if (auto it = earlier.find(l.id); it != earlier.end()) {
      l.per_second =
          rate(static_cast<double>(l.messages), number<double>(*it->second, "messages"), dt);
      l.busy_percent =
          rate(number<double>(a, "busy_us"), number<double>(*it->second, "busy_us"), dt) / 1e4;
    }
    out.push_back(std::move(l));
  }
  auto key = [&v](const actor_line& l) {
    switch (v.sort) {
      case sort_order::load:
        return std::make_tuple(-l.busy_percent, -l.per_second, l.id);
      case sort_order::messages:
        return std::make_tuple(-static_cast<double>(l.messages), 0.0, l.id);
      case sort_order::mailbox:
        return std::make_tuple(-static_cast<double>(l.mailbox), 0.0, l.id);
      case sort_order::id:
        break;
    }
    return std::make_tuple(0.0, 0.0, l.id);
  };
  std::stable_sort(out.begin(), out.end(),
                   [&](const actor_line& a, const actor_line& b) { return key(a) < key(b); });
  return out;
}

std::vector<std::string> render(const sample& now, const sample* before, const view_state& v,
                                int width, int height) {
  std::vector<std::string> out{fit(header(now, v), width)};
  const std::string keys =
      v.detail ? "esc back  t trace  q quit"
               : "j/k select enter details t trace f filter s sort d drop b ban c connect q quit";
  const std::string bottom = !v.prompt.empty() ? v.prompt + v.input : keys;
  const std::size_t body = static_cast<std::size_t>(std::max(height - 2, 1));
  std::vector<std::string> lines;
  if (v.detail) {
    lines = detail_view(v, width, static_cast<int>(body));
  } else {
    lines.push_back(fit(requests_line(now), width));
    lines.push_back(fit(v.message, width));
    const std::size_t space = body > lines.size() ? body - lines.size() : 0;
    const std::size_t peer_area =
        now.peers.empty() ? 0 : std::min(now.peers.size() + 1, std::max<std::size_t>(2, space / 3));
    const auto actors = actor_table(actor_lines(now, before, v), v, width,
                                    space > peer_area ? space - peer_area : 1);
    lines.insert(lines.end(), actors.begin(), actors.end());
    if (peer_area) {
      const auto peers = peer_rows(now, before, width, peer_area - 1);
      lines.insert(lines.end(), peers.begin(), peers.end());
    }
  }
  lines.resize(body);
  out.insert(out.end(), lines.begin(), lines.end());
  out.push_back(fit(bottom, width));
  return out;
}

}  // namespace btcnet::inspect
