// A conn manager stand-in that records what it is asked (connect, new, disconnect, remove) and
// hands out request ids; for server and RPC tests.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "actors/conn_manager/protocol.hpp"

namespace btcnet::test {

// What the server asks of the conn manager.
struct cm_log {
  std::vector<std::string> calls;
  std::uint64_t next_id = 100;
};

inline actors::conn_manager_actor::behavior_type fake_conn_manager(std::shared_ptr<cm_log> log) {
  using namespace actors;
  return {
      [log](const connect_request& r) {
        log->calls.push_back("connect " + r.target.to_string());
        return ++log->next_id;
      },
      [log](new_conn_req) { log->calls.push_back("new"); },
      [log](const disconnect_request& d) {
        log->calls.push_back("disconnect " + std::to_string(d.id));
      },
      [log](const remove_request& r) { log->calls.push_back("remove " + std::to_string(r.id)); },
      [](start_atom) {},
      [](stop_atom) {},
      [](get_conn_manager_state) { return conn_manager_snapshot{}; },
      [](const register_pending&) {},
      [](const handle_connected&) {},
      [](const handle_failed&) {},
      [](const handle_disconnected&) {},
      [](const retry_connect&) {},
      [](const delayed_new_conn_req&) {},
      [](const inbound_accepted&) {},
      [](inbound_released) {},
  };
}

}  // namespace btcnet::test
