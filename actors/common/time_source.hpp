// Wall-clock time for actor logic, derived from CAF's clock so that virtual time (tests, the
// simulation) moves it too: unix time = the unix time at the base + how far CAF's clock moved.
#pragma once

#include <caf/actor_clock.hpp>
#include <chrono>
#include <cstdint>

namespace btcnet::actors {

struct time_source {
  std::int64_t unix_at_base = 0;
  caf::actor_clock::time_point clock_at_base{};

  // A source anchored at the real time now (the node) or at a fixed time (tests).
  static time_source anchored(const caf::actor_clock& clock, std::int64_t unix_now) {
    return {unix_now, clock.now()};
  }
  static std::int64_t system_unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }

  std::int64_t unix_now(const caf::actor_clock& clock) const {
    return unix_at_base +
           std::chrono::duration_cast<std::chrono::seconds>(clock.now() - clock_at_base).count();
  }
  // The unix time, in seconds with microseconds, of a point on the actor clock.
  double unix_seconds_at(caf::actor_clock::time_point t) const {
    return static_cast<double>(unix_at_base) +
           std::chrono::duration<double>(t - clock_at_base).count();
  }
};

}  // namespace btcnet::actors
