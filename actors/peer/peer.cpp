#include "actors/peer/peer.hpp"

#include <caf/actor_system.hpp>

#include "actors/common/log.hpp"
#include "actors/peer/connection_bridge.hpp"
#include "actors/peer/peer_json.hpp"
#include "actors/peer/peer_state.hpp"

namespace btcnet::actors {

const char* to_string(connection_type t) {
  switch (t) {
    case connection_type::inbound:
      return "inbound";
    case connection_type::outbound_full_relay:
      return "outbound-full-relay";
    case connection_type::manual:
      return "manual";
    case connection_type::feeler:
      return "feeler";
  }
  return "?";
}

namespace {

template <class... Fs>
struct overloaded : Fs... {
  using Fs::operator()...;
};
template <class... Fs>
overloaded(Fs...) -> overloaded<Fs...>;

wire::msg::version our_version(const peer_state& st) {
  wire::msg::version v;
  v.protocol = static_cast<std::int32_t>(st.config->protocol_version);
  v.services = st.config->services;
  v.timestamp = st.unix_now();
  // btcd: AddrYou is the peer as we know it; names we cannot put in the legacy form become
  // 0.0.0.0 with the peer's port, so nothing about our proxy setup leaks.
  v.receiver.where = st.identity.address.is_ip()
                         ? st.identity.address
                         : wire::endpoint::ipv4(0, 0, 0, 0, st.identity.address.port);
  v.sender.services = st.config->services;  // btcd AddrMe: services only, address zeros
  v.nonce = st.identity.version_nonce;
  v.user_agent = st.config->user_agent;
  v.start_height = st.config->start_height;
  v.relay = st.config->relay;
  return v;
}

}  // namespace

// ---- lifecycle ----

void peer_state::start() {
  conn_time = unix_now();
  last_recv = last_send = tokens_at = self->clock().now();
  rng = fast_rng(identity.version_nonce ^ (identity.id * 0x9e3779b97f4a7c15ULL));
  conn->start(std::make_shared<connection_bridge>(self));
  if (!identity.inbound) {
    send(our_version(*this));
    version_sent = true;
    write_outbox();
  }
  handshake_deadline = last_recv + config->negotiate_timeout;
  arm_timer();
}

void peer_state::finish(const std::string& reason) {
  if (stage == phase::closed) return;
  stage = phase::closed;
  log::peer().debug("Disconnecting {}: {}", label(), reason);
  write_outbox();  // a reject explaining the disconnection goes first
  conn->close();
  if (links.server) {
    const auto totals = conn->stats();
    self->send(links.server,
               peer_done{identity.id, reason, totals.bytes_sent, totals.bytes_received});
  }
  self->quit();
}

// ---- frames ----

void peer_state::on_frames(frames_received& batch) {
  frame_cursor c{std::move(batch)};
  handle_frames(c);
  if (nonce_check_pending && !c.done()) held = std::make_unique<frame_cursor>(std::move(c));
}

// Handles a batch's frames in order until it ends, the peer closes, or a version message waits
// for the server (the rest is then held, as `await` holds back later messages).
void peer_state::handle_frames(frame_cursor& c) {
  std::size_t cost = 0;
  while (!c.done() && stage != phase::closed && !nonce_check_pending) {
    const received_frame& f = c.batch.frames[c.next++];
    on_frame(f.cmd, wire::byte_span(c.batch.payloads).subspan(c.offset, f.size));
    c.offset += f.size;
    cost += transport::frame_cost(f.size);
  }
  if (stage != phase::closed) conn->consumed(cost);
}

void peer_state::on_frame(wire::command cmd, wire::byte_span payload) {
  count(received, cmd, wire::message_header_size + payload.size());
  last_recv = self->clock().now();
  wire::message m;
  const auto ec = wire::decode_payload(cmd, payload, negotiated, m);
  if (probe.tracing() && probe.admit(wire::command_name(cmd))) [[unlikely]]
    trace_wire(trace_direction::wire_in, cmd,
               ec ? "undecodable: " + ec.message() : wire::describe(m));
  if (ec) {
    on_malformed(cmd, ec, malformed_payload_score);
  } else {
    dispatch(m);
  }
}

// One write for everything the handler sent: a handshake's four frames, a read's pongs.
void peer_state::write_outbox() {
  if (outbox.empty()) return;
  conn->send(std::exchange(outbox, wire::bytes{}));
}

void peer_state::dispatch(wire::message& m) {
  if (auto* v = std::get_if<wire::msg::version>(&m)) return handle(*v);
  switch (stage) {
    case phase::awaiting_version:
      // btcd readRemoteVersionMsg: the first message must be a version.
      reject(wire::command_of(m), wire::reject_code::malformed,
             "a version message must precede all others");
      return finish("a version message must precede all others");
    case phase::awaiting_verack:
      return on_handshake_message(m);
    case phase::established:
      return on_established_message(m);
    case phase::closed:
      return;
  }
}

// ---- handshake ----

void peer_state::handle(wire::msg::version& v) {
  if (stage != phase::awaiting_version || nonce_check_pending) {
    reject(wire::command::version, wire::reject_code::duplicate, "duplicate version message");
    return finish("duplicate version message");
  }
  if (v.nonce == identity.version_nonce) return finish("disconnecting peer connected to self");
  if (!identity.inbound || !links.server) return continue_handshake(v);
  // Inbound: the nonce may be one our own outbound peer just sent (a connection to ourselves).
  // `await` holds back every other message until the server answers.
  nonce_check_pending = true;
  // No timeout: the server is local and answers or, gone, errors at once; a CAF request timeout
  // would keep this actor in memory until it expired, long after the peer closed.
  self->request(links.server, caf::infinite, check_nonce{v.nonce})
      .await(
          [this, v](bool ours) {
            nonce_check_pending = false;
            if (ours) return finish("disconnecting peer connected to self");
            continue_handshake(v);
            if (auto rest = std::move(held)) handle_frames(*rest);
            write_outbox();
          },
          [this](caf::error&) { finish("self-connection check failed"); });
}

void peer_state::continue_handshake(const wire::msg::version& v) {
  if (stage == phase::closed) return;
  remote_version = v.protocol;
  negotiated = std::min<std::uint32_t>(config->protocol_version,
                                       static_cast<std::uint32_t>(std::max(v.protocol, 0)));
  remote_services = v.services;
  user_agent = v.user_agent;
  start_height = v.start_height;
  remote_relay = v.relay;
  seen_as = v.receiver.where;
  time_offset = v.timestamp - unix_now();
  if (static_cast<std::uint32_t>(std::max(v.protocol, 0)) < config->min_protocol_version) {
    // btcd's obsolete reject cannot be encoded at such a version; send() drops it the same way.
    const std::string reason =
        "protocol version must be " + std::to_string(config->min_protocol_version) + " or greater";
    reject(wire::command::version, wire::reject_code::obsolete, reason);
    return finish(reason);
  }
  // Only automatic outbound peers must offer the required services; manual connections
  // (--connect, addnode) are the operator's choice, as in Bitcoin Core.
  const bool automatic = identity.type == connection_type::outbound_full_relay;
  if (automatic && (v.services & config->required_services) != config->required_services) {
    char reason[64];
    std::snprintf(reason, sizeof reason, "required services %#llx not offered",
                  static_cast<unsigned long long>(config->required_services));
    reject(wire::command::version, wire::reject_code::nonstandard, reason);
    return finish(reason);
  }
  if (!version_sent) {
    send(our_version(*this));
    version_sent = true;
  }
  if (negotiated >= wire::addrv2_version) {  // BIP339 and BIP155 announce before verack
    send(wire::msg::wtxidrelay{});
    send(wire::msg::sendaddrv2{});
  }
  send(wire::msg::verack{});
  stage = phase::awaiting_verack;
}

void peer_state::on_handshake_message(wire::message& m) {
  std::visit(
      overloaded{
          [this](wire::msg::verack&) { handle_verack(); },
          [this](wire::msg::sendaddrv2&) { wants_addrv2 = true; },
          [this](wire::msg::wtxidrelay&) { wtxid_relay = true; },
          [this](auto& other) {
            finish("invalid message during handshake: " +
                   std::string(wire::command_name(std::decay_t<decltype(other)>::cmd)));
          },
          [this](wire::msg::raw& r) {
            finish("invalid message during handshake: " + std::string(wire::command_name(r.cmd)));
          },
      },
      m);
}

void peer_state::handle_verack() {
  stage = phase::established;
  log::peer().debug("Connected to {} ({}, pver {}, services {})", label(), user_agent, negotiated,
                    wire::services_to_btcd_string(remote_services));
  if (links.server) self->send(links.server, peer_added{identity.id, stats()});
  send_ping();  // Core pings at once after the handshake, then every 2 minutes
  next_ping = self->clock().now() + config->ping_interval;
  arm_timer();
}

// ---- after the handshake ----

void peer_state::on_established_message(wire::message& m) {
  using namespace wire::msg;
  std::visit(
      overloaded{
          [this](verack&) {
            reject(wire::command::verack, wire::reject_code::duplicate, "duplicate verack message");
            finish("duplicate verack message");
          },
          [this](sendaddrv2&) { finish("sendaddrv2 received after verack"); },  // btcd, Core
          [this](wtxidrelay&) { finish("wtxidrelay received after verack"); },  // Core
          [this](ping& p) { send(pong{p.nonce}); },
          [this](pong& p) {
            if (ping_nonce == 0 || p.nonce != ping_nonce) return;  // unsolicited or stale
            const auto rtt = self->clock().now() - ping_sent;
            last_ping = rtt;
            if (!min_ping || rtt < *min_ping) min_ping = rtt;
            ping_nonce = 0;
          },
          [this](getaddr&) { on_getaddr(); }, [this](addr& a) { on_addresses(a.addresses, false); },
          [this](addrv2& a) { on_addresses(a.addresses, true); },
          [this](sendheaders&) { wants_headers = true; },
          [this](feefilter& f) {
            if (f.fee_rate < 0 || f.fee_rate > max_money_satoshis)
              return finish("invalid feefilter");
            fee_filter = f.fee_rate;
          },
          // A node that serves no data answers requests with notfound (Core does the same for
          // what it does not have), without penalising honest traffic.
          [this](getdata& g) {
            notfound nf;
            nf.entries = std::move(g.entries);
            send(nf);
          },
          [this](wire::msg::reject& r) {
            log::peer().debug("Rejected by {}: cmd {}, code {}, reason {}", label(), r.message,
                              static_cast<int>(r.code), r.reason.substr(0, 250));
          },
          [](auto&) {
          },  // inv, notfound, getheaders, getblocks, mempool, sendcmpct, raw: not served
      },
      m);
}

// ---- misbehaviour ----

void peer_state::on_malformed(wire::command cmd, std::error_code ec, std::uint32_t points) {
  const std::string reason = "Can't read " + std::string(wire::command_name(cmd)) +
                             " message from " + describe() + ": " + ec.message();
  log::peer().debug("{}", reason);
  if (!handshake_done()) return finish(reason);  // btcd: the negotiation fails
  if (negotiated >= wire::reject_version) {
    wire::msg::reject r{"malformed", wire::reject_code::malformed, reason.substr(0, 111), {}};
    send(r);
  }
  add_ban_score(points, 0, reason);
}

bool peer_state::add_ban_score(std::uint32_t persistent, std::uint32_t transient,
                               const std::string& reason) {
  if (!config->banning) return false;
  if (identity.whitelisted) {
    log::peer().debug("Misbehaving whitelisted peer {}: {}", label(), reason);
    return false;
  }
  const std::uint32_t warn_threshold = config->ban_threshold >> 1;
  const std::uint32_t score_now = score.increase(persistent, transient, seconds_now());
  if (score_now > warn_threshold) {
    log::peer().warn("Misbehaving peer {}: {} -- ban score increased to {}", label(), reason,
                     score_now);
  }
  if (score_now <= config->ban_threshold) return false;  // btcd bans strictly above the threshold
  log::peer().warn("Misbehaving peer {} -- banning and disconnecting", label());
  if (links.server) self->send(links.server, ban_peer{identity.id, identity.address, reason});
  finish("banned: " + reason);
  return true;
}

void peer_state::reject(wire::command cmd, wire::reject_code code, const std::string& reason) {
  wire::msg::reject r{std::string(wire::command_name(cmd)), code, reason, {}};
  send(r);  // dropped below BIP61's version 70002, as in btcd
}

// ---- timers ----

// Every timer of the peer is a deadline; one tick is asked for, at the earliest of them, from the
// server (tick_schedule.hpp explains why), or from CAF's clock when there is no server.
void peer_state::on_tick() {
  armed.reset();
  if (stage == phase::closed) return;
  const auto now = self->clock().now();
  if (!handshake_done()) {
    if (now >= handshake_deadline) return finish("protocol negotiation timeout");
  } else {
    if (now - last_recv >= config->idle_timeout) {
      log::peer().warn(
          "Peer {} no answer for {}s -- disconnecting", label(),
          std::chrono::duration_cast<std::chrono::seconds>(config->idle_timeout).count());
      return finish("idle timeout");
    }
    if (now >= next_ping) {
      if (ping_nonce != 0 && now - ping_sent > config->pong_timeout) return finish("ping timeout");
      send_ping();
      next_ping = now + config->ping_interval;
    }
  }
  if (flush_scheduled && now >= flush_at) flush_addresses();
  arm_timer();
}

peer_state::time_point peer_state::next_deadline() const {
  time_point due =
      handshake_done() ? std::min(next_ping, last_recv + config->idle_timeout) : handshake_deadline;
  return flush_scheduled ? std::min(due, flush_at) : due;
}

void peer_state::arm_timer() {
  if (stage == phase::closed) return;
  const auto due = next_deadline();
  if (armed && *armed <= due) return;  // an earlier tick is coming: it will ask again
  armed = due;
  const auto delay = std::max(due - self->clock().now(), caf::timespan::zero());
  if (links.server)
    self->send(links.server, schedule_tick{identity.id, delay});
  else
    self->delayed_send(self, delay, peer_tick{});
}

void peer_state::send_ping() {
  if (stage != phase::established || ping_nonce != 0) return;  // one ping in flight at most
  do ping_nonce = rng();
  while (ping_nonce == 0);
  ping_sent = self->clock().now();
  send(wire::msg::ping{ping_nonce});
}

std::int64_t peer_state::seconds_now() const {
  return std::chrono::duration_cast<std::chrono::seconds>(self->clock().now().time_since_epoch())
      .count();
}

void peer_state::trace_wire(trace_direction d, wire::command cmd, std::string summary) {
  probe.trace_wire(d, wire::command_name(cmd), std::move(summary),
                   [this] { return identity.address.to_string(); });
}

std::string to_string(const peer_label& l) {
  return l.identity.address.to_string() + (l.identity.inbound ? " (inbound)" : " (outbound)");
}

// ---- the actor ----

namespace {

// A handler that ends by writing what it sent: one write per handler however many frames.
template <class F, class... A>
auto then_write_outbox(peer_state& st, F f, instrument_detail::signature<void, A...>) {
  return [&st, f = std::move(f)](A... args) {
    f(std::forward<A>(args)...);
    st.write_outbox();
  };
}
template <class F>
auto then_write_outbox(peer_state& st, F f) {
  return then_write_outbox(st, std::move(f), typename instrument_detail::handler_traits<F>::type{});
}

peer_impl::behavior_type peer_fn(peer_pointer self, transport::connection_ptr conn,
                                 std::shared_ptr<const peer_config> config, peer_identity identity,
                                 peer_links links) {
  auto& st = self->state;
  st.self = self;
  st.conn = std::move(conn);
  st.config = std::move(config);
  st.identity = identity;
  st.links = std::move(links);
  st.negotiated = st.config->protocol_version;
  st.probe.on_summary([&st] { return peer_summary(st.stats()); });
  st.probe.set_enabled(st.config->instrumented);
  st.probe.attach(self, st.config->registry, actor_kind::peer, st.identity.address.to_string(),
                  [&st] { st.start(); });
  return instrument<peer_impl::behavior_type>(
      st.probe,
      untraced(then_write_outbox(
          st, [&st](frames_received& f) { st.on_frames(f); })),  // traced per frame
      [&st](const unknown_received& u) {
        st.last_recv = st.self->clock().now();
        log::peer().trace("Ignoring unknown command {} from {}", u.command, st.label());
      },
      then_write_outbox(st,
                        [&st](const bad_frame_received& b) {
                          st.on_malformed(b.cmd, b.error, bad_checksum_score);
                        }),
      [&st](const connection_closed& c) {
        st.finish(c.reason ? c.reason.message() : std::string("connection closed"));
      },
      then_write_outbox(st, [&st](peer_tick) { st.on_tick(); }),
      then_write_outbox(st, [&st](ping_now) { st.send_ping(); }),
      [&st](const disconnect_peer& d) { st.finish(d.reason); },
      then_write_outbox(st,
                        [&st](send_getaddr) {
                          if (!st.handshake_done() || st.identity.inbound || st.getaddr_sent ||
                              !st.config->addresses)
                            return;
                          st.getaddr_sent = true;
                          st.addr_tokens += max_addr_token_bucket;  // Core: room for the reply
                          st.send(wire::msg::getaddr{});
                        }),
      then_write_outbox(st, [&st](const push_addresses& p) { st.queue_addresses(p.addresses); }),
      [&st](get_peer_stats) { return st.stats(); });
}

}  // namespace

peer_actor spawn_peer(caf::actor_system& sys, transport::connection_ptr conn,
                      std::shared_ptr<const peer_config> config, peer_identity identity,
                      peer_links links) {
  return caf::actor_cast<peer_actor>(
      sys.spawn(peer_fn, std::move(conn), std::move(config), identity, std::move(links)));
}

}  // namespace btcnet::actors
