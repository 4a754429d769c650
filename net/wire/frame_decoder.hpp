// Streaming frame decoder: fed bytes in whatever chunks a socket delivers (one byte at a time
// works), it yields checksum-verified frames, reports unknown commands, and stops at the first
// fatal error.
//
// Checks, in btcd's order (wire/message.go readMessageWithEncodingN):
//   1. declared length > max_protocol_message_length -> message_too_long (nothing allocated)
//   2. magic of another network                       -> wrong_magic
//   3. command not printable ASCII + NUL padding      -> invalid_command
//   4. unknown command                                -> payload skipped, reported, stream goes on
//   5. length above the command's own maximum         -> payload_too_long
//   6. checksum mismatch                              -> bad_checksum, frame dropped, stream goes
//   on
// Step 7, decoding the payload, belongs to the receiver (wire::decode_payload), which knows the
// negotiated protocol version. Errors 1–3 and 5 poison the decoder: the stream is out of sync or
// hostile, and the connection is closed. A bad checksum does not desynchronise the stream (the
// length was valid), so, as in Bitcoin Core, only that frame is dropped; the peer layer decides
// the penalty.
//
// Memory: a frame's payload is buffered only as its bytes arrive (a peer declaring 4 MB and
// sending nothing costs nothing), a complete frame inside one fed chunk is handed out without
// copying, and the buffer is released after a large frame so idle peers stay small.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <system_error>

#include "net/wire/byte_io.hpp"
#include "net/wire/command.hpp"
#include "net/wire/hash.hpp"
#include "net/wire/header.hpp"

namespace btcnet::wire {

struct frame {
  command cmd;
  byte_span payload;  // valid only during the callback
};

class frame_decoder {
 public:
  explicit frame_decoder(std::uint32_t magic) : magic_(magic) {}

  // Feeds a chunk. For each complete frame calls sink.on_frame(const frame&); for a skipped
  // unknown command sink.on_unknown(std::string_view command, std::uint32_t length); for a frame
  // with a bad checksum sink.on_bad_frame(command, std::error_code); for a fatal error
  // sink.on_error(std::error_code) once, after which every feed is ignored.
  // Returns false once the decoder has failed.
  template <class Sink>
  bool feed(byte_span data, Sink&& sink);

  bool failed() const { return state_ == state::failed; }
  // Bytes held for an incomplete frame (header or payload).
  std::size_t buffered() const { return header_have_ + payload_.size(); }

 private:
  enum class state : std::uint8_t { header, payload, skip, failed };

  // Validates a complete header and moves to payload (known command) or skip/header (unknown).
  std::error_code start_frame(const message_header& h);
  void fail() { state_ = state::failed; }
  void reset_payload();

  std::uint32_t magic_;
  state state_ = state::header;
  std::uint8_t header_buf_[message_header_size];
  std::size_t header_have_ = 0;
  message_header header_;
  command cmd_ = command::version;
  std::uint32_t skip_left_ = 0;
  bytes payload_;
};

template <class Sink>
bool frame_decoder::feed(byte_span data, Sink&& sink) {
  while (!data.empty() && state_ != state::failed) {
    if (state_ == state::header) {
      const std::uint8_t* hp = data.data();
      if (header_have_ > 0 || data.size() < message_header_size) {
        const std::size_t n = std::min(message_header_size - header_have_, data.size());
        std::copy_n(data.data(), n, header_buf_ + header_have_);
        header_have_ += n;
        data = data.subspan(n);
        if (header_have_ < message_header_size) return true;
        hp = header_buf_;
      } else {
        data = data.subspan(message_header_size);
      }
      header_have_ = 0;
      header_ = message_header::decode(hp);
      if (auto ec = start_frame(header_)) {
        fail();
        sink.on_error(ec);
        return false;
      }
      if (state_ != state::payload) {
        sink.on_unknown(header_.command_text(), header_.length);
        continue;
      }
      if (data.size() < header_.length) continue;
      // Fast path: the whole payload is in this chunk; hand it out without copying.
      const byte_span payload = data.first(header_.length);
      data = data.subspan(header_.length);
      state_ = state::header;
      if (checksum(payload) != header_.checksum) {
        sink.on_bad_frame(cmd_, make_error_code(wire_errc::bad_checksum));
      } else {
        sink.on_frame(frame{cmd_, payload});
      }
    } else if (state_ == state::skip) {
      const std::size_t n = std::min<std::size_t>(skip_left_, data.size());
      skip_left_ -= static_cast<std::uint32_t>(n);
      data = data.subspan(n);
      if (skip_left_ == 0) state_ = state::header;
    } else {  // payload
      const std::size_t n = std::min(header_.length - payload_.size(), data.size());
      payload_.insert(payload_.end(), data.begin(), data.begin() + n);
      data = data.subspan(n);
      if (payload_.size() < header_.length) return true;
      state_ = state::header;
      if (checksum(payload_) != header_.checksum) {
        sink.on_bad_frame(cmd_, make_error_code(wire_errc::bad_checksum));
      } else {
        sink.on_frame(frame{cmd_, payload_});
      }
      reset_payload();
    }
  }
  return state_ != state::failed;
}

}  // namespace btcnet::wire
