// The instrumentation every actor of the node carries in its state: counts and handling times
// per message type, a latency histogram, sampled mailbox depth, who sent what, and — only while
// a trace runs — a trace source that records events for the tracer. The actor itself keeps it
// (no shared state); the registry reads it by asking the actor for its report.
#pragma once

#include <caf/actor_cast.hpp>
#include <caf/fwd.hpp>
#include <caf/mailbox_element.hpp>
#include <caf/scheduled_actor.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "actors/common/sender_table.hpp"
#include "actors/registry/protocol.hpp"

namespace btcnet::actors {

class probe {
 public:
  using clock = std::chrono::steady_clock;
  // Every message of a type is timed until it has been seen this often; then one in
  // timing_interval messages (of any type) is.
  static constexpr std::uint64_t timed_first = 8;
  static constexpr std::uint32_t timing_interval = 16;

  probe();
  ~probe();
  probe(const probe&) = delete;
  probe& operator=(const probe&) = delete;

  // The behaviour's handler names, in order (instrument() calls this once).
  void define(const char* const* names, std::size_t count);
  // Joins the node's registry (if there is one) as `kind` named `name`, and applies the trace
  // settings it answers with before the actor handles anything else; then runs `ready`. Actors
  // that act at once (a peer sending its version) do so in `ready`, so a running trace sees it.
  template <class Self>
  void attach(Self* self, const registry_actor& registry, actor_kind kind, std::string name,
              std::function<void()> ready = {});
  // The actor's own state summary for reports asked "with state".
  void on_summary(std::function<nlohmann::json()> fn) { summary_ = std::move(fn); }
  // Off: instrument() builds the bare behaviour (nothing counted or traced). Only to measure
  // what instrumentation costs (tools/bench/bench_instrumentation.cpp); nodes never turn it off.
  void set_enabled(bool on) { enabled_ = on; }
  bool enabled() const { return enabled_; }

  // One message being handled. Every message is counted (by type and sender). Its handling is
  // timed when it is among the first of its type, when it woke the actor up (the mailbox was
  // empty after the previous one: so an idle actor's every message is timed, and the last
  // message's time is known), and otherwise one in `timing_interval`. That keeps the cost per
  // message to a few nanoseconds; totals are estimated from the timed ones (docs/architecture.md).
  class scope {
   public:
    scope(probe& p, std::size_t index) noexcept : p_(p), index_(index), timed_(p.enter(index)) {
      if (timed_) [[unlikely]]
        start_ = p.begin_timing();
    }
    ~scope() {
      if (timed_) [[unlikely]]
        p_.end_timing(index_, start_);
      p_.leave();
    }
    scope(const scope&) = delete;
    scope& operator=(const scope&) = delete;

   private:
    probe& p_;
    std::size_t index_;
    bool timed_;
    clock::time_point start_{};
  };

  // The one branch tracing costs when it is off.
  bool tracing() const noexcept { return trace_ != nullptr; }
  // While tracing: whether an event of this type is wanted and within the rate. Checked before
  // a summary is built, so a flood costs no formatting.
  bool admit(std::string_view type);
  bool admit_handler(std::size_t index) { return admit(names_[index]); }
  // Records the message being handled, or a wire message of a peer (after admit()).
  void trace_message(std::size_t index, std::string summary);
  // `peer` names the remote end; it is asked once per trace and kept.
  void trace_wire(trace_direction direction, std::string_view command, std::string summary,
                  const std::function<std::string()>& peer);

  void apply(const trace_settings& settings);
  void bind(caf::scheduled_actor* self, actor_kind kind);
  actor_report report(bool with_state);
  actor_kind kind() const { return kind_; }

 private:
  struct counter {
    std::uint64_t messages = 0;
    std::uint64_t timed = 0;     // of which were timed
    std::uint64_t timed_ns = 0;  // their handling time
  };
  struct trace_source;

  // The per-message path, inline: counts and the sender; true when this one is to be timed.
  bool enter(std::size_t index) noexcept {
    auto& c = counters_[index];
    ++c.messages;
    ++messages_;
    count_sender();
    return c.messages <= timed_first || --countdown_ == 0;
  }
  // Nothing left in the mailbox: the next message wakes the actor and is timed.
  void leave() noexcept {
    if (self_ && self_->mailbox().empty()) countdown_ = 1;
  }
  clock::time_point begin_timing();
  void end_timing(std::size_t index, clock::time_point start);
  void count_sender() noexcept;
  void sample_mailbox();
  void emit(trace_event event);

  caf::scheduled_actor* self_ = nullptr;
  actor_kind kind_ = actor_kind::peer;
  const char* const* names_ = nullptr;
  std::unique_ptr<counter[]> counters_;
  std::size_t handler_count_ = 0;
  std::uint64_t messages_ = 0;
  std::uint64_t timed_ = 0;
  std::uint64_t timed_ns_ = 0;
  std::uint32_t countdown_ = timing_interval;
  std::array<std::uint64_t, latency_buckets> latency_{};
  std::uint32_t mailbox_ = 0;
  std::uint32_t mailbox_max_ = 0;
  clock::time_point last_{};  // the end of the last timed message
  sender_table senders_;
  std::uint64_t traced_ = 0;
  std::uint64_t trace_limited_ = 0;
  std::unique_ptr<trace_source> trace_;  // null unless a trace runs: no cost beyond tracing()
  std::function<nlohmann::json()> summary_;
  bool enabled_ = true;
};

inline void probe::count_sender() noexcept {
  if (!self_) return;
  const auto* element = self_->current_mailbox_element();
  senders_.count(element && element->sender ? element->sender->id() : 0);
}

template <class Self>
void probe::attach(Self* self, const registry_actor& registry, actor_kind kind, std::string name,
                   std::function<void()> ready) {
  bind(self, kind);
  if (!registry) {
    if (ready) ready();
    return;
  }
  // await: nothing else is handled until the answer is in. No timeout: the registry is local and
  // answers (or errors, gone); a CAF request timeout would hold this actor in memory until it
  // expired, long after a short-lived peer has closed.
  self->request(registry, caf::infinite,
                register_actor{kind, std::move(name), caf::actor_cast<caf::actor>(self)})
      .await(
          [this, ready](const trace_settings& s) {
            apply(s);
            if (ready) ready();
          },
          [ready](caf::error&) {
            if (ready) ready();
          });
}

}  // namespace btcnet::actors
