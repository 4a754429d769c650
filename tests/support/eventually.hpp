// Polling for conditions that other threads or processes make true (real-time tests only; the
// actor tests use virtual time instead).
#pragma once

#include <chrono>
#include <thread>

namespace btcnet::test {

// Polls `check` every 50 ms for up to `limit`; true as soon as it holds.
template <class F>
bool eventually(F check, std::chrono::milliseconds limit = std::chrono::seconds(15)) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    if (check()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return check();
}

}  // namespace btcnet::test
