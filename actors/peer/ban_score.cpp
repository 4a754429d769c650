#include "actors/peer/ban_score.hpp"

#include <cmath>

namespace btcnet::actors {
namespace {

double decay_factor(std::int64_t seconds) {
  static const double lambda = std::log(2.0) / ban_score::halflife_seconds;
  return std::exp(-static_cast<double>(seconds) * lambda);
}

}  // namespace

std::uint32_t ban_score::value(std::int64_t now) const {
  const std::int64_t dt = now - last_;
  if (transient_ < 1 || dt < 0 || dt > lifetime_seconds) return persistent_;
  return persistent_ + static_cast<std::uint32_t>(transient_ * decay_factor(dt));
}

std::uint32_t ban_score::increase(std::uint32_t persistent, std::uint32_t transient,
                                  std::int64_t now) {
  persistent_ += persistent;
  if (transient > 0) {
    const std::int64_t dt = now - last_;
    if (dt > lifetime_seconds) {
      transient_ = 0;
    } else if (transient_ > 1 && dt > 0) {
      transient_ *= decay_factor(dt);
    }
    transient_ += transient;
    last_ = now;
  }
  return persistent_ + static_cast<std::uint32_t>(transient_);
}

std::string ban_score::to_string(std::int64_t now) const {
  return "persistent " + std::to_string(persistent_) + " + transient " +
         std::to_string(transient_) + " at " + std::to_string(last_) + " = " +
         std::to_string(value(now)) + " as of now";
}

}  // namespace btcnet::actors
