#include "actors/conn_manager/conn_manager.hpp"

#include <caf/actor_system.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <deque>
#include <map>

#include "actors/common/instrument.hpp"
#include "actors/common/log.hpp"
#include "net/transport/errors.hpp"

namespace btcnet::actors {

const char* to_string(conn_state s) {
  switch (s) {
    case conn_state::pending:
      return "pending";
    case conn_state::failing:
      return "failing";
    case conn_state::canceled:
      return "canceled";
    case conn_state::established:
      return "established";
    case conn_state::disconnected:
      return "disconnected";
  }
  return "?";
}

namespace {

// Ended requests kept for queries (the inspector, tests); btcd's callers keep their ConnReq.
constexpr std::size_t ended_history = 64;
// btcd limits the inbound-rejection warning with rate.Sometimes{First: 3, Interval: 30s}.
constexpr int rejection_log_first = 3;
constexpr caf::timespan rejection_log_interval = std::chrono::seconds(30);

struct conn_request {
  conn_request_info info;
  transport::connection_ptr conn;
};

std::string describe(const conn_request_info& r) {
  if (r.target.host.empty()) return "reqid " + std::to_string(r.id);
  return r.target.to_string() + " (reqid " + std::to_string(r.id) + ")";
}

struct conn_manager_state;
using conn_manager_impl = instrumented<conn_manager_actor>;
using self_pointer = conn_manager_impl::stateful_pointer<conn_manager_state>;

struct conn_manager_state {
  static inline const char* name = "conn_manager";

  self_pointer self = nullptr;
  actors::probe probe;
  conn_manager_config config;
  conn_manager_peers peers;
  std::map<std::uint64_t, conn_request> pending;  // not connected yet (btcd `pending`)
  std::map<std::uint64_t, conn_request> conns;    // established (btcd `conns`)
  std::deque<conn_request_info> ended;
  std::uint64_t last_id = 0;
  std::uint32_t failed_attempts = 0;
  std::uint32_t inbound_live = 0;
  std::uint64_t inbound_rejected = 0;
  int rejection_logs = 0;
  caf::actor_clock::time_point last_rejection_log{};
  bool started = false;
  bool stopped = false;

  // --- API ---
  std::uint64_t connect(const connect_request& req) {
    if (stopped) return 0;  // btcd: Connect after Stop leaves the id unassigned
    const std::uint64_t id = ++last_id;
    self->send(self, register_pending{id, req.target, req.permanent});
    return id;
  }

  void new_request() {
    if (stopped || !peers.address_source) return;
    self->send(self, register_pending{++last_id, {}, false});
  }

  void start() {
    if (started || stopped) return;
    started = true;
    for (std::uint32_t i = 0; i < config.target_outbound; ++i) new_request();
  }

  void stop() {
    if (stopped) {
      log::cmgr().warn("Connection manager already stopped");
      return;
    }
    stopped = true;
  }

  // --- connHandler ---
  void on_register_pending(const register_pending& msg) {
    conn_request& req = pending[msg.id];
    req.info = conn_request_info{msg.id, msg.target, msg.permanent, conn_state::pending, 0};
    if (msg.target.host.empty()) return ask_address(msg.id);
    dial(req.info);
  }

  void ask_address(std::uint64_t id) {
    self->request(peers.address_source, address_request_timeout, get_address{})
        .then(
            [this, id](const address_candidate& c) {
              if (!c.found) return on_failed(id, transport::transport_errc::no_address_available);
              auto it = pending.find(id);
              if (it == pending.end() || stopped) return;
              it->second.info.target = c.target;
              dial(it->second.info);
            },
            [this, id](caf::error&) { on_failed(id, std::make_error_code(std::errc::timed_out)); });
  }

  void dial(const conn_request_info& info) {
    if (stopped) return;
    log::cmgr().debug("Attempting to connect to {}", describe(info));
    self->send(peers.dialer, dial_request{info.id, info.target, self});
  }

  void on_connected(const handle_connected& msg) {
    auto it = pending.find(msg.id);
    if (it == pending.end()) {
      if (msg.conn) msg.conn->close();
      log::cmgr().debug("Ignoring connection for canceled connreq={}", msg.id);
      return;
    }
    conn_request req = std::move(it->second);
    pending.erase(it);
    req.info.state = conn_state::established;
    req.info.retry_count = 0;
    req.conn = msg.conn;
    failed_attempts = 0;
    log::cmgr().debug("Connected to {}", describe(req.info));
    emit(on_connection{req.info, req.conn});
    conns.emplace(msg.id, std::move(req));
  }

