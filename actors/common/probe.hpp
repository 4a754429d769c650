// The instrumentation every actor of the node carries in its state: counts and handling times
// per message type, a latency histogram, sampled mailbox depth, who sent what, and — only while
// a trace runs — a trace source that records events for the tracer. The actor itself keeps it
// (no shared state); the registry reads it by asking the actor for its report.
#pragma once

#include <caf/actor_cast.hpp>
#include <caf/fwd.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "actors/registry/protocol.hpp"

namespace btcnet::actors {

class probe {
 public:
  using clock = std::chrono::steady_clock;

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

  // One message being handled: counted on entry, timed until the scope ends.
  class scope {
   public:
    scope(probe& p, std::size_t index) : p_(p), index_(index), start_(p.enter(index)) {}
    ~scope() { p_.leave(index_, start_); }
    scope(const scope&) = delete;
    scope& operator=(const scope&) = delete;

   private:
    probe& p_;
    std::size_t index_;
    clock::time_point start_;
  };

  // The one branch tracing costs when it is off.
  bool tracing() const noexcept { return trace_ != nullptr; }
  // While tracing: whether an event of this type is wanted and within the rate. Checked before
  // a summary is built, so a flood costs no formatting.
  bool admit(std::string_view type);
  bool admit_handler(std::size_t index) { return admit(names_[index]); }
  // Records the message being handled, or a wire message of a peer (after admit()).
  void trace_message(std::size_t index, std::string summary);
  void trace_wire(trace_direction direction, std::string_view command, std::string summary,
                  std::string_view peer);

  void apply(const trace_settings& settings);
  void bind(caf::scheduled_actor* self, actor_kind kind);
  actor_report report(bool with_state);
  actor_kind kind() const { return kind_; }

 private:
  struct counter {
    std::uint64_t messages = 0;
    std::uint64_t ns = 0;
  };
  struct trace_source;

  clock::time_point enter(std::size_t index);
  void leave(std::size_t index, clock::time_point start);
  void count_sender();
  void sample_mailbox();
  void emit(trace_event event);

  caf::scheduled_actor* self_ = nullptr;
  actor_kind kind_ = actor_kind::peer;
  const char* const* names_ = nullptr;
  std::unique_ptr<counter[]> counters_;
  std::size_t handler_count_ = 0;
  std::uint64_t messages_ = 0;
  std::uint64_t busy_ns_ = 0;
  std::array<std::uint64_t, latency_buckets> latency_{};
  std::uint32_t mailbox_ = 0;
  std::uint32_t mailbox_max_ = 0;
  clock::time_point last_{};
  std::unordered_map<std::uint64_t, std::uint64_t> senders_;
  std::uint64_t last_sender_ = ~std::uint64_t{0};
  std::uint64_t* last_sender_count_ = nullptr;
  std::uint64_t traced_ = 0;
  std::uint64_t trace_limited_ = 0;
  std::unique_ptr<trace_source> trace_;  // null unless a trace runs: no cost beyond tracing()
  std::function<nlohmann::json()> summary_;
};

// How long an actor waits for the registry before it goes on untraced.
inline constexpr caf::timespan registration_timeout = std::chrono::seconds(5);

template <class Self>
void probe::attach(Self* self, const registry_actor& registry, actor_kind kind, std::string name,
                   std::function<void()> ready) {
  bind(self, kind);
  if (!registry) {
    if (ready) ready();
    return;
  }
  // await: nothing else is handled until the answer is in.
  self->request(registry, registration_timeout,
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
