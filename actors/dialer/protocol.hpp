// The dialer actor's messages: it serves conn_manager's dial_service interface (dial_request,
// cancel_dial) and answers state queries for the inspector.
#pragma once

#include "actors/conn_manager/protocol.hpp"

namespace btcnet::actors {

// An Asio dial finished (sent by the I/O thread to the dialer itself).
struct dial_completed {
  std::uint64_t id = 0;
  std::error_code error;
  transport::connection_ptr conn;
};

struct get_dialer_state {};
struct dialer_snapshot {
  std::vector<std::uint64_t> in_flight;  // request ids being dialled
  std::uint64_t dials = 0;
  std::uint64_t succeeded = 0;
  std::uint64_t failed = 0;
};

using dialer_actor =
    dial_service_actor::extend<caf::reacts_to<dial_completed>,
                               caf::replies_to<get_dialer_state>::with<dialer_snapshot>>;

BTCNET_INSPECT(dial_completed, x.id)
BTCNET_INSPECT(get_dialer_state)
BTCNET_INSPECT(dialer_snapshot, x.in_flight, x.dials, x.succeeded, x.failed)

}  // namespace btcnet::actors
