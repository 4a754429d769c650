// A small instrumented actor for the instrumentation and registry tests: it answers a ping with
// its value plus one, counts pokes under a label, and reports the last value in its summary.
#pragma once

#include <caf/actor_system.hpp>
#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>

#include "actors/common/instrument.hpp"

namespace btcnet::test {

struct toy_ping {
  int value = 0;
};
struct toy_poke {};
BTCNET_INSPECT(toy_ping, x.value)
BTCNET_INSPECT(toy_poke)

using toy_actor = caf::typed_actor<caf::replies_to<toy_ping>::with<int>, caf::reacts_to<toy_poke>>;
using toy_impl = actors::instrumented<toy_actor>;

struct toy_state {
  static inline const char* name = "toy";
  actors::probe probe;
  int last = 0;
};

inline toy_impl::behavior_type toy_fn(toy_impl::stateful_pointer<toy_state> self,
                                      actors::registry_actor registry) {
  auto& st = self->state;
  st.probe.attach(self, registry, actors::actor_kind::peer, "toy");
  st.probe.on_summary([&st] { return nlohmann::json{{"last", st.last}}; });
  return actors::instrument<toy_impl::behavior_type>(
      st.probe,
      [&st](const toy_ping& p) {
        st.last = p.value;
        return p.value + 1;
      },
      actors::labeled("poked_by_label", [](toy_poke) {}));
}

inline toy_actor spawn_toy(caf::actor_system& sys, actors::registry_actor registry) {
  return caf::actor_cast<toy_actor>(sys.spawn(toy_fn, std::move(registry)));
}

}  // namespace btcnet::test
