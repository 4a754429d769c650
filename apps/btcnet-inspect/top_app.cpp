#include "apps/btcnet-inspect/top_app.hpp"

#include <chrono>
#include <limits>

#include "apps/btcnet-inspect/terminal.hpp"
#include "apps/btcnet-inspect/top_model.hpp"

namespace btcnet::inspect {

using nlohmann::json;

namespace {

double seconds_now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

sample take_sample(node_client& node) {
  sample s;
  s.time = seconds_now();
  s.network = node.call("getnetworkinfo");
  s.actors = node.call("listactors");
  s.peers = node.call("getpeerinfo");
  const json cm = node.call("listactors", {"conn_manager", true});
  s.conn_manager = cm.empty() ? json() : cm.front();
  s.uptime = node.call("uptime").get<std::int64_t>();
  const json tail = {{"since", std::numeric_limits<std::int64_t>::max()}, {"max", 1}};
  s.tracing = node.call("trace", {"read", tail}).value("enabled", false);
  return s;
}

class top_app {
 public:
  top_app(node_client& node, const inspect_options& o) : node_(node), options_(o) {
    view_.node_label =
        std::string(params::params_for(o.node.network).name) + " " + node.host_port();
  }

  int run() {
    terminal term;
    auto next = std::chrono::steady_clock::now();
    while (!quit_requested() && !done_) {
      if (std::chrono::steady_clock::now() >= next) {
        refresh();
        next = std::chrono::steady_clock::now() +
               std::chrono::milliseconds(static_cast<int>(options_.refresh_seconds * 1000));
      }
      const auto [width, height] = term.size();
      if (now_) term.draw(render(*now_, before_ ? &*before_ : nullptr, view_, width, height));
      const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(
          next - std::chrono::steady_clock::now());
      if (auto k = term.read_key(std::max(wait, std::chrono::milliseconds(0)))) on_key(*k);
    }
    return 0;
  }

 private:
  void refresh() {
    try {
      auto s = take_sample(node_);
      if (now_) before_ = std::move(now_);
      now_ = std::move(s);
      if (view_.detail) open_detail(view_.detail->value("id", std::uint64_t{0}));
    } catch (const call_error& e) {
      view_.message = std::string("node unreachable: ") + e.what();
      if (!now_) now_ = sample{};
    }
  }

  std::vector<actor_line> lines() const {
    return now_ ? actor_lines(*now_, before_ ? &*before_ : nullptr, view_)
                : std::vector<actor_line>{};
  }

  std::optional<actor_line> selected() const {
    auto all = lines();
    if (view_.selected >= all.size()) return std::nullopt;
    return all[view_.selected];
  }

  void open_detail(std::uint64_t id) {
    view_.detail = node_.call("getactorinfo", {id});
    view_.detail_trace = json::array();
    if (!now_ || !now_->tracing) return;
    json filter = {{"max", 1000}};
    const std::string kind = view_.detail->value("kind", "");
    if (kind == "peer")
      filter["peer"] = view_.detail->value("name", "");
    else
      filter["kinds"] = json::array({kind});
    view_.detail_trace = node_.call("trace", {"read", filter}).value("events", json::array());
  }

  void act(const std::string& what, const std::string& method, const json& params) {
    try {
      node_.call(method, params);
      view_.message = what;
    } catch (const call_error& e) {
      view_.message = what + " failed: " + e.what();
    }
  }

  void on_prompt_key(const key& k) {
    if (k.code == key_code::escape) {
      view_.prompt.clear();
    } else if (k.code == key_code::backspace) {
      if (!view_.input.empty()) view_.input.pop_back();
    } else if (k.code == key_code::enter) {
      if (!view_.input.empty())
        act("connecting to " + view_.input, "addnode", {view_.input, "onetry"});
      view_.prompt.clear();
    } else if (k.code == key_code::character && k.ch >= 32) {
      view_.input += k.ch;
    }
  }

  void on_peer_action(char c) {
    const auto a = selected();
    if (!a || a->kind != "peer") {
      view_.message = "select a peer first";
      return;
    }
    if (c == 'd') return act("disconnected " + a->name, "disconnectnode", {a->name});
    const auto host = a->name.substr(0, a->name.rfind(':'));
    const auto bare =
        host.size() > 1 && host.front() == '[' ? host.substr(1, host.size() - 2) : host;
    act("banned " + bare, "setban", {bare, "add"});
  }

  void on_key(const key& k) {
    if (!view_.prompt.empty()) return on_prompt_key(k);
    const std::size_t count = lines().size();
    if (k.code == key_code::character && k.ch == 'q') {
      done_ = true;
    } else if (k.code == key_code::down || (k.code == key_code::character && k.ch == 'j')) {
      if (view_.selected + 1 < count) ++view_.selected;
    } else if (k.code == key_code::up || (k.code == key_code::character && k.ch == 'k')) {
      if (view_.selected > 0) --view_.selected;
    } else if (k.code == key_code::enter && !view_.detail) {
      if (const auto a = selected()) open_detail(a->id);
    } else if (k.code == key_code::escape || k.code == key_code::backspace) {
      view_.detail.reset();
    } else if (k.code == key_code::character) {
      on_command(k.ch);
    }
  }

  void on_command(char c) {
    switch (c) {
      case 't':
        act(now_ && now_->tracing ? "trace stopped" : "trace started", "trace",
            {now_ && now_->tracing ? "stop" : "start"});
        return refresh();
      case 'f':
        view_.filter = static_cast<kind_filter>((static_cast<int>(view_.filter) + 1) % 3);
        view_.selected = 0;
        return;
      case 's':
        view_.sort = static_cast<sort_order>((static_cast<int>(view_.sort) + 1) % 4);
        return;
      case 'd':
      case 'b':
        return on_peer_action(c);
      case 'c':
        view_.prompt = "connect to (host:port): ";
        view_.input.clear();
        return;
      default:
        return;
    }
  }

  node_client& node_;
  const inspect_options& options_;
  view_state view_;
  std::optional<sample> now_, before_;
  bool done_ = false;
};

}  // namespace

int run_top(node_client& node, const inspect_options& o) {
  return top_app(node, o).run();
}

}  // namespace btcnet::inspect
