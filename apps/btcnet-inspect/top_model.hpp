// The interactive view's content, built from two samples of the node (for rates) and drawn into
// lines of text: a header, the conn manager's requests by state, the actors sorted by load, the
// peers, and a key line — or one actor's details. Pure: the terminal loop feeds it.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace btcnet::inspect {

// What the node said at one moment.
struct sample {
  double time = 0;              // seconds, any monotonic origin
  nlohmann::json network;       // getnetworkinfo
  nlohmann::json actors;        // listactors
  nlohmann::json peers;         // getpeerinfo
  nlohmann::json conn_manager;  // listactors conn_manager true, first entry (or null)
  std::int64_t uptime = 0;
  bool tracing = false;
};

enum class sort_order { load, messages, mailbox, id };
enum class kind_filter { all, peers, others };

struct view_state {
  std::size_t selected = 0;  // row in the actor list
  sort_order sort = sort_order::load;
  kind_filter filter = kind_filter::all;
  std::string node_label;  // how we reached the node ("regtest 127.0.0.1:18334")
  std::string message;     // the last action's result
  std::string prompt;      // non-empty while reading a line (connect)
  std::string input;
  std::optional<nlohmann::json> detail;  // getactorinfo of the actor being looked at
  nlohmann::json detail_trace = nlohmann::json::array();
};

struct actor_line {
  std::uint64_t id = 0;
  std::string kind, name;
  double per_second = 0;
  double busy_percent = 0;
  std::uint64_t mailbox = 0;
  std::uint64_t messages = 0;
  std::int64_t idle_ms = -1;
};

// The actor rows in the view's order and filter, with rates from `before` (may be null).
std::vector<actor_line> actor_lines(const sample& now, const sample* before, const view_state& v);

// The whole screen, `height` lines at most, each at most `width` columns.
std::vector<std::string> render(const sample& now, const sample* before, const view_state& v,
                                int width, int height);

}  // namespace btcnet::inspect
