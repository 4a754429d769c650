#include "tools/sim/scenario.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <random>
#include <stdexcept>

namespace btcnet::sim {
namespace {

using nlohmann::json;

double seconds(caf::timespan t) {
  return std::chrono::duration<double>(t).count();
}

// Churn: a fifth of the nodes wait; in four rounds a twentieth of the nodes leave and as many of
// the waiting ones join.
scenario churn(caf::timespan d, std::size_t nodes) {
  const std::size_t round = std::max<std::size_t>(nodes / 20, 1);
  scenario sc{"churn", 4 * round, {}, {}};
  for (int k = 1; k <= 4; ++k) {
    sc.steps.push_back({d * k / 5, "leave", round, false});
    sc.steps.push_back({d * k / 5, "join", round, false});
  }
  return sc;
}

scenario builtin(const std::string& name, caf::timespan d, std::size_t nodes) {
  if (name == "bootstrap") return {name, 0, {}, {}};
  if (name == "churn") return churn(d, nodes);
  if (name == "propagation") return {name, 1, {{d / 2, "join", 1, true}}, {}};
  if (name == "partition")
    return {name, 0, {{d / 3, "partition", 2, false}, {2 * d / 3, "heal", 1, false}}, {}};
  if (name == "eclipse") return {name, 0, {}, {{adversary_kind::eclipse, 50, "victim", false}}};
  if (name == "spam") return {name, 0, {}, {{adversary_kind::addr_spammer, 10, "all", false}}};
  if (name == "silent") return {name, 0, {}, {{adversary_kind::silent, 50, "none", true}}};
  throw std::runtime_error("unknown scenario '" + name +
                           "' (bootstrap, propagation, partition, churn, eclipse, spam, silent, "
                           "or a JSON file)");
}

scenario from_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read scenario file '" + path + "'");
  const json doc = json::parse(in, nullptr, false);
  if (doc.is_discarded() || !doc.is_object())
    throw std::runtime_error("scenario file '" + path + "' is not a JSON object");
  scenario sc{path, doc.value("hold_back", std::size_t{0}), {}, {}};
  for (const auto& a : doc.value("adversaries", json::array())) {
    const auto kind = adversary_kind_named(a.value("kind", ""));
    const std::string targets = a.value("targets", "none");
    if (!kind || (targets != "victim" && targets != "all" && targets != "none"))
      throw std::runtime_error("scenario file '" + path + "': bad adversaries " + a.dump());
    sc.adversaries.push_back(
        {*kind, a.value("count", std::size_t{1}), targets, a.value("in_seed", false)});
  }
  for (const auto& s : doc.value("steps", json::array())) {
    const auto at = parse_duration(s.value("at", ""));
    const std::string action = s.value("do", "");
    if (!at || (action != "join" && action != "leave" && action != "partition" && action != "heal"))
      throw std::runtime_error("scenario file '" + path + "': bad step " + s.dump());
    sc.steps.push_back(
        {*at, action, s.value("nodes", s.value("sides", std::size_t{1})), s.value("track", false)});
  }
  return sc;
}

struct tracked {
  wire::endpoint where;
  double since = 0;
  std::map<int, double> reached;  // percent -> seconds after the join
};

json describe(const std::vector<node_sample>& nodes, const simulation& sim,
              const std::vector<tracked>& tracks, const std::vector<std::vector<bool>>& known,
              double t) {
  std::size_t up = 0, at_target = 0;
  double outbound = 0, inbound = 0, fresh = 0, tried = 0;
  std::uint32_t lowest = UINT32_MAX;
  const std::uint32_t target = sim.options().target_outbound;
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    if (!sim.started(i)) continue;
    ++up;
    const auto& n = nodes[i];
    outbound += n.outbound;
    inbound += n.inbound;
    fresh += static_cast<double>(n.new_entries);
    tried += static_cast<double>(n.tried_entries);
    lowest = std::min(lowest, n.outbound);
    // A node can reach its target only when there are that many others.
    if (n.outbound >= std::min<std::size_t>(target, sim.size() - 1)) ++at_target;
  }
  const double n = static_cast<double>(std::max<std::size_t>(up, 1));
  json row{{"t", t},
           {"nodes_up", up},
           {"outbound_mean", outbound / n},
           {"outbound_min", up ? lowest : 0},
           {"at_target", static_cast<double>(at_target) / n},
           {"inbound_mean", inbound / n},
           {"new_mean", fresh / n},
           {"tried_mean", tried / n}};
  for (std::size_t k = 0; k < tracks.size(); ++k)
    row["reach_" + std::to_string(k)] =
        static_cast<double>(std::count(known[k].begin(), known[k].end(), true)) / n;
  return row;
}

// The victim (node 0) under attack: how much of its outbound set and tried table is adversaries.
void follow_victim(simulation& sim, const node_sample& victim,
                   const std::vector<wire::endpoint>& adversaries, json& row) {
  if (!sim.started(0)) return;
  const auto outbound = sim.outbound_peers(0);
  const auto held = std::count_if(outbound.begin(), outbound.end(), [&](const auto& e) {
    return std::find(adversaries.begin(), adversaries.end(), e) != adversaries.end();
  });
  row["victim_outbound_adversaries"] =
      outbound.empty() ? 0.0 : static_cast<double>(held) / static_cast<double>(outbound.size());
  const auto tried = sim.tried_among(0, adversaries);
  row["victim_tried_adversaries"] =
      victim.tried_entries == 0
          ? 0.0
          : static_cast<double>(tried) / static_cast<double>(victim.tried_entries);
}

