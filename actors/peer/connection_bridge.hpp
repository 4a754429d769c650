// The transport-to-actor half of the socket bridge: a connection_handler that turns a
// connection's events into messages for the peer actor that owns it. The frames of one read go
// as one message; the other events keep their place in the stream behind them.
#pragma once

#include <caf/send.hpp>
#include <utility>

#include "actors/peer/protocol.hpp"
#include "net/transport/connection.hpp"

namespace btcnet::actors {

class connection_bridge final : public transport::connection_handler {
 public:
  explicit connection_bridge(peer_actor owner) : owner_(std::move(owner)) {}

  void on_frame(wire::command cmd, wire::byte_span payload) override {
    pending_.frames.push_back({cmd, static_cast<std::uint32_t>(payload.size())});
    pending_.payloads.insert(pending_.payloads.end(), payload.begin(), payload.end());
  }
  void on_read_end() override { pass_frames_on(); }
  void on_unknown(std::string_view command, std::uint32_t length) override {
    pass_frames_on();
    caf::anon_send(owner_, unknown_received{std::string(command), length});
  }
  void on_bad_frame(wire::command cmd, std::error_code error) override {
    pass_frames_on();
    caf::anon_send(owner_, bad_frame_received{cmd, error});
  }
  void on_closed(std::error_code reason) override {
    pass_frames_on();
    caf::anon_send(owner_, connection_closed{reason});
  }

 private:
  void pass_frames_on() {
    if (pending_.frames.empty()) return;
    caf::anon_send(owner_, std::exchange(pending_, frames_received{}));
  }

  peer_actor owner_;
  frames_received pending_;
};

}  // namespace btcnet::actors
