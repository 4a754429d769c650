// What happens during a simulated run: a list of timed steps applied to a simulation, and the
// series sampled from it. Built-in scenarios are canned step lists; a JSON file gives any other:
//   {"hold_back": 1,
//    "adversaries": [{"kind": "eclipse", "count": 50, "targets": "victim", "in_seed": false}],
//    "steps": [{"at": "20m", "do": "join", "nodes": 1, "track": true},
//              {"at": "25m", "do": "leave", "nodes": 5},
//              {"at": "30m", "do": "partition", "sides": 2},
//              {"at": "45m", "do": "heal"}]}
// hold_back nodes stay down until a "join" brings them up (the last ones first); "track" follows
// how far the joiner's own address spreads; "leave" stops that many running nodes (drawn from the
// run's seed, never node 0) for good; "partition" splits the nodes into `sides` groups
// (node i on side i % sides). Adversaries (adversary.hpp) are up from the start; "targets" is
// "victim" (node 0), "all" or "none", attacked once every node is up; "in_seed" lets the DNS
// seed hand them out. With adversaries, the series also follows the victim (node 0): the share of
// its outbound peers and of its tried table that are adversaries.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tools/sim/simulation.hpp"

namespace btcnet::sim {

struct step {
  caf::timespan at{};
  std::string action;  // join, leave, partition, heal
  std::size_t count = 1;
  bool track = false;
};

struct adversary_group {
  adversary_kind kind = adversary_kind::silent;
  std::size_t count = 0;
  std::string targets = "none";  // victim, all, none
  bool in_seed = false;
};

struct scenario {
  std::string name;
  std::size_t hold_back = 0;
  std::vector<step> steps;
  std::vector<adversary_group> adversaries;
};

// "30s", "10m", "2h", "1500ms"; nullopt when malformed.
std::optional<caf::timespan> parse_duration(const std::string& text);
// A built-in (bootstrap, propagation, partition, churn, eclipse, spam, silent; timed as shares of
// `duration`, churn's rounds sized by `nodes`) or a JSON file.
// Throws std::runtime_error with a clear message on a bad name or file.
scenario load_scenario(const std::string& name_or_file, caf::timespan duration, std::size_t nodes);

// Runs `sc` for `duration`, sampling every `every`; returns the result document (deterministic:
// virtual times and counts only).
nlohmann::json run_scenario(simulation& sim, const scenario& sc, caf::timespan duration,
                            caf::timespan every);

}  // namespace btcnet::sim
