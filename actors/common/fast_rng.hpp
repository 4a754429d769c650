// A small seeded generator (SplitMix64) for per-actor randomness: ping nonces, Poisson timers,
// shuffles. Eight bytes of state instead of mt19937_64's 2.5 kB, which matters per peer.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>

namespace btcnet::actors {

class fast_rng {
 public:
  using result_type = std::uint64_t;
  explicit fast_rng(std::uint64_t seed = 0) : state_(seed) {}

  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }
  result_type operator()() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, 1).
  double uniform() { return static_cast<double>((*this)() >> 11) * 0x1.0p-53; }
  // Exponentially distributed with the given mean (a Poisson process's gaps).
  double exponential(double mean) { return -std::log1p(-uniform()) * mean; }

 private:
  std::uint64_t state_;
};

}  // namespace btcnet::actors
