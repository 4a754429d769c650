#include "actors/common/probe.hpp"

#include <algorithm>
#include <caf/scheduled_actor.hpp>
#include <caf/send.hpp>

namespace btcnet::actors {

struct probe::trace_source {
  std::vector<std::string> types;  // empty: every type
  std::string peer;                // the remote end of a peer actor, once named
  tracer_actor tracer;
  double rate = 0;
  double burst = 0;
  double tokens = 0;
  caf::actor_clock::time_point refilled{};

  bool wants(std::string_view type) const {
    return types.empty() || std::find(types.begin(), types.end(), type) != types.end();
  }
};

probe::probe() = default;
probe::~probe() = default;

void probe::define(const char* const* names, std::size_t count) {
  names_ = names;
  handler_count_ = count;
  counters_ = std::make_unique<counter[]>(count);
}

void probe::bind(caf::scheduled_actor* self, actor_kind kind) {
  self_ = self;
  kind_ = kind;
}

probe::clock::time_point probe::begin_timing() {
  countdown_ = timing_interval;
  sample_mailbox();
  return clock::now();
}

void probe::end_timing(std::size_t index, clock::time_point start) {
  last_ = clock::now();
  const auto ns = static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(last_ - start).count());
  auto& c = counters_[index];
  ++c.timed;
  c.timed_ns += ns;
  ++timed_;
  timed_ns_ += ns;
  std::size_t bucket = 0;
  while (bucket < latency_bounds_ns.size() && ns > latency_bounds_ns[bucket]) ++bucket;
  ++latency_[bucket];
}

void probe::sample_mailbox() {
  if (!self_) return;
  // The backlog already taken from the lock-free inbox (CAF takes it all at each round). Not
  // mailbox().size(): that drains the inbox, through a path of CAF's queue where UBSan flags a
  // downcast of the queue's sentinel node.
  mailbox_ = static_cast<std::uint32_t>(self_->mailbox().queue().total_task_size());
  mailbox_max_ = std::max(mailbox_max_, mailbox_);
}

// ---- tracing ----

void probe::apply(const trace_settings& s) {
  if (!s.enabled || !s.tracer) {
    trace_.reset();
    return;
  }
  trace_ = std::make_unique<trace_source>();
  trace_->types = s.filter.types;
  trace_->tracer = s.tracer;
  trace_->rate = s.events_per_second;
  trace_->burst = std::max(s.burst, 1.0);
  trace_->tokens = trace_->burst;
  if (self_) trace_->refilled = self_->clock().now();
}

bool probe::admit(std::string_view type) {
  auto& t = *trace_;
  if (!t.wants(type)) return false;
  if (self_) {
    const auto now = self_->clock().now();
    const double elapsed = std::chrono::duration<double>(now - t.refilled).count();
    t.tokens = std::min(t.burst, t.tokens + elapsed * t.rate);
    t.refilled = now;
  }
  if (t.tokens < 1) {
    ++trace_limited_;
    return false;
  }
  t.tokens -= 1;
  return true;
}

void probe::emit(trace_event e) {
  ++traced_;
  if (self_)
    e.time_us = std::chrono::duration_cast<std::chrono::microseconds>(
                    self_->clock().now().time_since_epoch())
                    .count();
  e.kind = kind_;
  caf::anon_send(trace_->tracer, std::move(e));
}

void probe::trace_message(std::size_t index, std::string summary) {
  trace_event e;
  e.direction = trace_direction::message;
  e.from = senders_.last();
  e.to = self_ ? self_->id() : 0;
  e.type = names_[index];
  e.summary = std::move(summary);
  emit(std::move(e));
}

void probe::trace_wire(trace_direction direction, std::string_view command, std::string summary,
                       const std::function<std::string()>& peer) {
  if (trace_->peer.empty()) trace_->peer = peer();
  trace_event e;
  e.direction = direction;
  const std::uint64_t me = self_ ? self_->id() : 0;
  e.from = direction == trace_direction::wire_out ? me : 0;
  e.to = direction == trace_direction::wire_in ? me : 0;
  e.type = std::string(command);
  e.summary = std::move(summary);
  e.peer = trace_->peer;
  emit(std::move(e));
}

// ---- reports ----

actor_report probe::report(bool with_state) {
  sample_mailbox();
  actor_report r;
  r.id = self_ ? self_->id() : 0;
  r.kind = kind_;
  r.messages = messages_;
  // Handling time is known for the timed messages; each type's total is its mean times count.
  for (std::size_t i = 0; i < handler_count_; ++i) {
    const auto& c = counters_[i];
    if (c.messages == 0) continue;
    const auto estimate = c.timed ? static_cast<std::uint64_t>(static_cast<double>(c.timed_ns) *
                                                               static_cast<double>(c.messages) /
                                                               static_cast<double>(c.timed))
                                  : 0;
    r.handlers.push_back({names_[i], c.messages, estimate, c.timed});
    r.busy_ns += estimate;
  }
  r.timed = timed_;
  r.latency = latency_;
  r.mailbox = mailbox_;
  r.mailbox_max = mailbox_max_;
  if (last_ != clock::time_point{})
    r.idle_ms = std::chrono::duration_cast<std::chrono::milliseconds>(clock::now() - last_).count();
  r.senders.assign(senders_.entries().begin(), senders_.entries().end());
  std::sort(r.senders.begin(), r.senders.end(),
            [](const sender_count& a, const sender_count& b) { return a.actor_id < b.actor_id; });
  r.traced = traced_;
  r.trace_limited = trace_limited_;
  if (with_state && summary_) {
    try {
      r.state = summary_();
    } catch (const std::exception& e) {  // a faulty summary must not take its actor down
      r.state = {{"summary_error", e.what()}};
    }
  }
  return r;
}

}  // namespace btcnet::actors
