#include "tools/load/latency.hpp"

#include <algorithm>
#include <cmath>

namespace btcnet::load {

nlohmann::json latency::summary() const {
  nlohmann::json out = {{"count", samples_.size()}};
  if (samples_.empty()) return out;
  auto sorted = samples_;
  std::sort(sorted.begin(), sorted.end());
  auto at = [&](double q) {
    const auto i = static_cast<std::size_t>(std::ceil(q * static_cast<double>(sorted.size()))) - 1;
    return std::round(sorted[std::min(i, sorted.size() - 1)] * 1000) / 1000;
  };
  out["p50_ms"] = at(0.50);
  out["p90_ms"] = at(0.90);
  out["p99_ms"] = at(0.99);
  out["max_ms"] = std::round(sorted.back() * 1000) / 1000;
  return out;
}

}  // namespace btcnet::load
