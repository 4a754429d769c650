// A plot of a btcnet-sim result as a standalone SVG image (no plotting library needed to look at
// a run): the share of nodes at their outbound target, the mean outbound count as a share of the
// target, and the reach of each tracked address, over simulated time; steps drawn as markers.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace btcnet::sim {

std::string plot_svg(const nlohmann::json& result);

}  // namespace btcnet::sim