// `count` running nodes leave, drawn from the run's seed; node 0 (the victim, the observer) stays.
void leave(simulation& sim, std::size_t count, std::mt19937_64& draw) {
  std::vector<std::size_t> up;
  for (std::size_t i = 1; i < sim.size(); ++i)
    if (sim.started(i) && !sim.leaving(i)) up.push_back(i);
  for (std::size_t k = 0; k < count && !up.empty(); ++k) {
    const std::size_t pick = draw() % up.size();
    sim.stop_at(up[pick], sim.now());
    up[pick] = up.back();
    up.pop_back();
  }
}

}  // namespace

std::optional<caf::timespan> parse_duration(const std::string& text) {
  std::size_t used = 0;
  long long value = 0;
  try {
    value = std::stoll(text, &used);
  } catch (const std::exception&) {
    return std::nullopt;
  }
  if (value < 0) return std::nullopt;
  const std::string unit = text.substr(used);
  if (unit == "ms") return std::chrono::milliseconds(value);
  if (unit == "s") return std::chrono::seconds(value);
  if (unit == "m") return std::chrono::minutes(value);
  if (unit == "h") return std::chrono::hours(value);
  return std::nullopt;
}

scenario load_scenario(const std::string& name_or_file, caf::timespan duration, std::size_t nodes) {
  if (name_or_file.find('/') != std::string::npos || name_or_file.ends_with(".json"))
    return from_file(name_or_file);
  return builtin(name_or_file, duration, nodes);
}

json run_scenario(simulation& sim, const scenario& sc, caf::timespan duration,
                  caf::timespan every) {
  std::vector<step> steps = sc.steps;
  std::stable_sort(steps.begin(), steps.end(),
                   [](const step& a, const step& b) { return a.at < b.at; });
  std::size_t next_step = 0, next_joiner = sim.size() - std::min(sc.hold_back, sim.size());
  std::vector<tracked> tracks;
  json series = json::array(), events = json::array();
  std::vector<wire::endpoint> adversaries;
  std::mt19937_64 leavers(sim.options().seed ^ 0x6c6561766572ull);  // "leaver"
  const auto attack_time = sim.now() + sim.options().start_spread + std::chrono::seconds(1);
  for (const auto& g : sc.adversaries) {
    const auto added = sim.add_adversaries(g.kind, g.count, g.in_seed);
    adversaries.insert(adversaries.end(), added.begin(), added.end());
    const std::size_t victims = g.targets == "all" ? sim.size() : g.targets == "victim" ? 1 : 0;
    for (const auto& a : added)
      for (std::size_t i = 0; i < victims; ++i) sim.attack_at(a, i, attack_time);
  }
  for (caf::timespan t{0}; t <= duration; t += every) {
    for (; next_step < steps.size() && steps[next_step].at <= t; ++next_step) {
      const step& s = steps[next_step];
      events.push_back({{"t", seconds(s.at)}, {"do", s.action}, {"count", s.count}});
      if (s.action == "join") {
        for (std::size_t k = 0; k < s.count && next_joiner < sim.size(); ++k, ++next_joiner) {
          sim.start_at(next_joiner, sim.now());
          if (s.track) tracks.push_back({sim.address(next_joiner), seconds(t), {}});
        }
      } else if (s.action == "leave") {
        leave(sim, s.count, leavers);
      } else if (s.action == "partition") {
        const std::size_t sides = std::max<std::size_t>(s.count, 1);
        std::map<wire::endpoint, int> side;
        for (std::size_t i = 0; i < sim.size(); ++i)
          side[sim.address(i)] = static_cast<int>(i % sides);
        sim.network().partition([side = std::move(side)](const wire::endpoint& e) {
          auto key = e;
          key.port = 8333;
          auto it = side.find(key);
          return it == side.end() ? -1 : it->second;
        });
      } else {
        sim.network().heal();
      }
    }
    std::vector<std::vector<bool>> known;
    for (auto& tr : tracks) {
      std::vector<bool> k;
      for (const auto& place : sim.find(tr.where)) k.push_back(place.known);
      known.push_back(std::move(k));
      const double reach =
          static_cast<double>(std::count(known.back().begin(), known.back().end(), true));
      std::size_t up = 0;
      for (std::size_t i = 0; i < sim.size(); ++i) up += sim.started(i);
      for (int pct : {50, 90, 99})
        if (!tr.reached.count(pct) && reach * 100 >= pct * static_cast<double>(up - 1))
          tr.reached[pct] = seconds(t) - tr.since;
    }
    const auto nodes = sim.sample();
    json row = describe(nodes, sim, tracks, known, seconds(t));
    if (!adversaries.empty()) follow_victim(sim, nodes[0], adversaries, row);
    series.push_back(std::move(row));
    if (t + every <= duration) sim.run_for(every);
  }
  json propagation = json::array();
  for (const auto& tr : tracks) {
    json reached = json::object();
    for (int pct : {50, 90, 99})
      reached[std::to_string(pct)] = tr.reached.count(pct) ? json(tr.reached.at(pct)) : json();
    propagation.push_back({{"address", tr.where.to_string()},
                           {"joined_at", tr.since},
                           {"seconds_to_reach_percent", reached}});
  }
  const auto& ns = sim.network().stats();
  return {{"scenario", sc.name},
          {"adversaries", adversaries.size()},
          {"nodes", sim.size()},
          {"seed", sim.options().seed},
          {"target_outbound", sim.options().target_outbound},
          {"duration_s", seconds(duration)},
          {"sample_every_s", seconds(every)},
          {"events", events},
          {"series", series},
          {"propagation", propagation},
          {"network",
           {{"dials", ns.dials},
            {"dials_failed", ns.dials_failed},
            {"links_opened", ns.links_opened},
            {"links_open", ns.links_open},
            {"frames", ns.frames},
            {"bytes", ns.bytes}}}};
}

}  // namespace btcnet::sim
