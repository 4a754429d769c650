// The peer actor's state and the handlers that change it. Split over peer.cpp (lifecycle,
// handshake, dispatch), peer_addresses.cpp (address exchange) and peer_stats.cpp (accounting).
#pragma once

#include <fmt/format.h>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <memory>
#include <optional>

#include "actors/common/fast_rng.hpp"
#include "actors/common/instrument.hpp"
#include "actors/peer/ban_score.hpp"
#include "actors/peer/known_addresses.hpp"
#include "actors/peer/peer.hpp"
#include "net/wire/describe.hpp"
#include "net/wire/messages.hpp"

namespace btcnet::actors {

struct peer_state;
using peer_impl = instrumented<peer_actor>;
using peer_pointer = peer_impl::stateful_pointer<peer_state>;

struct traffic {
  wire::command cmd;
  std::uint64_t messages = 0;
  std::uint64_t bytes = 0;
};

// A batch of received frames being worked through: `next` is the first frame not yet handled,
// `offset` where its payload starts.
struct frame_cursor {
  frames_received batch;
  std::size_t next = 0;
  std::size_t offset = 0;
  bool done() const { return next == batch.frames.size(); }
};

// The peer as log lines name it, "127.0.0.1:8333 (inbound)": built only for a line that is
// written, not for every debug line a node at info level skips.
struct peer_label {
  const peer_identity& identity;
};
std::string to_string(const peer_label& l);

struct peer_state {
  static inline const char* name = "peer";
  using time_point = caf::actor_clock::time_point;
  enum class phase : std::uint8_t { awaiting_version, awaiting_verack, established, closed };

  peer_pointer self = nullptr;
  actors::probe probe;
  transport::connection_ptr conn;
  std::shared_ptr<const peer_config> config;
  peer_identity identity;
  peer_links links;
  phase stage = phase::awaiting_version;
  bool version_sent = false;
  bool nonce_check_pending = false;
  // The frames after a version message that waits for the server's nonce check.
  std::unique_ptr<frame_cursor> held;
  // Frames the running handler encoded: written together, in one send, when it ends.
  wire::bytes outbox;

  // What the remote told us.
  std::uint32_t negotiated = wire::protocol_version;
  std::int32_t remote_version = 0;
  std::uint64_t remote_services = 0;
  std::string user_agent;
  std::int32_t start_height = 0;
  bool remote_relay = false;
  wire::endpoint seen_as;  // our address as the peer's version message gives it
  std::int64_t time_offset = 0;
  bool wants_addrv2 = false;
  bool wants_headers = false;
  bool wtxid_relay = false;
  std::int64_t fee_filter = 0;

  // Liveness. One tick at a time is asked for: at the earliest of these deadlines.
  std::int64_t conn_time = 0;
  time_point last_recv{};
  time_point last_send{};
  time_point handshake_deadline{};
  time_point next_ping{};
  std::optional<time_point> armed;  // the tick asked for, if any
  std::uint64_t ping_nonce = 0;     // outstanding ping, 0 if none
  time_point ping_sent{};
  std::optional<caf::timespan> last_ping, min_ping;

  // Misbehaviour.
  ban_score score;

  // Addresses.
  known_addresses known;
  bool getaddr_answered = false;
  bool getaddr_sent = false;
  double addr_tokens = 1;  // Core starts the bucket at one token
  time_point tokens_at{};
  std::uint64_t addr_processed = 0;
  std::uint64_t addr_rate_limited = 0;
  address_list addr_queue;
  bool flush_scheduled = false;
  time_point flush_at{};

  // Accounting.
  std::vector<traffic> sent, received;
  fast_rng rng;

  // --- peer.cpp ---
  void start();
  void on_frames(frames_received& batch);
  void handle_frames(frame_cursor& c);
  void on_frame(wire::command cmd, wire::byte_span payload);
  void dispatch(wire::message& m);
  void handle(wire::msg::version& v);
  void continue_handshake(const wire::msg::version& v);
  void handle_verack();
  void handshake_only(wire::command cmd);
  void on_handshake_message(wire::message& m);
  void on_established_message(wire::message& m);
  void on_malformed(wire::command cmd, std::error_code ec, std::uint32_t score_points);
  void on_tick();
  void arm_timer();
  time_point next_deadline() const;
  void send_ping();
  void reject(wire::command cmd, wire::reject_code code, const std::string& reason);
  bool add_ban_score(std::uint32_t persistent, std::uint32_t transient, const std::string& reason);
  void finish(const std::string& reason);
  template <class M>
  void send(const M& m);
  void write_outbox();
  bool handshake_done() const { return stage == phase::established; }
  std::int64_t unix_now() const { return config->clock.unix_now(self->clock()); }
  std::int64_t seconds_now() const;
  std::string describe() const { return to_string(label()); }
  peer_label label() const { return {identity}; }
  void trace_wire(trace_direction d, wire::command cmd, std::string summary);

  // --- peer_addresses.cpp ---
  void on_getaddr();
  void on_addresses(address_list& list, bool v2);
  bool take_addr_token();
  void queue_addresses(const address_list& list);
  void flush_addresses();
  void send_addresses(address_list list);

  // --- peer_stats.cpp ---
  void count(std::vector<traffic>& table, wire::command cmd, std::size_t bytes);
  peer_stats stats() const;
};

template <class M>
void peer_state::send(const M& m) {
  const std::size_t before = outbox.size();
  if (auto ec = wire::encode_frame(outbox, config->magic, m, negotiated))
    return;  // not at this version
  count(sent, M::cmd, outbox.size() - before);
  last_send = self->clock().now();
  if (probe.tracing() && probe.admit(wire::command_name(M::cmd))) [[unlikely]]
    trace_wire(trace_direction::wire_out, M::cmd, wire::describe(wire::message{m}));
}

}  // namespace btcnet::actors

template <>
struct fmt::formatter<btcnet::actors::peer_label> : fmt::formatter<std::string_view> {
  auto format(const btcnet::actors::peer_label& l, fmt::format_context& ctx) const {
    return fmt::formatter<std::string_view>::format(to_string(l), ctx);
  }
};
