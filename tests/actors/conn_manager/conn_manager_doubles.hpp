// Test doubles around the conn manager: a dialer that records requests (the test answers them),
// an address source handing out 10.x.y.z-free loopback addresses, and an event sink. They run
// under the single-threaded test coordinator, so the test may read what they record directly.
#pragma once

#include <memory>
#include <vector>

#include "actors/conn_manager/protocol.hpp"

namespace btcnet::test {

struct dial_log {
  std::vector<actors::dial_request> requests;
  std::vector<std::uint64_t> canceled;
};

inline actors::dial_service_actor::behavior_type fake_dialer(std::shared_ptr<dial_log> log) {
  return {
      [log](const actors::dial_request& r) { log->requests.push_back(r); },
      [log](const actors::cancel_dial& c) { log->canceled.push_back(c.id); },
  };
}

// Hands out 127.0.N.M:8333 in order, or nothing when `exhausted` is set.
struct address_pool {
  std::uint32_t next = 1;
  bool exhausted = false;
};

inline actors::address_source_actor::behavior_type fake_address_source(
    std::shared_ptr<address_pool> pool) {
  return {
      [pool](actors::get_address) {
        if (pool->exhausted) return actors::address_candidate{};
        const std::uint32_t n = pool->next++;
        return actors::address_candidate{
            true, {"127.0." + std::to_string(n / 256) + "." + std::to_string(n % 256), 8333}};
      },
  };
}

struct event_log {
  std::vector<actors::on_connection> connections;
  std::vector<actors::on_disconnection> disconnections;
  std::vector<actors::on_accept> accepts;
};

inline actors::conn_events_actor::behavior_type fake_events(std::shared_ptr<event_log> log) {
  return {
      [log](const actors::on_connection& e) { log->connections.push_back(e); },
      [log](const actors::on_disconnection& e) { log->disconnections.push_back(e); },
      [log](const actors::on_accept& e) { log->accepts.push_back(e); },
  };
}

}  // namespace btcnet::test
