// Latency samples and their percentiles, for the JSON results.
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <vector>

namespace btcnet::load {

class latency {
 public:
  void add(std::chrono::steady_clock::duration d) {
    samples_.push_back(std::chrono::duration<double, std::milli>(d).count());
  }
  std::size_t count() const { return samples_.size(); }
  // {"count", "p50_ms", "p90_ms", "p99_ms", "max_ms"} (empty samples: count 0 only).
  nlohmann::json summary() const;

 private:
  std::vector<double> samples_;
};

}  // namespace btcnet::load