  void on_failed(std::uint64_t id, std::error_code error) {
    auto it = pending.find(id);
    if (it == pending.end()) return;
    it->second.info.state = conn_state::failing;
    log::cmgr().debug("Failed to connect to {}: {}", describe(it->second.info), error.message());
    handle_failed_conn(it->second.info, false);
  }

  void on_disconnected(const handle_disconnected& msg) {
    auto it = conns.find(msg.id);
    if (it == conns.end()) return cancel_pending(msg.id);
    conn_request req = std::move(it->second);
    conns.erase(it);
    if (req.conn) req.conn->close();
    log::cmgr().debug("Disconnected from {}", describe(req.info));
    const bool reconnect =
        msg.retry && (req.info.permanent || conns.size() < config.target_outbound);
    // btcd leaves a non-reconnecting Established request as it is and forgets it; we mark it
    // disconnected so that events and queries tell the truth.
    req.info.state = reconnect ? conn_state::pending : conn_state::disconnected;
    emit(on_disconnection{req.info});
    if (!reconnect) return remember_ended(req.info);
    req.conn.reset();
    auto& stored = pending[msg.id] = std::move(req);
    handle_failed_conn(stored.info, msg.trigger_reconnect);
  }

  void cancel_pending(std::uint64_t id) {
    auto it = pending.find(id);
    if (it == pending.end()) {
      log::cmgr().debug("Unknown connid={}", id);
      return;
    }
    it->second.info.state = conn_state::canceled;
    self->send(peers.dialer, cancel_dial{id});
    remember_ended(it->second.info);
    pending.erase(it);
  }

  // btcd handleFailedConn.
  void handle_failed_conn(conn_request_info& info, bool trigger_reconnect) {
    if (stopped) return;
    if (info.permanent || trigger_reconnect) {
      ++info.retry_count;
      const caf::timespan delay =
          std::min(info.retry_count * config.retry_duration, max_retry_duration);
      log::cmgr().debug("Retrying connection to {} in {}s", describe(info),
                        std::chrono::duration_cast<std::chrono::seconds>(delay).count());
      self->delayed_send(self, delay, retry_connect{info.id});
      return;
    }
    if (!peers.address_source) return;  // stays failing in `pending`, as in btcd
    if (++failed_attempts >= max_failed_attempts) {
      log::cmgr().debug(
          "Max failed connection attempts reached: [{}] -- retrying connection in: {}s",
          max_failed_attempts,
          std::chrono::duration_cast<std::chrono::seconds>(config.retry_duration).count());
      self->delayed_send(self, config.retry_duration, delayed_new_conn_req{info.id});
      return;
    }
    replace_request(info.id);
  }

  void replace_request(std::uint64_t failed_id) {
    cancel_pending(failed_id);
    new_request();
  }

  void on_retry(std::uint64_t id) {
    auto it = pending.find(id);
    if (stopped || it == pending.end()) return;  // canceled or removed meanwhile
    dial(it->second.info);
  }

  // --- inbound slots (btcd HEAD limitInbound) ---
  void on_inbound(const transport::connection_ptr& conn) {
    if (stopped) return conn->close();
    if (config.max_inbound && inbound_live >= *config.max_inbound) {
      ++inbound_rejected;
      log_rejection(conn->remote().to_string());
      return conn->close();
    }
    ++inbound_live;
    conn->on_release(
        [handle = conn_manager_actor{self}] { caf::anon_send(handle, inbound_released{}); });
    emit(on_accept{conn});
  }

  void log_rejection(const std::string& remote) {
    const auto now = self->clock().now();
    if (rejection_logs < rejection_log_first ||
        now - last_rejection_log >= rejection_log_interval) {
      ++rejection_logs;
      last_rejection_log = now;
      log::cmgr().warn("Inbound connection limit reached: rejected={} remote={}", inbound_rejected,
                       remote);
    }
  }

  // --- helpers ---
  template <class Event>
  void emit(Event&& e) {
    if (peers.events) self->send(peers.events, std::forward<Event>(e));
  }

