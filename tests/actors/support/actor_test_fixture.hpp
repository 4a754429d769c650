// A GoogleTest fixture running actors under CAF's test coordinator: nothing runs until the test
// drives the scheduler, and time is virtual (CAF guide §4).
#pragma once

#include <gtest/gtest.h>

#include <caf/all.hpp>

namespace btcnet::test {

struct actor_test : ::testing::Test {
  static caf::actor_system_config& init(caf::actor_system_config& cfg) {
    cfg.set("scheduler.policy", caf::atom("testing"));
    return cfg;
  }

  caf::actor_system_config cfg;
  caf::actor_system sys{init(cfg)};
  caf::scheduler::test_coordinator& sched =
      dynamic_cast<caf::scheduler::test_coordinator&>(sys.scheduler());
  caf::scoped_actor self{sys};

  actor_test() { sys.await_actors_before_shutdown(false); }

  // Sends a request, runs every actor to quiescence and returns the reply.
  template <class T, class Handle, class... Ts>
  T ask(const Handle& dest, Ts&&... xs) {
    auto rh = self->request(dest, caf::infinite, std::forward<Ts>(xs)...);
    sched.run();
    T out{};
    rh.receive([&](T& x) { out = std::move(x); },
               [&](caf::error& err) { ADD_FAILURE() << sys.render(err); });
    return out;
  }

  // Moves virtual time forward in small steps, running actors after each, so that timers fire
  // in order and the work they trigger happens at the right virtual time.
  void advance(caf::timespan total, caf::timespan step = std::chrono::milliseconds(100)) {
    sched.run();
    for (caf::timespan done{0}; done < total; done += step) {
      sched.advance_time(std::min(step, total - done));
      sched.run();
    }
  }
};

}  // namespace btcnet::test
