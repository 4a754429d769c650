#include "actors/rpc/rpc_bridge.hpp"

#include <caf/actor_system.hpp>
#include <caf/event_based_actor.hpp>

namespace btcnet::actors {

namespace {

// One call's actor. The call travels as spawn arguments, not captures: CAF 0.17 dereferences a
// null argument tuple for a functor spawned without arguments (UBSan reports it).
void call_once(caf::event_based_actor* self, rpc_actor rpc, caf::timespan timeout, rpc::request req,
               std::function<void(rpc::outcome)> done) {
  self->request(rpc, timeout, std::move(req))
      .then([done](rpc::outcome& o) { done(std::move(o)); },
            [done](caf::error& e) {
              done({nullptr, rpc::rpc_error{rpc::error_code::internal_error,
                                            "RPC failed: " + caf::to_string(e)}});
            });
}

}  // namespace

rpc::call_fn make_rpc_caller(caf::actor_system& sys, rpc_actor rpc, caf::timespan timeout) {
  return [&sys, rpc, timeout](rpc::request req, std::function<void(rpc::outcome)> done) {
    sys.spawn(call_once, rpc, timeout, std::move(req), std::move(done));
  };
}

}  // namespace btcnet::actors
