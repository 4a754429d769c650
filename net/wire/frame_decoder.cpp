#include "net/wire/frame_decoder.hpp"

namespace btcnet::wire {
namespace {

// Above this a delivered frame's buffer is given back rather than kept for the next frame, so
// one large message does not pin memory on an idle connection.
constexpr std::size_t retained_payload_capacity = 4096;

}  // namespace

std::error_code frame_decoder::start_frame(const message_header& h) {
  if (h.length > max_protocol_message_length) return wire_errc::message_too_long;
  if (h.magic != magic_) return wire_errc::wrong_magic;
  if (!is_valid_command(h.command_bytes)) return wire_errc::invalid_command;
  const auto cmd = find_command(h.command_text());
  if (!cmd) {
    skip_left_ = h.length;
    state_ = h.length > 0 ? state::skip : state::header;
    return {};
  }
  if (h.length > max_payload_length(*cmd)) return wire_errc::payload_too_long;
  cmd_ = *cmd;
  state_ = state::payload;
  return {};
}

void frame_decoder::reset_payload() {
  if (payload_.capacity() > retained_payload_capacity) {
    bytes().swap(payload_);
  } else {
    payload_.clear();
  }
}

}  // namespace btcnet::wire
