// btcd's DynamicBanScore (connmgr/dynamicbanscore.go): a persistent part plus a transient part
// that halves every minute and is forgotten after 30 minutes of quiet.
#pragma once

#include <cstdint>
#include <string>

namespace btcnet::actors {

class ban_score {
 public:
  static constexpr std::int64_t halflife_seconds = 60;    // btcd Halflife
  static constexpr std::int64_t lifetime_seconds = 1800;  // btcd Lifetime

  // The score at time `now` (seconds on any monotonic scale).
  std::uint32_t value(std::int64_t now) const;
  // Adds to both parts at `now` and returns the new score.
  std::uint32_t increase(std::uint32_t persistent, std::uint32_t transient, std::int64_t now);
  void reset() { *this = ban_score{}; }
  std::string to_string(std::int64_t now) const;

 private:
  std::uint32_t persistent_ = 0;
  double transient_ = 0;
  std::int64_t last_ = 0;
};

}  // namespace btcnet::actors
