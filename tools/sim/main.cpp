// btcnet-sim: thousands of real btcnet nodes on a simulated internet in one process, in virtual
// time. Prints the run's result (a JSON document; the same seed gives the same bytes) and, with
// --svg, a plot of it. Wall time and memory go to stderr, since they differ between runs.
//   btcnet-sim --nodes 1000 --seed 7 --duration 2h --scenario propagation --out run.json
#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <fstream>
#include <iostream>

#include "tools/sim/scenario.hpp"
#include "tools/sim/svg_plot.hpp"

using namespace btcnet;

namespace {

caf::timespan duration_option(const std::string& text, const char* flag) {
  auto d = sim::parse_duration(text);
  if (!d || d->count() <= 0)
    throw CLI::ValidationError(flag, "'" + text + "' is not a duration like 30s, 10m or 2h");
  return *d;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"btcnet-sim: many btcnet nodes on a simulated network, in virtual time"};
  sim::sim_options o;
  std::string duration_text = "10m", every_text = "30s", scenario_name = "bootstrap";
  std::string out_path, svg_path;
  app.add_option("--nodes", o.nodes, "Number of nodes")->check(CLI::Range(2, 100000));
  app.add_option("--seed", o.seed, "Seed of every random choice (same seed, same result)");
  app.add_option("--duration", duration_text, "Simulated time, e.g. 10m, 2h");
  app.add_option("--sample-every", every_text, "Sampling interval in simulated time");
  app.add_option("--scenario", scenario_name,
                 "bootstrap, propagation, partition, churn, eclipse, spam, silent, or a scenario "
                 "JSON file");
  app.add_option("--outbound", o.target_outbound, "Outbound target per node")
      ->check(CLI::Range(1, 64));
  app.add_option("--maxpeers", o.max_peers, "Maximum peers per node")->check(CLI::Range(2, 10000));
  app.add_option("--groups", o.groups, "/16 groups the nodes spread over (0: one per node)");
  app.add_option("--loss", o.link.loss, "Per-frame loss (retransmission) probability")
      ->check(CLI::Range(0.0, 0.9));
  app.add_option("--log-level", o.log_level, "Every node's log level (btcd --debuglevel)");
  app.add_option("--out", out_path, "Write the result here instead of stdout");
  app.add_option("--svg", svg_path, "Also write a plot of the run (SVG)");
  CLI11_PARSE(app, argc, argv);

  try {
    const auto duration = duration_option(duration_text, "--duration");
    const auto every = duration_option(every_text, "--sample-every");
    const auto sc = sim::load_scenario(scenario_name, duration, o.nodes);
    if (sc.hold_back >= o.nodes) throw std::runtime_error("the scenario holds back every node");
    o.start_first = o.nodes - sc.hold_back;
    const auto wall_start = std::chrono::steady_clock::now();
    sim::simulation s(o);
    const auto result = sim::run_scenario(s, sc, duration, every);
    const double wall =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    std::cerr << "btcnet-sim: " << o.nodes << " nodes, " << duration_text << " simulated in "
              << wall << " s wall; peak RSS " << usage.ru_maxrss << " KiB ("
              << usage.ru_maxrss * 1024 / static_cast<long>(o.nodes) << " B per node)\n";
    const std::string text = result.dump(1) + "\n";
    if (out_path.empty()) {
      std::cout << text;
    } else if (!(std::ofstream(out_path) << text)) {
      throw std::runtime_error("cannot write '" + out_path + "'");
    }
    if (!svg_path.empty() && !(std::ofstream(svg_path) << sim::plot_svg(result)))
      throw std::runtime_error("cannot write '" + svg_path + "'");
  } catch (const std::exception& e) {
    std::cerr << "btcnet-sim: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
