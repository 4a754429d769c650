// The transport-to-actor half of the socket bridge: a connection_handler that turns a
// connection's events into messages for the peer actor that owns it.
#pragma once

#include <caf/send.hpp>

#include "actors/peer/protocol.hpp"
#include "net/transport/connection.hpp"

namespace btcnet::actors {

class connection_bridge final : public transport::connection_handler {
 public:
  explicit connection_bridge(peer_actor owner) : owner_(std::move(owner)) {}

  void on_frame(wire::command cmd, wire::byte_span payload) override {
    caf::anon_send(owner_, frame_received{cmd, wire::bytes(payload.begin(), payload.end())});
  }
  void on_unknown(std::string_view command, std::uint32_t length) override {
    caf::anon_send(owner_, unknown_received{std::string(command), length});
  }
  void on_bad_frame(wire::command cmd, std::error_code error) override {
    caf::anon_send(owner_, bad_frame_received{cmd, error});
  }
  void on_closed(std::error_code reason) override {
    caf::anon_send(owner_, connection_closed{reason});
  }

 private:
  peer_actor owner_;
};

}  // namespace btcnet::actors
