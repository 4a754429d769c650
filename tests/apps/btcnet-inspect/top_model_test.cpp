// The interactive view's screen from samples: it fits 80x24, rates come from two samples, rows
// follow the filter and sort order, the selected row is highlighted, peers and details show.
#include "apps/btcnet-inspect/top_model.hpp"

#include <gtest/gtest.h>

namespace btcnet::inspect {
namespace {

using nlohmann::json;

// Visible width: escape sequences take no columns.
std::size_t visible_width(const std::string& line) {
  std::size_t w = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\x1b') {
      while (i < line.size() && line[i] != 'm') ++i;
      continue;
    }
    ++w;
  }
  return w;
}

json actor(std::uint64_t id, const std::string& kind, const std::string& name,
           std::uint64_t messages, std::uint64_t busy_us, std::uint64_t mailbox = 0) {
  return {{"id", id},         {"kind", kind},       {"name", name},
          {"messages", messages}, {"busy_us", busy_us}, {"mailbox", mailbox},
          {"idle_ms", 500}};
}

sample make_sample(double time, std::uint64_t scale) {
  sample s;
  s.time = time;
  s.uptime = 3725;
  s.network = {{"connections_in", 1}, {"connections_out", 1}, {"subversion", "/btcnet:0.1.0/"}};
  s.actors = json::array({actor(1, "conn_manager", "conn_manager", 10 * scale, 1000 * scale),
                          actor(2, "server", "server", 100 * scale, 200000 * scale, 3),
                          actor(3, "peer", "127.0.0.1:40001", 50 * scale, 10 * scale)});
  for (std::uint64_t i = 0; i < 30; ++i)  // more actors than fit
    s.actors.push_back(actor(10 + i, "peer", "127.0.0.1:" + std::to_string(41000 + i), i, 0));
  s.peers = json::array({{{"id", 1},
                          {"addr", "127.0.0.1:40001"},
                          {"connection_type", "inbound"},
                          {"pingtime", 0.0123},
                          {"bytesrecv", 1000 * scale},
                          {"bytessent", 500 * scale},
                          {"banscore", 10}}});
  s.conn_manager = {{"state",
                     {{"by_state", {{"established", {{"count", 1}, {"retries", 0}}},
                                    {"pending", {{"count", 2}, {"retries", 5}}}}},
                      {"target_outbound", 8},
                      {"failed_attempts", 0}}}};
  return s;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

TEST(TopModel, FitsTheTerminal) {
  const auto before = make_sample(0, 1), now = make_sample(2, 3);
  view_state v;
  v.node_label = "regtest 127.0.0.1:18334";
  for (auto [w, h] : {std::pair{80, 24}, {120, 40}, {40, 10}}) {
    const auto lines = render(now, &before, v, w, h);
    EXPECT_EQ(lines.size(), static_cast<std::size_t>(h));
    for (const auto& l : lines) EXPECT_LE(visible_width(l), static_cast<std::size_t>(w)) << l;
  }
  const auto text = joined(render(now, &before, v, 80, 24));
  EXPECT_NE(text.find("regtest 127.0.0.1:18334"), std::string::npos);
  EXPECT_NE(text.find("up 1h02m"), std::string::npos) << text;
  EXPECT_NE(text.find("KIND"), std::string::npos);
  EXPECT_NE(text.find("pending 2 estab 1"), std::string::npos) << text;
  EXPECT_NE(text.find("retries 5"), std::string::npos) << text;
  EXPECT_NE(text.find("q quit"), std::string::npos);
}

TEST(TopModel, RatesComeFromTwoSamplesAndTheBusiestIsFirst) {
  const auto before = make_sample(0, 1), now = make_sample(2, 3);
  view_state v;
  const auto lines = actor_lines(now, &before, v);
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines[0].kind, "server");  // 400 ms busy in 2 s
  EXPECT_DOUBLE_EQ(lines[0].per_second, 100.0);  // 100 -> 300 messages in 2 s
  EXPECT_DOUBLE_EQ(lines[0].busy_percent, 20.0);
  EXPECT_EQ(lines[0].mailbox, 3u);
  EXPECT_EQ(actor_lines(now, nullptr, v)[0].per_second, 0.0);  // one sample: no rate yet
}

TEST(TopModel, FilterAndSortOrder) {
  const auto now = make_sample(2, 3);
  view_state v;
  v.filter = kind_filter::peers;
  for (const auto& l : actor_lines(now, nullptr, v)) EXPECT_EQ(l.kind, "peer");
  v.filter = kind_filter::others;
  EXPECT_EQ(actor_lines(now, nullptr, v).size(), 2u);
  v.filter = kind_filter::all;
  v.sort = sort_order::messages;
  EXPECT_EQ(actor_lines(now, nullptr, v)[0].id, 2u);
  v.sort = sort_order::id;
  EXPECT_EQ(actor_lines(now, nullptr, v)[0].id, 1u);
}

TEST(TopModel, TheSelectedRowIsHighlightedAndScrolledIntoView) {
  const auto now = make_sample(2, 3);
  view_state v;
  v.sort = sort_order::id;
  v.selected = 25;
  const auto lines = render(now, nullptr, v, 80, 24);
  int highlighted = 0;
  for (const auto& l : lines)
    if (l.find("\x1b[7m") != std::string::npos) {
      ++highlighted;
      EXPECT_NE(l.find("127.0.0.1:41022"), std::string::npos) << l;  // the 26th actor by id
    }
  EXPECT_EQ(highlighted, 1);
}

TEST(TopModel, PeersShowPingRatesAndBanScore) {
  const auto before = make_sample(0, 1), now = make_sample(2, 3);
  const auto text = joined(render(now, &before, view_state{}, 80, 24));
  EXPECT_NE(text.find("127.0.0.1:40001"), std::string::npos);
  EXPECT_NE(text.find("12.3"), std::string::npos) << text;   // ping in ms
  EXPECT_NE(text.find("1000"), std::string::npos) << text;   // 2000 bytes in 2 s
  EXPECT_NE(text.find("   10"), std::string::npos) << text;  // ban score
}

TEST(TopModel, DetailsShowHandlersStateAndTrace) {
  const auto now = make_sample(2, 3);
  view_state v;
  v.detail = json{{"id", 2},
                  {"kind", "server"},
                  {"name", "server"},
                  {"messages", 300},
                  {"handlers", json::array({{{"type", "peer_added"}, {"messages", 7}, {"mean_us", 12.5}, {"busy_us", 87}}})},
                  {"latency", json::array({{{"le_us", 1}, {"count", 3}}, {{"le_us", nullptr}, {"count", 0}}})},
                  {"senders", json::array({{{"name", "conn_manager"}, {"messages", 4}}})},
                  {"state", {{"inbound", 1}, {"outbound", 2}}}};
  v.detail_trace = json::array({{{"seq", 9}, {"direction", "message"}, {"type", "peer_added"}, {"summary", "x"}}});
  const auto text = joined(render(now, nullptr, v, 80, 24));
  EXPECT_NE(text.find("actor #2 server"), std::string::npos) << text;
  EXPECT_NE(text.find("peer_added"), std::string::npos);
  EXPECT_NE(text.find("1us:3"), std::string::npos) << text;
  EXPECT_NE(text.find("conn_manager 4"), std::string::npos);
  EXPECT_NE(text.find("\"outbound\": 2"), std::string::npos) << text;
  EXPECT_NE(text.find("9 message peer_added"), std::string::npos) << text;
  EXPECT_NE(text.find("esc back"), std::string::npos);
}

}  // namespace
}  // namespace btcnet::inspect
