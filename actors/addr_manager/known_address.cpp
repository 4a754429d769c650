#include "actors/addr_manager/known_address.hpp"

namespace btcnet::addr_manager {

double chance(const known_address& ka, unix_time now) {
  unix_time since_attempt = now - ka.last_attempt;
  if (since_attempt < 0) since_attempt = 0;
  double c = 1.0;
  if (since_attempt < recent_attempt) c *= 0.01;
  // btcd divides once per attempt. After ~1800 attempts the weight reaches the smallest
  // denormal, which divided by 1.5 rounds back to itself: stop there (same value, bounded loop).
  for (std::int32_t i = ka.attempts; i > 0; --i) {
    const double next = c / 1.5;
    if (next == c) break;
    c = next;
  }
  return c;
}

bool is_bad(const known_address& ka, unix_time now) {
  if (ka.last_attempt > now - bad_grace) return false;
  const unix_time seen = ka.addr.time;
  if (seen > now + future_tolerance) return true;
  if (seen < now - num_missing_days * day) return true;
  if (ka.last_success == never && ka.attempts >= num_retries) return true;
  return ka.last_success <= now - min_bad_days * day && ka.attempts >= max_failures;
}

}  // namespace btcnet::addr_manager
