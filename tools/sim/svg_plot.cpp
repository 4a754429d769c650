#include "tools/sim/svg_plot.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

namespace btcnet::sim {
namespace {

constexpr double width = 900, height = 420, left = 60, right = 280, top = 40, bottom = 50;
constexpr double plot_w = width - left - right, plot_h = height - top - bottom;

struct line {
  std::string label;
  std::string color;
  std::vector<std::pair<double, double>> points;  // (t seconds, value 0..1)
};

std::string polyline(const line& l, double t_max) {
  std::string pts;
  for (auto [t, v] : l.points)
    pts += fmt::format("{:.1f},{:.1f} ", left + plot_w * t / t_max,
                       top + plot_h * (1 - std::clamp(v, 0.0, 1.0)));
  return fmt::format(R"(<polyline fill="none" stroke="{}" stroke-width="2" points="{}"/>)", l.color,
                     pts);
}

}  // namespace

std::string plot_svg(const nlohmann::json& result) {
  const auto& series = result.at("series");
  const double t_max = std::max(1.0, series.empty() ? 1.0 : series.back().at("t").get<double>());
  const double target = result.at("target_outbound").get<double>();
  std::vector<line> lines{{"nodes at outbound target", "#1f77b4", {}},
                          {"mean outbound / target", "#ff7f0e", {}}};
  const char* reach_colors[] = {"#2ca02c", "#d62728", "#9467bd", "#8c564b"};
  for (std::size_t k = 0; k < result.at("propagation").size(); ++k)
    lines.push_back({"reach of " + result["propagation"][k].at("address").get<std::string>(),
                     reach_colors[k % 4],
                     {}});
  const std::size_t reach_lines = lines.size();
  if (result.value("adversaries", 0) > 0) {
    lines.push_back({"victim's outbound held by adversaries", "#e377c2", {}});
    lines.push_back({"victim's tried table held by adversaries", "#7f7f7f", {}});
  }
  for (const auto& row : series) {
    const double t = row.at("t");
    lines[0].points.emplace_back(t, row.at("at_target").get<double>());
    lines[1].points.emplace_back(t, row.at("outbound_mean").get<double>() / target);
    for (std::size_t k = 2; k < reach_lines; ++k)
      if (auto key = "reach_" + std::to_string(k - 2); row.contains(key))
        lines[k].points.emplace_back(t, row.at(key).get<double>());
    if (row.contains("victim_outbound_adversaries")) {
      lines[reach_lines].points.emplace_back(t, row["victim_outbound_adversaries"].get<double>());
      lines[reach_lines + 1].points.emplace_back(t, row["victim_tried_adversaries"].get<double>());
    }
  }

  std::string svg = fmt::format(
      R"(<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" font-family="sans-serif" font-size="12">)"
      "\n"
      R"(<rect width="100%" height="100%" fill="white"/>)"
      "\n"
      R"(<text x="{}" y="22" font-size="14">btcnet-sim: {} nodes, scenario {}, seed {}</text>)"
      "\n",
      width, height, left, result.at("nodes").get<std::size_t>(),
      result.at("scenario").get<std::string>(), result.at("seed").get<std::uint64_t>());
  for (int i = 0; i <= 4; ++i) {  // horizontal grid: 0, 25, 50, 75, 100 %
    const double y = top + plot_h * (1 - i / 4.0);
    svg += fmt::format(
        R"(<line x1="{}" y1="{:.1f}" x2="{}" y2="{:.1f}" stroke="#ddd"/><text x="{}" y="{:.1f}" text-anchor="end">{}%</text>)"
        "\n",
        left, y, left + plot_w, y, left - 6, y + 4, i * 25);
  }
  for (int i = 0; i <= 4; ++i) {  // time axis in minutes
    const double x = left + plot_w * i / 4.0;
    svg += fmt::format(R"(<text x="{:.1f}" y="{}" text-anchor="middle">{:g} min</text>)"
                       "\n",
                       x, top + plot_h + 18, t_max * i / 4.0 / 60);
  }
  for (const auto& e : result.at("events")) {
    const double x = left + plot_w * e.at("t").get<double>() / t_max;
    svg += fmt::format(
        R"(<line x1="{:.1f}" y1="{}" x2="{:.1f}" y2="{}" stroke="#999" stroke-dasharray="4 3"/><text x="{:.1f}" y="{}" fill="#555">{}</text>)"
        "\n",
        x, top, x, top + plot_h, x + 3, top + 12, e.at("do").get<std::string>());
  }
  for (std::size_t k = 0; k < lines.size(); ++k) {
    svg += polyline(lines[k], t_max) + "\n";
    const double y = top + 10 + 18.0 * static_cast<double>(k);
    svg += fmt::format(
        R"(<rect x="{}" y="{:.1f}" width="12" height="4" fill="{}"/><text x="{}" y="{:.1f}">{}</text>)"
        "\n",
        left + plot_w + 12, y - 4, lines[k].color, left + plot_w + 30, y, lines[k].label);
  }
  svg += fmt::format(R"(<text x="{}" y="{}" text-anchor="middle">simulated time</text>)"
                     "\n",
                     left + plot_w / 2, height - 8);
  return svg + "</svg>\n";
}

}  // namespace btcnet::sim
