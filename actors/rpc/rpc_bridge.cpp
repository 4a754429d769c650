#include "actors/rpc/rpc_bridge.hpp"

#include <caf/actor_system.hpp>
#include <caf/event_based_actor.hpp>

namespace btcnet::actors {

rpc::call_fn make_rpc_caller(caf::actor_system& sys, rpc_actor rpc, caf::timespan timeout) {
  return [&sys, rpc, timeout](rpc::request req, std::function<void(rpc::outcome)> done) {
    sys.spawn(
        [rpc, timeout, req = std::move(req), done = std::move(done)](caf::event_based_actor* self) {
          self->request(rpc, timeout, req)
              .then([done](rpc::outcome& o) { done(std::move(o)); },
                    [done](caf::error& e) {
                      done({nullptr, rpc::rpc_error{rpc::error_code::internal_error,
                                                    "RPC failed: " + caf::to_string(e)}});
                    });
        });
  };
}

}  // namespace btcnet::actors
