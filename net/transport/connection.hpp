// The transport seam: what a peer needs from a connection, whatever carries its bytes (an Asio
// TCP socket today, an in-memory simulated link later). Actors see only this interface.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>
#include <system_error>

#include "net/wire/byte_io.hpp"
#include "net/wire/command.hpp"
#include "net/wire/net_address.hpp"

namespace btcnet::transport {

// Receives a connection's events. Called from the transport's thread, one call at a time per
// connection, in stream order; implementations forward them to the owning actor.
class connection_handler {
 public:
  virtual ~connection_handler() = default;
  // A complete, checksum-verified frame. The payload is valid only during the call.
  virtual void on_frame(wire::command cmd, wire::byte_span payload) = 0;
  // A well-formed frame with a command we do not know; its payload was skipped.
  virtual void on_unknown(std::string_view command, std::uint32_t length) = 0;
  // A frame whose checksum did not match; it was dropped and the stream goes on.
  virtual void on_bad_frame(wire::command cmd, std::error_code error) = 0;
  // The end of one read: the frames delivered since the previous call arrived together. A handler
  // may hold them until now and pass them on as one batch (one actor message, not one per frame).
  virtual void on_read_end() {}
  // The connection is closed: `reason` is the frame error, the socket error, or empty when
  // closed by our side. Called exactly once; nothing follows it.
  virtual void on_closed(std::error_code reason) = 0;
};

// Traffic counters, readable from any thread.
struct connection_stats {
  std::uint64_t bytes_sent = 0;
  std::uint64_t bytes_received = 0;
};

class connection {
 public:
  virtual ~connection() = default;

  // Starts delivering events to `handler`; until then nothing is read.
  virtual void start(std::shared_ptr<connection_handler> handler) = 0;
  // Queues one encoded frame (or several back to back) for writing, in order, never interleaved
  // with another send. Thread-safe. Returns false — and closes the connection — when the queue
  // would exceed the send limit (a peer that does not read cannot make us buffer without bound).
  virtual bool send(wire::bytes frame) = 0;
  // Closes the connection; pending writes are dropped. Thread-safe and idempotent.
  virtual void close() = 0;
  // Tells the transport the owner has processed delivered frames worth `bytes` (each charged
  // frame_cost(payload size)), so reading may resume if the receive flood limit paused it.
  // Thread-safe.
  virtual void consumed(std::size_t bytes) = 0;

  virtual const wire::endpoint& remote() const = 0;
  virtual const wire::endpoint& local() const = 0;
  virtual connection_stats stats() const = 0;

  // Runs `fn` once when the underlying socket is released (closed or destroyed). The connection
  // manager holds an inbound slot for exactly that long.
  virtual void on_release(std::function<void()> fn) = 0;
};

using connection_ptr = std::shared_ptr<connection>;

// Bitcoin Core's limits (net.h): stop reading from a peer whose delivered-but-unprocessed data
// exceeds the receive flood size; drop a peer whose unsent data exceeds the send limit.
inline constexpr std::size_t default_receive_flood_size = 5'000'000;  // -maxreceivebuffer 5000 kB
inline constexpr std::size_t default_send_buffer_limit =
    5'000'000;  // hard cap; Core's soft is 1 MB

// Both limits charge a frame for the memory it holds, not only its bytes: its allocation, the actor
// message carrying it and that message's mailbox slot (about 200 bytes by their sizes). Counting
// bytes alone let 400,000 eight-byte pings (3.2 MB, under the flood size) hold over 100 MB. Core
// charges messages the same way (CNetMessage/CSerializedNetMsg::GetMemoryUsage).
inline constexpr std::size_t frame_overhead = 256;
constexpr std::size_t frame_cost(std::size_t bytes) {
  return bytes + frame_overhead;
}

}  // namespace btcnet::transport
