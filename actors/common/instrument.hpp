// Builds an actor's behaviour with every handler wrapped by its probe: each message is counted
// and timed under its type's name (or a label: btcd's function name where it says more), traced
// while a trace runs, and the two introspection handlers (report, trace settings) are added.
//
//   return instrument<behavior_type>(st.probe, self,
//       [&st](const register_pending& m) { ... },
//       labeled("outbound_peer_connected", [&st](const on_connection& e) { ... }));
#pragma once

#include <caf/atom.hpp>
#include <caf/deep_to_string.hpp>
#include <string>
#include <type_traits>
#include <utility>

#include "actors/common/probe.hpp"

namespace btcnet::actors {

template <class F>
struct labeled_handler {
  const char* label;
  F fn;
};

// A handler counted and traced under `label` instead of its message type.
template <class F>
labeled_handler<F> labeled(const char* label, F fn) {
  return {label, std::move(fn)};
}

template <class F>
struct untraced_handler {
  F fn;
};

// A handler counted but never traced, because the actor traces what it means itself (a peer
// records the wire message inside a received frame).
template <class F>
untraced_handler<F> untraced(F fn) {
  return {std::move(fn)};
}

namespace instrument_detail {

template <class... Ts>
struct signature {};

template <class F>
struct handler_traits : handler_traits<decltype(&F::operator())> {};
template <class C, class R, class... A>
struct handler_traits<R (C::*)(A...) const> {
  using type = signature<R, A...>;
  using first = std::decay_t<std::tuple_element_t<0, std::tuple<A...>>>;
};

template <class T>
struct is_atom : std::false_type {};
template <caf::atom_value V>
struct is_atom<caf::atom_constant<V>> : std::true_type {};

// The name a message type goes by in counters and traces.
template <class T>
const char* type_name() {
  if constexpr (is_atom<T>::value) {
    static const std::string name = caf::to_string(T::value);
    return name.c_str();
  } else {
    return message_name(static_cast<const T*>(nullptr));  // declared by BTCNET_INSPECT
  }
}

template <class F>
const char* handler_name(const F&) {
  return type_name<typename handler_traits<F>::first>();
}
template <class F>
const char* handler_name(const labeled_handler<F>& h) {
  return h.label;
}
template <class F>
const char* handler_name(const untraced_handler<F>& h) {
  return handler_name(h.fn);
}

template <class F>
F&& unwrap(F&& f) {
  return std::forward<F>(f);
}
template <class F>
F unwrap(labeled_handler<F> h) {
  return std::move(h.fn);
}
template <class F>
F unwrap(untraced_handler<F> h) {
  return std::move(h.fn);
}

template <class F>
inline constexpr bool traced = true;
template <class F>
inline constexpr bool traced<untraced_handler<F>> = false;

// A short text of a message for a trace (only built for events a trace admits).
// A type may say what matters about it with trace_summary() (found by argument-dependent
// lookup); otherwise the fields its inspect() names are printed.
template <class T, class... Rest>
std::string summary(const T& x, const Rest&...) {
  constexpr std::size_t max_summary = 200;
  std::string s;
  if constexpr (requires { trace_summary(x); })
    s = trace_summary(x);
  else
    s = caf::deep_to_string(x);
  if (s.size() > max_summary) s.resize(max_summary);
  return s;
}

// Introspection's own handlers are counted but never traced: an inspector polling reports
// would otherwise fill every trace. The handler's index is a template argument, not a capture:
// every actor keeps its behaviour's handlers, and a peer has fourteen.
template <bool Traced, std::size_t Index, class F, class R, class... A>
auto wrap(probe* p, F f, signature<R, A...>) {
  return [p, f = std::move(f)](A... args) -> R {
    probe::scope counted(*p, Index);
    if constexpr (Traced)
      if (p->tracing() && p->admit_handler(Index)) [[unlikely]]
        p->trace_message(Index, summary(args...));
    return f(std::forward<A>(args)...);
  };
}

template <bool Traced, std::size_t Index, class F>
auto wrap(probe* p, F f) {
  return wrap<Traced, Index>(p, std::move(f), typename handler_traits<F>::type{});
}

template <class Behavior, class... Fs, std::size_t... I>
Behavior build(probe& p, std::index_sequence<I...>, Fs... fs) {
  static const char* const names[] = {handler_name(fs)..., "get_actor_report", "trace_settings"};
  p.define(names, sizeof...(Fs) + 2);
  probe* pp = &p;
  if (!p.enabled())
    return Behavior{
        unwrap(std::move(fs))...,
        [pp](const get_actor_report& r) -> actor_report { return pp->report(r.with_state); },
        [pp](const trace_settings& s) { pp->apply(s); },
    };
  return Behavior{
      wrap<traced<Fs>, I>(pp, unwrap(std::move(fs)))...,
      wrap<false, sizeof...(Fs)>(
          pp, [pp](const get_actor_report& r) -> actor_report { return pp->report(r.with_state); }),
      wrap<false, sizeof...(Fs) + 1>(pp, [pp](const trace_settings& s) { pp->apply(s); }),
  };
}

}  // namespace instrument_detail

// The interface an instrumented actor actually has: its own plus the introspection handlers.
template <class Actor>
using instrumented = typename Actor::template extend_with<introspectable_actor>;

// The probe lives in the actor's state; instrument() is called once, in the behaviour function.
template <class Behavior, class... Fs>
Behavior instrument(probe& p, Fs... fs) {
  return instrument_detail::build<Behavior>(p, std::index_sequence_for<Fs...>{}, std::move(fs)...);
}

}  // namespace btcnet::actors
