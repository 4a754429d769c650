// The rpc actor's internals: its state, the method table, argument helpers, and the pattern for
// methods that wait for another actor. Methods are grouped by area in methods_*.cpp.
#pragma once

#include <caf/stateful_actor.hpp>
#include <caf/typed_event_based_actor.hpp>
#include <stdexcept>
#include <string_view>

#include "actors/common/instrument.hpp"
#include "actors/rpc/rpc_service.hpp"

namespace btcnet::actors {

using rpc::json;

struct rpc_state;
using rpc_impl = instrumented<rpc_actor>;
using rpc_pointer = rpc_impl::stateful_pointer<rpc_state>;

// Thrown while reading arguments; the dispatcher turns it into the call's error.
struct rpc_failure : std::runtime_error {
  rpc_failure(int code, const std::string& message) : std::runtime_error(message), code(code) {}
  int code;
};

// Positional arguments after named ones were mapped onto the method's parameter list; a missing
// optional argument is null.
class rpc_args {
 public:
  explicit rpc_args(json values) : values_(std::move(values)) {}
  bool has(std::size_t i) const { return i < values_.size() && !values_[i].is_null(); }
  const json& at(std::size_t i) const { return values_.at(i); }
  std::string text(std::size_t i) const;                           // a string, else type error
  std::string text_or(std::size_t i, std::string fallback) const;  // absent -> fallback
  std::int64_t integer_or(std::size_t i, std::int64_t fallback) const;
  bool flag_or(std::size_t i, bool fallback) const;

 private:
  json values_;
};

using method_fn = caf::result<rpc::outcome> (*)(rpc_state& st, const rpc_args& args);

struct method_spec {
  std::string_view name;
  std::string_view category;
  // Parameter names; a trailing '?' marks an optional one ("count?").
  std::vector<std::string_view> params;
  std::string_view help;  // one paragraph, shown by `help <method>`
  method_fn fn;
};

// The tables of each area.
const std::vector<method_spec>& peer_methods();
const std::vector<method_spec>& network_methods();
const std::vector<method_spec>& ban_methods();
const std::vector<method_spec>& control_methods();
const std::vector<method_spec>& inspect_methods();

struct rpc_state {
  static inline const char* name = "rpc";
  rpc_pointer self = nullptr;
  actors::probe probe;
  rpc_config config;
  rpc_links links;
  std::vector<const method_spec*> methods;  // every table, sorted by name
  bool stopping = false;

  std::int64_t unix_now() const;
  caf::result<rpc::outcome> call(const rpc::request& req);
  std::string help(const std::string& method) const;
};

inline rpc::outcome success(json result) {
  return {std::move(result), std::nullopt};
}
inline rpc::outcome failure(int code, std::string message) {
  return {json(), rpc::rpc_error{code, std::move(message)}};
}

// Sends `msg` to `dest` and answers the call with `to_outcome(reply)` once it arrives; a timeout
// or a dead actor answers with an internal error.
template <class Reply, class Dest, class Msg, class F>
caf::result<rpc::outcome> ask(rpc_state& st, const Dest& dest, Msg msg, F to_outcome) {
  if (!dest)
    return failure(rpc::error_code::client_p2p_disabled,
                   "Error: Peer-to-peer functionality missing or disabled");
  auto rp = st.self->template make_response_promise<rpc::outcome>();
  st.self->request(dest, st.config.timeout, std::move(msg))
      .then([rp, f = std::move(to_outcome)](Reply& r) mutable { rp.deliver(f(r)); },
            [rp](caf::error& e) mutable {
              rp.deliver(failure(rpc::error_code::internal_error, caf::to_string(e)));
            });
  return rp;
}

// Sends two requests at once and answers the call with `to_outcome(first, second)` when both
// replies are in; the first failure answers with an internal error.
template <class R1, class R2, class D1, class M1, class D2, class M2, class F>
caf::result<rpc::outcome> ask_both(rpc_state& st, const D1& d1, M1 m1, const D2& d2, M2 m2,
                                   F to_outcome) {
  if (!d1 || !d2)
    return failure(rpc::error_code::client_p2p_disabled,
                   "Error: Peer-to-peer functionality missing or disabled");
  struct pair_state {
    caf::typed_response_promise<rpc::outcome> rp;
    std::optional<R1> first;
    std::optional<R2> second;
    F f;
    bool answered = false;
    void finish() {
      if (answered || !first || !second) return;
      answered = true;
      rp.deliver(f(*first, *second));
    }
    void fail(const caf::error& e) {
      if (answered) return;
      answered = true;
      rp.deliver(failure(rpc::error_code::internal_error, caf::to_string(e)));
    }
  };
  auto ps = std::make_shared<pair_state>(pair_state{
      st.self->template make_response_promise<rpc::outcome>(), {}, {}, std::move(to_outcome)});
  st.self->request(d1, st.config.timeout, std::move(m1))
      .then(
          [ps](R1& r) {
            ps->first = std::move(r);
            ps->finish();
          },
          [ps](caf::error& e) { ps->fail(e); });
  st.self->request(d2, st.config.timeout, std::move(m2))
      .then(
          [ps](R2& r) {
            ps->second = std::move(r);
            ps->finish();
          },
          [ps](caf::error& e) { ps->fail(e); });
  return ps->rp;
}

}  // namespace btcnet::actors