  void remember_ended(const conn_request_info& info) {
    ended.push_back(info);
    if (ended.size() > ended_history) ended.pop_front();
  }

  conn_manager_snapshot snapshot() const {
    conn_manager_snapshot s;
    for (const auto* table : {&pending, &conns})
      for (const auto& [id, req] : *table) s.requests.push_back(req.info);
    s.requests.insert(s.requests.end(), ended.begin(), ended.end());
    s.target_outbound = config.target_outbound;
    s.failed_attempts = failed_attempts;
    s.inbound_live = inbound_live;
    s.inbound_rejected = inbound_rejected;
    s.started = started;
    s.stopped = stopped;
    return s;
  }
};

// The inspector's view: requests by state with their retries, and the newest requests.
nlohmann::json summary(const conn_manager_snapshot& s) {
  constexpr std::size_t max_listed = 100;
  nlohmann::json by_state = nlohmann::json::object();
  nlohmann::json requests = nlohmann::json::array();
  for (const auto& r : s.requests) {
    auto& entry = by_state[to_string(r.state)];
    if (entry.is_null()) entry = {{"count", 0}, {"retries", 0}};
    entry["count"] = entry["count"].get<std::uint64_t>() + 1;
    entry["retries"] = entry["retries"].get<std::uint64_t>() + r.retry_count;
    if (requests.size() < max_listed)
      requests.push_back({{"id", r.id},
                          {"target", r.target.host.empty() ? "" : r.target.to_string()},
                          {"permanent", r.permanent},
                          {"state", to_string(r.state)},
                          {"retry_count", r.retry_count}});
  }
  return {{"target_outbound", s.target_outbound},
          {"failed_attempts", s.failed_attempts},
          {"inbound_live", s.inbound_live},
          {"inbound_rejected", s.inbound_rejected},
          {"started", s.started},
          {"stopped", s.stopped},
          {"by_state", by_state},
          {"requests", requests}};
}

conn_manager_impl::behavior_type conn_manager_fn(self_pointer self, conn_manager_config config,
                                                 conn_manager_peers peers) {
  auto& st = self->state;
  st.self = self;
  st.config = config;
  st.peers = std::move(peers);
  st.probe.attach(self, st.config.registry, actor_kind::conn_manager, "conn_manager");
  st.probe.on_summary([&st] { return summary(st.snapshot()); });
  return instrument<conn_manager_impl::behavior_type>(
      st.probe, [&st](const connect_request& r) { return st.connect(r); },
      [&st](new_conn_req) { st.new_request(); },
      [&st](const disconnect_request& r) {
        if (!st.stopped)
          st.self->send(st.self, handle_disconnected{r.id, true, r.trigger_reconnect});
      },
      [&st](const remove_request& r) {
        if (!st.stopped) st.self->send(st.self, handle_disconnected{r.id, false, false});
      },
      [&st](start_atom) { st.start(); }, [&st](stop_atom) { st.stop(); },
      [&st](get_conn_manager_state) { return st.snapshot(); },
      [&st](const register_pending& m) { st.on_register_pending(m); },
      [&st](const handle_connected& m) { st.on_connected(m); },
      [&st](const handle_failed& m) { st.on_failed(m.id, m.error); },
      [&st](const handle_disconnected& m) { st.on_disconnected(m); },
      [&st](const retry_connect& m) { st.on_retry(m.id); },
      [&st](const delayed_new_conn_req& m) {
        if (!st.stopped) st.replace_request(m.failed_id);
      },
      [&st](const inbound_accepted& m) { st.on_inbound(m.conn); },
      [&st](inbound_released) { --st.inbound_live; });
}

}  // namespace

std::string validate(const conn_manager_config& config, const conn_manager_peers& peers) {
  (void)config;
  if (!peers.dialer) return "Config: Dial cannot be nil";  // btcd ErrDialNil
  return {};
}

conn_manager_actor spawn_conn_manager(caf::actor_system& sys, conn_manager_config config,
                                      conn_manager_peers peers) {
  if (config.target_outbound == 0) config.target_outbound = default_target_outbound;
  if (config.retry_duration <= caf::timespan::zero())
    config.retry_duration = default_retry_duration;
  return caf::actor_cast<conn_manager_actor>(sys.spawn(conn_manager_fn, config, std::move(peers)));
}

}  // namespace btcnet::actors
